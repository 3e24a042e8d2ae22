"""Sheets → a text PDF laid out as the sheet prints: a reportlab table on the sheet's column grid,
merged ranges as spans, one table per page (the sheet's page breaks); several sheets one after
another make a multi-report package.

Deterministic: reportlab runs with `invariant=1` (fixed dates and document id) and the fonts are
Bitstream Vera from inside reportlab, so no system font is involved. Vera has no Δ: sheets spell
"Delta". Every text must fit its cell with a gap to the next one (else the text layer would glue
two cells into one); a layout that does not is a generator bug and raises.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from .model import Cell, Sheet

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
MARGIN = 36.0
ROW_HEIGHT = 11.0
EMPTY_ROW_HEIGHT = 5.0
MIN_SIZE = 5.0
GAP_EM = 1.0
"""Space kept between a text's end and the next cell's text, in ems: wider than the reader's
0.8 em cell gap, so neighbouring cells never glue into one."""
_PAD = 2.0
_GREY = colors.Color(0.5, 0.5, 0.5)
_SHADE = colors.Color(0.85, 0.88, 0.95)
_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONT_DIR / "VeraBd.ttf")))
        _registered = True


def display(value: object) -> str:
    """A value as the sheet shows it: US dates, numbers without float noise."""
    if isinstance(value, dt.date):
        return value.strftime("%m/%d/%Y")
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def pdf_bytes(sheets: Sequence[Sheet], *, title: str, author: str) -> bytes:
    """Every sheet's pages in order; a footer with the page number on each page when the sheet
    has one (`Sheet.footer` with `{page}` and `{pages}` placeholders)."""
    _fonts()
    width = LETTER[0]
    usable = width - 2 * MARGIN
    story: list[object] = []
    footers: list[str | None] = []
    for sheet in sheets:
        for first, last in _pages(sheet):
            if story:
                story.append(PageBreak())
            story.append(_page_table(sheet, first, last, usable / sheet.columns))
            footers.append(sheet.footer)
    buf = io.BytesIO()

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        number = canvas.getPageNumber()
        text = footers[number - 1] if number <= len(footers) else None
        if text:
            canvas.setFont("Vera", 6.5)
            canvas.drawString(MARGIN, MARGIN / 2, text.format(page=number, pages=len(footers)))

    template = SimpleDocTemplate(
        buf,
        pagesize=LETTER,
        invariant=1,
        pageCompression=1,
        title=title,
        author=author,
        creator="Northgate Field Reports",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def page_count(sheet: Sheet) -> int:
    return len(_pages(sheet))


def _pages(sheet: Sheet) -> list[tuple[int, int]]:
    starts = [1, *sorted(sheet.page_breaks)]
    ends = [start - 1 for start in starts[1:]] + [sheet.last_row]
    return list(zip(starts, ends, strict=True))


def _page_table(sheet: Sheet, first: int, last: int, col_width: float) -> Table:
    cells = [c for c in sheet.cells if first <= c.row <= last]
    grid: list[list[object]] = [["" for _ in range(sheet.columns)] for _ in range(first, last + 1)]
    used = {c.row + offset for c in cells for offset in range(c.rows) if c.value is not None}
    heights = [ROW_HEIGHT if row in used else EMPTY_ROW_HEIGHT for row in range(first, last + 1)]
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), "Vera", sheet.size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for cell in cells:
        start = (cell.col - 1, cell.row - first)
        end = (cell.col + cell.cols - 2, min(cell.row + cell.rows - 1, last) - first)
        if cell.rows > 1 or cell.cols > 1:
            style.append(("SPAN", start, end))
        if cell.box:
            style.append(("BOX", start, end, 0.4, _GREY))
        if cell.shade:
            style.append(("BACKGROUND", start, end, _SHADE))
        if cell.value is None:
            continue
        font = "Vera-Bold" if cell.bold else "Vera"
        room = cell.cols * col_width
        text = cell.text if cell.text is not None else display(cell.value)
        if "\n" in text:
            grid[start[1]][start[0]] = _paragraph(text, font, cell.size or sheet.size)
            style.append(("VALIGN", start, end, "TOP"))
            continue
        grid[start[1]][start[0]] = text
        size = _fitting_size(text, font, cell.size or sheet.size, room)
        style.append(("FONT", start, start, font, size))
    if sum(heights) > LETTER[1] - 2.5 * MARGIN:
        raise ValueError(f"{sheet.title}: rows {first}-{last} do not fit on one page")
    table = Table(grid, colWidths=[col_width] * sheet.columns, rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _fitting_size(text: str, font: str, size: float, room: float) -> float:
    """The largest size ≤ `size` at which `text` leaves a gap of GAP_EM (plus a point) before
    the next cell's text, which starts `_PAD` into its own cell."""
    while pdfmetrics.stringWidth(text, font, size) > room - GAP_EM * size - 1:
        size -= 0.25
        if size < MIN_SIZE:
            raise ValueError(f"{text!r} does not fit in {room:.0f} pt; widen its merged range")
    return size


def _paragraph(text: str, font: str, size: float) -> Paragraph:
    style = ParagraphStyle("comments", fontName=font, fontSize=size, leading=size * 1.35)
    return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), style)


def cells_text(cells: Sequence[Cell]) -> list[str]:
    """Every displayed text of `cells` (for checks and the bench)."""
    return [c.text if c.text is not None else display(c.value) for c in cells if c.value]
