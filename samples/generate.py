"""Regenerate the sample reports (samples/reports/) and their outcomes (samples/expected.json).

Deterministic: fixed seeds, fixed PDF dates and ids, fixed zip timestamps, so running it again with
the same library versions gives byte-identical files. Run from the repository root:

    python samples/generate.py                      # everything, into samples/
    python samples/generate.py --out /tmp/s --formats pdf_text,csv,json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # `generator` and `core` without installing anything

from generator.build import generate  # noqa: E402

FORMATS = ("pdf_text", "pdf_scan", "png", "jpeg", "tiff", "xlsx", "csv", "json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="directory for reports/ and expected.json"
    )
    parser.add_argument(
        "--formats",
        help=f"comma-separated subset of {', '.join(FORMATS)} (default: all)",
    )
    args = parser.parse_args(argv)
    formats = None
    if args.formats:
        formats = {f.strip() for f in args.formats.split(",") if f.strip()}
        unknown = formats - set(FORMATS)
        if unknown:
            parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    written = generate(args.out, formats)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({total / 1e6:.2f} MB) under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
