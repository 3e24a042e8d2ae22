"""What a generated sheet is: its layout (cells on a grid, merged like the forms) and its truth.

A `Sheet` is a grid of `Cell`s addressed in A1 style; a cell may span a merged range. The same
sheet renders to a workbook sheet (values in the top-left cell of each merged range) and to
text-PDF pages (a reportlab table with the same spans). The truth (`ReportTruth`) is what a NETA
reviewer concludes from the sheet, written by hand from STANDARDS.md, never copied from the
engine's output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter, range_boundaries

from core.enums import EquipmentType, TestType, Verdict
from core.schemas import Quantity

AS_OF = dt.date(2026, 3, 15)
"""The upload date every case is analysed with; every test date is shortly before it."""

MOHM = 1e6
GOHM = 1e9
UOHM = 1e-6


def col(index: int) -> str:
    """The column letters of a 1-based column index."""
    return str(get_column_letter(index))


@dataclass(frozen=True)
class Cell:
    """One value on the grid: `value` in the top-left cell of a `rows` × `cols` merged range."""

    row: int
    col: int
    value: object
    rows: int = 1
    cols: int = 1
    bold: bool = False
    shade: bool = False
    box: bool = True
    """Drawn with a border (tables); labels and titles outside tables are not."""
    size: float | None = None
    """Font size in the PDF rendering (None: the sheet's default)."""
    text: str | None = None
    """How the value is displayed (the PDF text); None: from the value."""
    number_format: str | None = None


@dataclass
class Sheet:
    """One report sheet: a title (the workbook tab), cells, page breaks and dropdown lists."""

    title: str
    columns: int = 38
    cells: list[Cell] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)
    """Rows that start a new PDF page."""
    validations: list[tuple[str, str]] = field(default_factory=list)
    """(cell range, list formula): `("AA52:AA54", '"MΩ,GΩ"')`, `("G31", "Lists!$B$1:$B$14")`."""
    footer: str | None = None
    hidden: bool = False
    size: float = 6.5

    def put(self, where: str, value: object, **style: object) -> None:
        """Place `value` at `where` (`"B5"` or a merged range `"B5:E5"`). A None value leaves
        the range blank but still merged and drawn: a form's empty box."""
        min_col, min_row, max_col, max_row = range_boundaries(where)
        assert min_col is not None and min_row is not None
        assert max_col is not None and max_row is not None
        spans = {"row": min_row, "col": min_col}
        spans |= {"rows": max_row - min_row + 1, "cols": max_col - min_col + 1}
        self.cells.append(Cell(value=value, **spans, **style))  # type: ignore[arg-type]

    def label(self, where: str, text: str, **style: object) -> None:
        """Text outside a table: no border."""
        self.put(where, text, box=False, **style)

    @property
    def last_row(self) -> int:
        return max((c.row + c.rows - 1 for c in self.cells), default=0)


@dataclass(frozen=True)
class Reading:
    """One measurement the sheet holds: its quantity and value in canonical units (Ω, ratio).

    `censored` marks an over-range reading (`> 2200 MΩ`: the true value is at least this);
    `hint` says where it is on the sheet (the reader's point names need not match it)."""

    quantity: Quantity
    value: float
    hint: str = ""
    censored: bool = False


@dataclass(frozen=True)
class ReportTruth:
    """What a NETA reviewer concludes from one equipment report."""

    verdict: Verdict
    tag: str | None
    equipment_type: EquipmentType
    test_types: frozenset[TestType]
    readings: tuple[Reading, ...]
    why: str
    """The reviewer's reasoning, one or two sentences."""
    part: str | None = None
    """In a package: the sheet name, or the page range (`pages 1-2`)."""


@dataclass(frozen=True)
class SheetCase:
    """One generated file: its bytes and what it must be read and judged as.

    A single report has `truth`; a package (several equipment reports in one file) has `parts`,
    one truth per report, and `truth` None."""

    name: str
    filename: str
    content: bytes
    structure: str
    """The form structure the case reproduces (for the catalog and the bench)."""
    truth: ReportTruth | None = None
    parts: tuple[ReportTruth, ...] = ()
    as_of: dt.date = AS_OF

    @property
    def is_package(self) -> bool:
        return bool(self.parts)

    @property
    def reports(self) -> tuple[ReportTruth, ...]:
        return self.parts if self.parts else ((self.truth,) if self.truth else ())
