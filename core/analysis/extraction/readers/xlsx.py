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
import zlib
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.readers.xlsx_lists import list_sheets, merged_ends
from core.analysis.limits import (
    DEFAULT_LIMITS,
    ZIP_RATIO_FLOOR_BYTES,
    Limits,
    over_sentence,
    too_many_cells,
)
from core.schemas import InputFormat, SourceLocation

_DAMAGED = (
    "The workbook is damaged and cannot be opened; save it again as .xlsx and upload it again."
)
_BROKEN = (
    InvalidFileException,
    zipfile.BadZipFile,  # also a CRC that does not match
    zlib.error,  # a part whose deflate stream is corrupt
    NotImplementedError,  # a compression method or zip feature nobody writes in .xlsx
    EOFError,
    SyntaxError,  # XML that does not parse (ElementTree's and lxml's errors)
    KeyError,  # a part the workbook names is missing
    OSError,
    ValueError,  # also defusedxml refusing entities, and openpyxl refusing a value
)
"""What a damaged or crafted workbook makes zipfile, zlib or openpyxl raise."""
_XML_NAMES = (".xml", ".rels", ".vml")
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"II*\x00",
    b"MM\x00*",  # TIFF
    b"BM",
    b"\x01\x00\x00\x00",  # EMF
    b"\xd7\xcd\xc6\x9a",  # WMF
    b"\xd0\xcf\x11\xe0",  # OLE2: vbaProject.bin, embedded objects
)
"""Embedded pictures and objects, which openpyxl never parses: they do not count as data.
Told by their first bytes, not their names: a crafted workbook may name a sheet image1.png."""


def read_xlsx(content: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    check_archive(content, limits)  # before openpyxl unpacks anything
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _BROKEN as error:
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
        if len(sheets) > limits.sheets:
            raise ReportError(
                over_sentence(
                    f"has {len(sheets):,} sheets",
                    "upload the reports in several workbooks",
                    limits.sheets,
                )
            )
        counter = _Counter(limits)
        for worksheet in sheets:
            merged = merges.get(str(worksheet.title), {})
            rows.extend(_sheet_rows(worksheet, notes, merged, counter))
    except ReportError:
        raise
    except _BROKEN as error:
        raise ReportError(_DAMAGED) from error
    finally:
        workbook.close()
    if not rows:
        raise ReportError("The workbook has no data; check that the report is on a visible sheet.")
    return Document(format=InputFormat.XLSX, rows=rows, pages=None, notes=notes)


def check_archive(content: bytes, limits: Limits) -> None:
    """Refuse a workbook whose XML would unpack to more than `limits.unpacked_mb`, or any of
    whose large XML parts is packed more tightly than `limits.compression_ratio` (a zip bomb),
    from the sizes in the zip directory (only the first bytes of a part not named as XML are
    unpacked, to tell a picture). The directory cannot understate a size: zipfile stops a part
    at its stated size and checks its CRC."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if any(info.flag_bits & 0x1 for info in members):  # encrypted: wants a password
                raise ReportError(_DAMAGED)
            parts = [info for info in members if _is_data(archive, info)]
    except _BROKEN as error:
        raise ReportError(_DAMAGED) from error
    unpacked = sum(info.file_size for info in parts)
    if unpacked > limits.unpacked_mb * 1_048_576:
        raise ReportError(
            over_sentence(
                f"unpacks to {unpacked / 1_048_576:,.0f} MB of spreadsheet data",
                "upload the test report's own sheets, saved without empty formatted rows",
                limits.unpacked_mb,
                " MB",
            )
        )
    for info in parts:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FLOOR_BYTES and ratio > limits.compression_ratio:
            raise ReportError(
                f"This workbook is packed {ratio:,.0f} times tighter than its data allows "
                "(a zip bomb, or a sheet of empty formatted rows); save the report again "
                "with only its test data and upload it."
            )


def _is_data(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part is XML (or anything but an embedded picture or object)."""
    if info.is_dir():
        return False
    if info.filename.endswith(_XML_NAMES) or info.file_size < len(max(_BINARY_MAGIC, key=len)):
        return True
    with archive.open(info) as part:
        return not part.read(4).startswith(_BINARY_MAGIC)


class _Counter:
    """Filled cells read so far in the workbook: past `limits.cells` the file fails."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0

    def add(self, count: int) -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            raise ReportError(too_many_cells(self.limits))


def _sheet_rows(
    worksheet: Any, notes: list[str], merges: dict[str, str], counter: _Counter
) -> list[Row]:
    """Read-only rows come padded: position in the tuple is the column, in the stream the row."""
    name = str(worksheet.title)
    rows: list[Row] = []
    limits = counter.limits
    values = worksheet.iter_rows(min_row=1, min_col=1, max_row=limits.rows, max_col=limits.columns)
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
            counter.add(len(cells))
            rows.append(Row(cells, SourceLocation(sheet=name, cell=f"{row_number}:{row_number}")))
    if (worksheet.max_row or 0) > limits.rows:
        notes.append(f"Sheet {name!r}: only the first {limits.rows} rows were read.")
    if (worksheet.max_column or 0) > limits.columns:
        notes.append(f"Sheet {name!r}: only the first {limits.columns} columns were read.")
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
