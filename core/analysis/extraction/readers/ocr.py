"""OCR of scanned pages and images with Tesseract: page images in, located and scored rows out.

Each Tesseract line becomes a Row; a line splits into cells at a table rule (`|`) or at a
horizontal gap wider than about two character widths, so a form line such as
"Equipment Tag:   CB-102      Test Date:   2026-10-14" gives four cells. A cell's confidence is
Tesseract's mean word confidence scaled below the text layer's (OCR is never as sure).
"""

from __future__ import annotations

import os
import re
import statistics
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageOps

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Row
from core.analysis.extraction.readers.ocr_clean import clean_page
from core.schemas import SourceLocation

OCR_CONFIDENCE_CEILING = 0.95
"""A word Tesseract is 100 % sure of still scores below a text-layer PDF (0.98)."""
MAX_OCR_PAGES = 50
OCR_BUDGET_S = 100.0
"""All OCR of one file must end within this, so a file finishes well inside two minutes."""
_MAX_WORK_PIXELS = 16_000_000  # what Tesseract gets after scaling: a letter page at 300 dpi is 8.4
_TARGET_DPI = 300
_TARGET_LONG_SIDE_PX = 3300  # a letter/A4 page at 300 dpi, for images that carry no dpi
_TESSERACT_CONFIG = "--psm 6"  # one uniform block: keeps a table row on one line
_GAP_IN_CHARS = 1.6
_NOISE_LETTERS_MAX = 2
_NOISE_LETTERS_CONFIDENCE = 20.0
_RULE_CHARS = frozenset("|[]!¦")
# A table rule or speck read as a curly quote glued to a word ("“Pole", "8.669”); report values
# carry no curly quotes, and a straight one only before a digit is noise too.
_QUOTE_EDGES = re.compile(r"^[“”‘’]+|[“”‘’]+$|^\"(?=\d)")
_NOISE_CHARS = frozenset("|[]!¦_~“”‘’\"'`.,:;-—=«»")

TIMEOUT_SENTENCE = "The scan took too long to read; upload a clearer scan or the original PDF."
_WORKERS = max(1, min(4, os.cpu_count() or 1))
PageImage = tuple[int, Image.Image, float | None]
"""A page number, its image and the image's resolution in dpi when known."""


class OcrTimeout(ReportError):
    """Tesseract ran out of time on a page; a file with other pages read carries on without it."""


@dataclass(slots=True)
class OcrBudget:
    """Time left for OCR of one file; every Tesseract call gets at most what remains."""

    deadline: float

    @classmethod
    def start(cls, seconds: float = OCR_BUDGET_S) -> OcrBudget:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


def ocr_pages(
    pages: Iterable[PageImage], budget: OcrBudget
) -> tuple[dict[int, list[Row]], list[int]]:
    """OCR pages in parallel: the rows read per page, and the pages the time limit left unread.

    Tesseract runs as a subprocess, so threads do run in parallel; each Tesseract is held to one
    thread (OMP_THREAD_LIMIT=1), which on 2 cores made a page 4x faster than OpenMP's default.
    Pages are consumed lazily (a renderer may produce them) and only a few wait in memory.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    results: dict[int, list[Row]] = {}
    unread: list[int] = []
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="ocr")
    pending: dict[Future[list[Row]], int] = {}
    try:
        for number, image, dpi in pages:
            if budget.remaining() <= 1:
                unread.append(number)
                continue
            pending[pool.submit(ocr_page, image, number, dpi=dpi, budget=budget)] = number
            if len(pending) >= 2 * _WORKERS:
                _collect(pending, results, unread, return_when=FIRST_COMPLETED)
        _collect(pending, results, unread, return_when=ALL_COMPLETED)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results, sorted(unread)


def _collect(
    pending: dict[Future[list[Row]], int],
    results: dict[int, list[Row]],
    unread: list[int],
    *,
    return_when: str,
) -> None:
    done, _ = wait(pending, return_when=return_when)
    for future in done:
        number = pending.pop(future)
        try:
            results[number] = future.result()
        except OcrTimeout:
            unread.append(number)


def ocr_page(image: Image.Image, page: int, *, dpi: float | None, budget: OcrBudget) -> list[Row]:
    """The rows Tesseract reads on one page image."""
    import pytesseract  # on use: it imports pandas, ~0.2 s a text PDF need not spend

    prepared = prepare(image, dpi)
    timeout = min(60.0, budget.remaining())
    if timeout <= 1:
        raise OcrTimeout(TIMEOUT_SENTENCE)
    try:
        data = pytesseract.image_to_data(
            prepared,
            lang="eng",
            config=_TESSERACT_CONFIG,
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractNotFoundError as error:
        raise ReportError(
            "Scanned reports cannot be read on this server because OCR (Tesseract) is not "
            "installed; upload a text PDF, XLSX or CSV, or ask the administrator to install it."
        ) from error
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrTimeout(TIMEOUT_SENTENCE) from error
    return rows_from_data(data, page)


def prepare(image: Image.Image, dpi: float | None) -> Image.Image:
    """Grayscale, ~300 dpi, speckles removed, black text on white: what Tesseract reads best."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    gray = image.convert("L")
    scale = _TARGET_DPI / dpi if dpi else _TARGET_LONG_SIDE_PX / max(gray.size)
    scale = max(0.5, min(scale, 3.0))
    scale = min(scale, (_MAX_WORK_PIXELS / (gray.width * gray.height)) ** 0.5)
    if abs(scale - 1) > 0.1:
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    gray = gray.filter(
        ImageFilter.MedianFilter(3)
    )  # scanner speckle, which Tesseract reads as text
    gray = ImageOps.autocontrast(gray, cutoff=1)
    threshold = _otsu(gray.histogram())
    return clean_page(gray.point([255 if level > threshold else 0 for level in range(256)]))


def _otsu(histogram: list[int]) -> int:
    """The gray level that best separates ink from paper (Otsu's method)."""
    total = sum(histogram)
    weighted_total = sum(level * count for level, count in enumerate(histogram))
    best_level, best_spread = 127, -1.0
    below = weighted_below = 0
    for level, count in enumerate(histogram):
        below += count
        above = total - below
        if below == 0 or above == 0:
            continue
        weighted_below += level * count
        mean_gap = weighted_below / below - (weighted_total - weighted_below) / above
        spread = below * above * mean_gap * mean_gap
        if spread > best_spread:
            best_level, best_spread = level, spread
    return best_level


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    left: int
    right: int
    confidence: float


def rows_from_data(data: dict[str, list[object]], page: int) -> list[Row]:
    """Tesseract's words grouped into lines (block, paragraph, line), then split into cells."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for i, text in enumerate(data["text"]):
        word = _QUOTE_EDGES.sub("", unicodedata.normalize("NFC", str(text).strip()))
        confidence = float(str(data["conf"][i]))
        if not word or confidence < 0:
            continue
        key = (_int(data["block_num"][i]), _int(data["par_num"][i]), _int(data["line_num"][i]))
        left = _int(data["left"][i])
        lines.setdefault(key, []).append(
            _Word(word, left, left + _int(data["width"][i]), confidence)
        )
    rows: list[Row] = []
    for words in lines.values():
        cells = _cells(sorted(words, key=lambda word: word.left))
        if not cells:
            continue
        location = SourceLocation(page=page, line=len(rows) + 1)
        rows.append(
            Row(
                cells=tuple(
                    Cell(
                        text=" ".join(w.text for w in cell),
                        source=location,
                        confidence=_score(cell),
                    )
                    for cell in cells
                ),
                source=location,
            )
        )
    return rows


def _int(value: object) -> int:
    return int(str(value))


def _cells(words: list[_Word]) -> list[list[_Word]]:
    """Split a line at table rules and at gaps wider than ~2 characters."""
    widths = [(w.right - w.left) / len(w.text) for w in words if w.text.isalnum()]
    char_width = statistics.median(widths) if widths else 10.0
    cells: list[list[_Word]] = []
    current: list[_Word] = []
    previous_right: int | None = None
    for word in words:
        if set(word.text) <= _RULE_CHARS:
            current = _close(cells, current)
            previous_right = None
            continue
        if set(word.text) <= _NOISE_CHARS and (word.confidence < 60 or len(word.text) == 1):
            continue  # a speck or a stray quote mark, not a value, and no bridge between cells
        if _is_letter_noise(word):
            continue
        if previous_right is not None and word.left - previous_right > _GAP_IN_CHARS * char_width:
            current = _close(cells, current)
        current.append(word)
        previous_right = word.right
    _close(cells, current)
    return cells


def _is_letter_noise(word: _Word) -> bool:
    """One or two letters Tesseract has almost no faith in ("i", "oe", "a" at conf 0): dirt or
    the stub of an erased rule. Digits are kept whatever their confidence: they may be values."""
    return (
        len(word.text) <= _NOISE_LETTERS_MAX
        and word.confidence < _NOISE_LETTERS_CONFIDENCE
        and not any(ch.isdigit() for ch in word.text)
    )


def _close(cells: list[list[_Word]], current: list[_Word]) -> list[_Word]:
    if current:
        cells.append(current)
    return []


def _score(words: list[_Word]) -> float:
    mean = sum(word.confidence for word in words) / len(words)
    return round(max(0.0, min(1.0, mean / 100)) * OCR_CONFIDENCE_CEILING, 4)
