"""IR-003 insulation-resistance-imbalance: a reading far below its similar points.

## What it checks
Among similar points (phase-to-ground readings together, phase-to-phase readings together;
other points are compared with nothing), that each reading is at least the stated fraction of
the highest one. Over-range readings count with the number they show and are never the low
one; `∞`/`OL` readings are left out.

## Why it matters
Phases of the same equipment age and get wet together: one phase far below the others points
to a local defect (a cracked insulator, a tracking path, a damaged cable) even when every
reading passes the table minimum.

## Thresholds
- `ir.imbalance` — the lowest / highest ratio that passes and its severity; an owner profile
  can change both

## Remediation
Investigate the low phase: inspect and clean its insulation, check for moisture and damage, and
retest it together with the other phases.

## References
- AuditEng's own check: no standard sets this ratio, and no clause is cited for it
"""

from __future__ import annotations

from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, make_rule, megohms, share

THRESHOLDS = ("ir.imbalance",)


def check(ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.limit("ir.imbalance")
    for item in ctx.derived.ir_imbalance:
        if limit.passes(item.ratio):
            yield ctx.passed(item.point)
            continue
        assert limit.severity is not None
        yield from ctx.fail(
            item.point,
            severity=limit.severity,
            message=(
                f"{item.point}: {megohms(item.value_mohm)} is {share(item.ratio)} of the "
                f"highest similar reading ({megohms(item.highest_mohm)} at {item.highest_point}); "
                f"the minimum is {share(limit.value)}"
            ),
            evidence=evidence(
                observed=item.ratio,
                unit=limit.unit,
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=ctx.extraction.measurements[item.index],
                value_mohm=item.value_mohm,
                highest_mohm=item.highest_mohm,
                highest_point=item.highest_point,
                group=item.group,
            ),
            remediation=(
                "Investigate the low point: inspect and clean its insulation, look for moisture "
                "or damage, and retest it with the similar points."
            ),
        )


RULE = make_rule(
    id="IR-003",
    name="insulation-resistance-imbalance",
    doc=__doc__,
    check=check,
    thresholds=THRESHOLDS,
)
