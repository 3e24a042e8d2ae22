"""Blocks every NETA-style sheet shares: letterhead, job header (date, temperature in °F with
its °C beside, humidity), section titles, the visual checklist by ATS section number, the test
equipment block with asset numbers, and the Comments box.

Positions are this project's own; what they reproduce is the structure of a firm's forms:
labels and values in separate merged ranges, units in their own cells after the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Sheet

COMPANY = "Northgate Power Testing, Inc."
RESULTS = '"Satisfactory,Unsatisfactory,Cleaned,See Comments,Not Applicable,By Others"'


@dataclass(frozen=True)
class Job:
    """Who tested what, where and when; the header of every sheet."""

    date: dt.date
    temp_f: float
    humidity: int
    customer: str = "Halvorsen Data Centers"
    address: str = "4100 Ridgeline Pkwy, Building C"
    user: str = "Brightline Commissioning"
    job: str = "26-0412"
    technicians: str = "R. Okafor, L. Brandt"
    substation: str = "Unit Substation 2"

    @property
    def temp_c(self) -> float:
        return round((self.temp_f - 32) * 5 / 9, 1)


@dataclass(frozen=True)
class Instrument:
    """A test set as the equipment block lists it; `calibrated`/`due` go in the Comments."""

    kind: str
    """The block's label: "Megohmmeter:", "Digital Low-Resistance Ohmmeter:" …"""
    model: str
    serial: str
    asset: str
    """The firm's own asset number ("AMP ID"): never the serial."""
    calibrated: dt.date | None = None
    due: dt.date | None = None

    @property
    def short(self) -> str:
        """The model without its maker, as technicians write it: "DLRO10HD"."""
        return self.model.split()[-1]

    def note(self) -> str:
        """The calibration sentence of the Comments box."""
        when = self.calibrated.strftime("%m/%d/%Y") if self.calibrated else None
        due = self.due.strftime("%m/%d/%Y") if self.due else None
        parts = [f"{self.short} s/n {self.serial}"]
        if when:
            parts.append(f"calibrated {when}")
        if due:
            parts.append(f"calibration due {due}")
        return " ".join(parts) + "."


def letterhead(sheet: Sheet, title: str) -> None:
    sheet.label("B1:U1", COMPANY.upper(), bold=True, size=8.5)
    sheet.label("W1:AL1", title, bold=True, size=7.5)


def job_header(
    sheet: Sheet,
    job: Job,
    identifier: tuple[str, str | None],
    right: Sequence[tuple[str, str | None]],
) -> None:
    """Rows 2–6: the customer block on the left, the date row with temperature (°F, and °C
    beside it) and humidity, the identifier row; `right` holds the right-hand (label, value)
    pairs of rows 2–6."""
    left = [("Customer", job.customer), ("Address", job.address), ("User", job.user)]
    for row, (label, value) in enumerate(left, start=2):
        sheet.put(f"B{row}:E{row}", label, shade=True)
        sheet.put(f"F{row}:X{row}", value)
    for row, (right_label, right_value) in zip((2, 3, 4, 5, 6), right, strict=False):
        sheet.put(f"Z{row}:AD{row}", right_label, shade=True)
        sheet.put(f"AE{row}:AL{row}", right_value)
    sheet.put("B5:E5", "Date", shade=True)
    sheet.put("F5:J5", job.date)
    sheet.put("L5:M5", "Temp.", shade=True)
    sheet.put("N5:O5", job.temp_f)
    sheet.put("P5", "°F", box=False)
    sheet.put("Q5:R5", job.temp_c)
    sheet.put("S5", "°C", box=False)
    sheet.put("T5:V5", "Humidity", shade=True)
    sheet.put("W5:X5", job.humidity)
    sheet.put("Y5", "%", box=False)
    sheet.put("B6:F6", identifier[0], shade=True)
    sheet.put("G6:X6", identifier[1])


Pair = tuple[str, str | None]


def job_right(job: Job, row5: Pair, row6: Pair) -> list[Pair]:
    """The right-hand pairs of a job header: job number, technicians, substation, then the
    pairs of rows 5 and 6 as each form has them."""
    return [
        ("Job #", job.job),
        ("Technicians", job.technicians),
        ("Substation", job.substation),
        row5,
        row6,
    ]


def section(sheet: Sheet, row: int, title: str) -> None:
    sheet.label(f"A{row}:X{row}", title, bold=True, size=7.5)


def checklist(sheet: Sheet, row: int, prefix: str, items: Sequence[tuple[str, str]]) -> int:
    """The visual and mechanical checklist: `NETA Section | description | Results`, one row per
    item numbered `<prefix>.A.<n>`; returns the first row after it."""
    section(sheet, row, "Visual and Mechanical Inspection")
    sheet.put(f"B{row + 1}:E{row + 1}", "NETA Section", bold=True, shade=True)
    sheet.put(f"F{row + 1}:AF{row + 1}", "Description", bold=True, shade=True)
    sheet.put(f"AG{row + 1}:AL{row + 1}", "Results", bold=True, shade=True)
    first = row + 2
    for offset, (text, result) in enumerate(items):
        r = first + offset
        sheet.put(f"B{r}:E{r}", f"{prefix}.A.{offset + 1}")
        sheet.put(f"F{r}:AF{r}", text)
        sheet.put(f"AG{r}:AL{r}", result)
    sheet.validations.append((f"AG{first}:AL{first + len(items) - 1}", RESULTS))
    return first + len(items)


def equipment_block(sheet: Sheet, row: int, instruments: Sequence[Instrument]) -> int:
    """`Test Equipment Used`: per instrument its kind, model, serial and AMP ID, every other row;
    returns the first row after it."""
    section(sheet, row, "Test Equipment Used")
    r = row + 2
    for instrument in instruments:
        sheet.label(f"B{r}:L{r}", instrument.kind)
        sheet.put(f"M{r}:S{r}", instrument.model)
        sheet.label(f"T{r}:X{r}", "Serial Number:")
        sheet.put(f"Y{r}:AE{r}", instrument.serial)
        sheet.label(f"AF{r}:AH{r}", "AMP ID:")
        sheet.put(f"AI{r}:AL{r}", instrument.asset)
        r += 2
    return r


def comments(sheet: Sheet, row: int, lines: Sequence[str], height: int = 7) -> int:
    """The Comments box: one merged block, one line per sentence; returns the row after it."""
    sheet.label(f"A{row}:H{row}", "Comments:", bold=True)
    sheet.put(f"B{row + 1}:AL{row + height}", "\n".join(lines) if lines else None)
    return row + height + 1


def grid_row(
    sheet: Sheet, row: int, spans: Sequence[str], values: Sequence[object], **style: object
) -> None:
    """One row of the project's own layouts: each value merged over its column span (`"A:B"`)."""
    for span, value in zip(spans, values, strict=True):
        first, last = span.split(":")
        sheet.put(f"{first}{row}:{last}{row}", value, **style)


def field_rows(sheet: Sheet, first_row: int, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """A label | value | label | value header (A:B, C:F, G:H, I:L), labels shaded."""
    for row, (label, value, label2, value2) in enumerate(rows, start=first_row):
        cells = (("A:B", label, True), ("C:F", value, False), ("G:H", label2, True))
        for span, text, shade in (*cells, ("I:L", value2, False)):
            grid_row(sheet, row, (span,), (text,), **({"shade": True} if shade else {}))
