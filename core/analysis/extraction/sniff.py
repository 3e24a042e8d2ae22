"""Which input format a file is, decided from its bytes (never from its name).

`sniff_format` returns None for a file this product cannot read; `unsupported_sentence` then
says why in words for people (a Word document, an old .xls …). A text PDF and a scanned PDF
share the magic bytes, so both come back as PDF_TEXT here; the PDF reader tells them apart.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from core.analysis.errors import ReportError
from core.schemas import InputFormat

EMPTY_FILE = "The file is empty; upload the report again."
UNSUPPORTED = (
    "This file is not a PDF, image, XLSX, CSV or JSON report; upload one of those formats."
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls/.doc and password-protected Office files
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"GIF87a",
    b"GIF89a",
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
"""Windows (MZ/PE), Linux (ELF), macOS (Mach-O) executables and scripts."""
_MARKUP = re.compile(r"<(?:!doctype|html|\?xml|head|body|!--|svg|script|div|table)\b", re.I)
"""A web page or an XML document: text that a delimiter would wrongly make a table of."""
_DELIMITERS = ",;\t|"
_TEXT_SAMPLE = 64 * 1024


def sniff_format(content: bytes, filename: str) -> InputFormat | None:
    """The format of `content`; None when unsupported. `filename` is used only in messages.

    Raises ReportError for an empty file and for a file that starts like JSON but does not
    parse, where the specific sentence helps more than "unsupported".
    """
    del filename  # decided by content alone; kept in the signature for callers' messages
    if not content.strip():
        raise ReportError(EMPTY_FILE)
    head = content[:1024]
    if b"%PDF" in head:
        return InputFormat.PDF_TEXT
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return InputFormat.IMAGE
    if head.startswith(b"PK\x03\x04"):
        return InputFormat.XLSX if _is_workbook(content) else None
    sample = content if len(content) <= _TEXT_SAMPLE else content[:_TEXT_SAMPLE].rsplit(b"\n", 1)[0]
    text = decode_text(sample)
    if text is None:
        return None
    stripped = text.lstrip("\ufeff \t\r\n")
    if _MARKUP.match(stripped):
        return None
    if stripped.startswith("{"):
        _check_json(content)
        return InputFormat.JSON
    if stripped.startswith("[") and _is_json(content):
        return None  # a list (e.g. the CLI's output) is not one extraction
    return InputFormat.CSV if _looks_delimited(text) else None


def unsupported_sentence(content: bytes) -> str:
    """The sentence for a file `sniff_format` returned None for."""
    if content.startswith(_PROGRAMS):
        return (
            "This file is a program, not a report; upload the report itself "
            "(PDF, image, XLSX, CSV or JSON)."
        )
    if content.startswith(_OLE2):
        return (
            "This is an old-style Office file (.xls or .doc) or a password-protected workbook; "
            "save it as an .xlsx without a password and upload it again."
        )
    if content.startswith(b"PK\x03\x04"):
        names = _zip_names(content)
        if any(name.startswith("word/") for name in names):
            return "This is a Word document; save it as PDF and upload the PDF."
        return (
            "This ZIP archive is not an Excel workbook; upload the report itself (PDF, XLSX, CSV)."
        )
    text = decode_text(content[:_TEXT_SAMPLE]) or ""
    if _MARKUP.match(text.lstrip("\ufeff \t\r\n")):
        return (
            "This is a web page or an XML document, not a report; open it and save the report "
            "as PDF, or export it as XLSX or CSV, and upload that."
        )
    if text.lstrip().startswith("[") and _is_json(content):
        return (
            "This JSON file holds a list; upload one extraction object (the `extraction` "
            "of one file in the command line's output)."
        )
    return UNSUPPORTED


def _is_workbook(content: bytes) -> bool:
    return "xl/workbook.xml" in _zip_names(content)


def _zip_names(content: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError):
        return set()


def _is_json(content: bytes) -> bool:
    try:
        json.loads(decode_text(content) or "")
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _check_json(content: bytes) -> None:
    if not _is_json(content):
        raise ReportError(
            "This JSON file is not valid JSON; fix it or export the extraction again."
        )


def decode_text(content: bytes) -> str | None:
    """Text from UTF-8 (BOM or not), UTF-16 with BOM, cp1252 or Latin-1; None for binary.
    A stray NUL or two (a label typed with one) does not make text binary; UTF-16 without a
    BOM, where every other byte is NUL, does."""
    if content.startswith(_BOMS[1:]):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if content.count(b"\x00") > max(8, len(content) // 1000):
        return None
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text if _mostly_printable(text) else None
    return None


def _mostly_printable(text: str) -> bool:
    """Binary that happens to decode as Latin-1 is full of control characters; text is not."""
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f")
    controls += sum(1 for char in sample if 0x7F <= ord(char) < 0xA0)
    return controls <= len(sample) * 0.01


def _looks_delimited(text: str) -> bool:
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    return any(delimiter in line for line in lines for delimiter in _DELIMITERS)
