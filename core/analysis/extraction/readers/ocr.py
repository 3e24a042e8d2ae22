"""OCR of scanned pages and images with Tesseract: page images in, located and scored rows out.

Each Tesseract line becomes a Row; a line splits into cells at a table rule (`|`) or at a
horizontal gap wider than about two character widths, so a form line such as
"Equipment Tag:   CB-102      Test Date:   2026-10-14" gives four cells. A cell's confidence is
Tesseract's mean word confidence scaled below the text layer's (OCR is never as sure). Every
value is then re-read on its own (`ocr_reread`); a cell whose number was corrected that way
scores REPAIRED_FACTOR lower, and the reader notes how many numbers a page had corrected.

Time: each page may spend OCR_PAGE_CPU_S seconds of CPU time (Tesseract's runs and this
thread's image work), counted by the kernel, not by the clock, so a loaded machine reads
exactly what an idle one does. A page that needs more fails the whole file with a sentence
naming the page (`timeout_sentence`): no report is judged with a page silently left out.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from PIL import Image, ImageOps

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Row, page_box, union_box
from core.analysis.extraction.readers.ocr_clean import clean_pair, median3
from core.analysis.extraction.readers.ocr_reread import reread_numbers
from core.analysis.extraction.readers.ocr_words import Line, PageWord, lines_from_words
from core.analysis.extraction.readers.tesseract import BudgetExceeded, CpuBudget, run_tsv
from core.analysis.limits import DEFAULT_LIMITS
from core.schemas import SourceLocation
from core.schemas.extraction import Box

OCR_CONFIDENCE_CEILING = 0.95
"""A word Tesseract is 100 % sure of still scores below a text-layer PDF (0.98)."""
REPAIRED_FACTOR = 0.6
"""A cell whose number a re-read corrected keeps this share of its confidence."""
MAX_OCR_PAGES = DEFAULT_LIMITS.ocr_pages  # the pages one file may OCR: core.analysis.limits
OCR_PAGE_CPU_S = DEFAULT_LIMITS.ocr_page_cpu_s
"""CPU seconds one page's OCR may use (Tesseract's runs and this thread's image work). A
sample scan page takes about 1.5 s (0.6 s of Tesseract, 0.2 s of it the numbers' re-read), so
a normal page never comes near it however loaded the machine: CPU seconds do not grow with
the load as wall-clock seconds do. The file as a whole is bounded by the analysis's own
ceiling (`core.analysis.isolation`). Callers pass another value through `OcrBudget`."""
_MAX_WORK_PIXELS = 16_000_000  # what Tesseract gets after scaling: a letter page at 300 dpi is 8.4
_TARGET_DPI = 300
_TARGET_LONG_SIDE_PX = 3300  # a letter/A4 page at 300 dpi, for images that carry no dpi
TESSERACT_PAGE_ARGS = ("-l", "eng", "--psm", "6")
"""One uniform block: keeps a table row on one line."""

_WORKERS = max(1, min(4, os.cpu_count() or 1))
PageImage = tuple[int, Image.Image, float | None]
"""A page number, its image and the image's resolution in dpi when known."""


class OcrTimeout(ReportError):
    """A page's OCR ran out of CPU seconds; the file fails with a sentence that says so."""


@dataclass(frozen=True, slots=True)
class OcrBudget:
    """How much CPU time each page of a file may take to OCR."""

    page_cpu_s: float = OCR_PAGE_CPU_S

    @classmethod
    def start(cls, seconds: float = OCR_PAGE_CPU_S) -> OcrBudget:
        return cls(seconds)

    def for_page(self) -> CpuBudget:
        return CpuBudget(self.page_cpu_s)


def timeout_sentence(page: int, budget: OcrBudget) -> str:
    return (
        f"The scan took too long to read: page {page} needed more than "
        f"{budget.page_cpu_s:g} seconds of OCR; upload a clearer scan (300 dpi) or the "
        "original PDF."
    )


def ocr_pages(
    pages: Iterable[PageImage], budget: OcrBudget, notes: list[str] | None = None
) -> dict[int, list[Row]]:
    """OCR pages in parallel: the rows read per page. A page over its budget raises OcrTimeout,
    which fails the file: no page is left out silently.

    Tesseract runs as a subprocess, so threads do run in parallel. Pages are consumed lazily (a
    renderer may produce them) and only a few wait in memory. `notes` receives a remark for
    each page on which re-read numbers replaced the page's reading.
    """
    results: dict[int, list[Row]] = {}
    repaired: dict[int, int] = {}
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="ocr")
    pending: dict[Future[tuple[list[Row], int]], int] = {}
    try:
        for number, image, dpi in pages:
            pending[pool.submit(_ocr_page, image, number, dpi, budget)] = number
            if len(pending) >= 2 * _WORKERS:
                _collect(pending, results, repaired, return_when=FIRST_COMPLETED)
        _collect(pending, results, repaired, return_when=ALL_COMPLETED)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if notes is not None:
        notes += [_repair_note(page, count) for page, count in sorted(repaired.items()) if count]
    return results


def _repair_note(page: int, count: int) -> str:
    if count == 1:
        return (
            f"Page {page}: 1 number was re-read on its own and corrected to fit its row; "
            "its confidence is lowered."
        )
    return (
        f"Page {page}: {count} numbers were re-read on their own and corrected to fit their "
        "rows; their confidence is lowered."
    )


def _collect(
    pending: dict[Future[tuple[list[Row], int]], int],
    results: dict[int, list[Row]],
    repaired: dict[int, int],
    *,
    return_when: str,
) -> None:
    done, _ = wait(pending, return_when=return_when)
    for future in sorted(done, key=lambda f: pending[f]):
        number = pending.pop(future)
        results[number], repaired[number] = future.result()  # OcrTimeout fails the file


def ocr_page(image: Image.Image, page: int, *, dpi: float | None, budget: OcrBudget) -> list[Row]:
    """The rows Tesseract reads on one page image."""
    return _ocr_page(image, page, dpi, budget)[0]


def _ocr_page(
    image: Image.Image, page: int, dpi: float | None, budget: OcrBudget
) -> tuple[list[Row], int]:
    """The page's rows and how many of its numbers a re-read corrected.

    The page's CPU seconds are this thread's (image work, between Tesseract runs) plus each
    Tesseract run's, which `run_tsv` charges itself."""
    cpu = budget.for_page()
    started = time.thread_time()
    try:
        binary, gray = prepare_pair(image, dpi)
        cpu.charge(time.thread_time() - started)
        lines = lines_from_words(run_tsv([binary], TESSERACT_PAGE_ARGS, cpu))
        started = time.thread_time()
        ordered = sorted(lines, key=lambda line: statistics.median(w.top for c in line for w in c))
        repaired = reread_numbers(ordered, binary, gray, cpu)
        cpu.charge(time.thread_time() - started)
    except BudgetExceeded as error:
        raise OcrTimeout(timeout_sentence(page, budget)) from error
    return rows_from_lines(lines, page, binary.size), repaired


def prepare(image: Image.Image, dpi: float | None) -> Image.Image:
    """The page Tesseract reads (see `prepare_pair`)."""
    return prepare_pair(image, dpi)[0]


def prepare_pair(image: Image.Image, dpi: float | None) -> tuple[Image.Image, Image.Image]:
    """Grayscale, ~300 dpi, speckles removed, black text on white: what Tesseract reads best;
    and the same page straightened but neither filtered nor thresholded, where a faint decimal
    point survives for the numbers' re-read."""
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
    unfiltered = ImageOps.autocontrast(gray, cutoff=1)
    gray = median3(gray)  # scanner speckle, which Tesseract reads as text
    gray = ImageOps.autocontrast(gray, cutoff=1)
    threshold = _otsu(gray.histogram())
    binary = gray.point([255 if level > threshold else 0 for level in range(256)])
    return clean_pair(binary, unfiltered)


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


def rows_from_lines(
    lines: Sequence[Line], page: int, size: tuple[int, int] | None = None
) -> list[Row]:
    """A Row per line; with the prepared page's `size` (pixels), each cell and row also
    carries its words' box as fractions of the page (the deskew's small turn left aside)."""
    rows: list[Row] = []
    for cells in lines:
        number = len(rows) + 1
        boxes = [_cell_box(cell, size) for cell in cells]
        rows.append(
            Row(
                cells=tuple(
                    Cell(
                        text=" ".join(w.text for w in cell),
                        source=SourceLocation(page=page, line=number, box=box),
                        confidence=_score(cell),
                    )
                    for cell, box in zip(cells, boxes, strict=True)
                ),
                source=SourceLocation(page=page, line=number, box=union_box(boxes)),
            )
        )
    return rows


def _cell_box(words: list[PageWord], size: tuple[int, int] | None) -> Box | None:
    if size is None or not words:
        return None
    width, height = max(size[0], 1), max(size[1], 1)
    return page_box(
        min(w.left for w in words) / width,
        min(w.top for w in words) / height,
        max(w.right for w in words) / width,
        max(w.bottom for w in words) / height,
    )


def _score(words: list[PageWord]) -> float:
    mean = sum(word.confidence for word in words) / len(words)
    score = max(0.0, min(1.0, mean / 100)) * OCR_CONFIDENCE_CEILING
    if any(word.repaired for word in words):
        score *= REPAIRED_FACTOR
    return round(score, 4)
