"""A case's truth as plain JSON (truth.json beside the written files)."""

from __future__ import annotations

from typing import Any

from .model import ReportTruth, SheetCase


def report_json(truth: ReportTruth) -> dict[str, Any]:
    return {
        "part": truth.part,
        "verdict": truth.verdict.value,
        "equipment_tag": truth.tag,
        "equipment_type": truth.equipment_type.value,
        "test_types": sorted(t.value for t in truth.test_types),
        "readings": [
            {
                "quantity": r.quantity.value,
                "value": r.value,
                "censored": r.censored,
                "hint": r.hint,
            }
            for r in truth.readings
        ],
        "why": truth.why,
    }


def truth_json(case: SheetCase) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": case.name,
        "file": case.filename,
        "structure": case.structure,
        "as_of": case.as_of.isoformat(),
    }
    if case.truth is not None:
        entry["truth"] = report_json(case.truth)
    if case.parts:
        entry["parts"] = [report_json(part) for part in case.parts]
    return entry
