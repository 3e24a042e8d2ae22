"""What a sample is: printed readings that know their canonical value, documents, scenarios.

A document is written as it would be printed (labels, cells, units, number and date styles), and
every reading cell carries the value an extractor must find, so `expected.json` is derived from the
very cells that were printed and cannot drift from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from core.enums import EquipmentType, TestType
from core.schemas import ExtractionResult, Quantity

# The test's main quantity: its readings, in document order, are the file's primary values.
MAIN_QUANTITY: dict[TestType, Quantity] = {
    TestType.INSULATION_RESISTANCE: Quantity.INSULATION_RESISTANCE,
    TestType.GROUNDING: Quantity.GROUND_RESISTANCE,
    TestType.THERMOGRAPHY: Quantity.TEMPERATURE,
    TestType.CONTACT_RESISTANCE: Quantity.CONTACT_RESISTANCE,
    TestType.TURNS_RATIO: Quantity.TURNS_RATIO,
}

# Multipliers to the canonical unit (ohm) for every resistance spelling the samples print.
OHM_FACTOR: dict[str, float] = {
    "TΩ": 1e12,
    "GΩ": 1e9,
    "GOhm": 1e9,
    "GOhms": 1e9,
    "MΩ": 1e6,
    "Mohm": 1e6,
    "MOhm": 1e6,
    "Mohms": 1e6,
    "megohms": 1e6,
    "Megohm": 1e6,
    "kΩ": 1e3,
    "kOhm": 1e3,
    "Ω": 1.0,
    "ohm": 1.0,
    "ohms": 1.0,
    "Ohm": 1.0,
    "mΩ": 1e-3,
    "mOhm": 1e-3,
    "milliohms": 1e-3,
    "µΩ": 1e-6,
    "μΩ": 1e-6,  # GREEK SMALL LETTER MU, as some software prints it
    "µOhm": 1e-6,
    "uOhm": 1e-6,
    "micro-ohms": 1e-6,
    "µohm": 1e-6,
}


@dataclass(frozen=True)
class NumberStyle:
    """How a document writes numbers: `1,234.5` (US) or `1.234,5` (decimal comma)."""

    decimal: str = "."
    thousands: str = ","

    def fmt(self, x: float, decimals: int = 0, *, group: bool = True) -> str:
        text = f"{x:,.{decimals}f}" if group else f"{x:.{decimals}f}"
        # Swap through a placeholder so "," and "." can trade places.
        text = text.replace(",", "\0").replace(".", self.decimal)
        return text.replace("\0", self.thousands)

    def parse(self, text: str) -> float:
        return float(text.replace(self.thousands, "").replace(self.decimal, "."))


US = NumberStyle()
EU = NumberStyle(decimal=",", thousands=".")
EU_SPACE = NumberStyle(
    decimal=",", thousands="\u202f"
)  # narrow no-break space, as in fr/de software


@dataclass(frozen=True)
class Reading:
    """One printed reading: the text in its cell and the canonical value an extractor must find."""

    quantity: Quantity
    text: str
    value: float | None
    number: float | None = None
    """The number as displayed (before unit conversion), for native spreadsheet cells."""
    censored: bool = False

    def __str__(self) -> str:
        return self.text


Cell = str | Reading


def reading(
    quantity: Quantity,
    x: float,
    unit: str,
    *,
    decimals: int = 0,
    style: NumberStyle = US,
    unit_in_cell: bool = True,
    over: bool = False,
    group: bool = True,
    space: str = " ",
) -> Reading:
    """A reading of `x` in `unit` (an OHM_FACTOR key, `°C`, `°F` or `ratio`) as printed."""
    number_text = style.fmt(x, decimals, group=group)
    shown = style.parse(number_text)
    if unit == "°F" and quantity == Quantity.TEMPERATURE_RISE:
        value = shown * 5.0 / 9.0  # a difference converts as a difference
    elif unit == "°F":
        value = (shown - 32.0) * 5.0 / 9.0
    elif unit in ("°C", "ratio", ""):
        value = shown
    else:
        value = shown * OHM_FACTOR[unit]
    value = float(f"{value:.12g}")  # 17.1 × 1e9 is 17100000000.000002 in binary; print it clean
    text = (">" if over else "") + number_text
    if unit_in_cell and unit not in ("ratio", ""):
        text += space + unit
    return Reading(quantity, text, value, number=shown, censored=over)


def off_scale(quantity: Quantity, token: str) -> Reading:
    """An over-range reading printed without a number (`∞`, `OL`): censored, value unknown."""
    return Reading(quantity, token, None, censored=True)


DateStyle = Literal["iso", "us", "dmy_name", "long", "dmy_dot", "dmy_slash"]


def fmt_date(day: dt.date, style: DateStyle) -> str:
    """A date in a form reports use: 2025-03-14, 03/14/2025, 14-Mar-2025, March 14, 2025 …"""
    if style == "iso":
        return day.isoformat()
    if style == "us":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "dmy_name":
        return f"{day.day:02d}-{day.strftime('%b')}-{day.year}"
    if style == "long":
        return f"{day.strftime('%B')} {day.day}, {day.year}"
    if style == "dmy_dot":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class Field:
    """A labelled header value. `native` is what a spreadsheet stores when it keeps real types."""

    label: str
    text: str
    native: dt.date | float | str | None = None


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """A report as printed: letterhead, title, labelled fields, tables, notes, footer."""

    title: str
    fields: list[Field]
    tables: list[Table]
    letterhead: str | None = None
    notes: list[str] = field(default_factory=list)
    footer: str | None = None


Format = Literal["pdf_text", "pdf_scan", "png", "jpeg", "tiff", "xlsx", "csv", "json"]
Expect = Literal["APPROVED", "REVIEW", "REJECTED", "NOT_APPROVED", "NOT_REJECTED"]


@dataclass(frozen=True)
class Scan:
    """How a page is degraded into a scan: resolution, skew, blur, noise, JPEG quality."""

    dpi: int = 200
    angle_deg: float = 0.4
    blur_radius: float = 0.6
    noise_sigma: float = 6.0
    jpeg_quality: int = 60
    bilevel: bool = False


@dataclass(frozen=True)
class CsvStyle:
    delimiter: str = ","
    encoding: Literal["utf-8", "utf-8-sig", "latin-1"] = "utf-8"
    line_ending: str = "\r\n"


@dataclass(frozen=True)
class Scenario:
    """One sample file: what it shows, how it is written, the outcome the default profile gives."""

    stem: str
    fmt: Format
    test_type: TestType
    equipment_type: EquipmentType
    equipment_tag: str | None
    expect: Expect
    summary: str
    document: Document | None = None
    layout: str = "form"
    """PDF layout (see generator.pdf.LAYOUTS); scans are rasterized from this layout too."""
    scan: Scan | None = None
    csv: CsvStyle | None = None
    xlsx_native: bool = False
    """Spreadsheet cells hold real numbers and dates where a value has a unit in its header."""
    extraction: Callable[[str], ExtractionResult] | None = None
    """JSON samples: builds the ExtractionResult dump (given the file name)."""
    critical_families: tuple[str, ...] = ()
    seed: int = 0

    @property
    def extension(self) -> str:
        return {
            "pdf_text": "pdf",
            "pdf_scan": "pdf",
            "png": "png",
            "jpeg": "jpg",
            "tiff": "tif",
            "xlsx": "xlsx",
            "csv": "csv",
            "json": "json",
        }[self.fmt]

    @property
    def file_name(self) -> str:
        return f"{self.stem}.{self.extension}"


def primary_values(scenario: Scenario) -> list[float | None]:
    """The main quantity's readings in document order: tables top to bottom, rows left to right."""
    main = MAIN_QUANTITY[scenario.test_type]
    if scenario.extraction is not None:
        result = scenario.extraction(scenario.file_name)
        return [m.value for m in result.measurements if m.quantity == main]
    assert scenario.document is not None, scenario.stem
    return [
        cell.value
        for table in scenario.document.tables
        for row in table.rows
        for cell in row
        if isinstance(cell, Reading) and cell.quantity == main
    ]
