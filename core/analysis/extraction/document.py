"""The intermediate form every tabular or textual reader produces: rows of located, scored cells.

PDF text lines, OCR lines, XLSX rows and CSV rows all become `Row`s, so one interpreter
(`interpret.py`) reads labels, values and tables the same way whatever the format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.schemas import InputFormat, SourceLocation
from core.schemas.extraction import Box

_BOX_DIGITS = 4
"""A box's fractions to 1/10,000 of the page: a tenth of a pixel at 150 dpi, short JSON."""


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


def page_box(left: float, top: float, right: float, bottom: float) -> Box | None:
    """A region given as fractions of the page, clamped to the page and rounded (so the same
    file gives the same JSON); None when it is empty or not a number."""
    values = [min(1.0, max(0.0, round(v, _BOX_DIGITS))) for v in (left, top, right, bottom)]
    if any(v != v for v in values):  # NaN from a degenerate page size
        return None
    left, top, right, bottom = values
    if right < left or bottom < top:
        return None
    return (left, top, right, bottom)


def union_box(boxes: Iterable[Box | None]) -> Box | None:
    """The smallest box holding every given box (None ones skipped); None when none is given."""
    known = [box for box in boxes if box is not None]
    if not known:
        return None
    return (
        min(b[0] for b in known),
        min(b[1] for b in known),
        max(b[2] for b in known),
        max(b[3] for b in known),
    )


def with_box(location: SourceLocation, box: Box | None) -> SourceLocation:
    """`location` with `box`; the same object when there is none (no copy made)."""
    return location if box is None else location.model_copy(update={"box": box})
