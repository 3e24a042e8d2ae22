"""THM-003 survey-load-below-minimum: a thermographic survey made at low load.

## What it checks
For a thermographic survey that states the load, that it was at least the minimum percentage
of normal load.

## Why it matters
Heating grows with the square of the current: a survey at low load understates every ΔT, so a
serious defect can show as a minor one (or not at all).

## Thresholds
An owner profile can change each of these by key:
- `thm.load_min` — the minimum load (percent of normal load), and its severity

## Remediation
Repeat the survey at no less than the minimum load, or scale the findings with care and note
the load in the report.

## References
- NFPA 70B-2023 7.4.5 (no less than 40 % of normal circuit loading)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule, percent
from core.analysis.rules.thm._common import is_survey

THRESHOLDS = ("thm.load_min",)


def check(ctx: RuleContext) -> Iterator[Result]:
    load = ctx.extraction.test.load_pct
    if load is None or not is_survey(ctx):
        return
    limit = ctx.limit("thm.load_min")
    if limit.passes(load):
        yield ctx.passed(REPORT)
        return
    assert limit.severity is not None
    provenance = ctx.extraction.fields.get("test.load_pct")
    yield from ctx.fail(
        REPORT,
        severity=limit.severity,
        message=f"Survey load {percent(load)} is below the {percent(limit.value)} minimum",
        evidence=evidence(
            observed=load,
            unit="%",
            limit=limit.value,
            comparator=limit.comparator,
            clause=limit.clause,
            source=provenance.source if provenance else None,
            raw=provenance.raw if provenance else None,
        ),
        remediation="Repeat the survey at no less than the minimum load.",
    )


RULE = make_rule(
    id="THM-003",
    name="survey-load-below-minimum",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
