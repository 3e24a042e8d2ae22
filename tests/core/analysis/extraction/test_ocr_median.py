"""The scan's speckle filter: numpy's sorted columns give Pillow's 3×3 median, pixel for pixel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from core.analysis.extraction.readers.ocr_clean import median3

SCAN = Path(__file__).resolve().parents[4] / "samples" / "reports" / "ir_panel_480v_scan_png.png"


def _pillow(image: Image.Image) -> np.ndarray:
    return np.asarray(image.filter(ImageFilter.MedianFilter(3)))


@pytest.mark.parametrize("levels", [2, 3, 256])
@pytest.mark.parametrize("shape", [(1, 1), (1, 6), (6, 1), (2, 2), (3, 5), (41, 67)])
def test_median_matches_pillow_edges_and_ties_included(levels: int, shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(levels * 100 + shape[0] * 10 + shape[1])
    pixels = rng.integers(0, levels, shape, dtype=np.uint8) * (255 // max(levels - 1, 1))
    image = Image.fromarray(pixels.astype(np.uint8))
    filtered = median3(image)
    assert filtered.mode == "L" and filtered.size == image.size
    assert np.array_equal(np.asarray(filtered), _pillow(image))


def test_median_matches_pillow_on_a_sample_scan() -> None:
    with Image.open(SCAN) as scan:
        page = scan.convert("L").crop((0, 0, 900, 700))
    assert np.array_equal(np.asarray(median3(page)), _pillow(page))
