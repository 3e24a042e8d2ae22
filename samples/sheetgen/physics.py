"""The few numbers a filled sheet computes itself: the temperature correction factor, corrected
values, criteria in the row's unit, deviations. The sheet prints them (as Excel would have
cached them); the truth never counts them as readings."""

from __future__ import annotations

import math
from itertools import pairwise

# ANSI/NETA ATS-2025 Table 100.14.1, solid insulation, to 20 °C (STANDARDS.md).
_SOLID = (
    (-10, 0.25), (-5, 0.32), (0, 0.40), (5, 0.50), (10, 0.63), (15, 0.81), (20, 1.00),
    (25, 1.25), (30, 1.58), (35, 2.00), (40, 2.50), (45, 3.15), (50, 3.98),
)  # fmt: skip


def correction_factor(temp_c: float) -> float:
    """K to 20 °C for solid insulation at `temp_c`, interpolated, three decimals."""
    for (t0, k0), (t1, k1) in pairwise(_SOLID):
        if t0 <= temp_c <= t1:
            return round(k0 + (k1 - k0) * (temp_c - t0) / (t1 - t0), 3)
    raise ValueError(f"{temp_c} °C is outside the table this generator uses")


def fmt3(value: float) -> float:
    """A value rounded to three significant digits, as a sheet's number format shows it."""
    if value == 0:
        return 0.0
    digits = 2 - math.floor(math.log10(abs(value)))
    rounded = round(value, digits)
    return float(int(rounded)) if rounded.is_integer() else rounded


def criteria_in(minimum_mohm: float, unit: str) -> float:
    """A minimum in MΩ written in the row's unit (`0.1` in a GΩ row)."""
    value = minimum_mohm / 1000 if unit == "GΩ" else minimum_mohm
    return int(value) if float(value).is_integer() else value


def ir_ok(value_ohm: float, minimum_ohm: float) -> bool:
    return value_ohm >= minimum_ohm


def deviation_pct(measured: float, calculated: float) -> float:
    """(measured − calculated) / calculated in %, two decimals."""
    return round((measured - calculated) / calculated * 100, 2)
