"""Derived values, computed once before any rule runs, so that rules only compare (DESIGN.md §4).

Measure first, then judge: the table row of each IR reading (`derived_basis.py`), its
temperature correction, PI and DAR from timed readings, the IR imbalance
(`derived_insulation.py`); the calculated turns ratio by connection and tap and the deviations
from it (`derived_turns.py`); ΔT, contact-resistance deviations and the fall-of-potential
plateau (`derived_comparisons.py`). Measurements are never
changed: each derived value names the measurement it came from by its index in
`extraction.measurements`. `Derived.display()` is what the validation result shows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_basis import IrBasis, ir_temperature, outside_correction_table
from core.analysis.derived_comparisons import (
    ContactDeviation,
    FallOfPotentialSeries,
    ThermalDelta,
    contact_deviations,
    fall_of_potential,
    ground_judged_indexes,
    thermal_deltas,
)
from core.analysis.derived_insulation import (
    OHMS_PER_MEGOHM,
    Imbalance,
    IrReading,
    RatioIndex,
    imbalance,
    ir_readings,
    ratio_indexes,
)
from core.analysis.derived_turns import TurnsRatio, TurnsSetup, turns_ratios
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


QUANTITY_TEST: dict[Quantity, TestType] = {
    Quantity.INSULATION_RESISTANCE: TestType.INSULATION_RESISTANCE,
    Quantity.POLARIZATION_INDEX: TestType.INSULATION_RESISTANCE,
    Quantity.DIELECTRIC_ABSORPTION_RATIO: TestType.INSULATION_RESISTANCE,
    Quantity.GROUND_RESISTANCE: TestType.GROUNDING,
    Quantity.CONTINUITY_RESISTANCE: TestType.GROUNDING,
    Quantity.TEMPERATURE: TestType.THERMOGRAPHY,
    Quantity.TEMPERATURE_RISE: TestType.THERMOGRAPHY,
    Quantity.CONTACT_RESISTANCE: TestType.CONTACT_RESISTANCE,
    Quantity.TURNS_RATIO: TestType.TURNS_RATIO,
}
"""The test each quantity belongs to: a sheet holds as many tests as its readings name."""


def tests_of(extraction: ExtractionResult) -> tuple[TestType | None, tuple[TestType, ...]]:
    """(main test, every test) of a report: the tests its readings belong to, in the enum's
    fixed order; the main one has most readings (the report's stated test on a tie), for the
    single `test_type` column. Without readings, the test the report states."""
    counts = Counter(QUANTITY_TEST[m.quantity] for m in extraction.measurements)
    stated = extraction.test.type
    if not counts:
        return stated, (stated,) if stated else ()
    every = tuple(kind for kind in TestType if kind in counts)
    most = max(counts.values())
    tied = [kind for kind in every if counts[kind] == most]
    return (stated if stated in tied else tied[0]), every


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
    ir_temperature_c: float | None = None
    ir_temperature_source: Literal["apparatus", "ambient"] | None = None
    ir_outside_correction_table: bool = False
    """The temperature lies outside Table 100.14.1: readings judged as measured."""
    ir_readings: tuple[IrReading, ...] = ()
    pi: tuple[RatioIndex, ...] = ()
    dar: tuple[RatioIndex, ...] = ()
    ir_imbalance: tuple[Imbalance, ...] = ()
    thermal: tuple[ThermalDelta, ...] = ()
    contact: tuple[ContactDeviation, ...] = ()
    turns: tuple[TurnsRatio, ...] = ()
    turns_setup: TurnsSetup | None = None
    fall_of_potential: tuple[FallOfPotentialSeries, ...] = ()
    ground_judged: tuple[int, ...] = ()
    """Indexes of ground-resistance readings judged against a limit (62 % ones for FoP)."""

    @property
    def temperature_correction_missing(self) -> bool:
        return bool(self.ir_readings) and self.ir_temperature_c is None

    @property
    def insulation_assumed(self) -> bool:
        return any(reading.basis.insulation_assumed for reading in self.ir_readings)

    @property
    def winding_assumed(self) -> bool:
        return any(r.basis.winding_assumed for r in self.ir_readings if r.primary)

    @property
    def connection_assumed(self) -> bool:
        setup = self.turns_setup
        uses_nameplate = any(item.calculated_source == "nameplate" for item in self.turns)
        return setup is not None and setup.connection_source == "assumed" and uses_nameplate

    def ir_bases(self) -> tuple[IrBasis, ...]:
        """Each distinct basis the judged readings use, in reading order."""
        seen: dict[str, IrBasis] = {}
        for reading in self.primary_ir():
            seen.setdefault(reading.basis.model_dump_json(), reading.basis)
        return tuple(seen.values())

    def primary_ir(self) -> tuple[IrReading, ...]:
        return tuple(reading for reading in self.ir_readings if reading.primary)

    def display(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def compute_derived(extraction: ExtractionResult, ts: ThresholdSet) -> Derived:
    """Everything the rules compare, computed once from the extraction and the threshold set."""
    temperature, source = ir_temperature(extraction)
    readings = ir_readings(extraction, ts, temperature)
    outside = temperature is not None and any(
        outside_correction_table(ts, reading.basis, temperature) for reading in readings
    )
    series = fall_of_potential(extraction, ts)
    setup, turns = turns_ratios(extraction, ts)
    return Derived(
        ir_temperature_c=temperature if readings else None,
        ir_temperature_source=source if readings else None,
        ir_outside_correction_table=outside,
        ir_readings=readings,
        pi=ratio_indexes(extraction, ts, readings, Quantity.POLARIZATION_INDEX),
        dar=ratio_indexes(extraction, ts, readings, Quantity.DIELECTRIC_ABSORPTION_RATIO),
        ir_imbalance=imbalance(readings),
        thermal=thermal_deltas(extraction),
        contact=contact_deviations(extraction),
        turns=turns,
        turns_setup=setup,
        fall_of_potential=series,
        ground_judged=ground_judged_indexes(extraction, series),
    )


__all__ = [
    "OHMS_PER_MEGOHM",
    "QUANTITY_TEST",
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
    "TurnsSetup",
    "compute_derived",
    "rating_needed",
    "required_measurements",
    "tests_of",
]
