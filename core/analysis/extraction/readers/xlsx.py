"""XLSX workbooks: every non-empty row of every report sheet, cells located by sheet and A1.

Hidden sheets and dropdown-list sheets (data-validation sources) are the form's machinery, not
the report, and are left out.

Values are read as Excel last saved them (`data_only=True`): formulas are never evaluated, so
a workbook saved without cached results shows its formula cells as empty. Numbers keep the
15 significant digits Excel itself holds, without binary float noise (1.9 stays "1.9").
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.readers.xlsx_lists import list_sheets, merged_ends
from core.schemas import InputFormat, SourceLocation

MAX_ROWS = 5_000
"""Per sheet; a test report is a page or two, and a huge sheet must not eat memory."""
MAX_COLUMNS = 100
MAX_SHEETS = 50
_DAMAGED = (
    "The workbook is damaged and cannot be opened; save it again as .xlsx and upload it again."
)


def read_xlsx(content: bytes) -> Document:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ReportError(_DAMAGED) from error
    try:
        rows: list[Row] = []
        notes: list[str] = []
        with zipfile.ZipFile(io.BytesIO(content)) as zipped:
            lists = list_sheets(zipped)
            merges = merged_ends(zipped)
        # Hidden sheets and dropdown-list sheets hold the form's machinery, not the report.
        sheets = [
            ws
            for ws in workbook.worksheets
            if ws.sheet_state == "visible" and ws.title not in lists
        ]
        for worksheet in sheets[:MAX_SHEETS]:
            rows.extend(_sheet_rows(worksheet, notes, merges.get(str(worksheet.title), {})))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ReportError(_DAMAGED) from error
    finally:
        workbook.close()
    if not rows:
        raise ReportError("The workbook has no data; check that the report is on a visible sheet.")
    return Document(format=InputFormat.XLSX, rows=rows, pages=None, notes=notes)


def _sheet_rows(worksheet: Any, notes: list[str], merges: dict[str, str]) -> list[Row]:
    """Read-only rows come padded: position in the tuple is the column, in the stream the row."""
    name = str(worksheet.title)
    rows: list[Row] = []
    values = worksheet.iter_rows(min_row=1, min_col=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS)
    for row_number, row_cells in enumerate(values, start=1):
        cells = tuple(
            Cell(
                text,
                SourceLocation(
                    sheet=name, cell=(ref := f"{get_column_letter(column)}{row_number}")
                ),
                1.0,
                merges.get(ref),
            )
            for column, cell in enumerate(row_cells, start=1)
            if (text := _cell_text(cell)) is not None
        )
        if cells:
            rows.append(Row(cells, SourceLocation(sheet=name, cell=f"{row_number}:{row_number}")))
    if (worksheet.max_row or 0) > MAX_ROWS:
        notes.append(f"Sheet {name!r}: only the first {MAX_ROWS} rows were read.")
    return rows


def _cell_text(cell: Any) -> str | None:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    text = format_value(value, str(getattr(cell, "number_format", "") or ""))
    return text or None


def format_value(value: object, number_format: str = "") -> str:
    """A cell value as the text a person reads: ISO dates, numbers without float noise."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A 62 % load is stored as 0.62; show it as the sheet does.
        if "%" in number_format:
            return f"{value * 100:.15g}%"
        return f"{value:.15g}"
    return unicodedata.normalize("NFC", str(value)).strip()
