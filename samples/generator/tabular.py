"""CSV and XLSX renderings of a document: header fields as label/value rows, then the tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from generator.model import CsvStyle, Document, Reading

FIXED_ZIP_TIME = (2025, 12, 1, 9, 0, 0)
FIXED_XLSX_TIME = dt.datetime(2025, 12, 1, 9, 0, 0)


def render_csv(doc: Document, style: CsvStyle) -> bytes:
    """Rows as a report tool exports them; the style picks delimiter, encoding and line ending."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=style.delimiter, lineterminator=style.line_ending)
    width = max([2] + [len(t.columns) for t in doc.tables])
    pad = [""] * (width - 1)
    writer.writerow([doc.title, *pad])
    for f in doc.fields:
        writer.writerow([f.label, f.text, *pad[1:]])
    for table in doc.tables:
        writer.writerow([""] * width)
        if table.title:
            writer.writerow([table.title, *pad])
        writer.writerow(list(table.columns) + [""] * (width - len(table.columns)))
        for row in table.rows:
            cells = [str(c) for c in row]
            writer.writerow(cells + [""] * (width - len(cells)))
    if doc.notes:
        writer.writerow([""] * width)
        for note in doc.notes:
            writer.writerow(["Remarks", note, *pad[1:]])
    return buf.getvalue().encode(style.encoding)  # strict: a Latin-1 file cannot hold Ω


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed timestamps so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_XLSX_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()


_PLAIN_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


def _native(cell: object, native_numbers: bool) -> object:
    """A typed cell where the sheet keeps numbers as numbers (the unit is then in the header)."""
    if not native_numbers:
        return str(cell)
    if isinstance(cell, Reading):
        return cell.number if _PLAIN_NUMBER.fullmatch(cell.text) else cell.text
    if _PLAIN_NUMBER.fullmatch(str(cell)):
        number = float(str(cell).replace(",", ""))
        return int(number) if number.is_integer() and "." not in str(cell) else number
    return str(cell)


def render_xlsx(doc: Document, *, native: bool, sheet: str = "Test Report") -> bytes:
    """One sheet: title, label/value rows (typed when `native`), then tables with bold headers."""
    wb = Workbook()
    wb.properties.creator = doc.letterhead or "AuditEng samples"
    wb.properties.created = FIXED_XLSX_TIME
    wb.properties.modified = FIXED_XLSX_TIME
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append([doc.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for f in doc.fields:
        value: object = f.native if (native and f.native is not None) else f.text
        ws.append([f.label, value])
        if isinstance(value, dt.date):
            ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"
    shade = PatternFill("solid", fgColor="DDDDDD")
    for table in doc.tables:
        ws.append([])
        if table.title:
            ws.append([table.title])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(list(table.columns))
        for col in range(1, len(table.columns) + 1):
            ws.cell(ws.max_row, col).font = Font(bold=True)
            ws.cell(ws.max_row, col).fill = shade
        for row in table.rows:
            ws.append([_native(c, native) for c in row])
    if doc.notes:
        ws.append([])
        for note in doc.notes:
            ws.append(["Remarks", note])
    ws.column_dimensions["A"].width = 34
    for letter in "BCDEFG":
        ws.column_dimensions[letter].width = 18
    buf = io.BytesIO()
    wb.save(buf)
    return _normalize_zip(buf.getvalue())
