"""Threshold-set entries: limits, conditions, bands and the rating/correction tables.

Each entry carries its unit(s) and clause; a profile may override any field by dotted key.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.enums import Severity

Comparator = Literal[">=", ">", "<=", "<"]
InsulationColumn = Literal["oil", "solid"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def compare(observed: float, comparator: Comparator, reference: float) -> bool:
    """True when `observed comparator reference` holds."""
    if comparator == ">=":
        return observed >= reference
    if comparator == ">":
        return observed > reference
    if comparator == "<=":
        return observed <= reference
    return observed < reference


class Limit(_Frozen):
    """A number a reading is compared with; `comparator` says how an observed value passes."""

    value: float
    unit: str
    comparator: Comparator
    clause: str
    severity: Severity | None = None
    """Raised when the comparison fails; None for limits that only gate whether a rule judges."""
    note: str | None = None

    def passes(self, observed: float) -> bool:
        return compare(observed, self.comparator, self.value)


class Condition(_Frozen):
    """A defect without a number (a missing tag, an expired calibration)."""

    severity: Severity
    clause: str
    note: str | None = None


class Band(_Frozen):
    lower: float
    upper: float | None = None
    """None: no upper bound."""
    lower_inclusive: bool = True
    upper_inclusive: bool = False
    severity: Severity
    action: str

    def contains(self, value: float) -> bool:
        above = value >= self.lower if self.lower_inclusive else value > self.lower
        if self.upper is None:
            return above
        below = value <= self.upper if self.upper_inclusive else value < self.upper
        return above and below

    def describe(self, unit: str) -> str:
        if self.upper is None:
            return f"{'≥' if self.lower_inclusive else '>'} {self.lower:g} {unit}"
        left = "[" if self.lower_inclusive else "("
        right = "]" if self.upper_inclusive else ")"
        return f"{left}{self.lower:g}, {self.upper:g}{right} {unit}"


class BandTable(_Frozen):
    clause: str
    unit: str
    bands: tuple[Band, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ascending_without_overlap(self) -> BandTable:
        for before, after in zip(self.bands, self.bands[1:], strict=False):
            if before.upper is None or before.upper > after.lower:
                raise ValueError(f"bands of {self.clause} overlap or are out of order")
            if before.upper == after.lower and before.upper_inclusive and after.lower_inclusive:
                raise ValueError(f"bands of {self.clause} share the edge {after.lower:g}")
        return self

    @property
    def threshold(self) -> float:
        """The lowest value that falls in a band: below it there is no finding."""
        return self.bands[0].lower

    def band_for(self, value: float) -> Band | None:
        return next((band for band in self.bands if band.contains(value)), None)


class _RatedRow(Protocol):
    @property
    def max_rating_v(self) -> float | None: ...


RowT = TypeVar("RowT", bound=_RatedRow)


def select_row(rows: Sequence[RowT], rating_v: float) -> RowT | None:
    """The first row whose rating covers `rating_v`: equipment between two rows takes the higher."""
    return next((r for r in rows if r.max_rating_v is None or rating_v <= r.max_rating_v), None)


def _check_rows(rows: Sequence[_RatedRow], clause: str) -> None:
    bounds = [row.max_rating_v for row in rows]
    if any(bound is None for bound in bounds[:-1]):
        raise ValueError(f"{clause}: only the last row may be open-ended")
    known = [bound for bound in bounds if bound is not None]
    if known != sorted(known) or len(set(known)) != len(known):
        raise ValueError(f"{clause}: rows must ascend by rating")


class ApparatusRow(_Frozen):
    label: str
    max_rating_v: float | None = None
    min_test_voltage_v: float
    min_resistance_mohm: float


class ApparatusTable(_Frozen):
    clause: str
    note: str | None = None
    reference_temperature_c: float
    rows: tuple[ApparatusRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_ascend(self) -> ApparatusTable:
        _check_rows(self.rows, self.clause)
        return self


class TransformerRow(_Frozen):
    label: str
    max_rating_v: float | None = None
    min_test_voltage_v: float
    liquid_min_mohm: float
    dry_min_mohm: float


class TransformerTable(_Frozen):
    clause: str
    note: str | None = None
    reference_temperature_c: float
    rows: tuple[TransformerRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_ascend(self) -> TransformerTable:
        _check_rows(self.rows, self.clause)
        return self


class MachineVoltageRow(_Frozen):
    label: str
    max_rating_v: float | None = None
    min_test_voltage_v: float
    max_test_voltage_v: float


class MachineTable(_Frozen):
    clause: str
    note: str | None = None
    reference_temperature_c: float
    low_voltage_below_v: float
    low_voltage_min_mohm: float
    """Windings rated below `low_voltage_below_v`, and random-wound stator coils."""
    form_wound_min_mohm: float
    """Windings of 1 kV and above built after the table year (the default)."""
    older_windings_before_year: int
    older_windings_per_kv_mohm: float
    older_windings_offset_mohm: float
    """kV + 1: windings built before the table year, and field windings."""
    test_voltage_rows: tuple[MachineVoltageRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_ascend(self) -> MachineTable:
        _check_rows(self.test_voltage_rows, self.clause)
        return self


class VoltageRow(_Frozen):
    label: str
    max_rating_v: float | None = None
    min_test_voltage_v: float


class TestVoltageTable(_Frozen):
    """Minimum DC test voltage by rating (ATS-2025 7.3.2 B.1 for low-voltage cable)."""

    clause: str
    note: str | None = None
    rows: tuple[VoltageRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_ascend(self) -> TestVoltageTable:
        _check_rows(self.rows, self.clause)
        return self


class CorrectionTable(_Frozen):
    """Table 100.14.1: multipliers to the reference temperature, interpolated between rows."""

    clause: str
    note: str | None = None
    reference_c: float
    temperatures_c: tuple[float, ...] = Field(min_length=2)
    oil: tuple[float, ...]
    solid: tuple[float, ...]

    @model_validator(mode="after")
    def _columns_match(self) -> CorrectionTable:
        size = len(self.temperatures_c)
        if len(self.oil) != size or len(self.solid) != size:
            raise ValueError(f"{self.clause}: every column needs one factor per temperature")
        if list(self.temperatures_c) != sorted(set(self.temperatures_c)):
            raise ValueError(f"{self.clause}: temperatures must ascend")
        return self

    def covers(self, temperature_c: float) -> bool:
        return self.temperatures_c[0] <= temperature_c <= self.temperatures_c[-1]

    def factor(self, temperature_c: float, column: InsulationColumn) -> float | None:
        """K at the temperature, interpolated; None outside the table (never extrapolated)."""
        if not self.covers(temperature_c):
            return None
        factors = self.oil if column == "oil" else self.solid
        temps = self.temperatures_c
        for i in range(len(temps) - 1):
            low, high = temps[i], temps[i + 1]
            if low <= temperature_c <= high:
                share = (temperature_c - low) / (high - low)
                return factors[i] + share * (factors[i + 1] - factors[i])
        raise AssertionError("unreachable: temperatures ascend")  # pragma: no cover


class MachineCorrection(_Frozen):
    """Table 100.14.2: rotating machines to 40 °C; K halves per interval below the reference."""

    clause: str
    note: str | None = None
    reference_c: float
    halving_c: float = Field(gt=0)

    def factor(self, temperature_c: float) -> float:
        return math.pow(2, (temperature_c - self.reference_c) / self.halving_c)


class TapChanger(_Frozen):
    """Turns-ratio settings: the calculated ratio and how taps change it."""

    clause: str
    note: str | None = None
    nominal_tap: int = Field(ge=1)
    tap_step_pct: float = Field(gt=0)


class FallOfPotential(_Frozen):
    clause: str
    judged_position_pct: float
    plateau_positions_pct: tuple[float, ...]
    position_tolerance_pct: float = Field(ge=0)
