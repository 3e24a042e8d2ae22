"""TTR-003 turns-ratio-fits-another-connection: the measured set fits another winding connection.

## What it checks
At each tap, when every measured phase misses the calculated ratio (TTR-001's limit) but all of
them fit the ratio another winding connection would give, within the stated deviation — a
13,800–480Y/277 V unit measuring 28.75 (Δ–Δ or Y–Y) where Δ–Y gives 49.80 — the phases are
reported here as a likely connection or nameplate mix-up, not as a failed transformer. Healthy
windings in the wrong connection, a test set wired line-to-line where it should be
line-to-neutral, or a nameplate copied wrong all look like this; shorted turns do not.

## Why it matters
Rejecting a healthy transformer for a paperwork or test-lead mistake costs a retest and days of
schedule; accepting it without a look could hide a unit connected other than the design.

## Thresholds
An owner profile can change each of these by key:
- `ttr.connection_mismatch` — how close the measured ratios must be to the other connection's,
  and the severity raised

## Remediation
Check the nameplate's connection (vector group, Δ/Y marks) against the unit and the drawings,
and the test set's lead connections for the phase pairs; correct the report or retest.

## References
- ANSI/NETA ATS-2025 7.2.1.1 D.3, 7.2.2 D.3 (calculated ratio)
- IEEE Std C57.12.90 (ratio test, phase relation)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, make_rule, percent
from core.analysis.rules.ttr._common import ratio_details, subject

THRESHOLDS = ("ttr.connection_mismatch",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("ttr.connection_mismatch")
    assert limit.severity is not None
    for item in ctx.derived.turns:
        if item.calculated is None:
            continue
        name = subject(item)
        if item.fits_connection is None or item.fits_ratio is None:
            yield ctx.passed(name)
            continue
        yield from ctx.fail(
            name,
            severity=limit.severity,
            message=(
                f"{name}: ratio {fmt(item.measured)} misses the calculated {fmt(item.calculated)} "
                f"but fits {item.fits_connection} ({fmt(item.fits_ratio)}) within "
                f"{percent(limit.value)}: likely a connection or nameplate mix-up"
            ),
            evidence=evidence(
                observed=item.measured,
                unit="ratio",
                limit=item.calculated,
                comparator="≈",
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                details={
                    **ratio_details(item, ctx.derived.turns_setup),
                    "fits_connection": item.fits_connection,
                    "fits_ratio": item.fits_ratio,
                    "deviation_pct": item.nameplate_deviation_pct,
                },
            ),
            remediation=(
                "Check the nameplate connection against the unit and the test leads, then "
                "correct the report or retest."
            ),
        )


RULE = make_rule(
    id="TTR-003",
    name="turns-ratio-fits-another-connection",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
