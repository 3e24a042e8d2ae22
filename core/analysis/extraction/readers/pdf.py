"""PDF reports: the text layer through pypdfium2, pages without one rasterized and OCR'd.

pdfium's own text output joins a form's columns with single spaces ("Tag: X Test Date: Y"),
so lines and cells are rebuilt from character positions instead: characters sharing a
baseline make a line, and a horizontal gap wider than ~0.8 em (or 2+ spaces, a tab, " | ")
starts a new cell. Each cell and row also gets its box on the page (fractions of the crop
box as displayed, `SourceLocation.box`): the x extent of its ink, and the line's baseline and
largest font size for the height, so the boxes cost a few operations per cell, none per
character. A PDF whose every page needed OCR is PDF_SCAN, otherwise PDF_TEXT.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Document, Row, page_box
from core.analysis.extraction.readers.image import check_size
from core.analysis.extraction.readers.ocr import (
    OcrBudget,
    PageImage,
    ocr_pages,
)
from core.analysis.extraction.readers.pdf_chars import Char, page_chars
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.schemas import InputFormat, SourceLocation
from core.schemas.extraction import Box

_T = TypeVar("_T")
TEXT_LAYER_CONFIDENCE = 0.98
_RENDER_DPI = 300
_MAX_RENDER_PIXELS = 16_000_000  # letter at 300 dpi is 8.4 Mpx; a plan sheet is scaled down
_CELL_GAP_EM = 0.8  # a word space is ~0.3 em; a column gap is wider than most justified spaces
_MIN_TEXT_CHARS = 20  # fewer characters on a page with an image: a scan with a stamped footer
_TEXT_SPLIT = re.compile(r"\s{2,}|\t|\s\|\s")
_ASCENT_EM, _DESCENT_EM = 0.8, 0.25  # a text line's ink above and below its baseline
_SIZE = itemgetter(4)  # Char.size


def read_pdf(content: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    pdf = _open(content)
    try:
        return _read_pages(pdf, limits)
    finally:
        pdf.close()


def _open(content: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (
            pdfium_c.FPDF_ERR_PASSWORD,
            pdfium_c.FPDF_ERR_SECURITY,
        ):
            raise ReportError(
                "This PDF is password-protected; remove the password and upload it again."
            ) from error
        raise ReportError(
            "The PDF is damaged and cannot be opened; export it again from the source program."
        ) from error


def _read_pages(pdf: pdfium.PdfDocument, limits: Limits) -> Document:
    count = len(pdf)
    if count == 0:
        raise ReportError("The PDF has no pages; export it again from the source program.")
    if count > limits.pdf_pages:
        raise ReportError(
            f"This PDF has {count:,} pages, more than the {limits.pdf_pages:,} a report may "
            "have; upload the test report pages only."
        )
    ocr_limit = limits.ocr_pages
    by_page: dict[int, list[Row]] = {}
    scans: list[int] = []
    for number in range(1, count + 1):
        page_rows = _with_page(pdf, number, _text_rows)
        if page_rows is None:
            scans.append(number)
        else:
            by_page[number] = page_rows
    if len(scans) > ocr_limit:
        raise ReportError(
            f"This PDF has {len(scans):,} scanned pages, more than the {ocr_limit:,} read by OCR "
            "per file; split it into smaller files (a report or a few per file) and upload them."
        )
    repairs: list[str] = []
    budget = OcrBudget.start(limits.ocr_page_cpu_s)
    read = ocr_pages(_renders(pdf, scans), budget, repairs)
    by_page.update(read)
    rows = [row for number in sorted(by_page) for row in by_page[number]]
    if not rows:
        raise ReportError(
            "No text could be read from this PDF; upload a sharper scan (300 dpi) or the "
            "original PDF."
        )
    scanned = len(scans) == count
    return Document(
        format=InputFormat.PDF_SCAN if scanned else InputFormat.PDF_TEXT,
        rows=rows,
        pages=count,
        notes=_notes(sorted(read), scanned) + repairs,
    )


def _with_page(
    pdf: pdfium.PdfDocument, number: int, read: Callable[[pdfium.PdfPage, int], _T]
) -> _T:
    try:
        page = pdf[number - 1]
    except pdfium.PdfiumError as error:
        raise ReportError(
            f"Page {number} of the PDF is damaged; export the PDF again from the source program."
        ) from error
    try:
        return read(page, number)
    finally:
        page.close()


def _renders(pdf: pdfium.PdfDocument, numbers: list[int]) -> Iterator[PageImage]:
    """Scanned pages rasterized one at a time, in this thread (pdfium is not thread-safe)."""
    for number in numbers:
        yield number, *_with_page(pdf, number, lambda page, _: _render(page))


def _notes(ocr_pages: list[int], scanned: bool) -> list[str]:
    if ocr_pages and not scanned:
        return [f"Page(s) {_page_list(ocr_pages)} have no text layer and were read by OCR."]
    return []


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(page) for page in pages)


def _render(page: pdfium.PdfPage) -> tuple[Image.Image, float]:
    """The page at 300 dpi (less for a page so large that would exceed the pixel cap)."""
    width, height = page.get_size()
    scale = _RENDER_DPI / 72
    scale = min(scale, (_MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
    check_size((int(width * scale), int(height * scale)))
    image: Image.Image = page.render(scale=scale, grayscale=True).to_pil()
    return image, scale * 72


def _text_rows(page: pdfium.PdfPage, number: int) -> list[Row] | None:
    """The page's text-layer rows, or None when the page is a scan (no real text layer)."""
    textpage = page.get_textpage()
    try:
        chars = page_chars(textpage)
    finally:
        textpage.close()
    if len(chars) < _MIN_TEXT_CHARS and (not chars or _has_image(page)):
        return None
    rows: list[Row] = []
    frame = _PageFrame.of(page)
    for line in _lines(chars):
        cells = [part for segment in _segments(line) for part in _split_text(segment)]
        if not cells:
            continue
        # One vertical extent per line (its first baseline, its largest font), so the boxes
        # cost a few operations per cell, not per character.
        baseline, size = line[0].baseline, max(map(_SIZE, line))
        top, bottom = baseline + _ASCENT_EM * size, baseline - _DESCENT_EM * size
        line_number = len(rows) + 1
        row_cells = tuple(
            Cell(
                text,
                _located(number, line_number, frame.box(x0, top, x1, bottom)),
                TEXT_LAYER_CONFIDENCE,
                x0=x0,
                x1=x1,
            )
            for text, x0, x1 in cells
        )
        row_box = frame.box(cells[0][1], top, max(x1 for _, _, x1 in cells), bottom)
        rows.append(Row(cells=row_cells, source=_located(number, line_number, row_box)))
    return rows


def _located(page: int, line: int, box: Box | None) -> SourceLocation:
    return SourceLocation(page=page, line=line, box=box)


@dataclass(frozen=True, slots=True)
class _PageFrame:
    """How page coordinates (points, origin bottom-left) map to fractions of the page as it
    is displayed and rendered (its crop box, turned by its /Rotate)."""

    left: float
    bottom: float
    width: float
    height: float
    rotation: int

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> _PageFrame:
        left, bottom, right, top = page.get_cropbox()
        return cls(
            left, bottom, max(right - left, 1e-6), max(top - bottom, 1e-6), page.get_rotation()
        )

    def box(self, x0: float, y_top: float, x1: float, y_bottom: float) -> Box | None:
        fx0, fx1 = (x0 - self.left) / self.width, (x1 - self.left) / self.width
        fy0 = 1 - (y_top - self.bottom) / self.height
        fy1 = 1 - (y_bottom - self.bottom) / self.height
        if self.rotation == 90:
            fx0, fy0, fx1, fy1 = 1 - fy1, fx0, 1 - fy0, fx1
        elif self.rotation == 180:
            fx0, fy0, fx1, fy1 = 1 - fx1, 1 - fy1, 1 - fx0, 1 - fy0
        elif self.rotation == 270:
            fx0, fy0, fx1, fy1 = fy0, 1 - fx1, fy1, 1 - fx0
        return page_box(fx0, fy0, fx1, fy1)


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, top of the page first, each line left to right."""
    lines: list[list[Char]] = []
    line_size = 0.0
    for char in sorted(chars, key=lambda c: (-c.baseline, c.left)):
        tolerance = 0.3 * max(char.size, line_size, 1.0)
        if lines and abs(lines[-1][0].baseline - char.baseline) <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
            line_size = 0.0
        line_size = max(line_size, char.size)
    return [sorted(line, key=lambda c: c.left) for line in lines]


def _segments(line: list[Char]) -> list[list[Char]]:
    """A line's characters split where the gap between two characters is a column gap."""
    segments: list[list[Char]] = []
    current: list[Char] = []
    previous: Char | None = None
    for char in line:
        if char.text.isspace():
            current.append(Char(" ", char.left, char.right, char.baseline, 0.0))
            continue
        if previous is not None:
            em = max(previous.size, char.size, 1.0)
            if char.left - previous.right > _CELL_GAP_EM * em:
                segments.append(current)
                current = []
        current.append(char)
        previous = char
    segments.append(current)
    return segments


def _split_text(segment: list[Char]) -> list[tuple[str, float, float]]:
    """A segment's cells (split at 2+ spaces, a tab, " | "), each with its ink's x extent."""
    text = "".join(char.text for char in segment)
    parts: list[tuple[str, float, float]] = []
    start = 0
    for match in [*_TEXT_SPLIT.finditer(text), None]:
        end = match.start() if match else len(text)
        inked = [char for char in segment[start:end] if not char.text.isspace()]
        # NFC: the ohm sign U+2126 that PDF fonts carry becomes the Ω every other reader yields.
        part = unicodedata.normalize("NFC", text[start:end]).strip()
        if part and inked:
            parts.append((part, min(c.left for c in inked), max(c.right for c in inked)))
        start = match.end() if match else len(text)
    return parts
