"""Shared for the DATA- rules: report-level pass/fail and findings from extraction warnings."""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence
from core.schemas import Evidence, ExtractionWarning, WarningCode
from core.standards import Condition


def warnings(ctx: RuleContext, code: WarningCode) -> list[ExtractionWarning]:
    return [warning for warning in ctx.extraction.warnings if warning.code == code]


def field_evidence(
    ctx: RuleContext,
    field: str,
    clause: str,
    *,
    observed: float | str | None = None,
    unit: str | None = None,
    limit: float | str | None = None,
    comparator: str | None = None,
) -> Evidence:
    """Evidence pointing at a report field (and where it was read, when it was)."""
    found = ctx.extraction.fields.get(field)
    return evidence(
        observed=observed,
        unit=unit,
        limit=limit,
        comparator=comparator,
        clause=clause,
        point=field,
        source=found.source if found else None,
        raw=found.raw if found else None,
    )


def from_warnings(
    ctx: RuleContext, code: WarningCode, condition: Condition, *, what: str, remediation: str
) -> Iterator[Result]:
    """One finding per extraction warning of this code; a passed check when there is none."""
    found = warnings(ctx, code)
    if not found:
        yield ctx.passed(REPORT)
        return
    for warning in found:
        yield from ctx.fail(
            REPORT,
            severity=condition.severity,
            message=f"{what}: {warning.message}",
            evidence=evidence(
                observed=warning.raw,
                unit=None,
                clause=condition.clause,
                point=warning.field,
                source=warning.source,
                raw=warning.raw,
            ),
            remediation=remediation,
        )
