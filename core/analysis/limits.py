"""How much one file may hold: the bounds that keep any file, however crafted, within the
analysis's time and memory ceilings (`core.analysis.isolation`), in one place.

The engine takes a `Limits` as a parameter (`analyze(…, limits=…)`, default `DEFAULT_LIMITS`)
and never reads the environment; `core.config.Settings` builds one from `AUDITENG_LIMIT_*`
(README, *Settings*). A file over a limit fails with a sentence that names the limit, except
where noted (rows and columns beyond theirs are left out with a warning, as a spreadsheet
export's padding often is).
"""

from __future__ import annotations

from dataclasses import dataclass

ZIP_RATIO_FLOOR_BYTES = 1024 * 1024
"""A workbook part smaller than this unpacked is never a bomb, whatever its ratio."""


@dataclass(frozen=True)
class Limits:
    pdf_pages: int = 500
    """Pages of a PDF; a longer PDF fails (split it into its reports)."""
    ocr_pages: int = 50
    """Scanned pages (or image frames) OCR'd per file; the others are left out with a warning."""
    ocr_page_cpu_s: float = 60.0
    """CPU seconds one page's OCR may use, counted by the kernel, so a loaded machine reads
    what an idle one does (a scan page takes ~1.5); a page over it fails the file with a
    sentence naming the page, never left out (`readers/ocr.py`)."""
    image_megapixels: float = 89.0
    """Pixels of an image or frame, in millions (Pillow's own bomb limit; an A3 page at 600 dpi
    is ~70); a larger one fails before it is decoded."""
    unpacked_mb: float = 16.0
    """XLSX: megabytes the workbook's XML parts may unpack to, in total, checked from the zip
    directory before the workbook is opened (a sheet of 100,000 cells is about 4 MB)."""
    compression_ratio: float = 100.0
    """XLSX: the most an XML part over 1 MB may unpack to per byte stored (reports' sheets
    compress 5 to 20 times; a zip bomb a thousand)."""
    sheets: int = 1_000
    """XLSX: visible sheets read (a package of breaker reports has one each); more fail."""
    rows: int = 20_000
    """Rows read per sheet or CSV file; the rest is left out with a warning."""
    columns: int = 200
    """Columns read per row of a sheet or CSV file; the rest is left out with a warning."""
    cells: int = 30_000
    """Filled cells (values) in the whole file; a file with more fails. A dense report page
    holds ~250 and a breaker sheet ~45; the interpreter reads 2,000 to 10,000 cells a second
    (a package's pages are read twice: alone, then as their report), so a file at this limit
    still finishes in about 20 s (docs/reliability.md)."""
    text_chars: int = 1_000_000
    """Characters in those cells, in total (a dense report page holds ~3,000); more fail."""
    json_depth: int = 64
    """How deeply a JSON extraction may nest (a real one nests 4 levels)."""


DEFAULT_LIMITS = Limits()


def over_sentence(what: str, advice: str, limit: float, unit: str = "") -> str:
    """The sentence for a file over a limit: what it holds, the limit, what to do."""
    shown = f"{int(limit):,}" if float(limit).is_integer() else f"{limit:,}"
    return f"This file {what}, more than the {shown}{unit} allowed; {advice}."


def too_many_cells(limits: Limits, cells: int | None = None) -> str:
    """`cells` None: a reader stopped counting at the limit."""
    advice = "upload the test report's own sheets or pages"
    if cells is None:
        return f"This file holds more than the {limits.cells:,} filled cells allowed; {advice}."
    return over_sentence(f"holds {cells:,} filled cells", advice, limits.cells)
