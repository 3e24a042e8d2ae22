"""PI-001 transformer-polarization-index-below-minimum: a transformer winding's PI below 1.0.

## What it checks
For a transformer, dry-type or liquid-filled, the polarization index of each point —
R10min / R1min from the timed readings, or the PI the report prints when it gives no timed
readings — against the minimum. A PI from an over-range reading is not judged. The IEEE Std 43
exemption for very high 1-minute readings is for rotating machines only: a dry-type unit with
30,000 MΩ at one minute and 24,000 MΩ at ten has PI 0.8 and fails. PI is never required
(DATA-005 does not ask for it).

## Why it matters
A PI below 1.0 means the insulation current grows while voltage is held: leakage dominates the
absorption that healthy insulation shows, typical of wet or contaminated windings.

## Thresholds
- `pi.transformer_min` — minimum PI and its severity; an owner profile can change both

## Remediation
Do not energize: dry out and clean the windings (or have the oil processed), then repeat the
timed insulation test.

## References
- ANSI/NETA ATS-2025 7.2.1.1 D.2, 7.2.1.2 (dry-type), 7.2.2 (liquid-filled)
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
