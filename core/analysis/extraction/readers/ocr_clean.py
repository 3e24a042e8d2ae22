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


def _skew_degrees(binary: Image.Image) -> float:
    """The small rotation that makes text lines and rules level (sharpest projection profile),
    searched coarse then fine on a downscaled copy."""
    scale = _SKEW_PROBE_PX / max(binary.size)
    size = (max(1, round(binary.width * scale)), max(1, round(binary.height * scale)))
    ink = Image.eval(binary.convert("L").resize(size), lambda level: 255 - level)

    def sharpness(angle: float) -> float:
        rotated = np.asarray(ink.rotate(angle, resample=Image.Resampling.BILINEAR), np.float32)
        return float(np.square(np.diff(rotated.sum(axis=1))).sum())

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


def _in_long_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels that lie inside a run of at least `length` ink pixels along axis 1."""
    rows, cols = ink.shape
    if cols < length:
        return np.zeros_like(ink)
    sums = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # the window starting here is all ink
    starts = np.zeros((rows, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    column = np.arange(cols)
    high = np.minimum(column, full.shape[1] - 1) + 1
    low = np.maximum(column - length + 1, 0)
    return (starts[:, high] - starts[:, low]) > 0


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
    vertical = _in_long_runs(ink.T, vertical_px).T
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
