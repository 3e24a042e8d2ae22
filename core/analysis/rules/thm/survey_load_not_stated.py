"""THM-004 survey-load-not-stated: a thermographic survey that does not state the load.

## What it checks
That a thermographic survey states the load at the time of the survey.

## Why it matters
ΔT depends on load; without it a reader cannot tell whether a small rise is harmless or a
serious defect seen at light load.

## Thresholds
- `thm.load_not_stated` — the severity raised (default INFO)

## Remediation
Ask the thermographer to state the load (percent of normal or rated) for the survey.

## References
- ANSI/NETA ATS-2025 Section 9 (report states load conditions)
- NFPA 70B-2023 7.4.5
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
