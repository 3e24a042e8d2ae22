"""Text PDFs in several layouts, from reportlab (invariant mode) and fpdf2 (fixed creation date).

Layouts:
- `form`: label: value pairs in two columns drawn on a canvas, then ruled measurement grids;
- `kv_table`: a bordered two-column label/value table, then measurement tables (platypus flow);
- `grid4`: a four-column label | value | label | value table, then measurement tables;
- `lines`: fpdf2, one `Label: value` per line in a core font, bordered cell grids.

Fonts: Bitstream Vera ships inside reportlab, so the bytes do not depend on the machine's fonts.
Vera has no Δ, so documents write "Delta-T" or "Rise"; the core-font layout (`lines`) is
Latin-1 only, so its documents spell Ω out (`Mohm`, `micro-ohms`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import reportlab
from fpdf import FPDF
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from generator.model import Document, Table

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FIXED_DATE = dt.datetime(2025, 12, 1, 9, 0, 0, tzinfo=dt.UTC)

_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONT_DIR / "VeraBd.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Italic", str(FONT_DIR / "VeraIt.ttf")))
        _registered = True


def _cells(table: Table) -> list[list[str]]:
    return [list(table.columns)] + [[str(c) for c in row] for row in table.rows]


def _col_widths(rows: list[list[str]], font: str, size: float, pad: float = 12) -> list[float]:
    return [
        max(pdfmetrics.stringWidth(row[i], font, size) for row in rows) + pad
        for i in range(len(rows[0]))
    ]


def _draw_grid(c: Canvas, table: Table, x: float, y: float, size: float = 9.5) -> float:
    """A ruled grid with a shaded header row, top-left at (x, y); returns the y below it."""
    rows = _cells(table)
    widths = _col_widths(rows, "Vera", size)
    row_h = size * 1.9
    if table.title:
        c.setFont("Vera-Bold", size + 0.5)
        c.drawString(x, y + 4, table.title)
        y -= row_h * 0.6
    c.setLineWidth(0.5)
    total = sum(widths)
    c.setFillColor(colors.Color(0.85, 0.85, 0.85))
    c.rect(x, y - row_h, total, row_h, stroke=0, fill=1)
    c.setFillColor(colors.black)
    for r, row in enumerate(rows):
        top = y - r * row_h
        cx = x
        c.setFont("Vera", size)
        for i, text in enumerate(row):
            c.drawString(cx + 5, top - row_h + size * 0.65, text)
            c.line(cx, top, cx, top - row_h)
            cx += widths[i]
        c.line(cx, top, cx, top - row_h)
        c.line(x, top, x + total, top)
    bottom = y - len(rows) * row_h
    c.line(x, bottom, x + total, bottom)
    return bottom - 22


def render_form(doc: Document) -> bytes:
    """Label: value pairs in two columns (label and value drawn apart), then ruled grids."""
    _fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=LETTER, invariant=1, pageCompression=1)
    c.setTitle(doc.title)
    c.setAuthor(doc.letterhead or "")
    width, height = LETTER
    y = height - 0.75 * inch
    if doc.letterhead:
        c.setFont("Vera", 10)
        c.drawString(1.0 * inch, y, doc.letterhead)
        y -= 20
    c.setFont("Vera-Bold", 16)
    c.drawCentredString(width / 2, y, doc.title)
    y -= 26
    half = (len(doc.fields) + 1) // 2
    columns = (doc.fields[:half], doc.fields[half:])
    c.setFont("Vera", 9.5)
    x, starts = 0.7 * inch, []
    for col in columns:
        label_w = max([pdfmetrics.stringWidth(f"{f.label}:", "Vera", 9.5) for f in col] + [0]) + 8
        value_w = max([pdfmetrics.stringWidth(f.text, "Vera", 9.5) for f in col] + [0])
        starts.append((x, x + label_w))
        x += label_w + value_w + 24
    # Row by row, so the text layer reads "Tag: X   Test Date: Y" as one line, as forms do.
    for i in range(half):
        for col, (label_x, value_x) in zip(columns, starts, strict=True):
            if i < len(col):
                c.drawString(label_x, y - 15 * i, f"{col[i].label}:")
                c.drawString(value_x, y - 15 * i, col[i].text)
    y -= 15 * half + 16
    for table in doc.tables:
        widths = _col_widths(_cells(table), "Vera", 9.5)
        y = _draw_grid(c, table, (width - sum(widths)) / 2, y)
    c.setFont("Vera", 9.5)
    for note in doc.notes:
        c.drawString(1.0 * inch, y, note)
        y -= 15
    if doc.footer:
        c.setFont("Vera-Italic", 8.5)
        c.drawString(1.0 * inch, 0.6 * inch, doc.footer)
    c.showPage()
    c.save()
    return buf.getvalue()


def _rl_table(rows: list[list[str]], font: str, header: bool) -> RLTable:
    t = RLTable(rows, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.95)))
    t.setStyle(TableStyle(style))
    return t


def _platypus(doc: Document, fields: RLTable, pagesize: tuple[float, float]) -> bytes:
    _fonts()
    buf = io.BytesIO()
    title_style = ParagraphStyle("t", fontName="Vera-Bold", fontSize=15, leading=19, spaceAfter=8)
    small = ParagraphStyle("s", fontName="Vera", fontSize=9, leading=12)
    story: list[object] = []
    if doc.letterhead:
        story.append(Paragraph(doc.letterhead, small))
    story += [Paragraph(doc.title, title_style), fields, Spacer(1, 14)]
    for table in doc.tables:
        if table.title:
            story.append(Paragraph(f"<b>{table.title}</b>", small))
            story.append(Spacer(1, 4))
        story += [_rl_table(_cells(table), "Vera", header=True), Spacer(1, 12)]
    story += [Paragraph(note, small) for note in doc.notes]

    def footer(canvas: Canvas, _doc: object) -> None:
        if doc.footer:
            canvas.setFont("Vera", 8)
            canvas.drawString(0.8 * inch, 0.5 * inch, doc.footer)

    template = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        invariant=1,
        pageCompression=1,
        title=doc.title,
        author=doc.letterhead or "",
        leftMargin=0.8 * inch,
        rightMargin=0.8 * inch,
        topMargin=0.7 * inch,
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def render_kv_table(doc: Document) -> bytes:
    """A bordered two-column label/value table, then the measurement tables (A4)."""
    rows = [[f.label, f.text] for f in doc.fields]
    return _platypus(doc, _rl_table(rows, "Vera", header=False), A4)


def render_grid4(doc: Document) -> bytes:
    """Label | value | label | value, as many site forms print their header (Letter)."""
    half = (len(doc.fields) + 1) // 2
    left, right = doc.fields[:half], doc.fields[half:]
    rows = []
    for i in range(half):
        row = [left[i].label, left[i].text]
        row += [right[i].label, right[i].text] if i < len(right) else ["", ""]
        rows.append(row)
    return _platypus(doc, _rl_table(rows, "Vera", header=False), LETTER)


def _latin1(text: str) -> str:
    """Core fonts are Latin-1: dashes become hyphens; anything else outside it must fail loudly."""
    return text.replace("\u2014", "-").replace("\u2013", "-")


def render_lines(doc: Document) -> bytes:
    """fpdf2 with a core font: one `Label: value` per line, then bordered cell grids."""
    pdf = FPDF(format="letter", unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(doc.title)
    pdf.set_author(doc.letterhead or "")
    pdf.set_creator("FieldTest Reports 4.2")
    pdf.set_margins(54, 54, 54)
    pdf.add_page()
    if doc.letterhead:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 16, doc.letterhead, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 24, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    for f in doc.fields:
        pdf.cell(0, 14, f"{f.label}: {f.text}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    for table in doc.tables:
        if table.title:
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(0, 16, table.title, new_x="LMARGIN", new_y="NEXT")
        rows = _cells(table)
        widths = [max(pdf.get_string_width(r[i]) for r in rows) + 12 for i in range(len(rows[0]))]
        for r, row in enumerate(rows):
            pdf.set_font("Helvetica", "B" if r == 0 else "", 9.5)
            for i, text in enumerate(row):
                pdf.cell(widths[i], 16, text, border=1)
            pdf.ln(16)
        pdf.ln(10)
    pdf.set_font("Helvetica", "", 10)
    for note in doc.notes:
        pdf.multi_cell(0, 14, note, new_x="LMARGIN", new_y="NEXT")
    if doc.footer:
        pdf.set_auto_page_break(False)
        pdf.set_y(-60)
        pdf.set_font("Helvetica", "I", 8)
        pdf.cell(0, 12, _latin1(doc.footer))
    return bytes(pdf.output())


LAYOUTS: dict[str, Callable[[Document], bytes]] = {
    "form": render_form,
    "kv_table": render_kv_table,
    "grid4": render_grid4,
    "lines": render_lines,
}


def render(doc: Document, layout: str) -> bytes:
    return LAYOUTS[layout](doc)
