"""Page clean-up before OCR: rules erased, text kept, skew found."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from core.analysis.extraction.readers import ocr_clean
from core.analysis.extraction.readers.ocr_clean import (
    _skew_degrees,
    clean_page,
    clean_pair,
    erase_rules,
)


def _table_page() -> Image.Image:
    page = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(page)
    for y in (100, 160, 220):
        draw.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 600, 1100):
        draw.line((x, 100, x, 220), fill=0, width=3)
    font = ImageFont.load_default(size=36)
    draw.text((120, 110), "Pole 1", fill=0, font=font)
    draw.text((620, 110), "155 uOhm", fill=0, font=font)
    return page


def _ink(image: Image.Image) -> np.ndarray:
    return np.asarray(image) < 128


def test_rules_go_and_text_stays() -> None:
    page = _table_page()
    cleaned = erase_rules(page)
    ink = _ink(cleaned)
    assert not ink[100, 300:900].any()  # the horizontal rule
    assert not ink[130:150, 600].any() or ink[130:150, 600].sum() < 5  # the vertical rule
    text_before = _ink(page)[105:158, 110:590].sum()
    text_after = ink[105:158, 110:590].sum()
    assert text_after > 0.8 * text_before - 3 * 480  # the words survive (minus rule pixels)


def test_a_tilted_page_is_straightened() -> None:
    page = _table_page().rotate(-0.8, fillcolor=255)
    assert abs(_skew_degrees(page) - 0.8) <= 0.2
    assert abs(_skew_degrees(_table_page())) <= 0.1
    assert clean_page(page).size == page.size


def test_a_page_without_rules_is_unchanged() -> None:
    page = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(page).text((20, 20), "Tag: CB-1", fill=0)
    assert erase_rules(page) is page


def test_the_grey_copy_is_straightened_and_cleaned_like_the_page() -> None:
    """The numbers' re-read cuts boxes found on the thresholded page out of the grey copy."""
    page = _table_page().rotate(-0.8, fillcolor=255)
    grey = page.point(lambda level: 40 + level * 0.8)  # a scanner's paper and toner
    binary, cleaned_grey = clean_pair(page, grey)
    assert binary.size == cleaned_grey.size == page.size
    assert np.array_equal(np.asarray(binary), np.asarray(clean_page(page)))
    ink, grey_ink = _ink(binary), np.asarray(cleaned_grey) < 150
    assert not grey_ink[95:105, 300:900].any()  # the rule is gone from the grey copy too
    text = ink[105:158, 110:590]
    assert (text & grey_ink[105:158, 110:590]).sum() > 0.8 * text.sum()  # same place


def _runs_by_brute_force(ink: np.ndarray, length: int) -> np.ndarray:
    """Every pixel inside a run of at least `length` ink pixels along a row, by walking runs."""
    covered = np.zeros_like(ink)
    for row in range(ink.shape[0]):
        start = None
        for col in range(ink.shape[1] + 1):
            inked = col < ink.shape[1] and ink[row, col]
            if inked and start is None:
                start = col
            elif not inked and start is not None:
                if col - start >= length:
                    covered[row, start:col] = True
                start = None
    return covered


@pytest.mark.parametrize("seed", range(6))
def test_long_runs_match_walking_every_run(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(1, 40)), int(rng.integers(1, 90)))
    ink = rng.random(shape) < rng.choice([0.5, 0.8, 0.95, 0.99])
    length = int(rng.integers(1, 30))
    assert (ocr_clean._in_long_runs(ink, length) == _runs_by_brute_force(ink, length)).all()
    down = ocr_clean._in_long_runs(ink, length, axis=0)
    assert (down == _runs_by_brute_force(ink.T, length).T).all()
