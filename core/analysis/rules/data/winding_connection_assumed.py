"""DATA-016 winding-connection-assumed: the calculated ratio rests on an assumed connection.

## What it checks
When turns ratios are judged against a ratio worked out from the nameplate, that the report
tells the winding connection: a vector group (`Dyn1`), Δ/Y marks on the voltages
(`13800Δ – 480Y/277`) or a printed calculated ratio that fits one connection. When none does,
the common data-center connection, delta primary and wye secondary, is assumed, and this
finding says so.

## Why it matters
The calculated ratio of a Δ–Y unit is √3 times that of a Δ–Δ unit with the same nameplate
voltages; judging on an assumption must be visible to the reviewer.

## Thresholds
An owner profile can change each of these by key:
- `data.winding_connection_assumed` — the severity raised

## Remediation
Record the nameplate's vector group or connection marks in the report.

## References
- ANSI/NETA ATS-2025 5.4 (nameplate data), 7.2.1.1 D.3 (the calculated ratio depends on the
  connection); the Δ–Y assumption is AuditEng's own
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, fmt, make_rule

THRESHOLDS = ("data.winding_connection_assumed",)


def check(ctx: RuleContext) -> Iterator[Result]:
    setup = ctx.derived.turns_setup
    uses_nameplate = any(item.calculated_source == "nameplate" for item in ctx.derived.turns)
    if setup is None or setup.nominal_ratio is None or not uses_nameplate:
        return
    if setup.connection_source != "assumed":
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.winding_connection_assumed")
    found = ctx.extraction.fields.get("equipment.windings")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=(
            f"The report does not state the winding connection of the "
            f"{fmt(setup.high_v or 0)}/{fmt(setup.low_v or 0)} V nameplate: Δ–Y assumed, "
            f"calculated ratio {fmt(setup.nominal_ratio)}"
        ),
        evidence=evidence(
            observed=setup.connection,
            unit=None,
            clause=condition.clause,
            point="equipment.windings",
            source=found.source if found else None,
            raw=found.raw if found else None,
            alternatives=setup.alternatives,
        ),
        remediation="Record the nameplate's vector group or Δ/Y connection marks in the report.",
    )


RULE = make_rule(
    id="DATA-016",
    name="winding-connection-assumed",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
