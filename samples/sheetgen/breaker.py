"""A low-voltage circuit breaker sheet in the 7.6.1.1.1 style (insulation and contact resistance).

Structure: letterhead; job header with "Breaker Identifier" (and the lineup in "Eqpt.
Identifer", as the firm's form spells it); nameplate block (rated and operating voltage, trip
unit); checklist `7.6.1.1.1.A.n`; device settings (`Trip Type: LSI`, a table of numbers that are
settings, not readings); contact resistance `Pole 1 | Pole 2 | Pole 3 | Units` in µΩ with its
deviation; insulation resistance with a two-row header (`Measured Values` over `P1 (P1-P2)`…),
the `>` over-range mark in its own cell, temperature-corrected copies, a row-end Units column,
criteria cells (`≥ | 100 | MΩ`) and PASS/FAIL; the test equipment block with AMP IDs; the
calibration in a Comments sentence. Page 2 of the PDF starts at the contact resistance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.schemas import Quantity

from .blocks import (
    Instrument,
    Job,
    checklist,
    comments,
    equipment_block,
    job_header,
    job_right,
    letterhead,
    section,
)
from .model import GOHM, MOHM, UOHM, Reading, Sheet, col
from .physics import correction_factor, criteria_in, fmt3, ir_ok

CHECKS = (
    ("Nameplate data checked against the drawings and specifications.", "Satisfactory"),
    ("Physical and mechanical condition inspected.", "Satisfactory"),
    ("Unit clean; no debris or shipping material left.", "Satisfactory"),
    ("Breaker operated manually; operation smooth.", "Satisfactory"),
    ("Bolted connections checked by calibrated torque wrench.", "Satisfactory"),
    ("Final settings applied per the coordination study.", "Satisfactory"),
    ("*Thermographic survey per Section 9.", "By Others"),
)
POLES = ("P1 (P1-P2)", "P2 (P2-P3)", "P3 (P3-P1)")


@dataclass(frozen=True)
class IrRow:
    """One insulation row: its test points, breaker position, unit and the three pole values."""

    name: str
    position: str
    unit: str
    values: tuple[float, float, float]
    over: tuple[bool, bool, bool] = (False, False, False)


HEALTHY_IR = (
    IrRow("Pole to Pole", "Closed", "GΩ", (5.21, 4.87, 5.05)),
    IrRow("Pole to Ground", "Closed", "GΩ", (3.95, 4.10, 4.02)),
    IrRow("Line to Load", "Open", "MΩ", (2200, 2200, 2200), (True, True, True)),
)


def dlro(calibrated: dt.date | None = None, due: dt.date | None = None) -> Instrument:
    return Instrument(
        "Digital Low-Resistance Ohmmeter:",
        "Megger DLRO10HD",
        "101402517",
        "AMP-0412",
        calibrated or dt.date(2025, 6, 17),
        due,
    )


def megger(calibrated: dt.date | None = None) -> Instrument:
    return Instrument(
        "Megohmmeter:", "Megger MIT525", "101187734", "AMP-0388", calibrated or dt.date(2025, 9, 23)
    )


@dataclass(frozen=True)
class BreakerSpec:
    title: str
    tag: str | None
    job: Job
    lineup: str | None = "MSB-1"
    cell: str | None = "Cell 3"
    ir: tuple[IrRow, ...] = HEALTHY_IR
    cr_uohm: tuple[float, float, float] = (39.0, 41.0, 40.0)
    instruments: tuple[Instrument, ...] = field(default_factory=lambda: (dlro(), megger()))
    overall: str = "PASS"
    """The overall result box; the template's default is PASS, left as is on a failed unit."""
    insulation_temp_f: float | None = None
    serial: str = "NW16-24-08813"
    notes: tuple[str, ...] = ()


def build(spec: BreakerSpec) -> tuple[Sheet, list[Reading]]:
    """The sheet and the readings it holds (as measured, canonical units)."""
    sheet = Sheet(
        spec.title,
        footer=f"Northgate Power Testing · Job {spec.job.job} · "
        "LV breaker 7.6.1.1.1 · Page {page} of {pages}",
    )
    letterhead(sheet, "Low Voltage Circuit Breaker Test Sheet — ANSI/NETA ATS-2025")
    right = job_right(spec.job, ("Eqpt. Identifer", spec.lineup), ("Circuit / Cell No.", spec.cell))
    job_header(sheet, spec.job, ("Breaker Identifier", spec.tag), right)
    sheet.label("Z7:AD7", "Overall Result:", bold=True)
    sheet.put("AE7:AH7", spec.overall, bold=True)
    sheet.validations.append(("AE7:AH7", '"PASS,FAIL,LIMITED SERVICE"'))
    _nameplate(sheet, spec)
    checklist(sheet, 16, "7.6.1.1.1", CHECKS)
    _settings(sheet)
    sheet.page_breaks.append(33)
    readings = _contact(sheet, spec) + _insulation(sheet, spec)
    row = equipment_block(sheet, 52, spec.instruments)
    lines = [i.note() for i in spec.instruments] + list(spec.notes)
    comments(sheet, row, lines)
    return sheet, readings


def _nameplate(sheet: Sheet, spec: BreakerSpec) -> None:
    section(sheet, 8, "Nameplate Data")
    rows = (
        ("Manufacturer", "Square D", "Frame Size (A)", 1600, "Curve No.", "N/A"),
        (
            "Catalog Number",
            "NW16H1",
            "Rating Plug (A)",
            1200,
            "Operation",
            "Two-Step Stored Energy",
        ),
        ("Serial Number", spec.serial, "Rated Voltage (V)", 600, "Mounting", "Drawout"),
        ("Breaker Type", "Masterpact NW", "Operating Voltage (V)", 480, "Zone Interlock", "Yes"),
        ("Trip Unit Type", "Micrologic 5.0A", "I.C. Rating (kA)", 65, "Thermal Memory", "No"),
    )
    for r, (a, av, b, bv, c, cv) in enumerate(rows, start=10):
        sheet.put(f"B{r}:F{r}", a, shade=True)
        sheet.put(f"G{r}:M{r}", av)
        sheet.put(f"O{r}:T{r}", b, shade=True)
        sheet.put(f"U{r}:Y{r}", bv)
        sheet.put(f"AA{r}:AE{r}", c, shade=True)
        sheet.put(f"AF{r}:AL{r}", cv)
    sheet.validations.append(("U12:Y12", '"250,480,600,1000"'))


def _settings(sheet: Sheet) -> None:
    """Trip unit settings as found and as left: numbers that are settings, never readings."""
    section(sheet, 26, "Device Settings")
    sheet.put("B27:F27", "Trip Type:", shade=True)
    sheet.put("G27:J27", "LSI")
    sheet.validations.append(("G27:J27", '"LI,LS,LSI,LIG,LSG,LSIG,G"'))
    sheet.put("L27:X27", "Settings As Found", bold=True, shade=True)
    sheet.put("Z27:AL27", "Settings As Left", bold=True, shade=True)
    for start in ("L", "Z"):
        cols = ("L:P", "Q:S", "T:V", "W:X") if start == "L" else ("Z:AD", "AE:AG", "AH:AJ", "AK:AL")
        for span, text in zip(cols, ("Function", "Setting", "Delay", "I2t"), strict=True):
            a, b = span.split(":")
            sheet.put(f"{a}28:{b}28", text, shade=True)
        values = (
            ("Long Time", 1.0, 4, "N/A"),
            ("Short Time", 3, 0.2, "On"),
            ("Instantaneous", 8, "N/A", "N/A"),
            ("Ground Fault", "N/A", "N/A", "N/A"),
        )
        for r, row in enumerate(values, start=29):
            for span, value in zip(cols, row, strict=True):
                a, b = span.split(":")
                sheet.put(f"{a}{r}:{b}{r}", value)
    sheet.put("B29:J29", "Coordination Study", shade=True)
    for r, (label, value) in enumerate(
        (("No./ID.", "CS-1187"), ("Rev.", 2), ("Date", dt.date(2026, 1, 20))), start=30
    ):
        sheet.put(f"B{r}:D{r}", label, shade=True)
        sheet.put(f"E{r}:J{r}", value)


def _contact(sheet: Sheet, spec: BreakerSpec) -> list[Reading]:
    section(sheet, 34, "Electrical Tests - Contact/Pole Resistance")
    sheet.put("B36:O36", "Resistance Measurements", bold=True, shade=True)
    sheet.put("Q36:X36", "Value Deviation", bold=True, shade=True)
    sheet.put("Z36:AC37", "Result", bold=True, shade=True)
    for span, text in zip(
        ("B37:E37", "F37:I37", "J37:M37", "N37:O37", "Q37:T37", "U37:X37"),
        ("Pole 1", "Pole 2", "Pole 3", "Units", "Measured", "Criteria"),
        strict=True,
    ):
        sheet.put(span, text, shade=True)
    for span, value in zip(("B38:E38", "F38:I38", "J38:M38"), spec.cr_uohm, strict=True):
        sheet.put(span, value)
    sheet.put("N38:O38", "µΩ")
    sheet.validations.append(("N38:O38", '"µΩ,mΩ,Ω"'))
    deviation = max(spec.cr_uohm) / min(spec.cr_uohm) - 1
    sheet.put("Q38:T38", deviation, number_format="0.0%", text=f"{deviation:.1%}")
    sheet.put("U38:X38", "<50%")
    sheet.put("Z38:AC38", "FAIL" if deviation > 0.5 else "PASS")
    sheet.label("B40:H40", "Test Current (A):")
    sheet.put("I40:K40", 100)
    return [
        Reading(Quantity.CONTACT_RESISTANCE, v * UOHM, f"Pole {i}")
        for i, v in enumerate(spec.cr_uohm, start=1)
    ]


def _insulation(sheet: Sheet, spec: BreakerSpec) -> list[Reading]:
    section(sheet, 42, "Electrical Tests - Insulation Resistance")
    temp_f = spec.insulation_temp_f if spec.insulation_temp_f is not None else spec.job.temp_f
    factor = correction_factor((temp_f - 32) * 5 / 9)
    sheet.label("R43:Z43", "Insulation Temperature (°F):")
    sheet.put("AA43:AC43", temp_f)
    sheet.label("AE43:AI43", "Test Voltage (V):")
    sheet.put("AJ43:AL43", 1000)
    sheet.label("R44:Z44", "Temperature Correction Factor:")
    sheet.put("AA44:AC44", factor)
    sheet.label("AE44:AI44", "Test Duration:")
    sheet.put("AJ44:AL44", "1 min")
    head = {"bold": True, "shade": True}
    sheet.put("B46:E47", "Test Points", **head)
    sheet.put("F46:I47", "Breaker Position", **head)
    sheet.put("J46:R46", "Measured Values", **head)
    sheet.put("S46:AA46", "Temperature Corrected", **head)
    sheet.put("AB46:AC47", "Units", **head)
    sheet.put("AD46:AH46", "Table 100.1 Criteria", **head)
    sheet.put("AI46:AL47", "Results", **head)
    for index, pole in enumerate(POLES):
        sheet.put(f"{col(10 + 3 * index)}47:{col(12 + 3 * index)}47", pole, shade=True)
        sheet.put(f"{col(19 + 3 * index)}47:{col(21 + 3 * index)}47", pole, shade=True)
    sheet.put("AD47:AF47", "Value", shade=True)
    sheet.put("AG47:AH47", "Units", shade=True)
    readings: list[Reading] = []
    for r, row in enumerate(spec.ir, start=48):
        sheet.put(f"B{r}:E{r}", row.name)
        scale = GOHM if row.unit == "GΩ" else MOHM
        for index, (value, over) in enumerate(zip(row.values, row.over, strict=True)):
            mark, number = 10 + 3 * index, 11 + 3 * index
            sheet.put(f"{col(mark)}{r}", ">" if over else None)
            sheet.put(f"{col(number)}{r}:{col(number + 1)}{r}", value)
            sheet.put(f"{col(mark + 9)}{r}", ">" if over else None)
            sheet.put(f"{col(number + 9)}{r}:{col(number + 10)}{r}", fmt3(value * factor))
            hint = f"{row.name} {POLES[index].split()[0]}"
            readings.append(Reading(Quantity.INSULATION_RESISTANCE, value * scale, hint, over))
        sheet.put(f"AB{r}:AC{r}", row.unit)
        sheet.put(f"AD{r}", "≥")
        sheet.put(f"AE{r}:AF{r}", criteria_in(100, row.unit))
        sheet.put(f"AG{r}:AH{r}", row.unit)
        passed = all(ir_ok(v * factor * scale, 100 * MOHM) for v in row.values)
        sheet.put(f"AI{r}:AL{r}", "PASS" if passed else "FAIL")
    _positions(sheet, [row.position for row in spec.ir], 48)
    sheet.validations += [("J48:J50 M48:M50 P48:P50", '">,<"'), ("AB48:AC50", '"MΩ,GΩ"')]
    return readings


def _positions(sheet: Sheet, positions: list[str], first: int) -> None:
    """The breaker position, merged down over consecutive rows tested in the same one."""
    start = 0
    for index in range(1, len(positions) + 1):
        if index == len(positions) or positions[index] != positions[start]:
            sheet.put(f"F{first + start}:I{first + index - 1}", positions[start])
            start = index
