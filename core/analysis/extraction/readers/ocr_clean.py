"""Page clean-up before OCR: straighten a skewed scan and erase table rules.

Tesseract drops or garbles the words of a bordered table: it reads the rules as `|`, `—` or
quotes, or discards the cells as graphics. Erasing every long straight ink run (a rule; text
strokes are short) before OCR gives it plain rows of words. A scan tilted by a fraction of a
degree breaks rules into short steps, so the page is straightened first. `clean_pair` does
the same to the page's grey copy, so the numbers' re-read can cut the same boxes from it.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

_SKEW_STEP_DEG = 0.1
_SKEW_PROBE_PX = 700  # long side of the downscaled copy the skew is measured on
# A rule is a straight ink run at least this share of the page's long side (132 px on a letter
# page at 300 dpi). Vertical runs need more: letters are taller than they are wide, and a cropped
# image's height says nothing about its text size, so both are measured on the long side.
_RULE_FRACTION_H = 1 / 25
_RULE_FRACTION_V = 1 / 33
_MIN_RULE_PX = 40
_MIN_VERTICAL_RULE_PX = 100


def median3(gray: Image.Image) -> Image.Image:
    """`gray.filter(ImageFilter.MedianFilter(3))` of an 'L' image, pixel for pixel (edges
    repeated, as Pillow pads), in a fifth of its time: each pixel's three columns of three
    are sorted once, and the median of the nine is the median of the largest low, the middle
    middle and the smallest high of its three columns."""
    pixels = np.asarray(gray)
    width = pixels.shape[1]
    padded = np.pad(pixels, 1, mode="edge")
    above, here, below = padded[:-2], padded[1:-1], padded[2:]
    low, high = np.minimum(above, here), np.maximum(above, here)
    middle = np.maximum(low, np.minimum(high, below))
    low, high = np.minimum(low, below), np.maximum(high, below)

    def columns(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return values[:, :width], values[:, 1 : width + 1], values[:, 2:]

    lows, middles, highs = columns(low), columns(middle), columns(high)
    largest_low = np.maximum(np.maximum(lows[0], lows[1]), lows[2])
    smallest_high = np.minimum(np.minimum(highs[0], highs[1]), highs[2])
    return Image.fromarray(_median_of(largest_low, _median_of(*middles), smallest_high))


def _median_of(first: np.ndarray, second: np.ndarray, third: np.ndarray) -> np.ndarray:
    """The element-wise median of three arrays."""
    low, high = np.minimum(first, second), np.maximum(first, second)
    median: np.ndarray = np.maximum(low, np.minimum(high, third))
    return median


def _skew_degrees(binary: Image.Image) -> float:
    """The small rotation that makes text lines and rules level (sharpest projection profile),
    searched coarse then fine on a downscaled copy."""
    scale = _SKEW_PROBE_PX / max(binary.size)
    size = (max(1, round(binary.width * scale)), max(1, round(binary.height * scale)))
    ink = Image.eval(binary.convert("L").resize(size), lambda level: 255 - level)

    measured: dict[float, float] = {}  # the coarse winner is measured again in the fine search

    def sharpness(angle: float) -> float:
        if angle not in measured:
            rotated = ink.rotate(angle, resample=Image.Resampling.BILINEAR)
            # Row sums of at most 700 pixels of 255 are exact in float32 however they are added.
            rows = np.asarray(rotated).sum(axis=1, dtype=np.int64).astype(np.float32)
            measured[angle] = float(np.square(np.diff(rows)).sum())
        return measured[angle]

    coarse = [step * 0.5 for step in range(-4, 5)]
    best = max(coarse, key=sharpness)
    fine = [best + step * _SKEW_STEP_DEG for step in range(-4, 5)]
    return max(fine, key=sharpness)


def deskew(binary: Image.Image) -> Image.Image:
    return _rotated(binary, _skew_degrees(binary), Image.Resampling.NEAREST)


def _rotated(image: Image.Image, angle: float, resample: Image.Resampling) -> Image.Image:
    if abs(angle) < _SKEW_STEP_DEG / 2:
        return image
    return image.rotate(angle, resample=resample, fillcolor=255)


def _in_long_runs(ink: np.ndarray, length: int, axis: int = 1) -> np.ndarray:
    """Pixels that lie inside a run of at least `length` ink pixels along `axis` (1: across,
    0: down)."""
    if axis == 0:
        return _in_long_runs(ink.T, length).T
    # Only rows where two samples `length // 2` apart are both ink can hold such a run (a run
    # of `length` covers two consecutive samples): a tenth of a page's rows, rules and bold text.
    step = length // 2
    if step == 0:
        return _runs_covering(ink, length)
    sampled = ink[:, ::step]
    candidates = np.flatnonzero((sampled[:, :-1] & sampled[:, 1:]).any(axis=1))
    covered = np.zeros(ink.shape, dtype=bool)
    if candidates.size:
        covered[candidates] = _runs_covering(np.ascontiguousarray(ink[candidates]), length)
    return covered


def _runs_covering(ink: np.ndarray, length: int) -> np.ndarray:
    """`_in_long_runs` along axis 1 of every row given."""
    rows, cols = ink.shape
    if cols < length:
        return np.zeros_like(ink)
    sums = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, dtype=np.int32, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # the window starting here is all ink
    windows = full.shape[1]
    starts = np.zeros((rows, windows + 1), dtype=np.int32)
    np.cumsum(full, axis=1, dtype=np.int32, out=starts[:, 1:])
    # Pixel c lies in a full window starting in [c - length + 1, c], clipped to the windows:
    # starts[hi] > starts[lo] with hi = min(c, windows - 1) + 1 and lo = max(c - length + 1, 0).
    high = np.empty((rows, cols), dtype=np.int32)
    high[:, :windows] = starts[:, 1:]
    high[:, windows:] = starts[:, windows:]
    low = np.empty((rows, cols), dtype=np.int32)
    low[:, : length - 1] = starts[:, :1]
    low[:, length - 1 :] = starts[:, :windows]
    covered: np.ndarray = high > low
    return covered


def erase_rules(binary: Image.Image) -> Image.Image:
    """White out horizontal and vertical rules (and the pixel beside them) of a 0/255 image."""
    grown = _rule_mask(np.asarray(binary.convert("L")) < 128, max(binary.size))
    if grown is None:
        return binary
    return _whiten(binary, grown)


def _whiten(image: Image.Image, mask: np.ndarray) -> Image.Image:
    cleaned = np.asarray(image.convert("L")).copy()
    cleaned[mask] = 255
    return Image.fromarray(cleaned)


def _rule_mask(ink: np.ndarray, long_side: int) -> np.ndarray | None:
    """The pixels of every rule, grown by one pixel; None when the page has no rule."""
    horizontal = _in_long_runs(ink, max(_MIN_RULE_PX, round(long_side * _RULE_FRACTION_H)))
    vertical_px = max(_MIN_VERTICAL_RULE_PX, round(long_side * _RULE_FRACTION_V))
    vertical = _in_long_runs(ink, vertical_px, axis=0)
    rules = horizontal | vertical
    if not rules.any():
        return None
    # Grow the mask by one pixel so the anti-aliased edge of a rule goes too.
    grown = rules.copy()
    grown[1:, :] |= rules[:-1, :]
    grown[:-1, :] |= rules[1:, :]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    mask: np.ndarray = grown
    return mask


def clean_page(binary: Image.Image) -> Image.Image:
    return erase_rules(deskew(binary))


def clean_pair(binary: Image.Image, gray: Image.Image) -> tuple[Image.Image, Image.Image]:
    """`clean_page` of `binary`, and the same rotation and rule erasing applied to `gray` (the
    page before thresholding, same size), so a box found on one is the same box on the other."""
    angle = _skew_degrees(binary)
    binary = _rotated(binary, angle, Image.Resampling.NEAREST)
    gray = _rotated(gray, angle, Image.Resampling.BILINEAR)
    grown = _rule_mask(np.asarray(binary.convert("L")) < 128, max(binary.size))
    if grown is None:
        return binary, gray
    return _whiten(binary, grown), _whiten(gray, grown)
