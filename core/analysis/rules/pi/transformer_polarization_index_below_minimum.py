"""PI-001 transformer-polarization-index-below-minimum: a transformer winding's PI below 1.0.

## What it checks
For a transformer, the polarization index of each point — R10min / R1min from the timed
readings, or the PI the report prints when it gives no timed readings — against the minimum.
A PI from an over-range reading, or with a 1-minute reading above the IEEE 43 limit, is not
judged. PI is never required (DATA-005 does not ask for it).

## Why it matters
A PI below 1.0 means the insulation current grows while voltage is held: leakage dominates the
absorption that healthy insulation shows, typical of wet or contaminated windings.

## Thresholds
- `pi.transformer_min` — minimum PI (default ≥ 1.0) and its severity (CRITICAL)

## Remediation
Do not energize: dry out and clean the windings (or have the oil processed), then repeat the
timed insulation test.

## References
- ANSI/NETA ATS-2025 7.2 (transformers), Table 100.5
- IEEE Std 43-2013 (PI not judged above 5,000 MΩ at 1 minute)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("pi.transformer_min",)


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "transformer":
        return
    yield from grade(
        ctx,
        ctx.derived.pi,
        [ctx.limit("pi.transformer_min")],
        label="PI",
        remediation="Do not energize: dry out and clean the windings, then repeat the timed test.",
    )


RULE = make_rule(
    id="PI-001",
    name="transformer-polarization-index-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
