"""Another firm's breaker record, this project's own design: poles as rows.

A label | value header in two columns (the tag as "Equipment ID", the type spelled out,
ambient and humidity with their units in the value), one results table with a row per pole
holding the contact resistance (µΩ), the DLRO test current and two insulation readings (pole to
ground with the breaker closed, line to load open, MΩ), and an instrument table with calibration
and due dates in their own columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.schemas import Quantity

from .blocks import field_rows, grid_row
from .model import MOHM, UOHM, Reading, Sheet

COLUMNS = ("Pole", "Contact Resistance (µΩ)", "Test Current (A)")
IR_COLUMNS = ("IR Pole to Ground (MΩ)", "IR Line to Load (MΩ)")


@dataclass(frozen=True)
class PoleRowsSpec:
    title: str
    tag: str
    date: dt.date
    cr_uohm: tuple[float, float, float] = (212, 224, 218)
    ground_mohm: tuple[float, float, float] = (2650, 2710, 2590)
    line_load_mohm: tuple[float, float, float] = (3100, 3050, 3180)


def build(spec: PoleRowsSpec) -> tuple[Sheet, list[Reading]]:
    sheet = Sheet(spec.title, columns=12, size=7.5)
    sheet.label("A1:F1", "MERIDIAN ELECTRICAL SERVICES", bold=True, size=9)
    sheet.label("A2:H2", "Molded Case Circuit Breaker Test Record", bold=True, size=9)
    header = (
        ("Equipment ID", spec.tag, "Test Date", spec.date.isoformat()),
        ("Equipment Type", "Molded Case Circuit Breaker", "Ambient Temp", "21 °C"),
        ("Manufacturer", "Siemens", "Relative Humidity", "38 %"),
        ("Model", "HFD63F250", "Tested By", "D. Ruiz"),
        ("Frame / Trip (A)", "250 / 225", "Company", "Meridian Electrical Services"),
        ("Rated Voltage", "600 V", "System Voltage", "480 V"),
        ("Location", "PDU-3 Input Panel", "Standard", "ANSI/NETA ATS-2025 7.6.1.1"),
    )
    field_rows(sheet, 4, header)
    sheet.label("A12:H12", "Test Results", bold=True)
    spans = ("A:B", "C:D", "E:F", "G:H", "I:J", "K:L")
    grid_row(sheet, 13, spans, (*COLUMNS, *IR_COLUMNS, "Result"), bold=True, shade=True, size=6.5)
    readings: list[Reading] = []
    rows = zip(spec.cr_uohm, spec.ground_mohm, spec.line_load_mohm, strict=True)
    for index, (cr, ground, line_load) in enumerate(rows):
        r = 14 + index
        pole = f"Pole {index + 1}"
        grid_row(sheet, r, spans, (pole, cr, 100, ground, line_load, "PASS"))
        readings += [
            Reading(Quantity.CONTACT_RESISTANCE, cr * UOHM, pole),
            Reading(Quantity.INSULATION_RESISTANCE, ground * MOHM, f"{pole} to ground"),
            Reading(Quantity.INSULATION_RESISTANCE, line_load * MOHM, f"{pole} line to load"),
        ]
    sheet.label(
        "A18:L18", "Insulation test at 1000 V DC for 1 minute, breaker closed for pole to ground."
    )
    instruments = (
        ("Instrument", "Model", "Serial No.", "Cal. Date", "Cal. Due"),
        ("Micro-ohmmeter", "Megger DLRO200", "2018-334", "2025-08-14", "2026-08-14"),
        ("Insulation Tester", "Fluke 1587 FC", "45210377", "2025-11-02", "2026-11-02"),
    )
    for r, row in enumerate(instruments, start=20):
        grid_row(sheet, r, ("A:C", "D:F", "G:H", "I:J", "K:L"), row, bold=r == 20, shade=r == 20)
    sheet.put("A24:C24", "Overall Result", shade=True)
    sheet.put("D24:F24", "PASS", bold=True)
    return sheet, readings
