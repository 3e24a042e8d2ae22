"""Sheets → one XLSX workbook: values in the top-left cell of merged ranges, narrow form columns,
dropdown lists (inline or on a helper sheet), hidden sheets; deterministic bytes.

The bytes do not depend on the clock: the workbook's created/modified dates are fixed and the
zip is rewritten with fixed timestamps (as samples/generator/tabular.py does).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from .model import Cell, Sheet

FIXED_ZIP_TIME = (2026, 3, 1, 9, 0, 0)
FIXED_XLSX_TIME = dt.datetime(2026, 3, 1, 9, 0, 0)
COLUMN_WIDTH = 2.9
"""The forms' narrow grid columns (a few characters wide); labels span several of them."""
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="D9E1F2")
_DATE_FORMAT = "mm/dd/yyyy"
_BOLD = Font(bold=True)
_WRAP = Alignment(vertical="top", wrap_text=True)


def workbook_bytes(
    sheets: Sequence[Sheet],
    *,
    lists: Mapping[str, Sequence[str]] | None = None,
    lists_title: str = "Lists",
    creator: str = "Northgate Power Testing",
) -> bytes:
    """A workbook with `sheets` in order, then (when given) a helper sheet of dropdown lists:
    one column per list, its name in row 1 and its choices below."""
    wb = Workbook()
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.created = FIXED_XLSX_TIME
    wb.properties.modified = FIXED_XLSX_TIME
    first = wb.active
    assert first is not None
    wb.remove(first)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.title), sheet)
    if lists:
        helper = wb.create_sheet(lists_title)
        for index, (name, choices) in enumerate(lists.items(), start=1):
            helper.cell(1, index, name).font = Font(bold=True)
            for offset, choice in enumerate(choices, start=2):
                helper.cell(offset, index, choice)
            helper.column_dimensions[get_column_letter(index)].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    for index in range(1, sheet.columns + 1):
        ws.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    for cell in sheet.cells:
        _write_cell(ws, cell)
    for where, formula in sheet.validations:
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        for part in where.split():
            validation.add(part)
        ws.add_data_validation(validation)
    if sheet.hidden:
        ws.sheet_state = "hidden"
    ws.sheet_view.showGridLines = False
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1


def _write_cell(ws: Worksheet, cell: Cell) -> None:
    """The value and style go in the top-left cell; the range is merged without openpyxl's
    per-cell border copying (slow, and nothing a reader looks at)."""
    target = ws.cell(cell.row, cell.col)
    if cell.value is not None:
        target.value = cell.value
    if isinstance(cell.value, dt.date):
        target.number_format = _DATE_FORMAT
    elif cell.number_format:
        target.number_format = cell.number_format
    if cell.bold:
        target.font = _BOLD
    if isinstance(cell.value, str) and "\n" in cell.value:
        target.alignment = _WRAP
    if cell.shade:
        target.fill = _SHADE
    if cell.box:
        target.border = _BOX
    if cell.rows > 1 or cell.cols > 1:
        last_row, last_col = cell.row + cell.rows - 1, cell.col + cell.cols - 1
        ws.merged_cells.add(
            MergedCellRange(ws, f"{cell_ref(cell.row, cell.col)}:{cell_ref(last_row, last_col)}")
        )


def cell_ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed timestamps so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_XLSX_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                for tag in (rb"dcterms:modified", rb"dcterms:created"):
                    content = re.sub(rb"(<" + tag + rb"[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()
