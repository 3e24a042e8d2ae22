"""The OCR time budget: CPU seconds per page, enforced by the kernel, and a page out of time
fails the file with a sentence instead of being left out."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont

from core.analysis.errors import ReportError
from core.analysis.extraction.readers import read_document, tesseract
from core.analysis.extraction.readers.ocr import (
    OCR_PAGE_CPU_S,
    TESSERACT_PAGE_ARGS,
    OcrBudget,
    ocr_pages,
)
from core.analysis.extraction.readers.tesseract import (
    BudgetExceeded,
    CpuBudget,
    parse_tsv,
    run_tsv,
)
from core.analysis.limits import Limits
from core.schemas import InputFormat

pytestmark = pytest.mark.slow  # Tesseract under CPU budgets

FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def dense_page(lines: int = 95) -> Image.Image:
    """A letter page at 300 dpi packed with table text: several CPU seconds of Tesseract."""
    font = ImageFont.truetype(str(FONT), 30)
    image = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(image)
    for row in range(lines):
        text = f"Breaker {row:03d} bus stab phase A  {30 + row * 0.7:.1f} °C  {row * 13 % 97}.4 mΩ"
        draw.text((60, 40 + row * 34), text * 2, font=font, fill=0)
    return image


def small_page() -> Image.Image:
    font = ImageFont.truetype(str(FONT), 34)
    image = Image.new("L", (1000, 200), 255)
    ImageDraw.Draw(image).text((40, 60), "Ambient:  21.0 °C   Humidity:  43 %", font=font, fill=0)
    return image


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def test_the_budget_is_generous_and_in_cpu_seconds() -> None:
    assert OcrBudget().page_cpu_s == OCR_PAGE_CPU_S >= 30
    budget = CpuBudget(2.0)
    budget.charge(1.5)
    assert budget.remaining() == pytest.approx(0.5)
    with pytest.raises(BudgetExceeded):
        budget.charge(0.6)


def test_no_time_left_runs_no_tesseract() -> None:
    with pytest.raises(BudgetExceeded):
        run_tsv([small_page()], TESSERACT_PAGE_ARGS, CpuBudget(0.0))


def test_the_kernel_stops_a_run_at_its_cpu_allowance() -> None:
    """RLIMIT_CPU ends Tesseract after about a second of CPU, however long the page needs."""
    budget = CpuBudget(1.0)
    with pytest.raises(BudgetExceeded):
        run_tsv([dense_page()], TESSERACT_PAGE_ARGS, budget)
    assert 0.9 <= budget.used <= 3.0


def test_a_page_out_of_time_fails_the_file_with_a_sentence() -> None:
    limits = Limits(ocr_page_cpu_s=1.0)
    with pytest.raises(ReportError, match=r"took too long to read: page 1 needed more than 1 s"):
        read_document(png(dense_page()), "scan.png", InputFormat.IMAGE, limits)


def test_every_page_of_a_file_is_read_or_the_file_fails() -> None:
    pages = [(1, small_page(), 300.0), (2, dense_page(), 300.0)]
    with pytest.raises(ReportError, match="page 2"):
        ocr_pages(iter(pages), OcrBudget(1.0))
    assert sorted(ocr_pages(iter(pages[:1]), OcrBudget())) == [1]


@contextlib.contextmanager
def busy_cores(count: int = 2) -> Iterator[None]:
    """Processes spinning on the machine's cores for as long as the block runs."""
    spin = [sys.executable, "-c", "while True: pass"]
    hogs = [subprocess.Popen(spin) for _ in range(count)]
    try:
        yield
    finally:
        for hog in hogs:
            os.kill(hog.pid, signal.SIGKILL)
            hog.wait()


def test_a_loaded_machine_spends_the_same_cpu_seconds() -> None:
    """Wall-clock time grows on a loaded machine; the CPU seconds a page costs do not."""
    page = dense_page(lines=20)
    idle = CpuBudget(OCR_PAGE_CPU_S)
    run_tsv([page], TESSERACT_PAGE_ARGS, idle)
    loaded = CpuBudget(OCR_PAGE_CPU_S)
    with busy_cores():
        run_tsv([page], TESSERACT_PAGE_ARGS, loaded)
    assert loaded.used <= 1.5 * idle.used + 0.2


def test_tesseract_missing_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT_CMD", "tesseract-not-installed-here")
    with pytest.raises(ReportError, match="OCR \\(Tesseract\\) is not installed"):
        run_tsv([small_page()], TESSERACT_PAGE_ARGS, CpuBudget(10.0))


def test_parse_tsv_keeps_words_only() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
        "5\t2\t1\t1\t1\t1\t10\t20\t30\t15\t91.5\t36.2\n"
        "5\t2\t1\t1\t1\t2\t50\t20\t30\t15\tbad\tx\n"
    )
    words = parse_tsv(tsv)
    assert [(w.page, w.left, w.top, w.width, w.height, w.conf, w.text) for w in words] == [
        (2, 10, 20, 30, 15, 91.5, "36.2")
    ]
