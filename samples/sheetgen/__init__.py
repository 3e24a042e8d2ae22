"""Generated filled test sheets of this project's own design that reproduce the structures of a
NETA testing firm's forms (LV breaker 7.6.1.1.1, small dry-type transformer 7.2.1.1, switchgear
7.1.1), plus layouts of its own, each with the truth a NETA reviewer would conclude.

    from samples.sheetgen import cases, write_all
    for case in cases(): ...            # in memory: name, filename, content, truth / parts
    write_all(Path("/tmp/sheets"))      # the files and a truth.json beside them

Deterministic: the same library versions give the same bytes (fixed zip timestamps and workbook
dates; reportlab in invariant mode with its own Vera fonts). Analyse every case with
`as_of=AS_OF` (2026-03-15); test dates are early March 2026.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .catalog import cases
from .model import AS_OF, Reading, ReportTruth, SheetCase
from .truthjson import truth_json

__all__ = ["AS_OF", "Reading", "ReportTruth", "SheetCase", "cases", "truth_json", "write_all"]


def write_all(out_dir: Path, generated: Sequence[SheetCase] | None = None) -> list[Path]:
    """Write every case's file and `truth.json` (every case's truth) into `out_dir`; returns
    the paths written, truth.json last. `generated` reuses cases already made."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    all_cases = list(generated) if generated is not None else cases()
    for case in all_cases:
        path = out_dir / case.filename
        path.write_bytes(case.content)
        written.append(path)
    truth = out_dir / "truth.json"
    payload = [truth_json(case) for case in all_cases]
    truth.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(truth)
    return written
