"""Package files: breaker reports as workbook sheets or PDF pages, built in memory (the tests'
packages, and the breaker rows of the hostile corpus)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def breaker_identity(tag: str) -> list[list[object]]:
    return [
        ["Circuit Breaker Test Report"],
        ["Breaker Identifier", tag],
        ["Equipment Type", "Low-Voltage Circuit Breaker"],
        ["Voltage Rating", "480 V"],
        ["Test Date", "2026-03-02"],
        ["Technician", "R. Okafor"],
        ["Test Instrument", "Megger MIT525", "Calibration Due", "2026-11-30"],
        ["Instrument", "Megger DLRO10HD", "Calibration Due", "2026-12-15"],
    ]


def insulation_rows(low_pole: float | None = None) -> list[list[object]]:
    p1 = low_pole if low_pole is not None else 2500
    return [
        ["Insulation Resistance at 1000 V DC, 1 Min."],
        ["Test Point", "P1", "P2", "P3", "Units"],
        ["Pole to Ground", p1, 2600, 2700, "MΩ"],
        ["Line to Load", 4000, 4100, 4200, "MΩ"],
    ]


def contact_rows() -> list[list[object]]:
    return [
        ["Contact Resistance"],
        ["Pole 1", "Pole 2", "Pole 3", "Units"],
        [39, 41, 40, "µΩ"],
    ]


def breaker(tag: str, low_pole: float | None = None) -> list[list[object]]:
    return [*breaker_identity(tag), *insulation_rows(low_pole), *contact_rows()]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf(pages: list[list[list[object]]], *, encrypt: str | None = None) -> bytes:
    """A text PDF with one page per list of rows, each row's cells 110 pt apart."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=1, encrypt=encrypt)
    for rows in pages:
        y = 740
        for row in rows:
            for column, value in enumerate(row):
                page.drawString(50 + column * 110, y, str(value))
            y -= 18
        page.showPage()
    page.save()
    return buffer.getvalue()
