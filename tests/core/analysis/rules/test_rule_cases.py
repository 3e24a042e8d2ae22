"""Examples are tests: every `cases/<RULE-ID>/fail_*.json` raises that rule, `pass_*.json` does not.

Case file format (one JSON object):

    {
      "description": "what the case shows, one line",
      "as_of": "2026-03-01",            # the upload date the rules compare with (ISO)
      "profile": "neta-ats-2025",       # optional; the default profile when absent
      "extraction": { ... }             # a full ExtractionResult dump (docs/json-format.md)
    }

The whole pipeline after extraction runs (`evaluate`), so a case also shows the rule in
company: a fail case must produce at least one finding of its rule, a pass case none.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.analysis.evaluate import evaluate
from core.schemas import ExtractionResult
from core.standards import DEFAULT_PROFILE_ID, load_profile

CASES = Path(__file__).parent / "cases"


def _case_files() -> list[Path]:
    return sorted(CASES.glob("*/*.json"))


def _load(path: Path) -> tuple[ExtractionResult, str, dt.date]:
    document = json.loads(path.read_text(encoding="utf-8"))
    extraction = ExtractionResult.model_validate(document["extraction"])
    return (
        extraction,
        document.get("profile", DEFAULT_PROFILE_ID),
        dt.date.fromisoformat(document["as_of"]),
    )


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    rule_id = path.parent.name
    extraction, profile_id, as_of = _load(path)
    outcome = evaluate(extraction, load_profile(profile_id), as_of=as_of)
    assert outcome.validation is not None
    assert not outcome.validation.engine_errors
    raised = [f for f in outcome.findings if f.rule_id == rule_id]
    if path.stem.startswith("fail_"):
        assert raised, f"{path.name} should raise {rule_id}"
    else:
        assert path.stem.startswith("pass_"), f"{path.name}: case files start fail_ or pass_"
        assert not raised, f"{path.name} should not raise {rule_id}: {raised[0].message}"


def test_case_files_round_trip() -> None:
    """A case's extraction is a faithful ExtractionResult dump (the JSON input contract)."""
    for path in _case_files():
        extraction, _, _ = _load(path)
        dumped = json.loads(extraction.model_dump_json())
        assert dumped == json.loads(path.read_text(encoding="utf-8"))["extraction"], path.name
