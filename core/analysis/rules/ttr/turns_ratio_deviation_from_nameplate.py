"""TTR-001 turns-ratio-deviation-from-nameplate: a measured ratio too far from the calculated one.

## What it checks
Each measured turns ratio (per phase and tap) against the calculated ratio:
|measured − calculated| / calculated. The calculated ratio is the one the report prints;
without one, the ratio of the two coil voltages from the nameplate — a delta coil carries the
line-to-line voltage, a wye coil line-to-neutral — so it depends on the connection, taken from
the vector group (`Dyn1`, `YNd11`), else the nameplate's Δ/Y marks, else Δ–Y assumed (DATA-016
says so). A 13,800 Δ – 480Y/277 V unit measures 13,800 / 277.1 = 49.80; a
12,470GrdY/7,200 – 480 V Δ unit 7,200 / 480 = 15.0. The tap changes it by its percentage
(tap 3 of 5 nominal, 2.5 % steps). When every phase at a tap misses the calculated ratio but
fits another connection, TTR-003 reports a likely mix-up instead.

## Why it matters
A ratio off the calculated one means shorted turns, a wrong tap connection or a winding
defect: the transformer will deliver the wrong voltage and may overheat from circulating
current.

## Thresholds
An owner profile can change each of these by key:
- `ttr.nameplate_deviation_max` — the largest deviation that passes, and its severity
- `ttr.connection` — the nominal tap and the tap step

## Remediation
Do not energize: verify the tap position and connections, retest, and if the deviation stays
have the winding investigated (excitation current, winding resistance).

## References
- ANSI/NETA ATS-2025 7.2.1.1 D.3 (dry-type), 7.2.1.2 D.5, 7.2.2 D.3 (liquid-filled)
- IEEE Std C57.12.00 (terminal markings and voltage designations), IEC 60076-1 (vector groups)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, percent
from core.analysis.rules.ttr._common import ratio_details, subject

THRESHOLDS = ("ttr.nameplate_deviation_max", "ttr.connection")


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("ttr.nameplate_deviation_max")
    assert limit.severity is not None
    for item in ctx.derived.turns:
        if item.nameplate_deviation_pct is None or item.calculated is None:
            continue
        if item.fits_connection is not None:
            continue  # fits another connection: TTR-003
        name = subject(item)
        if limit.passes(item.nameplate_deviation_pct):
            against = evidence(
                observed=item.nameplate_deviation_pct,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
            )
            yield ctx.passed(name, index=item.index, against=against)
            continue
        yield from ctx.fail(
            name,
            severity=limit.severity,
            message=(
                f"{name}: ratio {fmt(item.measured)} deviates "
                f"{percent(item.nameplate_deviation_pct)} from the calculated "
                f"{fmt(item.calculated)}, limit {percent(limit.value)}"
            ),
            evidence=evidence(
                observed=item.nameplate_deviation_pct,
                unit="%",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                details=ratio_details(item, ctx.derived.turns_setup),
            ),
            index=item.index,
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
