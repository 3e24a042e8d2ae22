"""Documents built from text, as the readers would give them, for interpreter tests."""

from __future__ import annotations

import string

from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.interpret import interpret
from core.schemas import (
    ExtractionResult,
    InputFormat,
    Measurement,
    Quantity,
    SourceInfo,
    SourceLocation,
    WarningCode,
)

SOURCE = SourceInfo(file_name="report", sha256="0" * 64, format=InputFormat.PDF_TEXT)


def text_doc(
    text: str, *, fmt: InputFormat = InputFormat.PDF_TEXT, confidence: float = 0.98
) -> Document:
    """One row per line; ` | ` separates cells, as a reader splitting at column gaps would."""
    rows = []
    for number, line in enumerate(text.strip("\n").splitlines(), start=1):
        location = SourceLocation(page=1, line=number)
        cells = tuple(Cell(part.strip(), location, confidence) for part in line.split(" | "))
        rows.append(Row(tuple(cell for cell in cells if cell.text), location))
    return Document(fmt, rows, pages=1)


def sheet_doc(*rows: list[object], fmt: InputFormat = InputFormat.XLSX) -> Document:
    """Workbook rows: cells keep their column letter (`B17`); empty cells are left out."""
    built = []
    for number, values in enumerate(rows, start=1):
        cells = tuple(
            Cell(str(value), SourceLocation(sheet="Sheet1", cell=f"{letter}{number}"), 1.0)
            for letter, value in zip(string.ascii_uppercase, values, strict=False)
            if value not in (None, "")
        )
        built.append(Row(cells, SourceLocation(sheet="Sheet1", cell=f"A{number}")))
    return Document(fmt, built)


def run(document: Document) -> ExtractionResult:
    return interpret(document, SOURCE)


def read(text: str, **options: object) -> ExtractionResult:
    return run(text_doc(text, **options))  # type: ignore[arg-type]


def of(result: ExtractionResult, quantity: Quantity) -> list[Measurement]:
    return [m for m in result.measurements if m.quantity is quantity]


def values(result: ExtractionResult, quantity: Quantity) -> list[float | None]:
    return [m.value for m in of(result, quantity)]


def warned(result: ExtractionResult, code: WarningCode) -> list[str | None]:
    """The fields named by the warnings of one code."""
    return [w.field for w in result.warnings if w.code is code]


IR_HEADER = """Insulation Resistance Test Report
Equipment Tag: SWGR-1A
Equipment Type: Switchgear
Voltage Rating: 480 V
Test Date: 2026-02-01
Technician: J. Rivera
Testing Company: Volta Testing
Ambient Temperature: 20 °C
Humidity: 40 %
Test Instrument: Megger MIT1025
Calibration Due: 2026-10-14
"""
