"""DAR-001 transformer-dielectric-absorption-ratio-below-minimum: a transformer's DAR below 1.0.

## What it checks
For a transformer, the dielectric absorption ratio of each point — R60s / R30s from the timed
readings, or the DAR the report prints — against the minimum. Not judged from over-range
readings. DAR is never required.

## Why it matters
A DAR below 1.0 means the reading falls while voltage is held: conduction through moisture or
contamination outweighs absorption.

## Thresholds
- `dar.transformer_min` — minimum DAR (default ≥ 1.0) and its severity (CRITICAL)

## Remediation
Do not energize: dry out and clean the windings, then repeat the timed test.

## References
- ANSI/NETA ATS-2025 7.2 (transformers)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("dar.transformer_min",)


def check(ctx: RuleContext) -> Iterator[Result]:
    if equipment_class(ctx) != "transformer":
        return
    yield from grade(
        ctx,
        ctx.derived.dar,
        [ctx.limit("dar.transformer_min")],
        label="DAR",
        remediation="Do not energize: dry out and clean the windings, then repeat the timed test.",
    )


RULE = make_rule(
    id="DAR-001",
    name="transformer-dielectric-absorption-ratio-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
