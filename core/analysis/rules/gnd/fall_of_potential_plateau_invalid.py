"""GND-003 fall-of-potential-plateau-invalid: the 62 % reading is not on a plateau.

## What it checks
For each fall-of-potential series (readings of one electrode at several positions of the
potential probe, as a percentage of the current probe's distance), that there is a reading at
about 62 % and that the readings at about 52 % and 72 % each agree with it within the stated
percentage. Once a report gives several positions, a missing 62 %, 52 % or 72 % reading fails:
the plateau cannot be shown. A single reading, with or without its probe position, is no
series: this check does not run and GND-001 judges the reading against the limit.

## Why it matters
The 62 % rule holds only when the current probe is far enough away for the resistance curve to
flatten. If the 52 % and 72 % readings disagree, the probes' fields overlap and the 62 %
reading — the one judged against the limit — is not the resistance to remote earth.

## Thresholds
An owner profile can change each of these by key:
- `gnd.fall_of_potential` — the judged position, the plateau positions either side of it,
  and the position tolerance
- `gnd.plateau_agreement` — the largest disagreement with the judged reading that passes, and
  its severity

## Remediation
Move the current probe farther out (or choose another direction) and repeat the
fall-of-potential test until the 52 %, 62 % and 72 % readings agree.

## References
- IEEE Std 81-2012 (fall-of-potential method)
- Megger, *Getting Down to Earth* (62 % method, readings either side to show the plateau)
- AuditEng's own check: how closely those readings must agree (no standard sets a figure)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, ohms, percent

THRESHOLDS = ("gnd.fall_of_potential", "gnd.plateau_agreement")
REMEDIATION = (
    "Move the current probe farther out and repeat the fall-of-potential test until the "
    "readings around 62 % agree."
)


def check(ctx: RuleContext) -> Iterator[Result]:
    method = ctx.thresholds.gnd.fall_of_potential
    limit = ctx.limit("gnd.plateau_agreement")
    assert limit.severity is not None
    for series in ctx.derived.fall_of_potential:
        failed = False
        for point in series.plateau:
            if series.judged_ohm is not None and point.agreement_pct is not None:
                if limit.passes(point.agreement_pct):
                    continue
                message = (
                    f"{series.series}: the {fmt(point.position_pct)} % reading "
                    f"{ohms(point.value_ohm or 0)} differs {percent(point.agreement_pct)} from "
                    f"the {fmt(method.judged_position_pct)} % reading "
                    f"{ohms(series.judged_ohm)}, limit {percent(limit.value)}"
                )
            else:
                missing = (
                    point.position_pct if series.judged_ohm is not None
                    else method.judged_position_pct
                )  # fmt: skip
                message = (
                    f"{series.series}: no usable reading at about {fmt(missing)} %, so the "
                    f"plateau within {percent(limit.value)} cannot be shown"
                )
            failed = True
            source = point.index if point.index is not None else series.judged_index
            yield from ctx.fail(
                series.series,
                severity=limit.severity,
                message=message,
                evidence=evidence(
                    observed=point.agreement_pct,
                    unit="%",
                    limit=limit.value,
                    comparator=limit.comparator,
                    clause=limit.clause,
                    measurement=ctx.extraction.measurements[source] if source is not None else None,
                    point=series.series,
                    position_pct=point.position_pct,
                    reading_ohm=point.value_ohm,
                    judged_ohm=series.judged_ohm,
                ),
                remediation=REMEDIATION,
            )
            if series.judged_ohm is None:
                break  # without the 62 % reading one finding says it all
        if not failed:
            yield ctx.passed(series.series)


RULE = make_rule(
    id="GND-003",
    name="fall-of-potential-plateau-invalid",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
