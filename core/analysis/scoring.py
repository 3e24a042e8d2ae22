"""Compliance score, confidence score and verdict (DESIGN.md §5, §3), recomputable after overrides.

## Compliance

A check is one rule applied to one subject (a point; the report for CAL- and DATA- rules). It
weighs its rule's highest possible severity under the profile — CRITICAL 10, MAJOR 5, MINOR 2,
INFO 0 — passed or failed. A failed check deducts the weight of the worst severity its
*standing* findings raised (a check whose findings were all overridden deducts nothing):

    compliance = round(100 × (1 − deducted / total weight), 1);  100 when the total is 0

## Confidence (0–1)

How sure the machine is of what it read, from the fields the rules used and the coverage of
required fields. Each required item *i* has a weight *wᵢ*, a coverage *cᵢ* (1 present, 0 absent)
and a confidence *qᵢ*:

| item | w | q |
|---|---|---|
| equipment tag, equipment type, test type, test date | 1 each | the field's provenance confidence |
| the test's measurements (DESIGN.md §3) | 3 | (mean + min) / 2 of their confidences |
| voltage rating (only when a rule needs it: IR readings) | 1 | provenance confidence |
| instrument calibration (calibration or due date) | 1 | best confidence of those dates |

A present field without a provenance entry counts 1.0. Humidity, organization and technician
are not required. Then

    confidence = round((Σ wᵢ·cᵢ·qᵢ / Σ wᵢ) × 0.95 [IR not temperature-corrected]
                                          × 0.95 [transformer insulation type not stated]
                                          × 0.95 [a reading's winding rating not known]
                                          × 0.95 [winding connection assumed for TTR], 3)

and, when the reader left regions with readings it could not interpret (`not_understood`),
the result is capped at 0.75 and × 0.95 for each region after the first: below the default
REVIEW line (0.80), so a person checks those cells by hand.

Anchors: a complete legible text report (q ≈ 0.98) gives ≈ 0.98; a complete legible scan
(q ≈ 0.85–0.93) gives ≈ 0.85–0.93; a report missing its tag and calibration loses 2 of 9 (or 8)
weight units and lands below 0.8.

## Verdict

REJECTED when any CRITICAL finding stands; otherwise REVIEW when compliance < the profile's
`compliance_min` (95), confidence < `confidence_min` (0.80), any MAJOR finding stands, an engine
error occurred, or an over-range reading could not be judged; otherwise APPROVED.

## Overrides

A manager's override removes a finding from score and verdict: `recompute(outcome, excluded=…,
policy=…)` takes the indexes (in `outcome.findings`) of the overridden findings and returns new
`Scores`; the confidence does not change. `score(...)` itself takes only standing findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from core.analysis.derived import Derived, rating_needed, required_measurements
from core.enums import Severity, Verdict
from core.schemas import Check, ExtractionResult, Finding, Outcome
from core.standards import VerdictPolicy

SEVERITY_WEIGHT: dict[Severity, int] = {
    Severity.CRITICAL: 10,
    Severity.MAJOR: 5,
    Severity.MINOR: 2,
    Severity.INFO: 0,
}
UNJUDGED = "over_range_unjudged"
"""Evidence detail set on a finding for an over-range reading that could not be judged."""

MEASUREMENTS_WEIGHT = 3
TEMPERATURE_UNKNOWN_FACTOR = 0.95
INSULATION_ASSUMED_FACTOR = 0.95
WINDING_ASSUMED_FACTOR = 0.95
CONNECTION_ASSUMED_FACTOR = 0.95
NOT_UNDERSTOOD_CAP = 0.75
NOT_UNDERSTOOD_EACH = 0.95
_CALIBRATION_FIELDS = ("calibration_date", "calibration_due_date")


@dataclass(frozen=True)
class Scores:
    compliance_score: float
    confidence_score: float
    verdict: Verdict
    deducted: int
    total_weight: int
    reasons: tuple[str, ...]
    """Why the verdict is not APPROVED, in plain words (empty when it is)."""


def worst(severities: Iterable[Severity]) -> Severity | None:
    return min(severities, key=lambda severity: severity.rank, default=None)


def finding_subject(finding: Finding) -> str:
    """The check subject a finding belongs to (see `RuleContext.fail`)."""
    subject = finding.evidence.details.get("subject", finding.evidence.point)
    return str(subject) if subject is not None else ""


def compliance(checks: Sequence[Check], findings: Sequence[Finding]) -> tuple[float, int, int]:
    """(score, deducted, total weight), deductions taken from the standing findings only."""
    raised: dict[tuple[str, str], list[Severity]] = defaultdict(list)
    for finding in findings:
        raised[(finding.rule_id, finding_subject(finding))].append(finding.severity)
    total = sum(check.weight for check in checks)
    deducted = 0
    for check in checks:
        severity = worst(raised.get((check.rule_id, check.subject), ()))
        if severity is not None:
            deducted += min(SEVERITY_WEIGHT[severity], check.weight)
    if total == 0:
        return 100.0, deducted, total
    return round(100 * (1 - deducted / total), 1), deducted, total


def verdict(
    findings: Sequence[Finding],
    *,
    compliance_score: float,
    confidence_score: float,
    engine_errors: int,
    policy: VerdictPolicy,
) -> tuple[Verdict, tuple[str, ...]]:
    severities = {finding.severity for finding in findings}
    if Severity.CRITICAL in severities:
        return Verdict.REJECTED, ("a CRITICAL finding stands",)
    reasons = []
    if compliance_score < policy.compliance_min:
        reasons.append(f"compliance {compliance_score:g} below {policy.compliance_min:g}")
    if confidence_score < policy.confidence_min:
        reasons.append(f"confidence {confidence_score:g} below {policy.confidence_min:g}")
    if Severity.MAJOR in severities:
        reasons.append("a MAJOR finding stands")
    if engine_errors:
        reasons.append("a rule failed to run")
    if any(finding.evidence.details.get(UNJUDGED) for finding in findings):
        reasons.append("an over-range reading could not be judged")
    return (Verdict.REVIEW if reasons else Verdict.APPROVED), tuple(reasons)


def _field_confidence(extraction: ExtractionResult, key: str) -> float:
    provenance = extraction.fields.get(key)
    return provenance.confidence if provenance is not None else 1.0


def _calibration_confidence(extraction: ExtractionResult) -> float:
    scores = [
        provenance.confidence
        for key, provenance in extraction.fields.items()
        if key.startswith("instrument") and key.rsplit(".", 1)[-1] in _CALIBRATION_FIELDS
    ]
    return max(scores, default=1.0)


def confidence_score(extraction: ExtractionResult, derived: Derived) -> float:
    """The report's confidence (0–1); the formula is in this module's docstring."""
    equipment, test = extraction.equipment, extraction.test
    items: list[tuple[int, bool, float]] = [
        (1, bool(equipment.tag), _field_confidence(extraction, "equipment.tag")),
        (1, equipment.type is not None, _field_confidence(extraction, "equipment.type")),
        (1, test.type is not None, _field_confidence(extraction, "test.type")),
        (1, test.date is not None, _field_confidence(extraction, "test.date")),
    ]
    measured = [m.confidence for m in required_measurements(extraction)]
    quality = (fmean(measured) + min(measured)) / 2 if measured else 0.0
    items.append((MEASUREMENTS_WEIGHT, bool(measured), quality))
    if rating_needed(extraction):
        rating_confidence = _field_confidence(extraction, "equipment.voltage_rating_v")
        items.append((1, equipment.voltage_rating_v is not None, rating_confidence))
    calibrated = any(i.calibration_date or i.calibration_due_date for i in extraction.instruments)
    items.append((1, calibrated, _calibration_confidence(extraction)))
    base = sum(w * q for w, present, q in items if present) / sum(w for w, _, _ in items)
    if derived.temperature_correction_missing:
        base *= TEMPERATURE_UNKNOWN_FACTOR
    if derived.insulation_assumed:
        base *= INSULATION_ASSUMED_FACTOR
    if derived.winding_assumed:
        base *= WINDING_ASSUMED_FACTOR
    if derived.connection_assumed:
        base *= CONNECTION_ASSUMED_FACTOR
    if extraction.not_understood:
        regions = len(extraction.not_understood)
        base = min(base, NOT_UNDERSTOOD_CAP) * NOT_UNDERSTOOD_EACH ** (regions - 1)
    return round(base, 3)


def score(
    checks: Sequence[Check],
    findings: Sequence[Finding],
    *,
    confidence: float,
    engine_errors: int,
    policy: VerdictPolicy,
) -> Scores:
    """Compliance and verdict from every check and the *standing* findings."""
    value, deducted, total = compliance(checks, findings)
    outcome, reasons = verdict(
        findings,
        compliance_score=value,
        confidence_score=confidence,
        engine_errors=engine_errors,
        policy=policy,
    )
    return Scores(value, confidence, outcome, deducted, total, reasons)


def recompute(outcome: Outcome, *, excluded: Collection[int], policy: VerdictPolicy) -> Scores:
    """Score and verdict again without the overridden findings (indexes into outcome.findings)."""
    if outcome.validation is None or outcome.confidence_score is None:
        raise ValueError("only a completed analysis can be rescored")
    standing = [f for i, f in enumerate(outcome.findings) if i not in excluded]
    return score(
        outcome.validation.checks,
        standing,
        confidence=outcome.confidence_score,
        engine_errors=len(outcome.validation.engine_errors),
        policy=policy,
    )
