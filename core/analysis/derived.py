"""Derived values, computed once before any rule runs, so that rules only compare (DESIGN.md §4).

Measure first, then judge: temperature correction of IR readings, PI and DAR from timed
readings, the IR imbalance (`derived_insulation.py`); ΔT, contact-resistance and turns-ratio
deviations and the fall-of-potential plateau (`derived_comparisons.py`). Measurements are never
changed: each derived value names the measurement it came from by its index in
`extraction.measurements`. `Derived.display()` is what the validation result shows.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_comparisons import (
    ContactDeviation,
    FallOfPotentialSeries,
    ThermalDelta,
    TurnsRatio,
    contact_deviations,
    fall_of_potential,
    ground_judged_indexes,
    thermal_deltas,
    turns_ratios,
)
from core.analysis.derived_insulation import (
    OHMS_PER_MEGOHM,
    Imbalance,
    IrBasis,
    IrReading,
    RatioIndex,
    correction,
    imbalance,
    ir_basis,
    ir_readings,
    ratio_indexes,
)
from core.enums import TestType
from core.schemas import ExtractionResult, Measurement, Quantity
from core.standards import ThresholdSet

REQUIRED_QUANTITIES: dict[TestType | None, tuple[Quantity, ...]] = {
    TestType.INSULATION_RESISTANCE: (Quantity.INSULATION_RESISTANCE,),
    TestType.GROUNDING: (Quantity.GROUND_RESISTANCE, Quantity.CONTINUITY_RESISTANCE),
    TestType.THERMOGRAPHY: (Quantity.TEMPERATURE, Quantity.TEMPERATURE_RISE),
    TestType.CONTACT_RESISTANCE: (Quantity.CONTACT_RESISTANCE,),
    TestType.TURNS_RATIO: (Quantity.TURNS_RATIO,),
    None: tuple(
        q
        for q in Quantity
        if q not in (Quantity.POLARIZATION_INDEX, Quantity.DIELECTRIC_ABSORPTION_RATIO)
    ),
}
"""The measurements a test type needs (any one of them); PI and DAR are never required."""


def required_measurements(extraction: ExtractionResult) -> list[Measurement]:
    """The report's measurements of the quantities its test type needs."""
    wanted = REQUIRED_QUANTITIES.get(extraction.test.type, REQUIRED_QUANTITIES[None])
    return [m for m in extraction.measurements if m.quantity in wanted]


def rating_needed(extraction: ExtractionResult) -> bool:
    """True when a rule needs the voltage rating: IR minimums and test voltages are keyed by it."""
    return any(m.quantity == Quantity.INSULATION_RESISTANCE for m in extraction.measurements)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Derived(_Frozen):
    ir_basis: IrBasis | None = None
    ir_temperature_c: float | None = None
    ir_temperature_source: Literal["apparatus", "ambient"] | None = None
    ir_correction_clamped: bool = False
    ir_readings: tuple[IrReading, ...] = ()
    pi: tuple[RatioIndex, ...] = ()
    dar: tuple[RatioIndex, ...] = ()
    ir_imbalance: tuple[Imbalance, ...] = ()
    thermal: tuple[ThermalDelta, ...] = ()
    contact: tuple[ContactDeviation, ...] = ()
    turns: tuple[TurnsRatio, ...] = ()
    fall_of_potential: tuple[FallOfPotentialSeries, ...] = ()
    ground_judged: tuple[int, ...] = ()
    """Indexes of ground-resistance readings judged against a limit (62 % ones for FoP)."""

    @property
    def temperature_correction_missing(self) -> bool:
        return bool(self.ir_readings) and self.ir_temperature_c is None

    @property
    def insulation_assumed(self) -> bool:
        return self.ir_basis is not None and self.ir_basis.insulation_assumed

    def primary_ir(self) -> tuple[IrReading, ...]:
        return tuple(reading for reading in self.ir_readings if reading.primary)

    def display(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def compute_derived(extraction: ExtractionResult, ts: ThresholdSet) -> Derived:
    """Everything the rules compare, computed once from the extraction and the threshold set."""
    has_ir = any(m.quantity == Quantity.INSULATION_RESISTANCE for m in extraction.measurements)
    basis = ir_basis(extraction, ts) if has_ir else None
    temperature = source = factor = None
    clamped = False
    if basis is not None:
        temperature, source, factor, clamped = correction(extraction, ts, basis)
    readings = ir_readings(extraction, factor)
    series = fall_of_potential(extraction, ts)
    return Derived(
        ir_basis=basis,
        ir_temperature_c=temperature,
        ir_temperature_source=source,
        ir_correction_clamped=clamped,
        ir_readings=readings,
        pi=ratio_indexes(extraction, ts, readings, Quantity.POLARIZATION_INDEX),
        dar=ratio_indexes(extraction, ts, readings, Quantity.DIELECTRIC_ABSORPTION_RATIO),
        ir_imbalance=imbalance(readings),
        thermal=thermal_deltas(extraction),
        contact=contact_deviations(extraction),
        turns=turns_ratios(extraction),
        fall_of_potential=series,
        ground_judged=ground_judged_indexes(extraction, series),
    )


__all__ = [
    "OHMS_PER_MEGOHM",
    "REQUIRED_QUANTITIES",
    "ContactDeviation",
    "Derived",
    "FallOfPotentialSeries",
    "Imbalance",
    "IrBasis",
    "IrReading",
    "RatioIndex",
    "ThermalDelta",
    "TurnsRatio",
    "compute_derived",
    "rating_needed",
    "required_measurements",
]
