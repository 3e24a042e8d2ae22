"""Examples are tests: every `cases/<RULE-ID>/fail_*.json` raises that rule as it expects,
`pass_*.json` does not raise it.

A case is a small change to one shared base report (cases/README.md has an example):

    {
      "description": "what the case shows, one line",
      "as_of": "2026-03-01",                # the upload date the rules compare with (ISO)
      "profile": "neta-ats-2025",           # optional; the default profile when absent
      "base": "insulation_resistance",      # cases/_base/<base>.json
      "changes": {                          # deep-merged into the base (see below)
        "equipment": {"voltage_rating_v": 4160},
        "measurements": [
          {"quantity": "insulation_resistance", "point": "B-G", "value": 4.7e7, "unit": "ohm",
           "duration_s": 60, "test_voltage_v": 1000}
        ]
      },
      "expect": [{"point": "B-G", "severity": "CRITICAL"}]   # fail cases only
    }

  A HIST- case also gives the asset's earlier analyses, as `"history"`: an `AssetHistory` dump
  (tag, analyses with task id, test date, verdict and their trended readings).

- A base (`cases/_base/<name>.json`) is a full, clean ExtractionResult dump: it round-trips
  (`model_validate(d).model_dump(mode="json") == d`) and raises no finding at all under the
  default profile. When the schema gains a field, only the bases are regenerated.
- `changes` is merged into the base: objects key by key (recursively), anything else — lists
  (`measurements`, `instruments`, `warnings`) and scalars — replaced whole; `null` sets a field
  to null. The merged document must be a valid ExtractionResult.
- List entries are written minimally: only the fields that differ from the model's defaults
  (the model fills the rest), and `changes` does not restate what the base already says.
- `expect` lists the findings of the case's rule, each as the finding's `evidence.point` and
  severity; a finding without a point is named by its check's subject (`evidence.details
  ["subject"]`, "report" for the CAL-/DATA- report-wide checks). The findings must equal the
  list as a multiset (order does not matter). A pass case has no `expect` and raises none.

The whole pipeline after extraction runs (`evaluate`), so a case also shows the rule in
company; every case must run without engine errors.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from core.analysis.evaluate import evaluate
from core.schemas import (
    AssetHistory,
    ExtractionResult,
    ExtractionWarning,
    Finding,
    Instrument,
    Measurement,
)
from core.standards import DEFAULT_PROFILE_ID, load_profile

CASES = Path(__file__).parent / "cases"
BASES = CASES / "_base"
BASE_AS_OF = dt.date(2026, 3, 1)
"""The upload date a base is checked at (the one the cases use)."""
CASE_KEYS = {"description", "as_of", "profile", "base", "changes", "expect", "history"}
LIST_ENTRIES: dict[str, type[BaseModel]] = {
    "instruments": Instrument,
    "measurements": Measurement,
    "warnings": ExtractionWarning,
}


def _case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*/*.json") if not p.parent.name.startswith("_"))


def _base_files() -> list[Path]:
    return sorted(BASES.glob("*.json"))


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _base(name: str) -> dict[str, Any]:
    return _read(BASES / f"{name}.json")


def _merge(base: Any, changes: Any) -> Any:
    """Objects merged key by key; lists and scalars replaced whole."""
    if isinstance(base, dict) and isinstance(changes, dict):
        merged = dict(base)
        for key, value in changes.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    return changes


def _load(path: Path) -> tuple[dict[str, Any], ExtractionResult, str, dt.date]:
    document = _read(path)
    merged = _merge(_base(document["base"]), document.get("changes", {}))
    return (
        document,
        ExtractionResult.model_validate(merged),
        document.get("profile", DEFAULT_PROFILE_ID),
        dt.date.fromisoformat(document["as_of"]),
    )


def _point(finding: Finding) -> str:
    evidence = finding.evidence
    if evidence.point is not None:
        return evidence.point
    return str(evidence.details.get("subject", "report"))


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    rule_id = path.parent.name
    document, extraction, profile_id, as_of = _load(path)
    assert set(document) <= CASE_KEYS, f"{path.name}: unknown keys {set(document) - CASE_KEYS}"
    history = document.get("history")
    outcome = evaluate(
        extraction,
        load_profile(profile_id),
        as_of=as_of,
        history=AssetHistory.model_validate(history) if history else None,
    )
    assert outcome.validation is not None
    assert not outcome.validation.engine_errors
    raised = [f for f in outcome.findings if f.rule_id == rule_id]
    got = sorted((_point(f), str(f.severity)) for f in raised)
    if path.stem.startswith("fail_"):
        assert document.get("expect"), f"{path.name}: a fail case lists what it expects"
        expected = sorted((e["point"], e["severity"]) for e in document["expect"])
        assert got == expected, f"{path.name}: {rule_id} findings {got}, expected {expected}"
    else:
        assert path.stem.startswith("pass_"), f"{path.name}: case files start fail_ or pass_"
        assert "expect" not in document, f"{path.name}: a pass case expects nothing"
        assert not raised, f"{path.name} should not raise {rule_id}: {raised[0].message}"


@pytest.mark.parametrize("path", _base_files(), ids=lambda p: p.stem)
def test_base_is_clean(path: Path) -> None:
    """A base raises nothing, so what a case raises comes from its changes."""
    extraction = ExtractionResult.model_validate(_read(path))
    outcome = evaluate(extraction, load_profile(DEFAULT_PROFILE_ID), as_of=BASE_AS_OF)
    assert outcome.validation is not None
    assert not outcome.validation.engine_errors
    assert not outcome.findings, [f"{f.rule_id} {_point(f)}: {f.message}" for f in outcome.findings]


def test_case_files_round_trip() -> None:
    """Each base is a faithful ExtractionResult dump (the JSON input contract); each merged case
    is a valid ExtractionResult that survives its own dump."""
    assert _base_files(), "no bases"
    for path in _base_files():
        document = _read(path)
        dumped = ExtractionResult.model_validate(document).model_dump(mode="json")
        assert dumped == document, f"_base/{path.name}"
    for path in _case_files():
        _, extraction, _, _ = _load(path)
        assert ExtractionResult.model_validate_json(extraction.model_dump_json()) == extraction


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `SourceLocation | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_model_in, typing.get_args(annotation))), None)


def _restated_defaults(model: type[BaseModel], entry: dict[str, Any], at: str) -> list[str]:
    found = []
    for name, value in entry.items():
        info = model.model_fields[name]
        if not info.is_required() and value == info.get_default(call_default_factory=True):
            found.append(f"{at}.{name}")
        nested = _model_in(info.annotation)
        if nested is not None and isinstance(value, dict):
            found += _restated_defaults(nested, value, f"{at}.{name}")
    return found


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_changes_are_minimal(path: Path) -> None:
    """Changes say only what differs: no value the base already has, no default in an entry."""
    document = _read(path)
    base = _base(document["base"])
    changes = document.get("changes", {})
    restated = [
        f"{section}.{key}"
        for section, values in changes.items()
        if isinstance(values, dict)
        for key, value in values.items()
        if key in base[section] and base[section][key] == value
    ]
    for section, model in LIST_ENTRIES.items():
        entries = changes.get(section)
        if entries is None:
            continue
        full = [model.model_validate(entry).model_dump(mode="json") for entry in entries]
        if full == base[section]:
            restated.append(section)
        for i, entry in enumerate(entries):
            restated += _restated_defaults(model, entry, f"{section}[{i}]")
    assert not restated, f"{path.name}: restates {restated}"


def test_every_base_is_used() -> None:
    used = Counter(_read(path)["base"] for path in _case_files())
    assert set(used) == {path.stem for path in _base_files()}, used
