"""A small dry-type transformer sheet in the 7.2.1.1 style (insulation resistance, turns ratio).

Structure: job header with "Identifier"; nameplate with kVA, temperature rise and impedance; the
"Voltages (V)" block (High/Low Voltage, line-to-line `/` line-to-neutral, winding connection and
material); the tap table (positions over tap voltages); checklist `7.2.1.1.A.n`; insulation
resistance with timed columns (0.5 / 1 / 10 min) under `Measured Values`, their temperature-
corrected copies beside (the 0.5-min ones `#REF!`, a broken reference left in the template), a
Units column, `Table 100.5 Criteria` and results; the calculated DAR (`#REF!`) and PI rows;
the turns-ratio block with tap under test, winding voltages and the calculated ratio on the left
and `Primary Winding | Secondary Winding | Measured Ratio (MR) | % Deviation from CR | Results`
on the right of the same rows; test equipment with AMP IDs; calibration in the Comments.
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
    letterhead,
    section,
)
from .model import GOHM, MOHM, Reading, Sheet, col
from .physics import correction_factor, deviation_pct, fmt3

CHECKS = (
    ("Nameplate data checked against the drawings and specifications.", "Satisfactory"),
    ("Physical and mechanical condition inspected.", "Satisfactory"),
    ("Anchorage, alignment and grounding inspected.", "Satisfactory"),
    ("Resilient mounts free; shipping brackets removed.", "Satisfactory"),
    ("Unit clean.", "Cleaned"),
    ("Bolted connections checked by calibrated torque wrench.", "Satisfactory"),
    ("As-left tap connection verified as specified.", "Satisfactory"),
    ("*Thermographic survey per Section 9.", "Not Applicable"),
)
TIMES = ("0.5 Min.", "1 Min.", "10 Min.")
WINDINGS = ("Primary to Ground", "Secondary to Ground", "Primary to Secondary")
PHASES = (("H1-H2", "X1-X0"), ("H2-H3", "X2-X0"), ("H3-H1", "X3-X0"))
# Column of the '>' mark of each timed reading (G, J, M); the number fills the two after it.
_MEASURED = (7, 10, 13)
_CORRECTED = (16, 19, 22)


def megger() -> Instrument:
    return Instrument(
        "Megohmmeter:", "Megger MIT1025", "101955208", "AMP-0451", dt.date(2025, 10, 21)
    )


def ttr_set(calibrated: dt.date | None = None, due: dt.date | None = None) -> Instrument:
    return Instrument("TTR Test Set:", "Megger TTR330", "2005-117", "AMP-0297", calibrated, due)


@dataclass(frozen=True)
class TransformerSpec:
    title: str
    tag: str
    job: Job
    ir_mohm: tuple[tuple[float, float, float], ...] = (
        (3850, 4620, 6010),
        (2950, 3480, 4420),
        (4400, 5210, 6870),
    )
    units: tuple[str, str, str] = ("MΩ", "MΩ", "GΩ")
    ratios: tuple[float, float, float] = (3.9952, 3.9987, 3.9961)
    instruments: tuple[Instrument, ...] = field(
        default_factory=lambda: (megger(), ttr_set(dt.date(2025, 7, 28)))
    )
    kva: int = 45
    notes: tuple[str, ...] = ()


HV, LV, LV_LN = 480, 208, 120.1
CALCULATED = round(HV / (LV / 3**0.5), 3)  # Delta primary, wye secondary: 3.997


def build(spec: TransformerSpec) -> tuple[Sheet, list[Reading]]:
    sheet = Sheet(
        spec.title,
        footer=f"Northgate Power Testing · Job {spec.job.job} · Dry-type transformer 7.2.1.1"
        " · Page {page} of {pages}",
    )
    letterhead(sheet, "Small Dry-Type Transformer Test Sheet — ANSI/NETA ATS-2025")
    right = [
        ("Job #", spec.job.job),
        ("Technicians", spec.job.technicians),
        ("Work Order", "WO-5521"),
        ("Substation", spec.job.substation),
        ("Eqpt. Location", "Electrical Room 1.14"),
    ]
    job_header(sheet, spec.job, ("Identifier", spec.tag), right)
    _nameplate(sheet, spec)
    checklist(sheet, 22, "7.2.1.1", CHECKS)
    sheet.page_breaks.append(33)
    readings = _insulation(sheet, spec) + _turns_ratio(sheet, spec)
    row = equipment_block(sheet, 55, spec.instruments)
    comments(sheet, row, [i.note() for i in spec.instruments] + list(spec.notes))
    return sheet, readings


def _nameplate(sheet: Sheet, spec: TransformerSpec) -> None:
    section(sheet, 8, "Nameplate Data")
    fields = (
        ("B10:E10", "Manufacturer", "F10:L10", "Eaton"),
        ("N10:R10", "Catalog Number", "S10:Y10", "V48M28T45EE"),
        ("Z10:AC10", "Serial Number", "AD10:AL10", "J24K0117"),
        ("B11:E11", "KVA", "F11:H11", spec.kva),
        ("N11:R11", "Temp. Rise", "S11:Y11", "150 °C"),
        ("Z11:AC11", "Impedance", "AD11:AL11", "4.6 %"),
    )
    for label_at, label, value_at, value in fields:
        sheet.put(label_at, label, shade=True)
        sheet.put(value_at, value)
    sheet.put("I11", "/", box=False)
    sheet.put("J11:L11", None)
    sheet.put("F13:L13", "Voltages (V)", bold=True, shade=True)
    sheet.put("N13:S13", "Winding Connections", bold=True, shade=True)
    sheet.put("U13:Z13", "Winding Material", bold=True, shade=True)
    for r, (name, volts, ln, connection) in enumerate(
        (("High Voltage", HV, None, "Delta"), ("Low Voltage", LV, LV_LN, "Wye")), start=14
    ):
        sheet.put(f"B{r}:E{r}", name, shade=True)
        sheet.put(f"F{r}:H{r}", volts)
        sheet.put(f"I{r}", "/", box=False)
        sheet.put(f"J{r}:L{r}", ln)
        sheet.put(f"N{r}:S{r}", connection)
        sheet.put(f"U{r}:Z{r}", "Copper")
    sheet.validations.append(("N14:S15", '"Delta,Wye,Single Phase"'))
    sheet.put("B17:G17", "Tap Configuration", shade=True)
    sheet.put("H17:N17", "HV Winding 5 Positions")
    sheet.put("B19:G19", "Tap Position", shade=True)
    sheet.put("B20:G20", "Tap Voltages", shade=True)
    for index, volts in enumerate((504, 492, 480, 468, 456)):
        first = 8 + 3 * index
        sheet.put(f"{col(first)}19:{col(first + 2)}19", str(index + 1), shade=True)
        sheet.put(f"{col(first)}20:{col(first + 2)}20", volts)
    sheet.label("AD19:AF19", "As Left:")
    sheet.put("AG19:AI19", "3")


def _insulation(sheet: Sheet, spec: TransformerSpec) -> list[Reading]:
    section(sheet, 33, "Electrical - Insulation Resistance Tests")
    factor = correction_factor(spec.job.temp_c)
    sheet.label("O34:W34", "Insulation Temperature (°F):")
    sheet.put("X34:Z34", spec.job.temp_f)
    sheet.label("AB34:AF34", "Test Voltage (V):")
    sheet.put("AG34:AI34", "1000V")
    sheet.label("O35:W35", "Temperature Correction Factor:")
    sheet.put("X35:Z35", factor)
    sheet.label("AB35:AF35", "Test Duration:")
    sheet.put("AG35:AI35", "10 min")
    head = {"bold": True, "shade": True}
    sheet.put("B37:F38", "Winding Under Test", **head)
    sheet.put("G37:O37", "Measured Values", **head)
    sheet.put("P37:X37", "Temperature Corrected", **head)
    sheet.put("Y37:Z38", "Units", **head)
    sheet.put("AB37:AG37", "Table 100.5 Criteria", **head)
    sheet.put("AI37:AL38", "Results", **head)
    for marks in (_MEASURED, _CORRECTED):
        for mark, time in zip(marks, TIMES, strict=True):
            sheet.put(f"{col(mark)}38:{col(mark + 2)}38", time, shade=True)
    sheet.put("AB38:AD38", "Value", shade=True)
    sheet.put("AE38:AG38", "Units", shade=True)
    readings: list[Reading] = []
    for r, (name, values, unit) in enumerate(
        zip(WINDINGS, spec.ir_mohm, spec.units, strict=True), start=39
    ):
        scale = GOHM if unit == "GΩ" else MOHM
        shown = [fmt3(v / 1000) if unit == "GΩ" else v for v in values]
        sheet.put(f"B{r}:F{r}", name)
        for index, (mark, value) in enumerate(zip(_MEASURED, shown, strict=True)):
            sheet.put(f"{col(mark + 1)}{r}:{col(mark + 2)}{r}", value)
            corrected = "#REF!" if index == 0 else fmt3(value * factor)
            sheet.put(f"{col(_CORRECTED[index] + 1)}{r}:{col(_CORRECTED[index] + 2)}{r}", corrected)
            hint = f"{name} {TIMES[index]}"
            readings.append(Reading(Quantity.INSULATION_RESISTANCE, value * scale, hint))
        sheet.put(f"Y{r}:Z{r}", unit)
        sheet.put(f"AB{r}", "≥")
        sheet.put(f"AC{r}:AD{r}", 0.5 if unit == "GΩ" else 500)
        sheet.put(f"AE{r}:AG{r}", unit)
        sheet.put(f"AI{r}:AL{r}", "PASS" if values[1] * factor >= 500 else "FAIL")
    sheet.validations += [("Y39:Z41", '"MΩ,GΩ"'), ("G39:G41 J39:J41 M39:M41", '">,<"')]
    for span, text in zip(
        ("J43:P43", "Q43:T43", "U43:X43", "Y43:AB43", "AC43:AF43", "AH43:AJ43"),
        ("Calculated as:", "Pri to Gnd", "Sec to Gnd", "Pri to Sec", "Criteria", "Result"),
        strict=True,
    ):
        sheet.put(span, text, shade=True)
    pis: list[object] = [fmt3(v[2] / v[1]) for v in spec.ir_mohm]
    ratios: list[tuple[str, str, list[object], str]] = [
        ("Dielectric Absorption Ratio", "1 Min. / 0.5 Min. Values", ["#REF!"] * 3, "#DIV/0!"),
        ("Polarization Index", "10 Min. / 1 Min. Values", pis, "PASS"),
    ]
    for r, (name, how, cells, result) in enumerate(ratios, start=44):
        sheet.put(f"B{r}:I{r}", name)
        sheet.put(f"J{r}:P{r}", how)
        for span, printed in zip((f"Q{r}:T{r}", f"U{r}:X{r}", f"Y{r}:AB{r}"), cells, strict=True):
            sheet.put(span, printed)
        sheet.put(f"AC{r}", "≥")
        sheet.put(f"AD{r}:AF{r}", 1)
        sheet.put(f"AH{r}:AJ{r}", result)
    return readings


def _turns_ratio(sheet: Sheet, spec: TransformerSpec) -> list[Reading]:
    section(sheet, 47, "Electrical - Turns Ratio Tests")
    head = {"bold": True, "shade": True}
    sheet.put("N48:Q49", "Primary Winding", **head)
    sheet.put("R48:V49", "Secondary Winding", **head)
    sheet.put("W48:AA49", "Measured Ratio (MR)", **head)
    sheet.put("AB48:AF49", "% Deviation from CR", **head)
    sheet.put("AG48:AI49", "Results", **head)
    sheet.label("B49:I49", "Tap Under Test:")
    sheet.put("J49:M49", 3)
    left = (("HV Winding Voltage:", HV, "V"), ("LV Winding Voltage:", LV_LN, "V"))
    for r, (label, value, unit) in enumerate(left, start=50):
        sheet.label(f"B{r}:I{r}", label)
        sheet.put(f"J{r}:L{r}", value)
        sheet.put(f"M{r}", unit, box=False)
    sheet.label("B52:I52", "Calculated Ratio (CR):")
    sheet.put("J52:M52", CALCULATED)
    readings: list[Reading] = []
    deviations = [deviation_pct(ratio, CALCULATED) for ratio in spec.ratios]
    for r, ((primary, secondary), ratio, deviation) in enumerate(
        zip(PHASES, spec.ratios, deviations, strict=True), start=50
    ):
        sheet.put(f"N{r}:Q{r}", primary)
        sheet.put(f"R{r}:V{r}", secondary)
        sheet.put(f"W{r}:AA{r}", ratio)
        sheet.put(f"AB{r}:AF{r}", deviation)
        sheet.put(f"AG{r}:AI{r}", "Pass" if abs(deviation) <= 0.5 else "Fail")
        readings.append(Reading(Quantity.TURNS_RATIO, ratio, f"{primary} / {secondary}"))
    spread = round(max(deviations) - min(deviations), 2)
    sheet.label("O53:AA53", "Difference (%) between MR:")
    sheet.put("AB53:AD53", spread)
    sheet.put("AG53:AI53", "Pass" if spread <= 0.5 else "Fail")
    return readings
