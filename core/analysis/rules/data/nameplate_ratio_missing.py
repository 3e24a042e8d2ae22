"""DATA-013 nameplate-ratio-missing: turns ratios without the nameplate (calculated) ratio.

## What it checks
When the report has turns-ratio readings, that a calculated ratio can be had for each: printed
beside the reading, or worked out from the nameplate's two winding voltages (TTR-001), so that
the deviation from it can be judged.

## Why it matters
Without the nameplate ratio only the phases can be compared with each other: a wrong tap or a
fault common to all phases would pass unseen.

## Thresholds
An owner profile can change each of these by key:
- `data.nameplate_ratio_missing` — the severity raised

## Remediation
Add the nameplate voltages (both windings, with their connection) or the calculated ratio for
each tap and audit again.

## References
- ANSI/NETA ATS-2025 5.4 (nameplate data); 7.2.1.1 D.3, 7.2.1.2 D.5, 7.2.2 D.3 (calculated
  ratio)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.schemas import Quantity

THRESHOLDS = ("data.nameplate_ratio_missing",)


def check(ctx: RuleContext) -> Iterator[Result]:
    ratios = ctx.measurements(Quantity.TURNS_RATIO)
    if not ratios:
        return
    calculated = {item.index for item in ctx.derived.turns if item.calculated is not None}
    missing = [m.point for i, m in ratios if m.value is not None and i not in calculated]
    if not missing:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.nameplate_ratio_missing")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=(
            "No calculated ratio (printed, or from both nameplate voltages) for "
            f"{', '.join(dict.fromkeys(missing))}"
        ),
        evidence=evidence(
            observed=None, unit="ratio", clause=condition.clause, points=sorted(set(missing))
        ),
        remediation="Add the nameplate (calculated) ratio for each tap and audit again.",
    )


RULE = make_rule(
    id="DATA-013",
    name="nameplate-ratio-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
