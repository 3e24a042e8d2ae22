"""A saved extraction with impossible numbers (JSON admits NaN, Infinity and 1e309) or claiming
another format is judged like any other file: the reading is dropped with DATA-006, never
APPROVED, and the source says JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.analysis import analyze
from core.enums import Verdict
from core.schemas import InputFormat
from core.standards import load_profile

ROOT = Path(__file__).resolve().parents[3]
APPROVED_JSON = ROOT / "samples" / "reports" / "ir_generator_480v_json.json"
AS_OF = dt.date(2026, 3, 1)


def _judged(text: str) -> object:
    return analyze(text.encode(), "edited.json", load_profile(), as_of=AS_OF)


def _with_value(raw: str) -> str:
    data = json.loads(APPROVED_JSON.read_text())
    data["measurements"][0]["value"] = "__VALUE__"
    return json.dumps(data).replace('"__VALUE__"', raw)


def test_the_unedited_sample_is_approved() -> None:
    assert _judged(APPROVED_JSON.read_text()).verdict == Verdict.APPROVED  # type: ignore[attr-defined]


@pytest.mark.parametrize("raw", ["1e309", "-1e309", "NaN", "Infinity", "-2500"])
def test_an_impossible_reading_is_dropped_and_never_approved(raw: str) -> None:
    outcome = _judged(_with_value(raw))
    assert outcome.verdict != Verdict.APPROVED  # type: ignore[attr-defined]
    assert "DATA-006" in {f.rule_id for f in outcome.findings}  # type: ignore[attr-defined]
    values = [m.value for m in outcome.extraction.measurements]  # type: ignore[attr-defined]
    assert all(v is None or abs(v) < 1e300 for v in values)
    json.loads(outcome.model_dump_json())  # type: ignore[attr-defined]  # still valid JSON out


def test_a_non_finite_attribute_drops_its_reading() -> None:
    data = json.loads(APPROVED_JSON.read_text())
    data["measurements"][0]["test_voltage_v"] = "__VALUE__"
    outcome = _judged(json.dumps(data).replace('"__VALUE__"', "NaN"))
    assert outcome.verdict != Verdict.APPROVED  # type: ignore[attr-defined]
    assert len(outcome.extraction.measurements) == len(data["measurements"]) - 1  # type: ignore[attr-defined]


def test_a_non_finite_field_elsewhere_is_cleared_with_a_warning() -> None:
    data = json.loads(APPROVED_JSON.read_text())
    data["equipment"]["voltage_rating_v"] = "__VALUE__"
    outcome = _judged(json.dumps(data).replace('"__VALUE__"', "1e309"))
    assert outcome.extraction.equipment.voltage_rating_v is None  # type: ignore[attr-defined]
    assert any(w.field == "equipment.voltage_rating_v" for w in outcome.extraction.warnings)  # type: ignore[attr-defined]


def test_the_source_says_what_was_read_not_what_the_file_claims() -> None:
    data = json.loads(APPROVED_JSON.read_text())
    data["source"] = {**data.get("source", {}), "format": "pdf_scan", "pages": 40}
    outcome = _judged(json.dumps(data))
    source = outcome.extraction.source  # type: ignore[attr-defined]
    assert (source.format, source.pages) == (InputFormat.JSON, None)
