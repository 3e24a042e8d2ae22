"""THM-001 thermal-anomaly-between-similar-components: a hot spot warmer than its similar component.

## What it checks
Every component compared with a similar component under similar load — one with a reference,
and one that serves as another's reference — is judged here, once:
- the ΔT to the similar component (computed from the hot spot and the reference temperature,
  or the printed ΔT when only that is given) against every band of `thm.similar`; bands are
  half-open so each decimal reading falls in exactly one, and below the lowest band passes;
- the ΔT over ambient air against the **top** band of `thm.ambient` only (a rise over ambient
  that is a major discrepancy whatever the other phases show). The lower ambient bands do not
  apply here: a loaded conductor is normally warmer than the air.

One finding per component, with the severity of the worse judgement; its evidence holds both
ΔTs and the band each fell in. Components without a similar reference are judged by THM-002.

## Why it matters
A connection or contact warmer than the same part on the other phases carries resistance it
should not: it degrades, heats further and ends in failure or fire. The comparison with a
similar component is the reliable measure because load and emissivity are alike — but it is
blind to a circuit whose phases are all equally overheated (a ΔT of 0 between three lugs 70 °C
over the air), which only the rise over ambient shows.

## Thresholds
- `thm.similar` — the bands between similar components, each with its severity and action
- `thm.ambient` — only its top band applies to these components: a profile that changes that
  band (its lower edge or severity) changes this check; its lower bands are THM-002's

## Remediation
Act as the band says — investigate, repair as time permits, or repair immediately — then rescan
under comparable load to confirm the repair. When all phases are equally hot, look for a common
cause (overload, undersized conductors, harmonics, a shared loose connection) as well.

## References
- ANSI/NETA ATS-2025 Table 100.18 (thermographic survey, temperature rise)
- NFPA 70B-2023 (infrared inspection)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, make_rule
from core.analysis.rules.thm._common import ambient, judge_point, similar

THRESHOLDS = ("thm.similar", "thm.ambient")


def check(ctx: RuleContext) -> Iterator[Result]:
    similar_bands, ambient_bands = ctx.bands("thm.similar"), ctx.bands("thm.ambient")
    for item in ctx.derived.thermal:
        if not item.has_similar:
            continue  # THM-002
        yield from judge_point(
            ctx,
            item,
            [similar(item, similar_bands), ambient(item, ambient_bands, top_band_only=True)],
        )


RULE = make_rule(
    id="THM-001",
    name="thermal-anomaly-between-similar-components",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
