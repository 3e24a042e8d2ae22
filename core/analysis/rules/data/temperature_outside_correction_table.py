"""DATA-014 temperature-outside-correction-table: IR readings that cannot be corrected to 20 °C.

## What it checks
When the report has insulation-resistance readings judged by Table 100.1 or 100.5, that the
temperature they are corrected from (the apparatus temperature, else the ambient) lies within
Table 100.14.1. Outside it the table gives no factor and none is invented: the readings are
judged as measured, and this finding says so.

## Why it matters
Insulation resistance roughly halves for every 10 °C rise; a reading taken at 120 °C or −20 °C
and judged as if at 20 °C can be far off. Extrapolating the table would be a guess presented as
a standard's number.

## Thresholds
An owner profile can change each of these by key:
- `ir.temperature_correction` — the correction table, whose range is checked
- `data.temperature_outside_correction_table` — the severity raised

## Remediation
Check the recorded temperature (a unit or a typing error is likely); retest closer to 20 °C or
give the apparatus temperature, and audit again.

## References
- ANSI/NETA ATS-2025 Table 100.14.1 (−10 °C to 110 °C)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, degrees, evidence, make_rule

THRESHOLDS = ("ir.temperature_correction", "data.temperature_outside_correction_table")


def check(ctx: RuleContext) -> Iterator[Result]:
    derived = ctx.derived
    if not derived.ir_readings or derived.ir_temperature_c is None:
        return
    if not derived.ir_outside_correction_table:
        yield ctx.passed(REPORT)
        return
    table = ctx.thresholds.ir.temperature_correction
    condition = ctx.condition("data.temperature_outside_correction_table")
    low, high = table.temperatures_c[0], table.temperatures_c[-1]
    field = f"test.{derived.ir_temperature_source}_temperature_c"
    found = ctx.extraction.fields.get(field)
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=(
            f"The {derived.ir_temperature_source} temperature {degrees(derived.ir_temperature_c)}"
            f" is outside Table 100.14.1 ({degrees(low)} to {degrees(high)}): insulation "
            "readings judged as measured, not corrected"
        ),
        evidence=evidence(
            observed=derived.ir_temperature_c,
            unit="°C",
            limit=f"{low:g} to {high:g}",
            comparator="within",
            clause=condition.clause,
            point=field,
            source=found.source if found else None,
            raw=found.raw if found else None,
        ),
        remediation=(
            "Check the recorded temperature; retest nearer 20 °C or give the apparatus "
            "temperature, then audit again."
        ),
    )


RULE = make_rule(
    id="DATA-014",
    name="temperature-outside-correction-table",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
