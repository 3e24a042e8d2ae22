"""Scanned images (PNG, JPEG, TIFF with any number of frames, GIF, WebP): every frame OCR'd.

Frames are decoded one at a time and refused beyond a pixel limit, so neither a decompression
bomb nor a 300-page TIFF can exhaust memory; one of more than `Limits.ocr_pages` frames fails
before any OCR. A frame whose OCR runs out of time fails the file (`ocr.OcrTimeout`), never
leaves a page out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document, Row
from core.analysis.extraction.readers.ocr import OcrBudget, PageImage, ocr_pages
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.schemas import InputFormat


def read_image(content: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    notes: list[str] = []
    frames = _frames(content, notes, limits)
    budget = OcrBudget.start(limits.ocr_page_cpu_s)
    results = ocr_pages(frames, budget, notes)  # a page out of time raises
    rows: list[Row] = [row for page in sorted(results) for row in results[page]]
    if not rows:
        raise ReportError(
            "No text could be read from this image; upload a sharper scan (300 dpi) or a PDF."
        )
    return Document(format=InputFormat.IMAGE, rows=rows, pages=len(results), notes=notes)


def _frames(content: bytes, notes: list[str], limits: Limits) -> Iterator[PageImage]:
    """Frames one at a time, so a many-page TIFF never sits in memory decoded all at once."""
    try:
        image = Image.open(io.BytesIO(content))
        frames = getattr(image, "n_frames", 1)  # from the file's index, before any OCR
        if frames > limits.ocr_pages:
            raise ReportError(
                f"This image has {frames:,} pages, more than the {limits.ocr_pages:,} read by OCR "
                "per file; split it into smaller files and upload them."
            )
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            check_size(frame.size, limits)
            frame.load()
            yield number, frame.copy(), _dpi(frame)
    except Image.DecompressionBombError as error:
        raise ReportError(_too_large(limits)) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ReportError(
            "The image is damaged or cannot be decoded; scan or export it again."
        ) from error


def check_size(size: tuple[int, int], limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an image whose pixels alone would exhaust memory (a decompression bomb), from
    its header, before it is decoded. (Pillow refuses one over twice its own 89 Mpx limit
    when it opens it, whatever `limits` say.)"""
    if size[0] * size[1] > limits.image_megapixels * 1_000_000:
        raise ReportError(_too_large(limits))


def _too_large(limits: Limits) -> str:
    return (
        f"The image is too large to read (over {limits.image_megapixels:g} megapixels); "
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
