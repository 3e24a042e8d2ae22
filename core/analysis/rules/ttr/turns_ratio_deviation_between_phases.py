"""TTR-002 turns-ratio-deviation-between-phases: phases at the same tap disagree.

## What it checks
For each phase, the deviation of its measured ratio from the phases at the same tap:
|R − R_median| / R_median, the median of all three (or more) phases, so a single bad phase is
the one flagged and the good ones are not dragged along; with two phases, simply from the other
one, so both are flagged. Checked whether or not the calculated ratio is known.

## Why it matters
Phases of a healthy transformer have the same ratio at a given tap; a phase that differs from
the others (adjacent coils) has shorted turns or a connection fault even when the nameplate
ratio is unknown.

## Thresholds
An owner profile can change each of these by key:
- `ttr.phase_deviation_max` — the largest deviation between phases that passes, and its
  severity

## Remediation
Do not energize: verify connections and the tap changer on the deviating phase, retest, and
have the winding investigated if the deviation stays.

## References
- ANSI/NETA ATS-2025 7.2.1.1 D.3 (dry-type), 7.2.1.2 D.5, 7.2.2 D.3 (liquid-filled):
  deviation from adjacent coils
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, percent
from core.analysis.rules.ttr._common import subject

THRESHOLDS = ("ttr.phase_deviation_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("ttr.phase_deviation_max")
    assert limit.severity is not None
    for item in ctx.derived.turns:
        if item.phase_deviation_pct is None or item.phase_reference is None:
            continue
        name = subject(item)
        if limit.passes(item.phase_deviation_pct):
            yield ctx.passed(name)
            continue
        yield from ctx.fail(
            name,
            severity=limit.severity,
            message=(
                f"{name}: ratio {fmt(item.measured)} deviates "
                f"{percent(item.phase_deviation_pct)} from the phases' median "
                f"({fmt(item.phase_reference)}), limit {percent(limit.value)}"
            ),
            evidence=evidence(
                observed=item.phase_deviation_pct,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                measured_ratio=item.measured,
                other_phases_ratio=item.phase_reference,
                other_phases=list(item.phase_reference_points),
                tap=item.tap,
            ),
            remediation=(
                "Do not energize: check connections and the tap changer on the deviating phase, "
                "retest, and have the winding investigated if the deviation stays."
            ),
        )


RULE = make_rule(
    id="TTR-002",
    name="turns-ratio-deviation-between-phases",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
