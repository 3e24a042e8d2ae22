"""sniff_format decides by content, never by name; unsupported files get a sentence saying why."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.analysis.errors import ReportError
from core.analysis.extraction.sniff import UNSUPPORTED, sniff_format, unsupported_sentence
from core.schemas import InputFormat

SAMPLES = Path("/work/shared/samples")


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", InputFormat.PDF_TEXT),
        (b"\r\n" * 100 + b"%PDF-1.4\n", InputFormat.PDF_TEXT),  # junk before the header
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputFormat.IMAGE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", InputFormat.IMAGE),
        (b"II*\x00\x08\x00\x00\x00", InputFormat.IMAGE),
        (b"MM\x00*\x00\x00\x00\x08", InputFormat.IMAGE),
        (b"GIF89a\x01\x00", InputFormat.IMAGE),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", InputFormat.IMAGE),
        (b'{"schema_version": 1}', InputFormat.JSON),
        (b'\xef\xbb\xbf  \n{"a": [1, 2]}', InputFormat.JSON),
        (b"Tag,Value\nCB-1,40\n", InputFormat.CSV),
        (b"Tag;Value\nCB-1;40,5\n", InputFormat.CSV),
        (b"Tag\tValue\nCB-1\t40\n", InputFormat.CSV),
        (b"Tag|Value\nCB-1|40\n", InputFormat.CSV),
        ("Temp;58,4 °C\n".encode("cp1252"), InputFormat.CSV),
        (b"\xef\xbb\xbfTag,Value\n", InputFormat.CSV),
        ("Tag\tValue\n".encode("utf-16"), InputFormat.CSV),
    ],
)
def test_formats_by_magic(content: bytes, expected: InputFormat) -> None:
    assert sniff_format(content, "whatever.bin") == expected


def test_workbook_zip_is_xlsx() -> None:
    assert sniff_format(_xlsx(), "report.pdf") == InputFormat.XLSX


def test_name_is_ignored() -> None:
    pdf = (SAMPLES / "s000_insulation_resistance_pdf_form.pdf").read_bytes()
    assert sniff_format(pdf, "report.csv") == InputFormat.PDF_TEXT
    assert sniff_format(b"a,b\n1,2\n", "report.pdf") == InputFormat.CSV


def test_samples() -> None:
    expected = {
        "s000_insulation_resistance_pdf_form.pdf": InputFormat.PDF_TEXT,
        "s001_insulation_resistance_pdf_cols.pdf": InputFormat.PDF_TEXT,
        "s002_grounding_xlsx.xlsx": InputFormat.XLSX,
        "s003_thermography_csv.csv": InputFormat.CSV,
        "s004_contact_resistance_scan_png.png": InputFormat.IMAGE,
        "s005_turns_ratio_scan_pdf.pdf": InputFormat.PDF_TEXT,  # scan vs text: the PDF reader
    }
    for name, fmt in expected.items():
        assert sniff_format((SAMPLES / name).read_bytes(), name) == fmt


def test_pdf_marker_beyond_first_kilobyte_is_not_a_pdf() -> None:
    assert sniff_format(b"x" * 2000 + b"%PDF-1.4", "a.pdf") is None


@pytest.mark.parametrize("content", [b"", b"   \n\t "])
def test_empty_file(content: bytes) -> None:
    with pytest.raises(ReportError, match="The file is empty"):
        sniff_format(content, "empty.pdf")


def test_broken_json_says_so() -> None:
    with pytest.raises(ReportError, match="not valid JSON"):
        sniff_format(b'{"schema_version": 1,', "x.json")


def test_word_document_is_unsupported_with_its_own_sentence() -> None:
    docx = _zip(["[Content_Types].xml", "word/document.xml"])
    assert sniff_format(docx, "report.xlsx") is None
    assert "Word document" in unsupported_sentence(docx)


def test_other_zip_is_unsupported() -> None:
    archive = _zip(["readme.txt"])
    assert sniff_format(archive, "report.xlsx") is None
    assert "not an Excel workbook" in unsupported_sentence(archive)


def test_legacy_office_file_is_unsupported() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert sniff_format(ole, "report.xls") is None
    assert ".xlsx" in unsupported_sentence(ole)


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,  # binary with NUL bytes
        bytes(range(1, 32)) * 40,  # control characters
        b"Just a plain note without any delimiter\nsecond line\n",
    ],
)
def test_unsupported(content: bytes) -> None:
    assert sniff_format(content, "x") is None
    assert unsupported_sentence(content) == UNSUPPORTED


def test_json_list_is_unsupported_with_its_own_sentence() -> None:
    content = b'[{"file": "a.pdf"}]'
    assert sniff_format(content, "out.json") is None
    assert "holds a list" in unsupported_sentence(content)
