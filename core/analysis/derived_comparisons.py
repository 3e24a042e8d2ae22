"""Derived comparisons for thermography, contact resistance and fall-of-potential.

Part of the derived values (see `derived.py`): ΔT from the hot spot and its reference (a similar
component preferred, the ambient otherwise; a printed ΔT fills a gap and is kept as a
cross-check), deviations from the lowest similar pole or fuse, and the fall-of-potential
plateau. Turns ratios are in `derived_turns.py`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.point_names import is_fuse, normalize, similarity_key
from core.schemas import ExtractionResult, Measurement, Quantity
from core.standards import ThresholdSet

PERCENT = 100.0
FALL_OF_POTENTIAL = "fall-of-potential"
DECIMALS = 9
"""Derived numbers are rounded here so that a value exactly at a limit compares as exactly at it
(2.2 Ω vs 2.0 Ω is 10 %, not 10.000000000000009 %)."""


def clean(value: float) -> float:
    return round(value, DECIMALS)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThermalDelta(_Frozen):
    index: int
    point: str
    hot_spot_c: float | None
    similar_delta_c: float | None
    reference_point: str | None = None
    reference_c: float | None = None
    ambient_delta_c: float | None
    ambient_c: float | None = None
    is_reference: bool = False
    """The component others are compared with (it has no similar ΔT of its own)."""
    printed_delta_c: float | None = None
    printed_reference: Literal["similar", "ambient"] | None = None
    printed_index: int | None = None
    mismatch_c: float | None = None
    """|printed ΔT − computed ΔT| of the same reference, when both exist."""
    reference_assumed: bool = False
    """A printed ΔT without a stated reference, taken as over ambient."""

    @property
    def has_similar(self) -> bool:
        """Compared with a similar component: it has a similar ΔT, or is another's reference.
        Such a point is judged by the similar bands and only the top over-ambient band."""
        return self.similar_delta_c is not None or self.is_reference


class ContactDeviation(_Frozen):
    index: int
    point: str
    group: str
    fuse: bool
    value_ohm: float | None
    censored: bool
    lowest_ohm: float | None
    lowest_point: str | None
    deviation_pct: float | None
    """(value − lowest) / lowest; None when the point has no similar point to compare with."""


class PlateauPoint(_Frozen):
    position_pct: float
    index: int | None
    distance_pct: float | None
    value_ohm: float | None
    agreement_pct: float | None
    """|R − R62| / R62 × 100."""


class FallOfPotentialSeries(_Frozen):
    series: str
    judged_index: int | None
    judged_distance_pct: float | None
    judged_ohm: float | None
    plateau: tuple[PlateauPoint, ...]


def _indexed(extraction: ExtractionResult, *quantities: Quantity) -> list[tuple[int, Measurement]]:
    return [(i, m) for i, m in enumerate(extraction.measurements) if m.quantity in quantities]


def _first_by_point(pairs: list[tuple[int, Measurement]]) -> dict[str, tuple[int, Measurement]]:
    found: dict[str, tuple[int, Measurement]] = {}
    for i, m in pairs:
        found.setdefault(normalize(m.point), (i, m))
    return found


def _delta(hot: float | None, reference: float | None) -> float | None:
    return clean(hot - reference) if hot is not None and reference is not None else None


def thermal_deltas(extraction: ExtractionResult) -> tuple[ThermalDelta, ...]:
    hot_spots = _indexed(extraction, Quantity.TEMPERATURE)
    by_point = _first_by_point(hot_spots)
    printed = _first_by_point(_indexed(extraction, Quantity.TEMPERATURE_RISE))
    referenced = {normalize(m.reference_point) for _, m in hot_spots if m.reference_point}
    results: list[ThermalDelta] = []
    for i, m in hot_spots:
        reference_c = m.reference_temperature_c
        ambient_c = m.ambient_temperature_c
        if m.reference == "ambient" and ambient_c is None:
            reference_c, ambient_c = None, reference_c
        if reference_c is None and m.reference_point:
            found = by_point.get(normalize(m.reference_point))
            reference_c = found[1].value if found and found[0] != i else None
        if ambient_c is None:
            ambient_c = extraction.test.ambient_temperature_c
        similar, ambient = _delta(m.value, reference_c), _delta(m.value, ambient_c)
        rise = printed.pop(normalize(m.point), None)
        mismatch = None
        if rise is not None and rise[1].value is not None:
            kind = rise[1].reference or ("similar" if similar is not None else "ambient")
            computed = similar if kind == "similar" else ambient
            if computed is None and kind == "similar":
                similar = rise[1].value
            elif computed is None:
                ambient = rise[1].value
            else:
                mismatch = clean(abs(rise[1].value - computed))
        results.append(
            ThermalDelta(
                index=i,
                point=m.point,
                hot_spot_c=m.value,
                similar_delta_c=similar,
                reference_point=m.reference_point,
                reference_c=reference_c,
                ambient_delta_c=ambient,
                ambient_c=ambient_c,
                is_reference=normalize(m.point) in referenced and similar is None,
                printed_delta_c=rise[1].value if rise else None,
                printed_reference=rise[1].reference if rise else None,
                printed_index=rise[0] if rise else None,
                mismatch_c=mismatch,
            )
        )
    for i, rise_m in printed.values():  # printed ΔT without a hot spot: the only data there is
        results.append(
            ThermalDelta(
                index=i,
                point=rise_m.point,
                hot_spot_c=None,
                similar_delta_c=rise_m.value if rise_m.reference == "similar" else None,
                reference_point=rise_m.reference_point,
                ambient_delta_c=rise_m.value if rise_m.reference != "similar" else None,
                printed_delta_c=rise_m.value,
                printed_reference=rise_m.reference,
                printed_index=i,
                reference_assumed=rise_m.reference is None,
            )
        )
    return tuple(sorted(results, key=lambda delta: delta.index))


def contact_deviations(extraction: ExtractionResult) -> tuple[ContactDeviation, ...]:
    groups: dict[tuple[bool, str], list[tuple[int, Measurement]]] = defaultdict(list)
    for i, m in _indexed(extraction, Quantity.CONTACT_RESISTANCE):
        groups[(is_fuse(m.point), similarity_key(m.point))].append((i, m))
    results = []
    for (fuse, group), members in groups.items():
        exact = [(i, m) for i, m in members if m.value is not None and m.censored is None]
        low = min(exact, key=lambda pair: (pair[1].value or 0, pair[0])) if exact else None
        lowest = low[1].value if low else None
        for i, m in members:
            deviation = None
            if len(members) > 1 and lowest and m.value is not None:
                deviation = clean((m.value - lowest) / lowest * PERCENT)
            results.append(
                ContactDeviation(
                    index=i,
                    point=m.point,
                    group=group,
                    fuse=fuse,
                    value_ohm=m.value,
                    censored=m.censored is not None or m.value is None,
                    lowest_ohm=lowest if len(members) > 1 else None,
                    lowest_point=low[1].point if low and len(members) > 1 else None,
                    deviation_pct=deviation,
                )
            )
    return tuple(sorted(results, key=lambda deviation: deviation.index))


def _series(extraction: ExtractionResult) -> dict[str, list[tuple[int, Measurement]]]:
    """Fall-of-potential series: readings of one electrode at several probe positions.

    A reading alone at its position (62 %, 60 % or any other) is no series: it is judged as a
    plain reading, so documenting the probe position never costs a plateau finding."""
    points = [
        (i, m)
        for i, m in _indexed(extraction, Quantity.GROUND_RESISTANCE)
        if m.distance_pct is not None
    ]
    groups: dict[str, list[tuple[int, Measurement]]] = defaultdict(list)
    for i, m in points:
        groups[m.point.strip()].append((i, m))
    if len(points) > 1 and len(groups) == len(points):  # one point name per distance
        groups = {FALL_OF_POTENTIAL: points}
    return {
        name: members
        for name, members in groups.items()
        if len({m.distance_pct for _, m in members}) > 1
    }


def _nearest(
    members: list[tuple[int, Measurement]], position: float, tolerance: float
) -> tuple[int, Measurement] | None:
    close = [
        (abs((m.distance_pct or 0) - position), i, m)
        for i, m in members
        if abs((m.distance_pct or 0) - position) <= tolerance
    ]
    return min(close, key=lambda c: (c[0], c[1]))[1:] if close else None


def fall_of_potential(
    extraction: ExtractionResult, ts: ThresholdSet
) -> tuple[FallOfPotentialSeries, ...]:
    method = ts.gnd.fall_of_potential
    results = []
    for name, members in _series(extraction).items():
        judged = _nearest(members, method.judged_position_pct, method.position_tolerance_pct)
        judged_value = judged[1].value if judged and judged[1].censored is None else None
        plateau = []
        for position in method.plateau_positions_pct:
            near = _nearest(members, position, method.position_tolerance_pct)
            value = near[1].value if near and near[1].censored is None else None
            agreement = None
            if value is not None and judged_value:
                agreement = clean(abs(value - judged_value) / judged_value * PERCENT)
            plateau.append(
                PlateauPoint(
                    position_pct=position,
                    index=near[0] if near else None,
                    distance_pct=near[1].distance_pct if near else None,
                    value_ohm=value,
                    agreement_pct=agreement,
                )
            )
        results.append(
            FallOfPotentialSeries(
                series=name,
                judged_index=judged[0] if judged else None,
                judged_distance_pct=judged[1].distance_pct if judged else None,
                judged_ohm=judged_value,
                plateau=tuple(plateau),
            )
        )
    return tuple(results)


def ground_judged_indexes(
    extraction: ExtractionResult, series: tuple[FallOfPotentialSeries, ...]
) -> tuple[int, ...]:
    """Ground readings judged against a limit: those outside a fall-of-potential series (with
    or without a probe position), and each series' 62 % one."""
    in_series = {i for members in _series(extraction).values() for i, _ in members}
    plain = [i for i, _ in _indexed(extraction, Quantity.GROUND_RESISTANCE) if i not in in_series]
    judged = [s.judged_index for s in series if s.judged_index is not None]
    return tuple(sorted([*plain, *judged]))
