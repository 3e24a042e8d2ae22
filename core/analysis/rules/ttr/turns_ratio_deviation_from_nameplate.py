"""TTR-001 turns-ratio-deviation-from-nameplate: a measured ratio too far from the nameplate.

## What it checks
Each measured turns ratio (per phase and tap) against the calculated ratio from the nameplate:
|measured − nameplate| / nameplate.

## Why it matters
A ratio off the nameplate means shorted turns, a wrong tap connection or a winding defect: the
transformer will deliver the wrong voltage and may overheat from circulating current.

## Thresholds
- `ttr.nameplate_deviation_max` — maximum deviation (default ≤ 0.5 %), severity CRITICAL

## Remediation
Do not energize: verify the tap position and connections, retest, and if the deviation stays
have the winding investigated (excitation current, winding resistance).

## References
- ANSI/NETA ATS-2025 7.2.1.1 D.3 (dry-type), 7.2.2 D.3 (liquid-filled)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, percent
from core.analysis.rules.ttr._common import subject

THRESHOLDS = ("ttr.nameplate_deviation_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("ttr.nameplate_deviation_max")
    assert limit.severity is not None
    for item in ctx.derived.turns:
        if item.nameplate_deviation_pct is None or item.nameplate is None:
            continue
        name = subject(item)
        if limit.passes(item.nameplate_deviation_pct):
            yield ctx.passed(name)
            continue
        yield from ctx.fail(
            name,
            severity=limit.severity,
            message=(
                f"{name}: ratio {fmt(item.measured)} deviates "
                f"{percent(item.nameplate_deviation_pct)} from the nameplate "
                f"{fmt(item.nameplate)}, limit {percent(limit.value)}"
            ),
            evidence=evidence(
                observed=item.nameplate_deviation_pct,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                measured_ratio=item.measured,
                nameplate_ratio=item.nameplate,
                tap=item.tap,
            ),
            remediation=(
                "Do not energize: verify tap position and connections, retest, and have the "
                "winding investigated if the deviation stays."
            ),
        )


RULE = make_rule(
    id="TTR-001",
    name="turns-ratio-deviation-from-nameplate",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
