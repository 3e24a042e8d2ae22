"""Benchmark `core.analysis.analyze` per input format over the sample reports, against a floor.

Runs in one process: every sample is analysed once to warm up (imports, fonts, Tesseract's first
start), then `--repeat` times, timing each call (the marginal cost of one more report). The floor
is pypdfium2's text extraction alone of the same text PDFs: the least any text-PDF reader must
pay; each text PDF's engine call is timed back to back with its floor call (alternating which goes
first), so the ratio is a median of per-call ratios. Prints median and p95 latency and throughput
per format, the text-PDF ratio to the floor,
peak RSS, and the pass/fail of the targets; `--write-docs` also writes docs/benchmarks.md,
`--profile` prints where the time goes on text PDFs (cProfile, top 15 by cumulative time).
After the timed passes, one instrumented pass (bench/stages.py) adds `## Where the time goes`:
each reading stage's share of a text PDF and of a scanned page.

    python bench/bench_analyze.py --repeat 5 --write-docs
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import math
import os
import platform
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCS = ROOT / "docs" / "benchmarks.md"
AS_OF = dt.date(2026, 1, 15)
FORMATS = ("pdf_text", "pdf_scan", "image", "xlsx", "csv", "json")
SCANNED = ("pdf_scan", "image")

TEXT_PDF_P95_S = 1.0
TEXT_PDF_MAX_FLOOR_RATIO = 10.0
SCANNED_PAGE_P95_S = 5.0


@dataclass(frozen=True)
class Sample:
    name: str
    input_format: str
    content: bytes
    pages: int


@dataclass(frozen=True)
class Stats:
    """Latency of one group of timed calls, in seconds per report (or per page)."""

    label: str
    reports: int
    calls: int
    median_s: float
    p95_s: float
    throughput_per_s: float


@dataclass(frozen=True)
class Target:
    name: str
    observed: str
    limit: str
    passed: bool


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation between order statistics."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0–100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(label: str, timings: Sequence[float], reports: int) -> Stats:
    """Median, p95 and throughput (calls per second of summed time) of `timings`."""
    total = sum(timings)
    return Stats(
        label=label,
        reports=reports,
        calls=len(timings),
        median_s=statistics.median(timings),
        p95_s=percentile(timings, 95),
        throughput_per_s=len(timings) / total if total > 0 else math.inf,
    )


def format_seconds(seconds: float) -> str:
    """`0.84 ms`, `12.3 ms`, `1.42 s`: three significant figures in a readable unit."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub table; the first column is left-aligned, the others right-aligned (numbers)."""
    rows = [list(map(str, row)) for row in rows]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {row} has {len(row)} cells for {len(headers)} headers")
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * w if i == 0 else "-" * (w - 1) + ":" for i, w in enumerate(widths)]
    return "\n".join([line(headers), "| " + " | ".join(rule) + " |", *map(line, rows)])


def stats_rows(stats: Iterable[Stats]) -> list[list[str]]:
    return [
        [
            s.label,
            str(s.reports),
            str(s.calls),
            format_seconds(s.median_s),
            format_seconds(s.p95_s),
            f"{s.throughput_per_s:.3g}",
        ]
        for s in stats
    ]


STATS_HEADERS = ("format", "reports", "timed calls", "median", "p95", "reports/s")


def evaluate_targets(
    by_format: dict[str, Stats], floor: Stats | None, ratios: Sequence[float] = ()
) -> list[Target]:
    """The targets of docs/benchmarks.md, judged on this run's numbers; the floor ratio is the
    median of the per-call ratios when the calls were paired."""
    targets = []
    text = by_format.get("pdf_text")
    if text is not None:
        targets.append(
            Target(
                "text PDF p95 per report",
                format_seconds(text.p95_s),
                f"< {TEXT_PDF_P95_S:g} s",
                text.p95_s < TEXT_PDF_P95_S,
            )
        )
        if ratios or (floor is not None and floor.median_s > 0):
            ratio = statistics.median(ratios) if ratios else text.median_s / floor.median_s  # type: ignore[union-attr]
            targets.append(
                Target(
                    "text PDF median ÷ pypdfium2 floor",
                    f"{ratio:.1f}×",
                    f"≤ {TEXT_PDF_MAX_FLOOR_RATIO:g}×",
                    ratio <= TEXT_PDF_MAX_FLOOR_RATIO,
                )
            )
    page = by_format.get("scanned page")
    if page is not None:
        targets.append(
            Target(
                "scanned page p95",
                format_seconds(page.p95_s),
                f"< {SCANNED_PAGE_P95_S:g} s",
                page.p95_s < SCANNED_PAGE_P95_S,
            )
        )
    return targets


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size of this process and of its reaped children (Tesseract), in MB."""
    # Linux reports ru_maxrss in KiB (macOS in bytes; this benchmark targets Linux).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


# --- measuring (needs the project's pipeline) -------------------------------------------------


def load_samples(samples_dir: Path) -> list[Sample]:
    entries = json.loads((samples_dir / "expected.json").read_text("utf-8"))
    out = []
    for entry in entries:
        content = (samples_dir / "reports" / entry["file"]).read_bytes()
        pages = pdf_pages(content) if entry["file"].endswith(".pdf") else 1
        out.append(Sample(entry["file"], entry["input_format"], content, pages))
    return out


def pdf_pages(content: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        return len(document)
    finally:
        document.close()


def pdfium_text(content: bytes) -> str:
    """The floor: what pypdfium2 alone costs to get the text of every page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        parts = []
        for page in document:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        document.close()


def time_calls(
    fn: Callable[[Sample], object], samples: Sequence[Sample], repeat: int
) -> list[float]:
    timings = []
    for _ in range(repeat):
        for sample in samples:
            start = time.perf_counter()
            fn(sample)
            timings.append(time.perf_counter() - start)
    return timings


def analyzer() -> Callable[[Sample], object]:
    from core.analysis import analyze
    from core.standards import load_profile

    profile = load_profile()

    def run(sample: Sample) -> object:
        outcome = analyze(sample.content, sample.name, profile, as_of=AS_OF)
        if outcome.status != "COMPLETED":
            print(f"warning: {sample.name}: {outcome.error}", file=sys.stderr)
        return outcome

    return run


@dataclass(frozen=True)
class Paired:
    """Text PDFs timed with the floor call by call: each report's engine call and its floor call
    back to back, in alternating order, so both see the same machine state."""

    engine: list[float]
    floor: list[float]

    @property
    def ratios(self) -> list[float]:
        return [e / f for e, f in zip(self.engine, self.floor, strict=True) if f > 0]


def time_paired(run: Callable[[Sample], object], samples: Sequence[Sample], repeat: int) -> Paired:
    engine: list[float] = []
    floor: list[float] = []
    for round_number in range(repeat):
        for index, sample in enumerate(samples):
            order = ("floor", "engine") if (round_number + index) % 2 else ("engine", "floor")
            for which in order:
                start = time.perf_counter()
                if which == "engine":
                    run(sample)
                else:
                    pdfium_text(sample.content)
                (engine if which == "engine" else floor).append(time.perf_counter() - start)
    return Paired(engine, floor)


def measure(
    samples: Sequence[Sample], repeat: int
) -> tuple[dict[str, Stats], Stats | None, Paired | None]:
    run = analyzer()
    for sample in samples:  # warm-up: imports, caches, Tesseract's first start
        run(sample)
        if sample.input_format == "pdf_text":
            pdfium_text(sample.content)
    by_format: dict[str, Stats] = {}
    scanned_per_page: list[float] = []
    scanned_reports = 0
    paired = None
    floor = None
    for fmt in FORMATS:
        group = [s for s in samples if s.input_format == fmt]
        if not group:
            continue
        if fmt == "pdf_text":
            paired = time_paired(run, group, repeat)
            timings = paired.engine
            floor = summarize("floor: pypdfium2 text only", paired.floor, len(group))
        else:
            timings = time_calls(run, group, repeat)
        by_format[fmt] = summarize(fmt, timings, len(group))
        if fmt in SCANNED:
            pages = [s.pages for s in group] * repeat
            scanned_per_page += [t / p for t, p in zip(timings, pages, strict=True)]
            scanned_reports += len(group)
    if scanned_per_page:
        by_format["scanned page"] = summarize("scanned page", scanned_per_page, scanned_reports)
    return by_format, floor, paired


def profile_text_pdfs(samples: Sequence[Sample], repeat: int, top: int = 15) -> str:
    run = analyzer()
    text_pdfs = [s for s in samples if s.input_format == "pdf_text"]
    for sample in text_pdfs:
        run(sample)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        for sample in text_pdfs:
            run(sample)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def where_the_time_goes(samples: Sequence[Sample], repeat: int) -> str:
    """The stage breakdown (bench/stages.py): text PDFs over `repeat` passes, scans over one."""
    from bench.stages import SCAN_STAGES, TEXT_STAGES, breakdown, stages_section

    run = analyzer()
    text_pdfs = [s for s in samples if s.input_format == "pdf_text"]
    scans = [s for s in samples if s.input_format in SCANNED]
    text = breakdown(run, text_pdfs, TEXT_STAGES, "text PDF", lambda s: 1, repeat)
    scanned = breakdown(run, scans, SCAN_STAGES, "scanned page", lambda s: s.pages)
    return stages_section(text if text_pdfs else None, scanned if scans else None)


# --- reporting --------------------------------------------------------------------------------


def report(
    by_format: dict[str, Stats],
    floor: Stats | None,
    repeat: int,
    rss: tuple[float, float],
    paired: Paired | None = None,
) -> str:
    """The benchmark as Markdown: results, floor, targets and the machine it ran on."""
    rows = [by_format[k] for k in (*FORMATS, "scanned page") if k in by_format]
    if floor is not None:
        rows.append(floor)
    ratios = paired.ratios if paired else []
    targets = evaluate_targets(by_format, floor, ratios)
    spread = (
        f"The text-PDF ratio to the floor is the median of {len(ratios)} per-call ratios (each "
        "report's engine call and floor call back to back, in alternating order); they range "
        f"from {min(ratios):.1f}× to {max(ratios):.1f}×, p5–p95 {percentile(ratios, 5):.1f}×–"
        f"{percentile(ratios, 95):.1f}×."
        if ratios
        else ""
    )
    info = machine()
    lines = [
        "# Benchmarks",
        "",
        "Per-report latency of `core.analysis.analyze` on the sample reports (`samples/`), "
        "in one process after a warm-up pass, and the floor: pypdfium2's text extraction "
        "alone of the same text PDFs. Regenerate with "
        "`python bench/bench_analyze.py --repeat 5 --write-docs`; see where the time goes with "
        "`--profile`.",
        "",
        f"Run: {dt.date.today().isoformat()}, {repeat} timed pass{'es' if repeat != 1 else ''} "
        "over every sample.",
        "",
        markdown_table(STATS_HEADERS, stats_rows(rows)),
        "",
        "`scanned page` pools the scanned PDFs and images per page. Throughput is timed calls "
        "per second of summed call time (one worker).",
        "",
        *([spread, ""] if spread else []),
        "## Targets",
        "",
        markdown_table(
            ("target", "observed", "limit", "result"),
            [[t.name, t.observed, t.limit, "pass" if t.passed else "FAIL"] for t in targets],
        ),
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']} ({info['cores']} cores)",
        f"- Python {info['python']} on {info['platform']}",
        f"- Peak RSS: {rss[0]:.0f} MB in the benchmark process, {rss[1]:.0f} MB in its "
        "largest child process (Tesseract; a forked child's peak counts the parent's pages "
        "it held before exec)",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (default: 3)")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder with expected.json")
    parser.add_argument("--write-docs", action="store_true", help=f"write {DOCS.relative_to(ROOT)}")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the text PDFs; print the top 15 entries"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sys.path.insert(0, str(ROOT))  # `core` from a clone, without installing the project
    samples = load_samples(args.samples)
    if args.profile:
        print(profile_text_pdfs(samples, args.repeat))
        return 0
    by_format, floor, paired = measure(samples, args.repeat)
    text = report(by_format, floor, args.repeat, peak_rss_mb(), paired)
    text += "\n" + where_the_time_goes(samples, args.repeat)
    print(text)
    if args.write_docs:
        from bench.docs_sections import keeping_others

        DOCS.parent.mkdir(parents=True, exist_ok=True)
        old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
        DOCS.write_text(keeping_others(text, old), encoding="utf-8")
        print(f"wrote {DOCS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
