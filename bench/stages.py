"""Where the time goes: one instrumented pass over the samples, after bench_analyze's timed ones.

The readers' stage functions are module attributes their callers look up at each call, so the
pass swaps each for a wrapper that adds up its wall time, and puts the originals back after:

- text PDFs: reading the PDF (`readers.pdf.read_pdf`), and within it asking pdfium for the
  characters (`pdf.page_chars`); the rest of `analyze` interprets, checks and scores;
- scanned pages: the image preparation (`ocr.prepare_pair`: grey, scale, speckle filter,
  threshold, deskew, rule erasing), Tesseract on the page (`ocr.run_tsv`) and the numbers'
  re-read (`ocr.reread_numbers`, of which its own Tesseract runs are `ocr_reread.run_tsv`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

TEXT_STAGES = (
    ("reading the PDF (`readers/pdf.py`)", "pdf", "read_pdf"),
    ("of which pdfium's characters (`pdf_chars.page_chars`)", "pdf", "page_chars"),
)
SCAN_STAGES = (
    ("image preparation (`ocr.prepare_pair`)", "ocr", "prepare_pair"),
    ("Tesseract on the page", "ocr", "run_tsv"),
    ("numbers' re-read (`ocr_reread`)", "ocr", "reread_numbers"),
    ("of which its Tesseract runs", "ocr_reread", "run_tsv"),
)


@dataclass(frozen=True)
class Breakdown:
    """Seconds per unit (a report, or a scanned page) of the whole call and of each stage."""

    unit: str
    units: int
    total_s: float
    stages: dict[str, float]


@contextmanager
def instrumented(targets: Sequence[tuple[str, Any, str]]) -> Iterator[dict[str, float]]:
    """While open, every call of each `(name, module, attribute)` adds its wall time to
    `totals[name]` (threads included)."""
    totals = {name: 0.0 for name, _, _ in targets}
    lock = threading.Lock()
    originals = [(module, attr, getattr(module, attr)) for _, module, attr in targets]

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with lock:
                    totals[name] += time.perf_counter() - start

        return wrapper

    for (name, _, _), (module, attr, original) in zip(targets, originals, strict=True):
        setattr(module, attr, timed(name, original))
    try:
        yield totals
    finally:
        for module, attr, original in originals:
            setattr(module, attr, original)


def breakdown(
    run: Callable[[Any], object],
    samples: Sequence[Any],
    stages: Sequence[tuple[str, str, str]],
    unit: str,
    units_of: Callable[[Any], int],
    repeat: int = 1,
) -> Breakdown:
    """`repeat` passes of `run` over `samples` with `stages` instrumented, per unit."""
    from core.analysis.extraction.readers import ocr, ocr_reread, pdf

    modules = {"pdf": pdf, "ocr": ocr, "ocr_reread": ocr_reread}
    units = repeat * sum(units_of(sample) for sample in samples)
    with instrumented([(name, modules[module], attr) for name, module, attr in stages]) as totals:
        start = time.perf_counter()
        for _ in range(repeat):
            for sample in samples:
                run(sample)
        total = time.perf_counter() - start
    per = max(units, 1)
    return Breakdown(unit, units, total / per, {name: s / per for name, s in totals.items()})


def _duration(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _table(part: Breakdown, rest: str) -> list[str]:
    rows = [("`analyze`, whole", part.total_s)]
    rows += list(part.stages.items())
    top_level = sum(s for name, s in part.stages.items() if not name.startswith("of which"))
    rows.append((rest, part.total_s - top_level))
    header = f"| stage | per {part.unit} | share |"
    lines = [header, "| ----- | ---: | ---: |"]
    for name, seconds in rows:
        share = 100 * seconds / part.total_s if part.total_s else 0.0
        lines.append(f"| {name} | {_duration(seconds)} | {share:.0f} % |")
    return lines


def stages_section(text: Breakdown | None, scans: Breakdown | None) -> str:
    """The `## Where the time goes` section of docs/benchmarks.md."""
    lines = [
        "## Where the time goes",
        "",
        "One instrumented pass over the samples after the timed ones (`bench/stages.py`): the "
        "wall time spent inside each stage of `analyze`, added up and divided by the reports "
        "or pages.",
        "",
    ]
    if text is not None:
        lines += [*_table(text, "interpreting, rules and scoring (the rest)"), ""]
        lines.append(
            f"{text.units} text-PDF calls. pdfium's own text joins form columns with single "
            "spaces, so the reader regroups the characters into lines and cells by position; "
            "the page text comes in one pdfium call, the boxes through bare ctypes prototypes. "
            "pdfplumber stays off this path (its text extraction alone is ~18× the floor)."
        )
        lines.append("")
    if scans is not None:
        lines += [*_table(scans, "decoding, rendering, interpreting, rules (the rest)"), ""]
        lines.append(
            f"{scans.units} scanned pages (PDF scans and images). The preparation (deskew and "
            "table-rule erasing, `readers/ocr_clean.py`) is what lets Tesseract read bordered "
            "tables at all; its speckle filter and rule detection run as numpy array passes."
        )
        lines.append("")
    lines.append(
        "Every analysis the CLI, app or worker runs also pays its isolated child's round trip "
        "(`analysis/isolation.py`), which this in-process benchmark leaves out; see *Doors*."
    )
    return "\n".join(lines) + "\n"
