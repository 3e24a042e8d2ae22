"""evaluate(): deterministic, robust to a broken rule, ordered, and steered by the profile."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from core import enums
from core.analysis.evaluate import evaluate
from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.registry import active_rules, enabled_rules
from core.enums import EquipmentType, Severity, TaskStatus, Verdict
from core.schemas import ExtractionResult, Quantity
from core.standards import load_profile, profile_from_mapping
from tests.core.analysis.rules.factories import (
    AS_OF,
    contact_report,
    edit,
    ground_report,
    ir,
    ir_report,
    measurement,
    rule_ids,
    run,
    thermography_report,
    ttr_report,
)

REPORTS = {
    "ir": ir_report({"A-G": 850, "B-G": 47, "C-G": 910}),
    "ground": ground_report({52: 1.5, 62: 2.0, 72: 2.1}),
    "thermo": thermography_report(load_pct=None),
    "contact": contact_report({"Pole A": 40, "Pole B": 44, "Pole C": 71}),
    "ttr": ttr_report({"A": 8.664, "B": 8.731, "C": 8.669}),
}


def test_same_input_gives_byte_identical_json() -> None:
    profile = load_profile()
    for extraction in REPORTS.values():
        first = evaluate(extraction, profile, as_of=AS_OF).model_dump_json()
        again = ExtractionResult.model_validate_json(extraction.model_dump_json())
        assert evaluate(again, profile, as_of=AS_OF).model_dump_json() == first


def test_as_of_is_an_input_not_an_output() -> None:
    extraction = REPORTS["ir"]
    later = evaluate(extraction, load_profile(), as_of=AS_OF + dt.timedelta(days=300))
    assert later.model_dump_json() == run(extraction).model_dump_json()
    future = edit(extraction, "test", date=AS_OF + dt.timedelta(days=400))  # DATA-003 fires
    early = evaluate(future, load_profile(), as_of=AS_OF)
    assert "DATA-003" in rule_ids(early)
    assert AS_OF.isoformat() not in early.model_dump_json()
    assert (
        early.model_dump_json() == run(future, as_of=AS_OF + dt.timedelta(days=1)).model_dump_json()
    )


def test_outcome_carries_the_validation_result() -> None:
    outcome = run(REPORTS["ir"])
    assert outcome.status is TaskStatus.COMPLETED
    assert (outcome.file, outcome.equipment_tag) == ("SWGR-1A.pdf", "SWGR-1A")
    validation = outcome.validation
    assert validation is not None
    assert (validation.threshold_set_id, validation.threshold_set_version) == (
        "neta-ats-2025",
        "2025.1",
    )
    assert validation.profile_id == "neta-ats-2025"
    assert {(c.rule_id, c.subject) for c in validation.checks} >= {
        ("IR-001", "A-G"),
        ("IR-001", "B-G"),
        ("DATA-001", "report"),
    }
    failed = next(c for c in validation.checks if not c.passed and c.rule_id == "IR-001")
    assert (failed.subject, failed.deducted) == ("B-G", 10)
    assert validation.derived["ir_readings"][0]["basis"]["row"] == "600 V"
    assert outcome.extraction == REPORTS["ir"]


def test_findings_sorted_by_severity_rule_and_point() -> None:
    for extraction in REPORTS.values():
        findings = run(extraction).findings
        keys = [f.sort_key for f in findings]
        assert keys == sorted(keys)
    severities = [f.severity for f in run(REPORTS["ir"]).findings]
    assert severities[0] is Severity.CRITICAL


def test_evidence_carries_observed_limit_and_source() -> None:
    (finding,) = [f for f in run(REPORTS["ir"]).findings if f.rule_id == "IR-001"]
    evidence = finding.evidence
    assert (evidence.observed, evidence.unit, evidence.limit, evidence.comparator) == (
        47.0,
        "MΩ",
        100.0,
        ">=",
    )
    assert evidence.corrected == 47.0 and evidence.point == "B-G"
    assert evidence.clause == "ANSI/NETA ATS-2025 Table 100.1"
    assert evidence.source is not None and evidence.raw
    assert "47 MΩ" in finding.message and "100 MΩ" in finding.message
    assert "\n" not in finding.message


def _boom(ctx: RuleContext) -> Iterator[Result]:
    yield ctx.passed("report")
    raise ZeroDivisionError("division by zero")


def test_a_raising_rule_is_an_engine_error_and_forces_review() -> None:
    broken = make_rule(
        id="DATA-999", name="always-breaks", doc="DATA-999 always-breaks: x.", check=_boom,
        thresholds=("data.tag_missing",),
    )  # fmt: skip
    rules = (*active_rules(), broken)
    clean = ir_report()
    outcome = evaluate(clean, load_profile(), as_of=AS_OF, rules=rules)
    assert outcome.validation is not None
    (error,) = outcome.validation.engine_errors
    assert error.rule_id == "DATA-999" and "ZeroDivisionError" in error.message
    assert outcome.verdict is Verdict.REVIEW
    assert not [c for c in outcome.validation.checks if c.rule_id == "DATA-999"]
    assert [c for c in outcome.validation.checks if c.rule_id == "IR-001"]  # others still ran
    assert run(clean).verdict is Verdict.APPROVED


def test_owner_profile_makes_a_2_ohm_ground_fail() -> None:
    two_ohms = ground_report({52: 1.9, 62: 2.0, 72: 2.1})
    assert "GND-001" not in rule_ids(run(two_ohms))
    owner = run(two_ohms, profile="datacenter-owner-example")
    (finding,) = [f for f in owner.findings if f.rule_id == "GND-001"]
    assert finding.severity is Severity.CRITICAL and finding.evidence.limit == 1.0
    assert "Owner specification" in (finding.evidence.clause or "")
    assert owner.verdict is Verdict.REJECTED
    assert owner.validation is not None
    assert owner.validation.profile_id == "datacenter-owner-example"


def test_owner_profile_regrades_a_severity() -> None:
    no_load = thermography_report(load_pct=None)
    default = [f.severity for f in run(no_load).findings if f.rule_id == "THM-004"]
    owner = [
        f.severity
        for f in run(no_load, profile="datacenter-owner-example").findings
        if f.rule_id == "THM-004"
    ]
    assert (default, owner) == ([Severity.INFO], [Severity.MINOR])


def test_a_profile_can_disable_rules() -> None:
    profile = profile_from_mapping(
        {
            "id": "no-humidity-please",
            "title": "Test profile",
            "threshold_set": "neta-ats-2025",
            "rules": {"enabled": "all", "disabled": ["DATA-009"]},
            "verdict": {"compliance_min": 95, "confidence_min": 0.8},
        }
    )
    assert "DATA-009" not in {rule.id for rule in enabled_rules(profile)}
    outcome = evaluate(edit(ir_report(), "test", humidity_pct=None), profile, as_of=AS_OF)
    assert "DATA-009" not in rule_ids(outcome)


def test_reference_samples_reach_their_expected_verdicts() -> None:
    """The shared samples' readings, as a reader would extract them (truth.json)."""
    assert run(ir_report({"A-G": 2500, "B-G": 3100, "C-G": 2800})).verdict is Verdict.APPROVED
    assert run(REPORTS["ir"]).verdict is Verdict.REJECTED
    assert run(ground_report()).verdict is Verdict.APPROVED
    assert run(REPORTS["contact"]).verdict is Verdict.REVIEW
    assert run(REPORTS["ttr"]).verdict is Verdict.REJECTED


def test_json_without_the_newer_fields_still_loads_and_is_judged() -> None:
    """An extraction saved before windings existed: no `windings`, `winding`, `phases` keys."""
    old = {
        "schema_version": 1,
        "source": {"file_name": "TX-1.json", "sha256": "0" * 64, "format": "json"},
        "equipment": {"tag": "TX-1", "type": "TRANSFORMER", "voltage_rating_v": 480},
        "test": {"type": "INSULATION_RESISTANCE", "date": "2026-02-01"},
        "measurements": [
            {"quantity": "insulation_resistance", "point": "H-G", "value": 2e8, "unit": "ohm"}
        ],
    }
    extraction = ExtractionResult.model_validate_json(json.dumps(old))
    assert extraction.equipment.windings == [] and extraction.measurements[0].winding is None
    outcome = evaluate(extraction, load_profile("neta-ats-2025"), as_of=dt.date(2026, 3, 1))
    # 200 MΩ on a 480 V winding of unstated insulation: above liquid (100), below dry (500).
    assert [(f.rule_id, f.severity.value) for f in outcome.findings if f.rule_id == "IR-001"] == [
        ("IR-001", "MAJOR")
    ]


def test_every_test_of_a_sheet_is_in_the_outcome_and_the_main_one_has_most_readings() -> None:
    poles = [measurement(Quantity.CONTACT_RESISTANCE, f"Pole {n}", 40e-6) for n in (1, 2, 3, 4)]
    sheet = ir_report(
        measurements=[ir("P1-G", 2000), ir("P2-G", 2100), *poles],
        equipment_type=EquipmentType.BREAKER,
    )
    outcome = evaluate(sheet, load_profile("neta-ats-2025"), as_of=dt.date(2026, 3, 1))
    assert outcome.test_types == [
        enums.TestType.INSULATION_RESISTANCE,
        enums.TestType.CONTACT_RESISTANCE,
    ]
    assert outcome.test_type == enums.TestType.CONTACT_RESISTANCE  # 4 poles against 2 IR points
    # A tie goes to the test the report states.
    tie = sheet.model_copy(update={"measurements": [ir("P1-G", 2000), poles[0]]})
    outcome = evaluate(tie, load_profile("neta-ats-2025"), as_of=dt.date(2026, 3, 1))
    assert outcome.test_type == enums.TestType.INSULATION_RESISTANCE
    # Without readings: the stated test alone.
    empty = sheet.model_copy(update={"measurements": []})
    outcome = evaluate(empty, load_profile("neta-ats-2025"), as_of=dt.date(2026, 3, 1))
    assert outcome.test_types == [enums.TestType.INSULATION_RESISTANCE]
