"""Readers: text PDFs, scans (OCR), images, XLSX and CSV become located rows; bad files say why."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from PIL import Image

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document
from core.analysis.extraction.readers import read_document
from core.analysis.extraction.readers.csv_reader import detect_delimiter
from core.analysis.extraction.readers.xlsx import format_value
from core.analysis.limits import Limits
from core.schemas import InputFormat, SourceLocation

SAMPLES = Path("/work/shared/samples")
S004 = SAMPLES / "s004_contact_resistance_scan_png.png"
S005 = SAMPLES / "s005_turns_ratio_scan_pdf.pdf"


def cells(document: Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.rows]


def all_text(document: Document) -> str:
    return "\n".join(row.text for row in document.rows)


def form_pdf(pages: int = 1, *, image_page: Image.Image | None = None) -> bytes:
    pdf = FPDF(format="letter")
    pdf.set_font("helvetica", size=10)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_xy(20, 20)
        pdf.cell(40, 6, "Equipment Tag:")
        pdf.cell(60, 6, f"SWGR-{page}A")
        pdf.cell(40, 6, "Test Date:")
        pdf.cell(40, 6, "2025-03-14", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
        pdf.cell(40, 6, "Ambient Temp.:")
        pdf.cell(60, 6, "68 °F", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
        for text in ("Test Point", "Reading (MOhm)", "Test Voltage"):
            pdf.cell(45, 6, text)
        pdf.ln()
        pdf.set_x(20)
        for text in ("A-G", "2,500", "1000 V"):
            pdf.cell(45, 6, text)
        pdf.ln()
    if image_page is not None:
        pdf.add_page()
        buffer = io.BytesIO()
        image_page.save(buffer, format="PNG")
        pdf.image(buffer, x=0, y=0, w=pdf.w)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def tag_crop() -> Image.Image:
    """The equipment-tag lines of the s004 scan: enough to OCR, quick to OCR."""
    with Image.open(S004) as image:
        return image.crop((100, 330, 1400, 700)).copy()


@pytest.fixture(scope="module")
def s004_document() -> Document:
    return read_document(S004.read_bytes(), S004.name, InputFormat.IMAGE)


@pytest.fixture(scope="module")
def s005_document() -> Document:
    return read_document(S005.read_bytes(), S005.name, InputFormat.PDF_TEXT)


# --- text PDFs -------------------------------------------------------------------------------


def test_text_pdf_lines_split_into_cells_at_column_gaps() -> None:
    document = read_document(form_pdf(), "form.pdf", InputFormat.PDF_TEXT)
    assert document.format is InputFormat.PDF_TEXT
    assert document.pages == 1
    assert cells(document) == [
        ["Equipment Tag:", "SWGR-1A", "Test Date:", "2025-03-14"],
        ["Ambient Temp.:", "68 °F"],
        ["Test Point", "Reading (MOhm)", "Test Voltage"],
        ["A-G", "2,500", "1000 V"],
    ]
    label, first = document.rows[0].cells[:2]
    assert first.source.model_copy(update={"box": None}) == SourceLocation(page=1, line=1)
    # The cell's region on the page: right of its label, on the same line, near the top.
    assert first.source.box is not None and label.source.box is not None
    assert label.source.box[2] < first.source.box[0] < first.source.box[2] < 1
    assert first.source.box[1] == label.source.box[1] and first.source.box[3] < 0.3
    assert first.confidence == 0.98


def test_text_pdf_keeps_page_numbers() -> None:
    document = read_document(form_pdf(pages=3), "form.pdf", InputFormat.PDF_TEXT)
    assert document.pages == 3
    tags = [row.cells[1] for row in document.rows if row.cells[0].text == "Equipment Tag:"]
    assert [(cell.text, cell.source.page) for cell in tags] == [
        ("SWGR-1A", 1),
        ("SWGR-2A", 2),
        ("SWGR-3A", 3),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("s000_insulation_resistance_pdf_form.pdf", ["A-G", "1,000", "2,500 MΩ"]),
        ("s001_insulation_resistance_pdf_cols.pdf", ["B-G", "1,000", "47.00 MΩ"]),
    ],
)
def test_sample_text_pdfs(name: str, expected: list[str]) -> None:
    document = read_document((SAMPLES / name).read_bytes(), name, InputFormat.PDF_TEXT)
    assert document.format is InputFormat.PDF_TEXT
    assert expected in cells(document)


def test_encrypted_pdf() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(ReportError, match="password-protected; remove the password"):
        read_document(bytes(pdf.output()), "locked.pdf", InputFormat.PDF_TEXT)


def test_owner_password_only_pdf_is_readable() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Equipment Tag: CB-102")
    pdf.set_encryption(owner_password="owner")
    document = read_document(bytes(pdf.output()), "perm.pdf", InputFormat.PDF_TEXT)
    assert "CB-102" in all_text(document)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\nnot really a pdf", form_pdf()[:300], b"%PDF-1.7\n" + bytes(range(256)) * 8],
)
def test_damaged_pdf(content: bytes) -> None:
    with pytest.raises(ReportError, match="damaged"):
        read_document(content, "bad.pdf", InputFormat.PDF_TEXT)


# --- scans and images (OCR) ------------------------------------------------------------------


def test_scanned_pdf_is_pdf_scan(s005_document: Document) -> None:
    assert s005_document.format is InputFormat.PDF_SCAN
    assert s005_document.pages == 1
    text = all_text(s005_document)
    for expected in ("TX-2", "Test Date", "2026-01-08", "8.664", "8.667", "Megger TTR330"):
        assert expected in text
    tag_row = next(row for row in s005_document.rows if row.cells[0].text == "Equipment Tag:")
    assert tag_row.cells[1].text == "TX-2"
    tag = tag_row.cells[1].source
    assert tag.model_copy(update={"box": None}) == SourceLocation(page=1, line=tag_row.source.line)
    # Tesseract's word boxes: the tag right of its label, the row's box holding both.
    assert tag.box is not None and tag_row.cells[0].source.box is not None
    assert tag_row.cells[0].source.box[2] < tag.box[0]
    row_box = tag_row.source.box
    assert row_box is not None and row_box[0] <= tag_row.cells[0].source.box[0]
    assert row_box[2] >= tag.box[2]
    assert 0.5 < tag_row.cells[1].confidence < 0.98


def test_png_scan(s004_document: Document) -> None:
    assert s004_document.format is InputFormat.IMAGE
    text = all_text(s004_document)
    for expected in ("CB-102", "Contact Resistance Test Report", "2026-10-14", "823378-B"):
        assert expected in text
    assert ["Equipment Tag:", "CB-102", "Test Date:", "2026-10-14"] in cells(s004_document)
    assert all(0 <= cell.confidence <= 0.95 for row in s004_document.rows for cell in row.cells)


def test_mixed_pdf_is_text_with_a_note(tag_crop: Image.Image) -> None:
    document = read_document(form_pdf(image_page=tag_crop), "mixed.pdf", InputFormat.PDF_TEXT)
    assert document.format is InputFormat.PDF_TEXT
    assert document.pages == 2
    assert any("2" in note and "OCR" in note for note in document.notes)
    ocr_rows = [row for row in document.rows if row.source.page == 2]
    assert "CB-102" in " ".join(row.text for row in ocr_rows)


def test_multi_frame_tiff(tag_crop: Image.Image) -> None:
    buffer = io.BytesIO()
    frame = tag_crop.convert("L")
    frame.save(buffer, format="TIFF", save_all=True, append_images=[frame])
    document = read_document(buffer.getvalue(), "scan.tiff", InputFormat.IMAGE)
    assert document.pages == 2
    pages = {row.source.page for row in document.rows if "CB-102" in row.text}
    assert pages == {1, 2}


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [10_000, 30_000])
def test_decompression_bomb(side: int) -> None:
    with pytest.raises(ReportError, match="too large"):
        read_document(_png_header_only(side, side), "bomb.png", InputFormat.IMAGE)


def test_damaged_image() -> None:
    with pytest.raises(ReportError, match="damaged"):
        read_document(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "bad.png", InputFormat.IMAGE)


def test_ocr_time_limit(tag_crop: Image.Image) -> None:
    no_time = Limits(ocr_page_cpu_s=0.0)
    buffer = io.BytesIO()
    tag_crop.save(buffer, format="PNG")
    with pytest.raises(ReportError, match="took too long"):
        read_document(buffer.getvalue(), "scan.png", InputFormat.IMAGE, no_time)
    # A scanned page of a text PDF that runs out of budget fails the report too: never skipped.
    with pytest.raises(ReportError, match="page 2 needed more than"):
        read_document(form_pdf(image_page=tag_crop), "mixed.pdf", InputFormat.PDF_TEXT, no_time)


def test_blank_image_has_no_text() -> None:
    buffer = io.BytesIO()
    Image.new("L", (600, 400), 255).save(buffer, format="PNG")
    with pytest.raises(ReportError, match="No text could be read"):
        read_document(buffer.getvalue(), "blank.png", InputFormat.IMAGE)


# --- XLSX ------------------------------------------------------------------------------------


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_rows_cells_and_values() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Report"
    sheet["A1"] = "Equipment Tag"
    sheet["B1"] = "GG-MAIN"
    sheet["A3"] = "Resistance"
    sheet["C3"] = 1.9
    sheet["D3"] = 0.1 + 0.2
    sheet["E3"] = 0.62
    sheet["E3"].number_format = "0%"
    sheet["A4"] = dt.date(2025, 3, 14)
    sheet["B4"] = 2500
    sheet["C4"] = "=1+1"  # never evaluated, and no cached value: empty
    hidden = workbook.create_sheet("Hidden")
    hidden["A1"] = "do not read"
    hidden.sheet_state = "hidden"
    document = read_document(_workbook_bytes(workbook), "r.xlsx", InputFormat.XLSX)
    assert document.format is InputFormat.XLSX
    assert cells(document) == [
        ["Equipment Tag", "GG-MAIN"],
        ["Resistance", "1.9", "0.3", "62%"],
        ["2025-03-14", "2500"],
    ]
    assert document.rows[1].cells[1].source == SourceLocation(sheet="Report", cell="C3")
    assert document.rows[1].source == SourceLocation(sheet="Report", cell="3:3")
    assert document.rows[1].cells[1].confidence == 1.0


def test_xlsx_sample() -> None:
    path = SAMPLES / "s002_grounding_xlsx.xlsx"
    document = read_document(path.read_bytes(), path.name, InputFormat.XLSX)
    assert ["Equipment Tag", "GG-MAIN"] in cells(document)
    assert ["Fall of potential", "62%", "2.000 Ω"] in cells(document)


def test_empty_workbook() -> None:
    with pytest.raises(ReportError, match="The workbook has no data"):
        read_document(_workbook_bytes(Workbook()), "empty.xlsx", InputFormat.XLSX)


def test_damaged_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-a-workbook")
    with pytest.raises(ReportError, match="workbook is damaged"):
        read_document(buffer.getvalue(), "bad.xlsx", InputFormat.XLSX)


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (1.9, "", "1.9"),
        (2500000000.0, "", "2500000000"),
        (4e-05, "", "4e-05"),
        (0.30000000000000004, "", "0.3"),
        (7, "", "7"),
        (True, "", "TRUE"),
        (dt.datetime(2025, 3, 14, 9, 30), "", "2025-03-14 09:30:00"),
        (dt.datetime(2025, 3, 14), "", "2025-03-14"),
        (0.625, "0.0%", "62.5%"),
    ],
)
def test_format_value(value: object, number_format: str, text: str) -> None:
    assert format_value(value, number_format) == text


# --- CSV -------------------------------------------------------------------------------------

_CSV_ROWS = [
    ["Equipment Tag", "PDU-12"],
    ["Component", "Hot Spot", "Reference"],
    ["Breaker phase C", "58,4 °C", "36,0 °C"],
    ["Note", "Emissivity 0.95; µΩ é"],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_csv_encodings_and_delimiters(delimiter: str, encoding: str) -> None:
    rows = _CSV_ROWS if encoding != "cp1252" else [r for r in _CSV_ROWS if r[0] != "Note"]
    if encoding == "latin-1":
        rows = [[field.replace("µΩ ", "") for field in row] for row in rows]
    lines = [delimiter.join(_quote(field, delimiter) for field in row) for row in rows]
    content = "\r\n".join(lines).encode(encoding)
    document = read_document(content, "report.csv", InputFormat.CSV)
    assert document.format is InputFormat.CSV
    assert cells(document) == rows
    assert document.rows[2].cells[1].source == SourceLocation(line=3, cell="B3")


def _quote(field: str, delimiter: str) -> str:
    return f'"{field}"' if delimiter in field or "," in field else field


def test_csv_sample_semicolon_with_decimal_commas() -> None:
    path = SAMPLES / "s003_thermography_csv.csv"
    assert detect_delimiter(path.read_text(encoding="utf-8")) == ";"
    document = read_document(path.read_bytes(), path.name, InputFormat.CSV)
    assert ["Equipment Tag", "PDU-12"] in cells(document)
    assert ["Input breaker phase C", "58,4 °C", "36,0 °C", "22,4 °C", "62"] in cells(document)


def test_csv_excel_sep_hint() -> None:
    content = b"sep=;\nTag;Value\nCB-1;40,5\n"
    assert cells(read_document(content, "x.csv", InputFormat.CSV)) == [
        ["Tag", "Value"],
        ["CB-1", "40,5"],
    ]


def test_csv_utf16_from_excel_unicode_text() -> None:
    content = "Tag\tValue\r\nCB-1\t40 µΩ\r\n".encode("utf-16")
    assert cells(read_document(content, "x.csv", InputFormat.CSV))[1] == ["CB-1", "40 µΩ"]


def test_csv_without_data() -> None:
    with pytest.raises(ReportError, match="no data"):
        read_document(b" , ,\n , \n", "x.csv", InputFormat.CSV)


def test_json_is_not_read_as_a_document() -> None:
    with pytest.raises(ValueError, match="ExtractionResult"):
        read_document(b"{}", "x.json", InputFormat.JSON)


_MAGIC = {
    InputFormat.PDF_TEXT: b"%PDF-1.4\n",
    InputFormat.IMAGE: b"\x89PNG\r\n\x1a\n",
    InputFormat.XLSX: b"PK\x03\x04",
    InputFormat.CSV: b"",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_MAGIC)), st.binary(max_size=400))
def test_garbage_raises_only_report_errors(fmt: InputFormat, tail: bytes) -> None:
    try:
        read_document(_MAGIC[fmt] + tail, "fuzz", fmt)
    except ReportError as error:
        assert str(error).endswith(".")
