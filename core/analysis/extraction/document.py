"""The intermediate form every tabular or textual reader produces: rows of located, scored cells.

PDF text lines, OCR lines, XLSX rows and CSV rows all become `Row`s, so one interpreter
(`interpret.py`) reads labels, values and tables the same way whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.schemas import InputFormat, SourceLocation


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    source: SourceLocation
    confidence: float
    """How surely the text was read: 1.0 for a structured cell, less for PDF text and OCR."""
    span_to: str | None = None
    """A merged workbook cell's last column (`B6` merged to `F6`: `F`), else None."""
    x0: float | None = None
    x1: float | None = None
    """A PDF text cell's horizontal extent on the page (points from the left), else None."""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    source: SourceLocation

    @property
    def text(self) -> str:
        return "  ".join(cell.text for cell in self.cells)


@dataclass(slots=True)
class Document:
    format: InputFormat
    rows: list[Row]
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
    """Reader remarks worth a warning (e.g. 'OCR used on page 2')."""
