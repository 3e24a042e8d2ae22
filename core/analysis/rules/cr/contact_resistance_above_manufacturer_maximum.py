"""CR-002 contact-resistance-above-manufacturer-maximum: a reading above the manufacturer's maximum.

## What it checks
Each contact-resistance reading for which the report gives the manufacturer's maximum (the top
of the published range), against that maximum, scaled by the fraction the profile allows (the
standard's criterion is the maximum itself).
An over-range reading fails.

## Why it matters
Above the manufacturer's maximum the device no longer carries its rated current within its
temperature rating; it will overheat in service.

## Thresholds
An owner profile can change each of these by key:
- `cr.manufacturer_max` — the fraction of the manufacturer's maximum allowed, and the
  severity

## Remediation
Do not return the device to service: clean, adjust or replace the contacts per the
manufacturer's instructions and retest.

## References
- ANSI/NETA ATS-2025 7.6.1.1.1 D.2 (manufacturer's published data)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, make_rule, micro_ohms, shown
from core.schemas import Quantity

THRESHOLDS = ("cr.manufacturer_max",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("cr.manufacturer_max")
    assert limit.severity is not None
    for _, m in ctx.measurements(Quantity.CONTACT_RESISTANCE):
        maximum = m.manufacturer_max_ohm
        if not maximum:
            continue
        if m.value is not None and m.censored is None and limit.passes(m.value / maximum):
            yield ctx.passed(m.point)
            continue
        allowed = maximum * limit.value
        yield from ctx.fail(
            m.point,
            severity=limit.severity,
            message=(
                f"{m.point}: {shown(m, micro_ohms(m.value or 0))} is above the manufacturer's "
                f"maximum of {micro_ohms(allowed)}"
            ),
            evidence=evidence(
                observed=m.value / maximum if m.value is not None else None,
                unit=limit.unit,
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=m,
                manufacturer_max_ohm=maximum,
                value_ohm=m.value,
                censored=m.censored,
            ),
            remediation=(
                "Do not return to service: clean, adjust or replace the contacts per the "
                "manufacturer's instructions and retest."
            ),
        )


RULE = make_rule(
    id="CR-002",
    name="contact-resistance-above-manufacturer-maximum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
