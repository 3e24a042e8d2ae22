"""Reading agreement on the generated NETA-style sheets (samples/sheetgen) against their truth.

Every single-report case goes through `core.analysis.analyze`, every package through
`analyze_parts` (one outcome per sheet or page range) when it exists. Prints, per case (per part
for packages) and in total: verdict agreement, tag / equipment type / test types agreement,
reading recall (expected readings found: quantity, value within 0.5 %, over-range mark) and
invented readings (read but in no truth). `--write-docs` replaces the `## Reading agreement`
section of docs/benchmarks.md (or appends it), leaving the other sections alone.

    python bench/bench_reading.py --write-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Reading agreement"


@dataclass(frozen=True)
class Row:
    """One report's agreement: a single case, or one part of a package."""

    label: str
    structure: str
    verdict: str
    expected: str
    tag_ok: bool
    type_ok: bool
    tests_ok: bool
    found: int
    readings: int
    invented: int
    seconds: float

    @property
    def verdict_ok(self) -> bool:
        return self.verdict == self.expected


def mark(ok: bool) -> str:
    return "yes" if ok else "NO"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub table; the first column left-aligned, the others right-aligned."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * w if i == 0 else "-" * (w - 1) + ":" for i, w in enumerate(widths)]
    return "\n".join([line(headers), "| " + " | ".join(rule) + " |", *map(line, rows)])


HEADERS = (
    "report",
    "verdict (read / truth)",
    "tag",
    "type",
    "tests",
    "readings found",
    "invented",
)


def table_rows(rows: Sequence[Row]) -> list[list[str]]:
    return [
        [
            row.label,
            f"{row.verdict} / {row.expected}" + ("" if row.verdict_ok else " ✗"),
            mark(row.tag_ok),
            mark(row.type_ok),
            mark(row.tests_ok),
            f"{row.found}/{row.readings}",
            str(row.invented),
        ]
        for row in rows
    ]


def totals(rows: Sequence[Row]) -> dict[str, str]:
    n = len(rows)
    found = sum(r.found for r in rows)
    expected = sum(r.readings for r in rows)

    def share(count: int) -> str:
        return f"{count}/{n} ({100 * count / n:.0f} %)" if n else "0/0"

    return {
        "reports": str(n),
        "verdict agreement": share(sum(r.verdict_ok for r in rows)),
        "tag agreement": share(sum(r.tag_ok for r in rows)),
        "equipment type agreement": share(sum(r.type_ok for r in rows)),
        "test types agreement": share(sum(r.tests_ok for r in rows)),
        "reading recall": f"{found}/{expected} ({100 * found / expected:.1f} %)"
        if expected
        else "0/0",
        "invented readings": str(sum(r.invented for r in rows)),
        "reports with every reading right": share(
            sum(r.found == r.readings and not r.invented for r in rows)
        ),
    }


def report(rows: Sequence[Row], packages_read: bool) -> str:
    summary = totals(rows)
    lines = [
        SECTION,
        "",
        "What the reader gets right on the generated NETA-style sheets (`samples/sheetgen`: LV "
        "breaker 7.6.1.1.1, dry-type transformer 7.2.1.1, switchgear 7.1.1 structures and the "
        "project's own layouts, as XLSX and text PDF, plus two packages) against the truth a "
        "NETA reviewer would reach. Regenerate with `python bench/bench_reading.py "
        "--write-docs`; the gaps behind each ✗ are listed in "
        "`tests/core/analysis/generated_sheet_gaps.py`.",
        "",
        f"Run: {dt.date.today().isoformat()}"
        + ("" if packages_read else "; packages skipped (`analyze_parts` not available)")
        + ".",
        "",
        markdown_table(("measure", "value"), [[k, v] for k, v in summary.items()]),
        "",
        markdown_table(HEADERS, table_rows(rows)),
        "",
    ]
    return "\n".join(lines)


def parts_reader() -> Callable[..., list[Any]] | None:
    """`core.analysis.analyze_parts`, or None where the package reader does not exist yet."""
    try:
        from core.analysis import analyze_parts
    except ImportError:
        return None
    return analyze_parts


# --- measuring (needs the project) -----------------------------------------------------------


def row_of(label: str, structure: str, truth: Any, outcome: Any, seconds: float) -> Row:
    from samples.sheetgen.compare import agreement

    found = agreement(truth, outcome)
    return Row(
        label,
        structure,
        found.verdict or outcome.status.value,
        truth.verdict.value,
        found.tag_ok,
        found.type_ok,
        found.tests_ok,
        found.found,
        len(truth.readings),
        len(found.invented),
        seconds,
    )


def measure() -> tuple[list[Row], bool]:
    from core.analysis import analyze
    from core.standards import load_profile
    from samples.sheetgen import cases
    from samples.sheetgen.compare import same_part

    analyze_parts = parts_reader()
    profile = load_profile()
    rows: list[Row] = []
    for case in cases():
        start = time.perf_counter()
        if case.truth is not None:
            outcome = analyze(case.content, case.filename, profile, as_of=case.as_of)
            seconds = time.perf_counter() - start
            rows.append(row_of(case.name, case.structure, case.truth, outcome, seconds))
            continue
        if analyze_parts is None:
            continue
        outcomes = analyze_parts(case.content, case.filename, profile, as_of=case.as_of)
        seconds = time.perf_counter() - start
        for part in case.parts:
            match = [o for o in outcomes if same_part(part.part, o.part)]
            label = f"{case.name} [{part.part}]"
            if match:
                rows.append(row_of(label, case.structure, part, match[0], seconds))
            else:
                missing = Row(label, case.structure, "no such part", part.verdict.value,
                              False, False, False, 0, len(part.readings), 0, seconds)  # fmt: skip
                rows.append(missing)
    return rows, analyze_parts is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--write-docs", action="store_true", help=f"update {DOCS.relative_to(ROOT)}"
    )
    args = parser.parse_args(argv)
    sys.path.append(str(ROOT))  # `core` and `samples` from a clone, without installing
    rows, packages_read = measure()
    text = report(rows, packages_read)
    print(text)
    if args.write_docs:
        current = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else ""
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        from bench.docs_sections import with_section

        DOCS.write_text(with_section(current, SECTION, text), encoding="utf-8")
        print(f"updated {DOCS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
