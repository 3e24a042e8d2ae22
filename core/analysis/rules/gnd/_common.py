"""Shared check for GND-001/GND-002: ground resistance readings against a maximum."""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, ohms, shown
from core.standards import Limit


def judge_ground(
    ctx: RuleContext, limit: Limit, *, what: str, remediation: str
) -> Iterator[Result]:
    """Each judged reading (plain ones, and the 62 % one of a fall-of-potential series)."""
    assert limit.severity is not None
    for index in ctx.derived.ground_judged:
        m = ctx.extraction.measurements[index]
        subject = m.point
        over_range = m.value is None or m.censored is not None
        if not over_range and m.value is not None and limit.passes(m.value):
            against = evidence(
                observed=m.value,
                unit="Ω",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
            )
            yield ctx.passed(subject, index=index, against=against)
            continue
        at = f" at {fmt(m.distance_pct)} %" if m.distance_pct is not None else ""
        yield from ctx.fail(
            subject,
            severity=limit.severity,
            message=(
                f"{subject}{at}: {shown(m, ohms(m.value or 0))} is above the "
                f"{ohms(limit.value)} maximum for {what}"
            ),
            evidence=evidence(
                observed=m.value,
                unit="Ω",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=m,
                distance_pct=m.distance_pct,
                censored=m.censored,
            ),
            remediation=remediation,
            index=index,
        )
