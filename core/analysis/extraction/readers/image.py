"""Scanned images (PNG, JPEG, TIFF with any number of frames, GIF, WebP): every frame OCR'd.

Frames are decoded one at a time and refused beyond a pixel limit, so neither a decompression
bomb nor a 300-page TIFF can exhaust memory; at most MAX_OCR_PAGES frames are read. A frame
whose OCR runs out of time fails the file (`ocr.OcrTimeout`), never leaves a page out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document, Row
from core.analysis.extraction.readers.ocr import MAX_OCR_PAGES, OcrBudget, PageImage, ocr_pages
from core.schemas import InputFormat

MAX_SOURCE_PIXELS = 89_000_000  # Pillow's own bomb limit; an A3 page at 600 dpi is ~70 Mpx


def read_image(content: bytes) -> Document:
    notes: list[str] = []
    frames = _frames(content, notes)
    results = ocr_pages(frames, OcrBudget.start(), notes)  # a page out of time raises
    rows: list[Row] = [row for page in sorted(results) for row in results[page]]
    if not rows:
        raise ReportError(
            "No text could be read from this image; upload a sharper scan (300 dpi) or a PDF."
        )
    return Document(format=InputFormat.IMAGE, rows=rows, pages=len(results), notes=notes)


def _frames(content: bytes, notes: list[str]) -> Iterator[PageImage]:
    """Frames one at a time, so a many-page TIFF never sits in memory decoded all at once."""
    try:
        image = Image.open(io.BytesIO(content))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > MAX_OCR_PAGES:
                notes.append(f"Only the first {MAX_OCR_PAGES} pages of the image were read.")
                return
            check_size(frame.size)
            frame.load()
            yield number, frame.copy(), _dpi(frame)
    except Image.DecompressionBombError as error:
        raise ReportError(_too_large()) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ReportError(
            "The image is damaged or cannot be decoded; scan or export it again."
        ) from error


def check_size(size: tuple[int, int]) -> None:
    """Refuse an image whose pixels alone would exhaust memory (a decompression bomb)."""
    if size[0] * size[1] > MAX_SOURCE_PIXELS:
        raise ReportError(_too_large())


def _too_large() -> str:
    return (
        f"The image is too large to read (over {MAX_SOURCE_PIXELS // 1_000_000} megapixels); "
        "scan it at 300 dpi and upload it again."
    )


def _dpi(frame: Image.Image) -> float | None:
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    # Many encoders write 72 or 96 dpi whatever the scan was; those values say nothing.
    return value if value and value >= 100 else None
