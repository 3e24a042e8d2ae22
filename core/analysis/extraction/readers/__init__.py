"""One reader per input format, each turning file bytes into a `Document` of located rows.

`read_document` dispatches on the format `sniff_format` decided; JSON is not read here (it is
an `ExtractionResult` dump, validated directly). Every unreadable file raises `ReportError`, and
so does a file over `limits` (`core.analysis.limits`): each reader bounds its own work (pages,
pixels, unpacked bytes, rows, columns) and the document read is checked for cells and text.
"""

from __future__ import annotations

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document
from core.analysis.limits import DEFAULT_LIMITS, Limits, over_sentence, too_many_cells
from core.schemas import InputFormat

__all__ = ["read_document"]


def read_document(
    content: bytes, filename: str, fmt: InputFormat, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """The rows of a PDF (text or scan), image, XLSX or CSV file.

    `filename` is not used to decide anything (the format comes from the bytes); it is kept
    so readers can name the file in messages later without changing callers.
    """
    del filename
    document = _read(content, fmt, limits)
    check_document(document, limits)
    return document


def check_document(document: Document, limits: Limits) -> None:
    """Refuse a document with more cells or text than a report holds: the interpreter's time
    grows with both, and a file must finish within the analysis's ceilings."""
    cells = sum(len(row.cells) for row in document.rows)
    if cells > limits.cells:
        raise ReportError(too_many_cells(limits, cells))
    chars = sum(len(cell.text) for row in document.rows for cell in row.cells)
    if chars > limits.text_chars:
        raise ReportError(
            over_sentence(
                f"holds {chars:,} characters of text",
                "upload the test report itself, not a log or an export of many reports",
                limits.text_chars,
            )
        )


def _read(content: bytes, fmt: InputFormat, limits: Limits) -> Document:
    # Imported on use: openpyxl and the OCR reader's image stack cost ~0.2 s each, and a
    # CLI run on one text PDF should not pay for them.
    if fmt in (InputFormat.PDF_TEXT, InputFormat.PDF_SCAN):
        from core.analysis.extraction.readers.pdf import read_pdf

        return read_pdf(content, limits)
    if fmt is InputFormat.IMAGE:
        from core.analysis.extraction.readers.image import read_image

        return read_image(content, limits)
    if fmt is InputFormat.XLSX:
        from core.analysis.extraction.readers.xlsx import read_xlsx

        return read_xlsx(content, limits)
    if fmt is InputFormat.CSV:
        from core.analysis.extraction.readers.csv_reader import read_csv

        return read_csv(content, limits)
    raise ValueError(f"read_document does not read {fmt.value}; validate JSON as ExtractionResult")
