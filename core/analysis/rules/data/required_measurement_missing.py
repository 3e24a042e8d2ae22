"""DATA-005 required-measurement-missing: the report lacks the readings its test type needs.

## What it checks
That the report carries at least one measurement of the kind its test type needs: insulation
resistance readings for an IR test, ground or continuity resistance for grounding, hot-spot or
ΔT readings for thermography, contact resistance, turns ratios. PI and DAR are never required.

The finding names the table the test needs (for insulation resistance: test points with their
MΩ or GΩ readings) and, when the reader left regions it could not interpret (DATA-017), where
to look.

## Why it matters
A report without its test data proves nothing: with no readings no rule can fail, and the
report would otherwise look clean.

## Thresholds
An owner profile can change each of these by key:
- `data.measurement_missing` — the severity raised

## Remediation
Ask the testing organization for the test data sheet with every reading (as found and as left).

## References
- ANSI/NETA ATS-2025 5.4 (test data, as-found and as-left results)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.derived import REQUIRED_QUANTITIES, required_measurements
from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.enums import TestType

THRESHOLDS = ("data.measurement_missing",)
EXPECTED_TABLE: dict[TestType | None, str] = {
    TestType.INSULATION_RESISTANCE: (
        "a table of test points (A-G, Pole to Ground, Primary to Ground …) with their "
        "readings in MΩ or GΩ"
    ),
    TestType.GROUNDING: (
        "a fall-of-potential table (probe distance and resistance in Ω) or ground or "
        "continuity resistance readings in Ω"
    ),
    TestType.THERMOGRAPHY: (
        "a table of components with their hot-spot and reference temperatures or ΔT"
    ),
    TestType.CONTACT_RESISTANCE: "a table of contact resistance per pole or joint in µΩ or mΩ",
    TestType.TURNS_RATIO: "a turns-ratio table (phase or winding, calculated and measured ratio)",
    None: "a table of readings with their units",
}


def check(ctx: RuleContext) -> Iterator[Result]:
    if required_measurements(ctx.extraction):
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("data.measurement_missing")
    test_type = ctx.extraction.test.type
    wanted = REQUIRED_QUANTITIES.get(test_type, REQUIRED_QUANTITIES[None])
    names = " or ".join(quantity.value.replace("_", " ") for quantity in wanted)
    what = test_type.value.replace("_", " ").lower() if test_type else "this"
    where = ", ".join(region.where for region in ctx.extraction.not_understood)
    look = f"; rows that could not be read: {where}" if where else ""
    table = EXPECTED_TABLE.get(test_type, EXPECTED_TABLE[None])
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message=f"No {names} readings found for the {what} test: expected {table}{look}",
        evidence=evidence(
            observed=None,
            unit=None,
            clause=condition.clause,
            point="measurements",
            required=[quantity.value for quantity in wanted],
        ),
        remediation="Ask for the test data sheet with every reading.",
    )


RULE = make_rule(
    id="DATA-005",
    name="required-measurement-missing",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
