"""Shared check for CR-001/CR-003: deviation from the lowest similar pole, joint or fuse."""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import (
    Result,
    RuleContext,
    evidence,
    micro_ohms,
    percent,
    shown,
    to_micro_ohms,
)
from core.standards import Limit


def judge_deviation(
    ctx: RuleContext, limit: Limit, *, fuses: bool, what: str, remediation: str
) -> Iterator[Result]:
    assert limit.severity is not None
    for item in ctx.derived.contact:
        if item.fuse != fuses or item.lowest_ohm is None:
            continue  # nothing similar to compare with
        deviation = item.deviation_pct
        if not item.censored and deviation is not None and limit.passes(deviation):
            against = evidence(
                observed=deviation,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
            )
            yield ctx.passed(item.point, index=item.index, against=against)
            continue
        m = ctx.extraction.measurements[item.index]
        reading = shown(m, micro_ohms(item.value_ohm or 0))
        how_far = f"{percent(deviation)} above" if deviation is not None else "over range against"
        yield from ctx.fail(
            item.point,
            severity=limit.severity,
            message=(
                f"{item.point}: {reading} is {how_far} the lowest similar {what} "
                f"({item.lowest_point}, {micro_ohms(item.lowest_ohm)}), limit "
                f"{percent(limit.value)}"
            ),
            evidence=evidence(
                observed=deviation,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=m,
                value_uohm=to_micro_ohms(item.value_ohm) if item.value_ohm is not None else None,
                lowest_uohm=to_micro_ohms(item.lowest_ohm),
                lowest_point=item.lowest_point,
                group=item.group or None,
                censored=m.censored,
            ),
            remediation=remediation,
            index=item.index,
        )
