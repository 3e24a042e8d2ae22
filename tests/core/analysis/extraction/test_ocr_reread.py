"""Numbers re-read on their own: faint decimal points and garbled digits repaired by their row.

The pages are drawn with Pillow in Bitstream Vera, the font the sample generator's PDFs use
(`samples/generator/pdf.py`), with some decimal points drawn small and grey, then blurred and
noised as a scanner would; Tesseract's page read misses those points (asserted first, so the
test shows what it repairs).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from core.analysis.extraction.readers import read_document
from core.analysis.extraction.readers.ocr import (
    REPAIRED_FACTOR,
    TESSERACT_PAGE_ARGS,
    OcrBudget,
    ocr_page,
    prepare_pair,
)
from core.analysis.extraction.readers.ocr_words import lines_from_words
from core.analysis.extraction.readers.tesseract import CpuBudget, run_tsv
from core.schemas import InputFormat

pytestmark = pytest.mark.slow  # Tesseract on drawn pages

FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
COLUMNS = (0, 330, 600, 870)
FAINT = "~"  # a cell whose decimal point is drawn small and grey

ROWS = [
    ["Location", "Hot spot", "Reference", "Delta-T"],
    ["Phase A", "~36.2", "35.9", "0.3"],
    ["Phase B", "36.4", "35.9", "0.5"],
    ["Phase C", "36.1", "~35.7", "0.4"],
    [],
    ["Pole", "Resistance"],
    ["Pole 1", "~1.44 mΩ"],
    ["Pole 2", "1.41 mΩ"],
    ["Pole 3", "~1.47 mΩ"],
    [],
    ["Ambient", "52 °C"],
]


def draw_rows(rows: list[list[str]], *, seed: int) -> Image.Image:
    """A 300 dpi page of table rows: 9 pt Vera, blurred, with sensor noise."""
    font = ImageFont.truetype(str(FONT), 34)
    image = Image.new("L", (1300, 80 + 64 * len(rows)), 255)
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(rows):
        y = 40 + 64 * r
        for x0, cell in zip(COLUMNS, row, strict=False):
            x = 60.0 + x0
            for ch in cell.removeprefix(FAINT):
                if ch == "." and cell.startswith(FAINT):
                    box = draw.textbbox((x, y), ".", font=font)
                    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                    radius = (box[2] - box[0]) * 0.35 / 2
                    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=170)
                else:
                    draw.text((x, y), ch, font=font, fill=0)
                x += draw.textlength(ch, font=font)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, np.float32) + rng.normal(0, 20.0, (image.height, image.width))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return draw_rows(ROWS, seed=1)


def test_the_page_read_alone_misreads_the_numbers(page: Image.Image) -> None:
    """What Tesseract's page read gives before the re-read: the case the re-read exists for."""
    binary, _ = prepare_pair(page, 300)
    lines = lines_from_words(run_tsv([binary], TESSERACT_PAGE_ARGS, CpuBudget(60)))
    first_words = [[cell[0].text for cell in line] for line in lines]
    assert first_words[1][1] == "362"
    assert first_words[3][2] == "357"
    assert first_words[5][1] == "144"
    assert first_words[7][1] == "147"
    assert first_words[8][1] == "§2"


def test_re_read_numbers_are_repaired_and_less_sure(page: Image.Image) -> None:
    rows = ocr_page(page, 1, dpi=300, budget=OcrBudget())
    cells = [[cell.text for cell in row.cells] for row in rows]
    numbers = [[text.split(" ")[0] for text in row[1:]] for row in cells]
    assert numbers[1:4] == [
        ["36.2", "35.9", "0.3"],
        ["36.4", "35.9", "0.5"],
        ["36.1", "35.7", "0.4"],
    ]
    assert [row[0] for row in numbers[5:8]] == ["1.44", "1.41", "1.47"]
    assert cells[8] == ["Ambient", "52 °C"]
    repaired = [rows[1].cells[1], rows[3].cells[2], rows[5].cells[1], rows[7].cells[1]]
    untouched = [rows[1].cells[2], rows[2].cells[1], rows[6].cells[1]]
    ceiling = 0.95 * REPAIRED_FACTOR
    assert all(cell.confidence <= ceiling for cell in repaired)
    assert min(cell.confidence for cell in untouched) > max(c.confidence for c in repaired)


def test_a_read_image_notes_how_many_numbers_were_repaired(page: Image.Image) -> None:
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(300, 300))
    document = read_document(buffer.getvalue(), "scan.png", InputFormat.IMAGE)
    assert document.notes == [
        "Page 1: 5 numbers were re-read on their own and corrected to fit their rows; "
        "their confidence is lowered."
    ]


def test_a_scanned_pdf_notes_how_many_numbers_were_repaired(page: Image.Image) -> None:
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, format="PDF", resolution=300)
    document = read_document(buffer.getvalue(), "scan.pdf", InputFormat.PDF_SCAN)
    assert document.format is InputFormat.PDF_SCAN
    # Rendered back from the PDF the page's pixels differ a little from the image's: 4 or 5.
    [note] = document.notes
    assert re.fullmatch(
        r"Page 1: [45] numbers were re-read on their own and corrected to fit "
        r"their rows; their confidence is lowered\.",
        note,
    )


def test_a_clean_page_is_left_as_read() -> None:
    clean = [[cell.removeprefix(FAINT) for cell in row] for row in ROWS]
    page = draw_rows(clean, seed=2)
    binary, _ = prepare_pair(page, 300)
    plain = lines_from_words(run_tsv([binary], TESSERACT_PAGE_ARGS, CpuBudget(60)))
    rows = ocr_page(page, 1, dpi=300, budget=OcrBudget())
    assert [[c.text for c in row.cells] for row in rows] == [
        [" ".join(word.text for word in cell) for cell in line] for line in plain
    ]
    values = [row.cells[1].text.split(" ")[0] for row in rows[1:4] + rows[5:8]]
    assert values == ["36.2", "36.4", "36.1", "1.44", "1.41", "1.47"]
