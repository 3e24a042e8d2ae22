"""DAR-001 transformer-dielectric-absorption-ratio-below-minimum: a dry-type DAR below 1.0.

## What it checks
For a dry-type transformer, the dielectric absorption ratio of each point — R60s / R30s from
the timed readings, or the DAR the report prints — against the minimum of 7.2.1.1 / 7.2.1.2.
A liquid-filled transformer's DAR is shown, not judged: 7.2.2 sets no DAR criterion. When the
report does not say dry-type or liquid-filled, a DAR below the minimum goes to review (it fails
only if the unit is dry-type). Not judged from over-range readings; DAR is never required.

## Why it matters
A DAR below 1.0 means the reading falls while voltage is held: conduction through moisture or
contamination outweighs absorption.

## Thresholds
An owner profile can change each of these by key:
- `dar.transformer_min` — dry-type minimum DAR and its severity
- `dar.transformer_insulation_unknown` — severity when the insulation type is not stated

## Remediation
Do not energize: dry out and clean the windings, then repeat the timed test. When the report
does not say, state whether the transformer is dry-type or liquid-filled.

## References
- ANSI/NETA ATS-2025 7.2.1.1, 7.2.1.2 (dry-type), 7.2.2 (liquid-filled: no DAR criterion)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules._ratio_check import equipment_class, grade
from core.analysis.rules.base import Result, RuleContext, make_rule

THRESHOLDS = ("dar.transformer_min", "dar.transformer_insulation_unknown")


def check(ctx: RuleContext) -> Iterator[Result]:
    insulation = ctx.extraction.equipment.insulation
    if equipment_class(ctx) != "transformer" or insulation == "liquid":
        return
    limit = ctx.limit("dar.transformer_min")
    if insulation is None:
        unknown = ctx.condition("dar.transformer_insulation_unknown")
        limit = limit.model_copy(update={"severity": unknown.severity, "clause": unknown.clause})
    yield from grade(
        ctx,
        ctx.derived.dar,
        [limit],
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
