"""The JSON input format is the extraction dump: save it, feed it back, get the same verdict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.analysis import analyze
from core.enums import TaskStatus
from core.standards import load_profile

ROOT = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 1, 15)
SAMPLES = sorted(
    p for p in (ROOT / "samples" / "reports").glob("*") if p.suffix in {".pdf", ".csv", ".xlsx"}
)


@pytest.mark.parametrize("path", SAMPLES[:8], ids=lambda p: p.name)
def test_extraction_dump_audits_to_the_same_outcome(path: Path) -> None:
    profile = load_profile()
    first = analyze(path.read_bytes(), path.name, profile, as_of=AS_OF)
    assert first.status == TaskStatus.COMPLETED and first.extraction is not None
    dump = first.extraction.model_dump_json(indent=2).encode()
    second = analyze(dump, "corrected.json", profile, as_of=AS_OF)
    assert second.status == TaskStatus.COMPLETED, second.error
    assert second.verdict == first.verdict
    assert second.compliance_score == first.compliance_score
    assert second.confidence_score == first.confidence_score
    assert [f.rule_id for f in second.findings] == [f.rule_id for f in first.findings]


def test_the_documented_example_is_valid() -> None:
    doc = (ROOT / "docs" / "json-format.md").read_text()
    example = doc.split("```json")[1].split("```")[0]
    outcome = analyze(example.encode(), "x.json", load_profile(), as_of=AS_OF)
    assert outcome.status == TaskStatus.COMPLETED, outcome.error


def test_a_json_that_does_not_fit_fails_with_a_sentence() -> None:
    outcome = analyze(b'{"equipment": {"tag": 5}}', "x.json", load_profile(), as_of=AS_OF)
    assert outcome.status == TaskStatus.FAILED
    assert outcome.error and "\n" not in outcome.error
