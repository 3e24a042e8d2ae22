"""THM-004 survey-load-not-stated: a thermographic survey that does not state the load.

## What it checks
That a thermographic survey states the load at the time of the survey.

## Why it matters
ΔT depends on load; without it a reader cannot tell whether a small rise is harmless or a
serious defect seen at light load, nor whether the survey met the minimum load (THM-003).

## Thresholds
An owner profile can change each of these by key:
- `thm.load_not_stated` — the severity raised

## Remediation
Ask the thermographer to state the load (percent of normal or rated) for the survey.

## References
- ANSI/NETA ATS-2025 Section 9 (the report identifies the load conditions at the time of
  inspection)
- NFPA 70B-2023 7.4.5 (survey load; THM-003)
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import REPORT, Result, RuleContext, evidence, make_rule
from core.analysis.rules.thm._common import is_survey

THRESHOLDS = ("thm.load_not_stated",)


def check(ctx: RuleContext) -> Iterator[Result]:
    if not is_survey(ctx):
        return
    if ctx.extraction.test.load_pct is not None:
        yield ctx.passed(REPORT)
        return
    condition = ctx.condition("thm.load_not_stated")
    yield from ctx.fail(
        REPORT,
        severity=condition.severity,
        message="Survey load not stated; the ΔT values cannot be weighed against load",
        evidence=evidence(observed=None, unit="%", clause=condition.clause),
        remediation="Ask the thermographer to state the load during the survey.",
    )


RULE = make_rule(
    id="THM-004",
    name="survey-load-not-stated",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
