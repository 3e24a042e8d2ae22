"""THM-001 thermal-anomaly-between-similar-components: a hot spot warmer than its similar component.

## What it checks
For each component with a reference (a similar component under similar load), the ΔT between
them — computed from the hot spot and the reference temperature, or the printed ΔT when only
that is given — against the bands of Table 100.18. Bands are half-open so every decimal reading
falls in exactly one: [1, 4) °C MINOR, [4, 15] °C MAJOR, above 15 °C CRITICAL; below 1 °C
passes.

## Why it matters
A connection or contact warmer than the same part on the other phases carries resistance it
should not: it degrades, heats further and ends in failure or fire. The comparison with a
similar component is the reliable measure because load and emissivity are alike.

## Thresholds
- `thm.similar` — Table 100.18 bands between similar components, with severity and action

## Remediation
Act as the band says — investigate, repair as time permits, or repair immediately — then rescan
under comparable load to confirm the repair.

## References
- ANSI/NETA ATS-2025 Table 100.18 (thermographic survey, temperature rise)
- NFPA 70B-2023 (infrared inspection)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.thm._common import judge_delta

THRESHOLDS = ("thm.similar",)


def check(ctx: RuleContext) -> Iterator[Result]:
    table = ctx.bands("thm.similar")
    for item in ctx.derived.thermal:
        if item.similar_delta_c is None:
            continue
        named = f" ({item.reference_point})" if item.reference_point else ""
        over = f"the similar component{named}"
        yield from judge_delta(ctx, item, item.similar_delta_c, table, over=over)


RULE = make_rule(
    id="THM-001",
    name="thermal-anomaly-between-similar-components",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
