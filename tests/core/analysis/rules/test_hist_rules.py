"""HIST- rules with an injected asset history: a reading against the asset's baseline (the first
accepted reading of the same quantity and point), both readings in the evidence, thresholds from
the profile, and nothing at all without a history."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest

from core.analysis import analyze, judge
from core.analysis.derived import compute_derived
from core.analysis.evaluate import evaluate
from core.analysis.trending import trend_readings
from core.enums import Verdict
from core.schemas import AssetHistory, ExtractionResult, PriorAnalysis, TrendQuantity
from core.services.rules import rule_catalogue
from core.standards import load_profile
from core.standards.loader import profile_from_mapping
from tests.core.analysis.rules.factories import (
    AS_OF,
    TEST_DATE,
    contact_report,
    edit,
    ground_report,
    ir,
    ir_report,
    measurement,
    thermography_report,
    ttr_report,
)

HIST = ("HIST-001", "HIST-002", "HIST-003", "HIST-004", "HIST-005")
BASELINE_DAY = dt.date(2024, 2, 1)


def prior(
    extraction: ExtractionResult,
    day: dt.date = BASELINE_DAY,
    verdict: Verdict | None = Verdict.APPROVED,
    task_id: str = "task-baseline",
) -> PriorAnalysis:
    """An earlier analysis of the asset, its readings normalised as the services store them."""
    derived = compute_derived(extraction, load_profile().thresholds)
    return PriorAnalysis(
        task_id=task_id,
        test_date=day,
        verdict=verdict,
        readings=trend_readings(extraction, derived),
    )


def history(extraction: ExtractionResult, *analyses: PriorAnalysis) -> AssetHistory:
    return AssetHistory(tag=extraction.equipment.tag or "", analyses=analyses)


def hist_findings(outcome: Any, rule_id: str | None = None) -> list[Any]:
    return [
        f
        for f in outcome.findings
        if f.rule_id.startswith("HIST-") and (rule_id is None or f.rule_id == rule_id)
    ]


def hist_checks(outcome: Any) -> list[Any]:
    return [c for c in outcome.validation.checks if c.rule_id.startswith("HIST-")]


def test_no_history_no_finding_no_check() -> None:
    outcome = evaluate(contact_report({"Pole A": 400, "Pole B": 410}), load_profile(), as_of=AS_OF)
    assert not hist_findings(outcome) and not hist_checks(outcome)


def test_contact_resistance_doubled_is_major_with_both_readings() -> None:
    then = contact_report({"Pole A": 40, "Pole B": 42, "Pole C": 41})
    now = contact_report({"Pole A": 82, "Pole B": 84, "Pole C": 60})  # CR-001 passes
    outcome = evaluate(now, load_profile(), as_of=AS_OF, history=history(then, prior(then)))
    found = {f.evidence.point: f for f in hist_findings(outcome, "HIST-002")}
    assert {p: str(f.severity) for p, f in found.items()} == {
        "Pole A": "MAJOR",
        "Pole B": "MAJOR",
        "Pole C": "MINOR",  # 46 % above its baseline
    }
    evidence = found["Pole A"].evidence
    assert evidence.observed == pytest.approx(105.0)
    assert evidence.unit == "%" and evidence.limit == 25
    assert evidence.details["baseline_date"] == "2024-02-01"
    assert evidence.details["current_date"] == TEST_DATE.isoformat()
    assert evidence.details["baseline_value"] == pytest.approx(40e-6)
    assert evidence.details["current_value"] == pytest.approx(82e-6)
    assert evidence.details["baseline_task_id"] == "task-baseline"
    assert evidence.source is not None  # the reading's place in this report
    assert "40 µΩ" in found["Pole A"].message and "82 µΩ" in found["Pole A"].message
    assert "CR-001" not in {f.rule_id for f in outcome.findings}
    assert outcome.verdict == Verdict.REVIEW


def test_within_the_minor_band_passes_with_a_check() -> None:
    then = contact_report({"Pole A": 40, "Pole B": 42, "Pole C": 41})
    now = contact_report({"Pole A": 45, "Pole B": 44, "Pole C": 42})
    outcome = evaluate(now, load_profile(), as_of=AS_OF, history=history(then, prior(then)))
    assert not hist_findings(outcome)
    checks = [c for c in hist_checks(outcome) if c.rule_id == "HIST-002"]
    assert len(checks) == 3 and all(c.passed for c in checks)


def test_baseline_is_the_first_accepted_reading() -> None:
    rejected = contact_report({"Pole A": 20, "Pole B": 20, "Pole C": 20})
    first_ok = contact_report({"Pole A": 40, "Pole B": 40, "Pole C": 40})
    later_ok = contact_report({"Pole A": 70, "Pole B": 70, "Pole C": 70})
    now = contact_report({"Pole A": 75, "Pole B": 75, "Pole C": 75})
    book = history(
        now,
        prior(later_ok, dt.date(2025, 2, 1), task_id="t3"),
        prior(rejected, dt.date(2023, 2, 1), Verdict.REJECTED, task_id="t1"),
        prior(first_ok, dt.date(2024, 2, 1), task_id="t2"),
    )
    outcome = evaluate(now, load_profile(), as_of=AS_OF, history=book)
    found = hist_findings(outcome, "HIST-002")
    assert {f.evidence.details["baseline_task_id"] for f in found} == {"t2"}
    assert {str(f.severity) for f in found} == {"MAJOR"}  # 87.5 % above 40 µΩ


def test_only_earlier_reports_of_the_same_asset_count() -> None:
    then = contact_report({"Pole A": 40, "Pole B": 40, "Pole C": 40})
    now = contact_report({"Pole A": 90, "Pole B": 90, "Pole C": 90})
    later = prior(then, TEST_DATE + dt.timedelta(days=1))
    same_day = prior(then, TEST_DATE)
    assert not hist_checks(evaluate(now, load_profile(), as_of=AS_OF, history=history(now, later)))
    assert not hist_checks(
        evaluate(now, load_profile(), as_of=AS_OF, history=history(now, same_day))
    )
    other = AssetHistory(tag="CB-999", analyses=(prior(then),))
    assert not hist_checks(evaluate(now, load_profile(), as_of=AS_OF, history=other))
    elsewhere = AssetHistory(tag="cb-102", site="Plant B", analyses=(prior(then),))
    here = edit(now, "equipment", site="Plant A")
    assert not hist_checks(evaluate(here, load_profile(), as_of=AS_OF, history=elsewhere))
    # Several assets' histories (a package): each report reads its own, tag case aside.
    books = [other, AssetHistory(tag="cb-102", analyses=(prior(then),))]
    assert hist_findings(evaluate(now, load_profile(), as_of=AS_OF, history=books))
    undated = edit(now, "test", date=None)
    assert not hist_checks(
        evaluate(undated, load_profile(), as_of=AS_OF, history=history(now, prior(then)))
    )


def test_insulation_resistance_fallen_by_more_than_half_at_20c() -> None:
    then = ir_report({"A-G": 4000, "B-G": 3900, "C-G": 4100})
    warm = edit(
        ir_report({"A-G": 1000, "B-G": 2700, "C-G": 3900}), "test", ambient_temperature_c=30
    )
    outcome = evaluate(warm, load_profile(), as_of=AS_OF, history=history(then, prior(then)))
    found = {f.evidence.point: f for f in hist_findings(outcome, "HIST-001")}
    # At 30 °C the readings correct upwards (Table 100.14.1): A-G about 1,580 MΩ at 20 °C is
    # more than half below 4,000 MΩ; B-G about 4,270 MΩ is above its baseline.
    assert {p: str(f.severity) for p, f in found.items()} == {"A-G": "MAJOR"}
    evidence = found["A-G"].evidence
    assert evidence.details["basis"] == "corrected to 20 °C"
    corrected = evidence.details["current_value"]
    assert corrected > 1000e6  # the value at 20 °C, not as measured
    assert evidence.observed == pytest.approx((4000e6 - corrected) / 4000e6 * 100, abs=0.01)
    minor = evaluate(
        ir_report({"A-G": 2800, "B-G": 3900, "C-G": 4100}),
        load_profile(),
        as_of=AS_OF,
        history=history(then, prior(then)),
    )
    assert [str(f.severity) for f in hist_findings(minor, "HIST-001")] == ["MINOR"]


def test_over_range_readings_are_judged_only_where_the_bound_decides() -> None:
    then = ir_report(measurements=[ir("A-G", 2200, censored=">"), ir("B-G", 4000)])
    now = ir_report(measurements=[ir("A-G", 900), ir("B-G", 5000, censored=">")])
    outcome = evaluate(now, load_profile(), as_of=AS_OF, history=history(then, prior(then)))
    # A-G fell at least 59 % (the baseline was over range): a failure for sure. B-G is at least
    # 5,000 MΩ now: it cannot have fallen, a pass.
    assert {f.evidence.point for f in hist_findings(outcome, "HIST-001")} == {"A-G"}
    passed = {c.subject for c in hist_checks(outcome) if c.passed}
    assert passed == {"B-G"}
    unknown = ir_report(measurements=[ir("A-G", 1000, censored=">"), ir("B-G", 4000)])
    judged = evaluate(unknown, load_profile(), as_of=AS_OF, history=history(then, prior(then)))
    assert "A-G" not in {c.subject for c in hist_checks(judged)}  # > 1,000 vs > 2,200: unknown


def test_ground_turns_ratio_and_thermography_trends() -> None:
    ground_then, ground_now = ground_report(), ground_report({52: 4.3, 62: 4.5, 72: 4.7})
    ground = evaluate(
        ground_now, load_profile(), as_of=AS_OF, history=history(ground_then, prior(ground_then))
    )
    assert [str(f.severity) for f in hist_findings(ground, "HIST-003")] == ["MAJOR"]  # 2 → 4.5 Ω

    ttr_then = ttr_report()
    ttr_now = ttr_report({"H1-H3 / X1-X3": 8.664, "H2-H1 / X2-X1": 8.665, "H3-H2 / X3-X2": 8.70})
    ttr = evaluate(ttr_now, load_profile(), as_of=AS_OF, history=history(ttr_then, prior(ttr_then)))
    found = hist_findings(ttr, "HIST-004")
    assert [(f.evidence.point, str(f.severity)) for f in found] == [
        ("H3-H2 / X3-X2 tap 3", "MINOR")  # 0.36 % away from 8.669
    ]

    thm_then = thermography_report()
    hot = [
        measurement(
            "temperature",  # type: ignore[arg-type]
            "Input breaker phase C",
            40.0,
            reference_temperature_c=36.0,
            reference_point="Input breaker phase A",
        )
    ]
    thm = evaluate(
        thermography_report(hot),
        load_profile(),
        as_of=AS_OF,
        history=history(thm_then, prior(thm_then)),
    )
    found = hist_findings(thm, "HIST-005")
    assert [(f.evidence.point, str(f.severity)) for f in found] == [
        ("Input breaker phase C", "MINOR")  # ΔT 0.5 °C → 4 °C: 3.5 °C more
    ]
    assert found[0].evidence.unit == "delta_degC"


def test_thresholds_come_from_the_profile() -> None:
    then = contact_report({"Pole A": 40, "Pole B": 40, "Pole C": 40})
    now = contact_report({"Pole A": 62, "Pole B": 62, "Pole C": 62})  # 55 % above
    book = history(then, prior(then))
    assert {
        str(f.severity)
        for f in hist_findings(evaluate(now, load_profile(), as_of=AS_OF, history=book))
    } == {"MAJOR"}
    data = {
        "id": "strict-trend",
        "title": "Strict trending",
        "threshold_set": "neta-ats-2025",
        "rules": {"enabled": "all", "disabled": []},
        "verdict": {"compliance_min": 95.0, "confidence_min": 0.8},
        "overrides": {
            "hist.cr_rise": {
                "bands": [
                    {"lower": 10, "lower_inclusive": False, "upper": 100, "upper_inclusive": True,
                     "severity": "MINOR", "action": "watch"},
                    {"lower": 100, "lower_inclusive": False, "severity": "MAJOR", "action": "act"},
                ]
            }
        },
    }  # fmt: skip
    strict = profile_from_mapping(data)
    outcome = evaluate(now, strict, as_of=AS_OF, history=book)
    assert {str(f.severity) for f in hist_findings(outcome)} == {"MINOR"}


def test_history_travels_through_analyze_and_judge() -> None:
    then = contact_report({"Pole A": 40, "Pole B": 40, "Pole C": 40})
    now = contact_report({"Pole A": 90, "Pole B": 90, "Pole C": 90})
    book = history(then, prior(then))
    content = now.model_dump_json().encode()
    plain = analyze(content, "cb.json", load_profile(), as_of=AS_OF)
    with_history = analyze(content, "cb.json", load_profile(), as_of=AS_OF, history=book)
    assert not hist_findings(plain) and len(hist_findings(with_history)) == 3
    assert plain.extraction is not None
    again = judge(plain.extraction, load_profile(), as_of=AS_OF, history=book)
    assert again.model_dump_json() == with_history.model_dump_json()  # pure and deterministic


def test_trend_readings_normalise_each_quantity() -> None:
    readings = trend_readings(ir_report(), compute_derived(ir_report(), load_profile().thresholds))
    assert {r.quantity for r in readings} == {TrendQuantity.INSULATION_RESISTANCE}
    first = readings[0]
    assert first.unit == "ohm" and first.value == pytest.approx(2500e6)
    assert first.corrected_20c_ohm == pytest.approx(2500e6)  # at 20 °C already
    assert first.index == 0


def test_rules_page_and_cli_list_the_family() -> None:
    catalogue = {rule.id: rule for rule in rule_catalogue()}
    assert set(HIST) <= set(catalogue)
    assert {catalogue[rule_id].family for rule_id in HIST} == {"HIST"}
    assert str(catalogue["HIST-002"].severity) == "MAJOR"
    assert "hist.cr_rise" in [t.key for t in catalogue["HIST-002"].thresholds]
    listed = subprocess.run(
        [sys.executable, "-m", "core", "rules"], capture_output=True, text=True, check=True
    ).stdout
    for rule_id in HIST:
        assert rule_id in listed


def test_history_round_trips_as_json() -> None:
    then = contact_report()
    book = history(then, prior(then))
    assert AssetHistory.model_validate(json.loads(book.model_dump_json())) == book


def test_history_is_carried_into_the_isolated_child() -> None:
    from core.analysis.isolation import analyze_isolated, analyze_part_isolated, judge_isolated

    then = contact_report({"Pole A": 40, "Pole B": 40, "Pole C": 40})
    now = contact_report({"Pole A": 90, "Pole B": 90, "Pole C": 90})
    book = history(then, prior(then))
    content = now.model_dump_json().encode()
    one = analyze_isolated(content, "cb.json", load_profile(), as_of=AS_OF, history=book)
    assert len(hist_findings(one)) == 3
    assert one.extraction is not None
    again = judge_isolated(one.extraction, "cb.json", load_profile(), as_of=AS_OF, history=[book])
    assert again.model_dump_json() == one.model_dump_json()
    plain = analyze_part_isolated(b"{}", "cb.json", load_profile(), as_of=AS_OF, history=book)
    assert plain.status == "FAILED"  # not a part as read: a sentence, history or not
