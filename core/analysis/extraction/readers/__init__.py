"""One reader per input format, each turning file bytes into a `Document` of located rows.

`read_document` dispatches on the format `sniff_format` decided; JSON is not read here (it is
an `ExtractionResult` dump, validated directly). Every unreadable file raises `ReportError`.
"""

from __future__ import annotations

from core.analysis.extraction.document import Document
from core.schemas import InputFormat

__all__ = ["read_document"]


def read_document(content: bytes, filename: str, fmt: InputFormat) -> Document:
    """The rows of a PDF (text or scan), image, XLSX or CSV file.

    `filename` is not used to decide anything (the format comes from the bytes); it is kept
    so readers can name the file in messages later without changing callers.
    """
    del filename
    # Imported on use: openpyxl and the OCR reader's image stack cost ~0.2 s each, and a
    # CLI run on one text PDF should not pay for them.
    if fmt in (InputFormat.PDF_TEXT, InputFormat.PDF_SCAN):
        from core.analysis.extraction.readers.pdf import read_pdf

        return read_pdf(content)
    if fmt is InputFormat.IMAGE:
        from core.analysis.extraction.readers.image import read_image

        return read_image(content)
    if fmt is InputFormat.XLSX:
        from core.analysis.extraction.readers.xlsx import read_xlsx

        return read_xlsx(content)
    if fmt is InputFormat.CSV:
        from core.analysis.extraction.readers.csv_reader import read_csv

        return read_csv(content)
    raise ValueError(f"read_document does not read {fmt.value}; validate JSON as ExtractionResult")
