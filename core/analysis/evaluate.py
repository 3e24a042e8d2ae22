"""Judge one extraction: derived values, every enabled rule, scores and verdict, as an Outcome.

Pure and deterministic: the same extraction, profile and `as_of` give a byte-identical
`outcome.model_dump_json()`. A rule that raises becomes an `EngineError` (its partial output is
discarded), the other rules still run and the verdict is at least REVIEW.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.analysis.derived import Derived, compute_derived, tests_of
from core.analysis.rules.base import Rule, RuleContext
from core.analysis.rules.registry import enabled_rules
from core.analysis.scoring import SEVERITY_WEIGHT, confidence_score, score, worst
from core.analysis.trending import History, prior_analyses
from core.enums import Severity, TaskStatus
from core.schemas import Check, EngineError, ExtractionResult, Finding, Outcome, ValidationResult
from core.standards import Profile


def _run(rule: Rule, ctx: RuleContext) -> tuple[list[Check], list[Finding]]:
    assert rule.check is not None
    checks: list[Check] = []
    findings: list[Finding] = []
    for item in rule.check(ctx):
        if isinstance(item, Finding):
            findings.append(item)
        else:
            checks.append(item)
    return checks, findings


def merge_checks(checks: Sequence[Check]) -> list[Check]:
    """One check per (rule, subject): failed if any part failed, with the worst severity."""
    grouped: dict[tuple[str, str], list[Check]] = {}
    for check in checks:
        grouped.setdefault((check.rule_id, check.subject), []).append(check)
    merged = []
    for (rule_id, subject), parts in sorted(grouped.items()):
        severity = worst(part.severity for part in parts if part.severity is not None)
        # What the reading was judged against: the failed part's (worst first), else a pass's.
        judged = sorted(
            (part for part in parts if part.against is not None),
            key=lambda part: (part.passed, -(part.deducted or 0)),
        )
        merged.append(
            Check(
                rule_id=rule_id,
                subject=subject,
                passed=all(part.passed for part in parts),
                weight=max(part.weight for part in parts),
                severity=severity,
                deducted=SEVERITY_WEIGHT[severity] if severity is not None else 0,
                measurement_index=judged[0].measurement_index if judged else None,
                against=judged[0].against if judged else None,
            )
        )
    return merged


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """In report order (`Finding.sort_key`): severity, rule id, point, message."""
    return sorted(findings, key=lambda f: f.sort_key)


def _severity_of(findings: Sequence[Finding]) -> Severity | None:
    return worst(f.severity for f in findings)


def evaluate(
    extraction: ExtractionResult,
    profile: Profile,
    *,
    as_of: dt.date,
    rules: Sequence[Rule] | None = None,
    history: History = None,
) -> Outcome:
    """Audit one extraction under a profile. `rules` replaces the profile's rules (tests).
    `history` (the asset's earlier analyses, `AssetHistory`) is what the HIST- rules compare
    with: only the analyses of this report's tag (and site) tested before it are read."""
    derived: Derived = compute_derived(extraction, profile.thresholds)
    earlier = prior_analyses(history, extraction)
    selected = enabled_rules(profile) if rules is None else tuple(rules)
    checks: list[Check] = []
    findings: list[Finding] = []
    errors: list[EngineError] = []
    for rule in selected:
        if rule.retired:
            continue
        ctx = RuleContext.for_rule(rule, extraction, derived, profile, as_of, earlier)
        try:
            rule_checks, rule_findings = _run(rule, ctx)
        except Exception as error:  # one broken rule must not stop the audit
            errors.append(EngineError(rule_id=rule.id, message=f"{type(error).__name__}: {error}"))
            continue
        checks.extend(rule_checks)
        findings.extend(rule_findings)
    merged = merge_checks(checks)
    ordered = sort_findings(findings)
    confidence = confidence_score(extraction, derived)
    scores = score(
        merged, ordered, confidence=confidence, engine_errors=len(errors), policy=profile.verdict
    )
    thresholds = profile.thresholds
    main_test, every_test = tests_of(extraction)
    return Outcome(
        file=extraction.source.file_name,
        part=extraction.source.part,
        status=TaskStatus.COMPLETED,
        equipment_type=extraction.equipment.type,
        test_type=main_test,
        test_types=list(every_test),
        equipment_tag=extraction.equipment.tag,
        verdict=scores.verdict,
        compliance_score=scores.compliance_score,
        confidence_score=scores.confidence_score,
        findings=ordered,
        extraction=extraction,
        validation=ValidationResult(
            threshold_set_id=thresholds.id,
            threshold_set_version=thresholds.version,
            profile_id=profile.id,
            checks=merged,
            engine_errors=errors,
            derived=derived.display(),
        ),
    )
