"""Shared wording for the IR- rules: how a reading, its basis and its correction are described."""

from __future__ import annotations

from typing import Any

from core.analysis.derived import IrBasis, IrReading
from core.analysis.rules.base import degrees, megohms


def judged_value(reading: IrReading) -> float | None:
    """The value compared with the minimum: corrected when a temperature was known."""
    return reading.corrected_mohm if reading.corrected_mohm is not None else reading.measured_mohm


def correction_note(reading: IrReading, temperature_c: float | None) -> str:
    basis = reading.basis
    if reading.measured_mohm is None:
        return ""
    if temperature_c is None:
        return " as measured (no temperature stated, not corrected)"
    if reading.factor is None:
        return f" as measured ({degrees(temperature_c)} is outside the correction table)"
    if temperature_c == basis.reference_c:
        return f" at {degrees(temperature_c)}"
    return (
        f" corrected to {degrees(basis.reference_c)}"
        f" (measured {megohms(reading.measured_mohm)} at {degrees(temperature_c)})"
    )


def basis_label(basis: IrBasis) -> str:
    """`Table 100.5, 0–600 V, dry-type row, winding X` — which row, and for whom."""
    label = f"Table {basis.table}, {basis.row} row" if basis.row else f"Table {basis.table}"
    if basis.winding:
        label += f", winding {basis.winding}"
        if basis.rating_v is not None:
            label += f" rated {basis.rating_v:,.0f} V"
    return label


def basis_details(basis: IrBasis, reading: IrReading) -> dict[str, Any]:
    return {
        "table": basis.table,
        "row": basis.row,
        "rating_v": basis.rating_v,
        "winding": basis.winding,
        "winding_assumed": basis.winding_assumed or None,
        "correction_factor": reading.factor,
        "reference_temperature_c": basis.reference_c,
        "notes": list(basis.notes) or None,
        "duration_s": reading.duration_s,
    }
