"""Shared wording for the IR- rules: how a reading and its temperature correction are described."""

from __future__ import annotations

from typing import Any

from core.analysis.derived import IrBasis, IrReading
from core.analysis.rules.base import degrees, megohms


def judged_value(reading: IrReading) -> float | None:
    """The value compared with the minimum: corrected when a temperature was known."""
    return reading.corrected_mohm if reading.corrected_mohm is not None else reading.measured_mohm


def correction_note(reading: IrReading, basis: IrBasis, temperature_c: float | None) -> str:
    if reading.measured_mohm is None:
        return ""
    if reading.factor is None or temperature_c is None:
        return " as measured (no temperature stated, not corrected)"
    if temperature_c == basis.reference_c:
        return f" at {degrees(temperature_c)}"
    return (
        f" corrected to {degrees(basis.reference_c)}"
        f" (measured {megohms(reading.measured_mohm)} at {degrees(temperature_c)})"
    )


def basis_label(basis: IrBasis) -> str:
    return f"Table {basis.table}, {basis.row} row" if basis.row else f"Table {basis.table}"


def basis_details(basis: IrBasis, reading: IrReading) -> dict[str, Any]:
    return {
        "table": basis.table,
        "row": basis.row,
        "correction_factor": reading.factor,
        "reference_temperature_c": basis.reference_c,
        "notes": list(basis.notes) or None,
        "duration_s": reading.duration_s,
    }
