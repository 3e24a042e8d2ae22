"""The readings of a report that are followed over an asset's life, normalised once
(`TrendReading`): what the HIST- rules compare with the asset's history, and what the services
store in that history and chart on the Assets page. Pure: extraction and derived values in,
readings out, in measurement order.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.analysis.derived import OHMS_PER_MEGOHM, Derived
from core.schemas import (
    TREND_UNIT,
    AssetHistory,
    ExtractionResult,
    PriorAnalysis,
    TrendQuantity,
    TrendReading,
)

PERCENT = 100
CHANGE_DIGITS = 2
"""A change since the baseline is shown and stored to two decimals (50.45 %, 3.5 °C)."""
History = AssetHistory | Sequence[AssetHistory] | None
"""What the engine takes as `history`: one asset's, or several (a package's assets)."""


def prior_analyses(history: History, extraction: ExtractionResult) -> tuple[PriorAnalysis, ...]:
    """The earlier analyses of this report's asset, tested before its test date, oldest first;
    none when the report has no test date or tag, or the history is of another asset."""
    day = extraction.test.date
    if history is None or day is None:
        return ()
    books = (history,) if isinstance(history, AssetHistory) else tuple(history)
    for book in books:
        if book.matches(extraction.equipment.tag, extraction.equipment.site):
            return book.before(day)
    return ()


def trend_readings(extraction: ExtractionResult, derived: Derived) -> tuple[TrendReading, ...]:
    """Insulation resistance (the judged reading of each point, with its value at 20 °C),
    contact resistance per pole, the judged ground resistance, turns ratio per phase and tap,
    and each hot spot's ΔT. Readings without a number (`∞`, `OL`) are left out."""
    found: list[tuple[int, TrendReading]] = []
    for reading in derived.primary_ir():
        if reading.measured_mohm is None:
            continue
        corrected = reading.corrected_mohm
        found.append(
            (
                reading.index,
                _reading(
                    TrendQuantity.INSULATION_RESISTANCE,
                    reading.point,
                    reading.measured_mohm * OHMS_PER_MEGOHM,
                    index=reading.index,
                    censored=reading.censored,
                    corrected_20c_ohm=corrected * OHMS_PER_MEGOHM
                    if corrected is not None
                    else None,
                ),
            )
        )
    for item in derived.contact:
        if item.fuse or item.value_ohm is None:
            continue
        found.append(
            (
                item.index,
                _reading(
                    TrendQuantity.CONTACT_RESISTANCE,
                    item.point,
                    item.value_ohm,
                    index=item.index,
                    censored=item.censored,
                ),
            )
        )
    for index in derived.ground_judged:
        measurement = extraction.measurements[index]
        if measurement.value is None:
            continue
        found.append(
            (
                index,
                _reading(
                    TrendQuantity.GROUND_RESISTANCE,
                    measurement.point,
                    measurement.value,
                    index=index,
                    censored=measurement.censored is not None,
                ),
            )
        )
    for turns in derived.turns:
        point = f"{turns.point} tap {turns.tap}" if turns.tap else turns.point
        found.append(
            (
                turns.index,
                _reading(
                    TrendQuantity.TURNS_RATIO,
                    point,
                    turns.measured,
                    index=turns.index,
                    deviation_pct=turns.nameplate_deviation_pct,
                ),
            )
        )
    for delta in derived.thermal:
        similar, ambient = delta.similar_delta_c, delta.ambient_delta_c
        rise, reference = (similar, "similar") if similar is not None else (ambient, "ambient")
        if rise is None:
            continue
        found.append(
            (
                delta.index,
                _reading(
                    TrendQuantity.TEMPERATURE_RISE,
                    delta.point,
                    rise,
                    reference=reference,
                    index=delta.index,
                ),
            )
        )
    return tuple(reading for _, reading in sorted(found, key=lambda pair: pair[0]))


def _reading(
    quantity: TrendQuantity,
    point: str,
    value: float,
    *,
    censored: bool = False,
    corrected_20c_ohm: float | None = None,
    deviation_pct: float | None = None,
    reference: str | None = None,
    index: int | None = None,
) -> TrendReading:
    return TrendReading(
        quantity=quantity,
        point=point,
        value=value,
        unit=TREND_UNIT[quantity],
        censored=censored,
        corrected_20c_ohm=corrected_20c_ohm,
        deviation_pct=deviation_pct,
        reference=reference,
        index=index,
    )
