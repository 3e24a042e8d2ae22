"""Scores and verdict (DESIGN.md §5), confidence anchors (§3) and recomputation after overrides."""

from __future__ import annotations

import pytest

from core.analysis.derived import compute_derived
from core.analysis.scoring import (
    SEVERITY_WEIGHT,
    UNJUDGED,
    compliance,
    confidence_score,
    recompute,
    score,
    verdict,
)
from core.enums import Severity, Verdict
from core.schemas import Check, Evidence, ExtractionResult, FieldProvenance, Finding
from core.standards import VerdictPolicy, load_threshold_set
from tests.core.analysis.rules.factories import edit, ir_report, run

POLICY = VerdictPolicy(compliance_min=95, confidence_min=0.80)
TS = load_threshold_set("neta-ats-2025")


def _check(rule_id: str, subject: str, weight: int, failed: Severity | None = None) -> Check:
    return Check(
        rule_id=rule_id,
        subject=subject,
        passed=failed is None,
        weight=weight,
        severity=failed,
        deducted=SEVERITY_WEIGHT[failed] if failed else 0,
    )


def _finding(rule_id: str, subject: str, severity: Severity, **details: object) -> Finding:
    return Finding(
        rule_id=rule_id,
        rule_name="some-defect",
        severity=severity,
        message="observed, limit",
        evidence=Evidence(point=subject, details=details),
        remediation="Fix it.",
    )


def test_weights() -> None:
    assert SEVERITY_WEIGHT == {
        Severity.CRITICAL: 10,
        Severity.MAJOR: 5,
        Severity.MINOR: 2,
        Severity.INFO: 0,
    }


def test_compliance_deducts_the_raised_severity_from_the_rules_weight() -> None:
    checks = [
        _check("IR-001", "A-G", 10),
        _check("IR-001", "B-G", 10),
        _check("PI-002", "A-G", 10, Severity.MAJOR),  # max CRITICAL, raised MAJOR: deducts 5
        _check("DATA-009", "report", 0, Severity.INFO),
    ]
    findings = [
        _finding("PI-002", "A-G", Severity.MAJOR),
        _finding("DATA-009", "report", Severity.INFO),
    ]
    assert compliance(checks, findings) == (83.3, 5, 30)


def test_compliance_is_100_without_weighted_checks() -> None:
    assert compliance([_check("DATA-009", "report", 0, Severity.INFO)], [])[0] == 100.0
    assert compliance([], [])[0] == 100.0


@pytest.mark.parametrize(
    ("severities", "compliance_score", "confidence", "errors", "expected"),
    [
        ([], 100.0, 0.99, 0, Verdict.APPROVED),
        ([Severity.CRITICAL], 99.0, 0.99, 0, Verdict.REJECTED),
        ([Severity.MAJOR], 99.0, 0.99, 0, Verdict.REVIEW),
        ([Severity.MINOR, Severity.INFO], 98.0, 0.99, 0, Verdict.APPROVED),
        ([Severity.MINOR], 94.9, 0.99, 0, Verdict.REVIEW),
        ([], 95.0, 0.80, 0, Verdict.APPROVED),
        ([], 100.0, 0.799, 0, Verdict.REVIEW),
        ([], 100.0, 0.99, 1, Verdict.REVIEW),
    ],
)
def test_verdict(
    severities: list[Severity],
    compliance_score: float,
    confidence: float,
    errors: int,
    expected: Verdict,
) -> None:
    findings = [_finding("X-001", f"p{i}", s) for i, s in enumerate(severities)]
    result, reasons = verdict(
        findings,
        compliance_score=compliance_score,
        confidence_score=confidence,
        engine_errors=errors,
        policy=POLICY,
    )
    assert result is expected
    assert bool(reasons) is (expected is not Verdict.APPROVED)


def test_unjudged_over_range_reading_forces_review_even_when_regraded() -> None:
    finding = _finding("IR-004", "A-G", Severity.MINOR, **{UNJUDGED: True})
    result = score(
        [_check("IR-004", "A-G", 100, Severity.MINOR)],
        [finding],
        confidence=0.99,
        engine_errors=0,
        policy=POLICY,
    )
    assert result.verdict is Verdict.REVIEW
    assert "an over-range reading could not be judged" in result.reasons


def test_profile_tunes_the_numbers() -> None:
    strict = VerdictPolicy(compliance_min=99, confidence_min=0.95)
    checks = [_check("IR-003", "A-G", 2, Severity.MINOR), _check("IR-001", "A-G", 98)]
    findings = [_finding("IR-003", "A-G", Severity.MINOR)]
    lenient = score(checks, findings, confidence=0.9, engine_errors=0, policy=POLICY)
    tuned = score(checks, findings, confidence=0.9, engine_errors=0, policy=strict)
    assert (lenient.verdict, tuned.verdict) == (Verdict.APPROVED, Verdict.REVIEW)


def test_recompute_without_overridden_findings() -> None:
    outcome = run(ir_report({"A-G": 850, "B-G": 47, "C-G": 910}))
    assert outcome.verdict is Verdict.REJECTED
    critical = [i for i, f in enumerate(outcome.findings) if f.severity is Severity.CRITICAL]
    rescored = recompute(outcome, excluded=set(critical), policy=POLICY)
    assert rescored.verdict is Verdict.APPROVED  # only the MINOR imbalance and INFO remain
    assert rescored.compliance_score > (outcome.compliance_score or 0)
    assert rescored.confidence_score == outcome.confidence_score
    everything = recompute(outcome, excluded=set(range(len(outcome.findings))), policy=POLICY)
    assert everything.compliance_score == 100.0
    assert recompute(outcome, excluded=set(), policy=POLICY).verdict is Verdict.REJECTED


def _with_confidence(extraction: ExtractionResult, confidence: float) -> ExtractionResult:
    fields = {
        key: FieldProvenance(confidence=confidence)
        for key in (
            "equipment.tag",
            "equipment.type",
            "test.type",
            "test.date",
            "equipment.voltage_rating_v",
            "instrument.calibration_date",
            "instrument.calibration_due_date",
        )
    }
    measurements = [
        m.model_copy(update={"confidence": confidence}) for m in extraction.measurements
    ]
    return extraction.model_copy(update={"fields": fields, "measurements": measurements})


def _confidence(extraction: ExtractionResult) -> float:
    return confidence_score(extraction, compute_derived(extraction, TS))


def test_confidence_anchor_complete_text_report() -> None:
    assert _confidence(_with_confidence(ir_report(), 0.98)) >= 0.95


@pytest.mark.parametrize("ocr", [0.85, 0.88, 0.93])
def test_confidence_anchor_complete_scan(ocr: float) -> None:
    assert _confidence(_with_confidence(ir_report(), ocr)) >= 0.85


def test_confidence_drops_clearly_without_calibration_and_tag() -> None:
    report = _with_confidence(ir_report(instruments=[]), 0.98)
    assert _confidence(edit(report, "equipment", tag=None)) < 0.8


def test_confidence_ignores_humidity_organization_and_technician() -> None:
    report = _with_confidence(ir_report(), 0.98)
    stripped = edit(report, "test", humidity_pct=None, company=None, technician=None)
    assert _confidence(stripped) == _confidence(report)


def test_confidence_lower_without_temperature_or_with_assumed_insulation() -> None:
    report = _with_confidence(ir_report(), 0.98)
    base = _confidence(report)
    assert _confidence(edit(report, "test", ambient_temperature_c=None)) < base
    transformer = edit(report, "equipment", type="TRANSFORMER")
    assert _confidence(transformer) < _confidence(edit(transformer, "equipment", insulation="dry"))


def test_confidence_one_bad_reading_pulls_down() -> None:
    report = _with_confidence(ir_report(), 0.98)
    readings = list(report.measurements)
    readings[1] = readings[1].model_copy(update={"confidence": 0.3})
    assert _confidence(report.model_copy(update={"measurements": readings})) < 0.85
