"""A switchgear / switchboard sheet in the 7.1.1 style (bus contact and insulation resistance).

Structure: job header with "Identifier" and "Eqpt. Location"; nameplate (rated and system
voltage, the type naming a switchboard); checklist `7.1.1.A.n`; bus joint contact resistance
`Bus Section | A-Phase | B-Phase | C-Phase | Neutral | Ground | Units` in µΩ with `N/A` cells,
the value deviation and criteria beside; insulation resistance in one of two arrangements:

- `configurations`: long row names ("A-Phase to Ground, B- & C-Phases Grounded") with the
  as-found and temperature-corrected columns side by side, a Units column, a criteria cell
  ("≥ 100 MΩ") and PASS;
- `sections`: the bus sections as rows and `A-G … C-N` as columns, `>` marks in their own
  cells, then a second table of temperature-corrected values under the same header (its spare
  rows `#REF!`), then a `Table 100.1 Criteria: ≥ 100 MΩ` line.
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
from .model import MOHM, UOHM, Reading, Sheet, col
from .physics import correction_factor, fmt3

CHECKS = (
    ("Nameplate data checked against the drawings and specifications.", "Satisfactory"),
    ("Physical, electrical and mechanical condition inspected.", "Satisfactory"),
    ("Anchorage, alignment, grounding and clearances inspected.", "Satisfactory"),
    ("Unit clean; shipping bracing and loose parts removed.", "Cleaned"),
    ("Mimic diagram and labels agree with the drawings.", "Satisfactory"),
    ("Device sizes and types agree with the drawings.", "Satisfactory"),
    ("Instrument transformer ratios agree with the drawings.", "Satisfactory"),
    ("Wiring connections tight and secured.", "Satisfactory"),
    ("Bolted connections checked by calibrated torque wrench.", "Satisfactory"),
    ("Interlocks operated in sequence.", "Not Applicable"),
)
CONFIGURATIONS = (
    "A-Phase to Ground, B- & C-Phases Grounded",
    "B-Phase to Ground, A- & C-Phases Grounded",
    "C-Phase to Ground, A- & B-Phases Grounded",
    "Neutral to Ground, Neutral Link Removed",
)
Joint = tuple[str, tuple[float | None, ...]]
"""A bus joint: its name and the A, B, C and neutral values in µΩ (None: N/A)."""
POINTS = ("A-G", "B-G", "C-G", "A-B", "B-C", "C-A", "A-N", "B-N", "C-N")


def dlro() -> Instrument:
    return Instrument(
        "Low Resistance Ohmmeter:", "Megger DLRO10HD", "101402517", "AMP-0412", dt.date(2025, 6, 17)
    )


def megger() -> Instrument:
    return Instrument(
        "Megohmmeter:", "Megger MIT525", "101187734", "AMP-0388", dt.date(2025, 9, 23)
    )


@dataclass(frozen=True)
class SwitchgearSpec:
    title: str
    tag: str
    job: Job
    ir_style: str = "configurations"
    ir_mohm: tuple[float, ...] = (3450, 3610, 3380, 1250)
    """`configurations`: one value per configuration; `sections`: 9 per section, row by row."""
    over: tuple[bool, ...] = ()
    """`sections`: which values carry the `>` mark (same order as `ir_mohm`)."""
    joints: tuple[Joint, ...] = (
        ("Section 1 to Section 2", (52, 48, 56, 61)),
        ("Section 2 to Section 3", (47, 45, 49, None)),
    )
    instruments: tuple[Instrument, ...] = field(default_factory=lambda: (dlro(), megger()))


def build(spec: SwitchgearSpec) -> tuple[Sheet, list[Reading]]:
    sheet = Sheet(
        spec.title,
        footer=f"Northgate Power Testing · Job {spec.job.job} · Switchgear 7.1.1"
        " · Page {page} of {pages}",
    )
    letterhead(sheet, "Switchgear and Switchboard Test Sheet — ANSI/NETA ATS-2025")
    right = [
        ("Job #", spec.job.job),
        ("Technicians", spec.job.technicians),
        ("Work Order", "WO-5518"),
        ("Substation", spec.job.substation),
        ("Eqpt. Location", "Main Electrical Room"),
    ]
    job_header(sheet, spec.job, ("Identifier", spec.tag), right)
    section(sheet, 8, "Nameplate Data")
    for r, (a, av, b, bv) in enumerate(
        (
            ("Manufacturer", "Eaton", "Rated Voltage (V)", 600),
            ("Catalog No.", "PRL-C 4000", "System Voltage (V)", "480Y/277"),
            ("Serial Number", "SB-25-30417", "Rated Current (A)", 4000),
            ("Series", "Pow-R-Line C", "AIC Rating (kA)", 100),
            ("Type", "Switchboard", "Phase Configuration", "3 Phase, 4 Wire"),
        ),
        start=9,
    ):
        sheet.put(f"B{r}:G{r}", a, shade=True)
        sheet.put(f"H{r}:T{r}", av)
        sheet.put(f"V{r}:AA{r}", b, shade=True)
        sheet.put(f"AB{r}:AJ{r}", bv)
    row = checklist(sheet, 15, "7.1.1", CHECKS)
    sheet.page_breaks.append(row + 1)
    readings = _contact(sheet, spec, row + 2)
    if spec.ir_style == "configurations":
        row, more = _ir_configurations(sheet, spec, row + 10)
    else:
        row, more = _ir_sections(sheet, spec, row + 10)
    row = equipment_block(sheet, row + 1, spec.instruments)
    comments(sheet, row, [i.note() for i in spec.instruments], height=4)
    return sheet, readings + more


def _contact(sheet: Sheet, spec: SwitchgearSpec, row: int) -> list[Reading]:
    section(sheet, row, "Electrical - Contact Resistance Tests")
    head = {"bold": True, "shade": True}
    sheet.put(f"B{row + 1}:X{row + 1}", "Contact Resistance", **head)
    sheet.put(f"AA{row + 1}:AD{row + 2}", "Value Deviation", **head)
    sheet.put(f"AE{row + 1}:AG{row + 2}", "Criteria", **head)
    sheet.put(f"AH{row + 1}:AL{row + 2}", "Results", **head)
    spans = ("B:G", "H:J", "K:M", "N:P", "Q:S", "T:V", "W:X")
    names = ("Bus Section", "A-Phase", "B-Phase", "C-Phase", "Neutral", "Ground", "Units")
    for span, name in zip(spans, names, strict=True):
        a, b = span.split(":")
        sheet.put(f"{a}{row + 2}:{b}{row + 2}", name, shade=True)
    readings: list[Reading] = []
    for r, (joint, values) in enumerate(spec.joints, start=row + 3):
        cells = (joint, *("N/A" if v is None else v for v in values), "N/A", "µΩ")
        for span, value in zip(spans, cells, strict=True):
            a, b = span.split(":")
            sheet.put(f"{a}{r}:{b}{r}", value)
        phases = [v for v in values[:3] if v is not None]  # the neutral is no similar point
        deviation = max(phases) / min(phases) - 1
        sheet.label(f"Y{r}:Z{r}", "Phase:")
        sheet.put(f"AA{r}:AD{r}", deviation, number_format="0.0%", text=f"{deviation:.1%}")
        sheet.put(f"AE{r}:AG{r}", "<50%")
        sheet.put(f"AH{r}:AL{r}", "FAIL" if deviation > 0.5 else "PASS")
        for name, micro in zip(("A", "B", "C", "N"), values, strict=False):
            if micro is not None:
                hint = f"{joint} {name}"
                readings.append(Reading(Quantity.CONTACT_RESISTANCE, micro * UOHM, hint))
    # The neutral and ground deviations of the form: formulas over N/A cells, left as #DIV/0!.
    for r, name in enumerate(("Neutral:", "Ground:"), start=row + 3 + len(spec.joints)):
        sheet.label(f"Y{r}:Z{r}", name)
        sheet.put(f"AA{r}:AD{r}", "#DIV/0!")
        sheet.put(f"AE{r}:AG{r}", "N/A")
        sheet.put(f"AH{r}:AL{r}", "N/A")
    sheet.validations.append((f"W{row + 3}:X{row + 5}", '"µΩ,mΩ,Ω"'))
    return readings


def _ir_head(sheet: Sheet, spec: SwitchgearSpec, row: int) -> float:
    section(sheet, row, "Electrical - Insulation Resistance Tests")
    factor = correction_factor(spec.job.temp_c)
    sheet.label(f"R{row + 1}:Y{row + 1}", "Insulation Temperature (°F):")
    sheet.put(f"Z{row + 1}:AB{row + 1}", spec.job.temp_f)
    sheet.label(f"AD{row + 1}:AG{row + 1}", "Test Voltage:")
    sheet.put(f"AH{row + 1}:AJ{row + 1}", "1000V")
    sheet.label(f"R{row + 2}:Y{row + 2}", "Temp. Correction Factor:")
    sheet.put(f"Z{row + 2}:AB{row + 2}", factor)
    sheet.label(f"AD{row + 2}:AG{row + 2}", "Test Duration:")
    sheet.put(f"AH{row + 2}:AJ{row + 2}", "1 min.")
    return factor


def _ir_configurations(sheet: Sheet, spec: SwitchgearSpec, row: int) -> tuple[int, list[Reading]]:
    factor = _ir_head(sheet, spec, row)
    h = row + 4
    head = {"bold": True, "shade": True}
    for span, text in zip(
        ("B:N", "O:T", "U:Z", "AA:AB", "AC:AH", "AI:AL"),
        ("Test Configuration", "As Found", "Temperature Corrected", "Units", "Criteria", "Results"),
        strict=True,
    ):
        a, b = span.split(":")
        sheet.put(f"{a}{h}:{b}{h}", text, **head)
    readings: list[Reading] = []
    for r, (name, value) in enumerate(zip(CONFIGURATIONS, spec.ir_mohm, strict=True), start=h + 1):
        corrected = fmt3(value * factor)
        for span, cell in zip(
            ("B:N", "O:T", "U:Z", "AA:AB", "AC:AH", "AI:AL"),
            (name, value, corrected, "MΩ", "≥ 100 MΩ", "PASS" if corrected >= 100 else "FAIL"),
            strict=True,
        ):
            a, b = span.split(":")
            sheet.put(f"{a}{r}:{b}{r}", cell)
        readings.append(Reading(Quantity.INSULATION_RESISTANCE, value * MOHM, name))
    return h + len(CONFIGURATIONS) + 1, readings


def _ir_sections(sheet: Sheet, spec: SwitchgearSpec, row: int) -> tuple[int, list[Reading]]:
    factor = _ir_head(sheet, spec, row)
    sections = [spec.ir_mohm[i : i + 9] for i in range(0, len(spec.ir_mohm), 9)]
    overs = [spec.over[i : i + 9] for i in range(0, len(spec.over), 9)] or [(False,) * 9] * 2
    readings: list[Reading] = []
    r = row + 4
    for title, corrected in (("Measured Values", False), ("Temperature Corrected Values", True)):
        sheet.label(f"B{r}:N{r}", title, bold=True)
        sheet.put(f"B{r + 1}:G{r + 1}", "Bus Section", bold=True, shade=True)
        for index, point in enumerate(POINTS):
            first = 8 + 3 * index
            sheet.put(f"{col(first)}{r + 1}:{col(first + 2)}{r + 1}", point, bold=True, shade=True)
        sheet.put(f"AI{r + 1}:AJ{r + 1}", "Units", bold=True, shade=True)
        for offset in range(3):
            rr = r + 2 + offset
            name = f"Section {offset + 1}"
            sheet.put(f"B{rr}:G{rr}", name)
            sheet.put(f"AI{rr}:AJ{rr}", "MΩ")
            if offset >= len(sections):  # a spare row: empty boxes (a #REF! in the copy)
                for index in range(len(POINTS)):
                    first = 8 + 3 * index
                    leftover = "#REF!" if corrected and index == 0 else None
                    sheet.put(f"{col(first)}{rr}", None)
                    sheet.put(f"{col(first + 1)}{rr}:{col(first + 2)}{rr}", leftover)
                continue
            for index, (value, over) in enumerate(
                zip(sections[offset], overs[offset], strict=True)
            ):
                first = 8 + 3 * index
                shown = fmt3(value * factor) if corrected else value
                sheet.put(f"{col(first)}{rr}", ">" if over else None)
                sheet.put(f"{col(first + 1)}{rr}:{col(first + 2)}{rr}", shown)
                if not corrected:
                    hint = f"{name} {POINTS[index]}"
                    quantity = Quantity.INSULATION_RESISTANCE
                    readings.append(Reading(quantity, value * MOHM, hint, over))
        r += 7
    sheet.label(f"P{r}:U{r}", "Table 100.1 Criteria:")
    sheet.put(f"V{r}", "≥")
    sheet.put(f"W{r}:Y{r}", 100)
    sheet.put(f"Z{r}:AA{r}", "MΩ")
    sheet.label(f"AC{r}:AG{r}", "Overall Result:")
    sheet.put(f"AH{r}:AJ{r}", "PASS")
    return r + 1, readings
