"""Pictures and cell tables of where a reading was found, drawn from the uploaded file's bytes.

A PDF page (text or scan) is rendered by pypdfium2 and an image frame decoded by Pillow, each
scaled to about EVIDENCE_DPI and capped at MAX_PAGE_PIXELS, with the reading's box outlined;
a crop around the box goes with it. A workbook or CSV is read again by its reader (the same
limits as an analysis) and the cells around the reading are cut out as a small table.

Every bound an analysis applies holds here too (`core.analysis.limits`): pages, pixels, unpacked
sizes, rows and columns. What cannot be drawn raises `EvidenceUnavailable` with a sentence;
nothing is kept once the picture is made.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageOps, ImageSequence, UnidentifiedImageError

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Row
from core.analysis.limits import Limits
from core.schemas import InputFormat
from core.schemas.extraction import Box

EVIDENCE_DPI = 130
"""Legible on a screen, a letter page ~1.1 x 1.4 kpx."""
MAX_PAGE_PIXELS = 4_000_000
"""A page larger than this at EVIDENCE_DPI (a plan sheet) is drawn smaller."""
CROP_MARGIN = (0.06, 0.025)
"""Page around the box in a crop: fractions of the page width and height."""
CROP_MIN = (0.6, 0.08)
"""The smallest crop, as fractions of the page: a value's box alone says little."""
OUTLINE = (214, 39, 40)
ROWS_AROUND = 5
COLUMNS_AROUND = 6

_CELL = re.compile(r"^([A-Z]+)(\d+)$")


class EvidenceUnavailable(Exception):
    """The place cannot be shown; the message is a sentence for the reader."""


@dataclass(frozen=True)
class PageImages:
    page_png: bytes
    """The whole page with the box outlined (or without an outline when no box is known)."""
    crop_png: bytes | None
    """The part of the page around the box; None without a box."""


@dataclass(frozen=True)
class CellTable:
    """Cells around a reading: `rows` of (row number, text per column of `columns`)."""

    sheet: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    marked: frozenset[tuple[int, str]]
    """(row number, column letter) of the reading's cells."""


def page_images(
    content: bytes, fmt: InputFormat, page: int, box: Box | None, limits: Limits
) -> PageImages:
    """The page (1-based) of a PDF or frame of an image, with `box` outlined and cropped."""
    image = _pdf_page(content, page, limits) if fmt is not InputFormat.IMAGE else None
    if image is None:
        image = _image_frame(content, page, limits)
    return outlined(image, box)


def outlined(image: Image.Image, box: Box | None) -> PageImages:
    """`image` with `box` drawn on it, and the crop around it, as PNG bytes."""
    image = image.convert("RGB")
    crop: bytes | None = None
    if box is not None:
        width, height = image.size
        left, top, right, bottom = _pixels(box, image.size)
        draw = ImageDraw.Draw(image)
        pad = max(2, round(min(width, height) / 400))
        stroke = max(2, round(min(width, height) / 350))
        draw.rectangle(
            (left - pad, top - pad, right + pad, bottom + pad), outline=OUTLINE, width=stroke
        )
        crop = _png(image.crop(_crop_area(box, image.size)))
    return PageImages(page_png=_png(image), crop_png=crop)


def _pixels(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    width, height = size
    return (
        round(box[0] * width),
        round(box[1] * height),
        round(box[2] * width),
        round(box[3] * height),
    )


def _crop_area(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The box widened by the margins, at least CROP_MIN of the page, kept on the page."""
    spans = []
    for axis in (0, 1):
        low, high = box[axis] - CROP_MARGIN[axis], box[axis + 2] + CROP_MARGIN[axis]
        short = CROP_MIN[axis] - (high - low)
        if short > 0:
            low, high = low - short / 2, high + short / 2
        if low < 0:
            low, high = 0.0, min(1.0, high - low)
        if high > 1:
            low, high = max(0.0, low - (high - 1)), 1.0
        spans.append((low, high))
    (x0, x1), (y0, y1) = spans
    return _pixels((x0, y0, x1, y1), size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def _pdf_page(content: bytes, page: int, limits: Limits) -> Image.Image:
    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        raise EvidenceUnavailable("The PDF cannot be opened to show this page.") from error
    try:
        count = len(pdf)
        if count > limits.pdf_pages:
            raise EvidenceUnavailable(
                f"The PDF has more than {limits.pdf_pages:,} pages; its pages are not drawn."
            )
        if not 1 <= page <= count:
            raise EvidenceUnavailable(f"The PDF has no page {page}.")
        try:
            handle = pdf[page - 1]
            try:
                width, height = handle.get_size()
                scale = EVIDENCE_DPI / 72
                scale = min(scale, (MAX_PAGE_PIXELS / max(width * height, 1.0)) ** 0.5)
                if width * height * scale * scale > limits.image_megapixels * 1_000_000:
                    raise EvidenceUnavailable(f"Page {page} is too large to draw.")
                image: Image.Image = handle.render(scale=scale).to_pil()
            finally:
                handle.close()
        except pdfium.PdfiumError as error:
            raise EvidenceUnavailable(f"Page {page} of the PDF cannot be drawn.") from error
        return image
    finally:
        pdf.close()


def _image_frame(content: bytes, page: int, limits: Limits) -> Image.Image:
    """Frame `page` of an image as OCR read it (EXIF orientation applied), scaled down."""
    try:
        image = Image.open(io.BytesIO(content))
        frames = getattr(image, "n_frames", 1)
        if frames > limits.ocr_pages or not 1 <= page <= frames:
            raise EvidenceUnavailable(f"The image has no page {page} that was read.")
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number < page:
                continue
            if frame.width * frame.height > limits.image_megapixels * 1_000_000:
                raise EvidenceUnavailable("The image is too large to draw.")
            frame.load()
            picture = ImageOps.exif_transpose(frame.copy()) or frame.copy()
            break
        else:  # pragma: no cover - n_frames said the frame exists
            raise EvidenceUnavailable(f"The image has no page {page}.")
    except Image.DecompressionBombError as error:
        raise EvidenceUnavailable("The image is too large to draw.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise EvidenceUnavailable("The image cannot be decoded to show this page.") from error
    pixels = picture.width * picture.height
    if pixels > MAX_PAGE_PIXELS:
        factor = (MAX_PAGE_PIXELS / pixels) ** 0.5
        size = (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    return picture


def cell_table(
    content: bytes,
    filename: str,
    fmt: InputFormat,
    sheet: str | None,
    marked: frozenset[tuple[int, str]],
    limits: Limits,
    whole_rows: frozenset[int] = frozenset(),
) -> CellTable:
    """The cells around `marked` (and every filled cell of `whole_rows`) on `sheet` (None: a
    CSV), as the reader read them."""
    from core.analysis.extraction.readers import read_document  # openpyxl: only when asked

    if not marked and not whole_rows:
        raise EvidenceUnavailable("The reading's cell is not known.")
    try:
        document = read_document(content, filename, fmt, limits)
    except ReportError as error:
        raise EvidenceUnavailable(str(error)) from error
    numbers = [row for row, _ in marked] + list(whole_rows)
    first_row, last_row = min(numbers) - ROWS_AROUND, max(numbers) + ROWS_AROUND
    grid: dict[int, dict[str, str]] = {}
    found = set(marked)
    for row in document.rows:
        if row.source.sheet != sheet:
            continue
        for number, column, text in _cells(row):
            if first_row <= number <= last_row:
                grid.setdefault(number, {})[column] = text
                if number in whole_rows:
                    found.add((number, column))
    marked = frozenset(found)
    if not grid or not marked:
        where = f"sheet {sheet!r}" if sheet else "the file"
        raise EvidenceUnavailable(f"The cells around the reading are no longer in {where}.")
    wanted = [column_number(column) for _, column in marked]
    low, high = min(wanted) - COLUMNS_AROUND, max(wanted) + COLUMNS_AROUND
    used = sorted(
        {column_number(c) for cells in grid.values() for c in cells} | set(wanted),
    )
    columns = tuple(column_letter(n) for n in used if low <= n <= high)
    rows = tuple(
        (number, tuple(grid.get(number, {}).get(column, "") for column in columns))
        for number in range(max(1, first_row), last_row + 1)
        if number in grid or any(number == r for r, _ in marked)
    )
    return CellTable(sheet=sheet, columns=columns, rows=rows, marked=marked)


def _cells(row: Row) -> list[tuple[int, str, str]]:
    found = []
    for cell in row.cells:
        match = _CELL.match(cell.source.cell or "")
        if match:
            found.append((int(match.group(2)), match.group(1), cell.text))
    return found


def parse_cell(reference: str | None) -> tuple[int, str] | None:
    """`B40` → (40, "B"); None for anything else (a row reference `40:40`, nothing)."""
    match = _CELL.match(reference or "")
    return (int(match.group(2)), match.group(1)) if match else None


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
