"""Print what the reader extracts from real test-sheet forms, for people to look at.

Reads every .xlsx (and .pdf) in a folder — by default ../shared/forms, the blank forms of a NETA
testing firm, which stay outside the project — and prints per file and per report (package
part): tag, equipment type, tests, verdict, readings and warnings. Nothing is judged against a
truth here; the forms are blank or filled by hand. Exits 0 with a message when the folder is
absent, so it can run anywhere.

    python bench/read_forms.py                 # ../shared/forms (or /work/shared/forms)
    python bench/read_forms.py ~/filled-forms  # another folder
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (ROOT.parent / "shared" / "forms", Path("/work/shared/forms"))
SUFFIXES = (".xlsx", ".pdf")


def describe(outcome: Any) -> list[str]:
    """One report's outcome as indented lines."""
    lines = [f"  part: {outcome.part}"] if getattr(outcome, "part", None) else []
    if outcome.status.value == "FAILED":
        return [*lines, f"  FAILED: {outcome.error}"]
    extraction = outcome.extraction
    equipment = extraction.equipment
    tests = ", ".join(t.value for t in outcome.test_types) or "-"
    lines += [
        f"  tag: {equipment.tag!r}   type: {equipment.type}   rating: {equipment.voltage_rating_v}",
        f"  tests: {tests}   date: {extraction.test.date}   verdict: {outcome.verdict}",
    ]
    for instrument in extraction.instruments:
        lines.append(
            f"  instrument: {instrument.model!r} s/n {instrument.serial!r} calibrated "
            f"{instrument.calibration_date} due {instrument.calibration_due_date}"
        )
    lines.append(f"  readings ({len(extraction.measurements)}):")
    for m in extraction.measurements:
        mark = m.censored or ""
        lines.append(
            f"    {m.quantity.value:<28} {m.point!r:<32} {mark}{m.value} {m.unit}  "
            f"[{m.source}] raw {m.raw!r}"
        )
    lines.append(f"  warnings ({len(extraction.warnings)}):")
    lines += [f"    {w.code.value}: {w.message}" for w in extraction.warnings]
    return lines


def parts_reader() -> Callable[..., list[Any]] | None:
    """`core.analysis.analyze_parts`, or None where the package reader does not exist yet."""
    try:
        from core.analysis import analyze_parts
    except ImportError:
        return None
    return analyze_parts


def read_folder(folder: Path, as_of: dt.date) -> int:
    from core.analysis import analyze
    from core.standards import load_profile

    analyze_parts = parts_reader()
    profile = load_profile()
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    if not files:
        print(f"No .xlsx or .pdf files in {folder}.")
        return 0
    for path in files:
        content = path.read_bytes()
        print(f"== {path.name}")
        if analyze_parts is not None:
            outcomes = analyze_parts(content, path.name, profile, as_of=as_of)
        else:
            outcomes = [analyze(content, path.name, profile, as_of=as_of)]
        for outcome in outcomes:
            print("\n".join(describe(outcome)))
        print()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, help="folder of forms")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="upload date to judge with (default: today)",
    )
    args = parser.parse_args(argv)
    candidates = [args.folder] if args.folder else list(DEFAULT_DIRS)
    folder = next((c for c in candidates if c.is_dir()), None)
    if folder is None:
        shown = ", ".join(str(c) for c in candidates)
        print(f"No forms folder found ({shown}); nothing to read. Pass a folder to read one.")
        return 0
    sys.path.append(str(ROOT))  # `core` from a clone, without installing the project
    return read_folder(folder, args.as_of)


if __name__ == "__main__":
    raise SystemExit(main())
