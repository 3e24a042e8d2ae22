"""Shared check for the PI- and DAR- rules: grade a ratio against limits, worst limit first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.analysis.derived import RatioIndex
from core.analysis.rules.base import Result, RuleContext, evidence, first_failed, fmt, symbol
from core.enums import EquipmentType
from core.standards import Limit

MACHINES = (EquipmentType.GENERATOR, EquipmentType.MOTOR)


def equipment_class(ctx: RuleContext) -> str:
    """`transformer`, `machine` (generator, motor) or `apparatus` (everything else)."""
    kind = ctx.extraction.equipment.type
    if kind == EquipmentType.TRANSFORMER:
        return "transformer"
    return "machine" if kind in MACHINES else "apparatus"


def grade(
    ctx: RuleContext,
    values: Sequence[RatioIndex],
    limits: Sequence[Limit],
    *,
    label: str,
    remediation: str,
) -> Iterator[Result]:
    """A check per judged point; a finding with the worst failed limit's severity."""
    for item in values:
        if not item.judged or item.value is None:
            continue
        failed = first_failed(item.value, limits)
        if failed is None or failed.severity is None:
            yield ctx.passed(item.point)
            continue
        yield from ctx.fail(
            item.point,
            severity=failed.severity,
            message=(
                f"{item.point}: {label} {fmt(item.value)}, required "
                f"{symbol(failed.comparator)} {fmt(failed.value)}"
            ),
            evidence=evidence(
                observed=item.value,
                unit=failed.unit,
                limit=failed.value,
                comparator=failed.comparator,
                clause=failed.clause,
                measurement=ctx.extraction.measurements[item.index],
                source_of_value=item.source,
                reported=item.reported,
            ),
            remediation=remediation,
        )
