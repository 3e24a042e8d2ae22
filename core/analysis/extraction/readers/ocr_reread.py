"""Numbers re-read on their own: each value's box cut from the page, read as one line of digits.

Tesseract reading a whole page (--psm 6) drops a faint decimal point, takes a degree sign for a
0 or a 5 for a §. Cut out alone (--psm 7) with a whitelist of digits and signs, the same box
reads better: once from the thresholded page, once from the page before thresholding and
speckle filtering (where a faint point survives), enlarged to a comfortable height. Every box
of a page goes in one Tesseract run (a multi-page TIFF), so a page pays one process start
(two when some numbers have their unit glued on, read with the unit letters allowed).
The values are grouped into table columns, and `ocr_numbers.choose_column` keeps each page
reading or takes a re-read's, judged by its row and column; a replaced word is marked
repaired (its cell's confidence is lowered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image, ImageOps

from core.analysis.extraction.readers.ocr_numbers import (
    Candidate,
    Slot,
    choose_column,
    known_unit,
    parse_number,
)
from core.analysis.extraction.readers.ocr_words import Line, PageWord, unit_after, value_words
from core.analysis.extraction.readers.tesseract import CpuBudget, run_tsv

_NUMBER_PART = re.compile(r"^([<>]?[-+]?[\d.,]*\d)(.*)$")
DIGITS = "0123456789.,-<>"
UNIT_LETTERS = "°CFmMkKGVA%ΩQ"  # Tesseract reads Ω as Q
_TARGET_HEIGHT_PX = 40  # the enlarged read: a 9 pt digit at 300 dpi is ~26 px high
_MIN_HEIGHT_PX = 20  # below this even the plain read is enlarged
_MAX_SCALE = 3.0
_ROW_GAP = 2.5  # a gap this many text heights between lines is a blank row: tables end there
_PASSES = 2  # choices made once against the page's readings, then against those choices


@dataclass(frozen=True, slots=True)
class _Target:
    line: int
    cell: int
    word: int


def reread_numbers(
    lines: list[Line], binary: Image.Image, gray: Image.Image, budget: CpuBudget
) -> int:
    """Re-read every value of `lines` (cells of PageWords, changed in place); how many changed."""
    targets = [_Target(i, c, w) for i, line in enumerate(lines) for c, w in value_words(line)]
    if not targets:
        return 0
    readings = _readings(lines, targets, binary, gray, budget)
    columns = _columns(lines, targets)
    chosen = {target: readings[target][0] for target in targets}
    for _ in range(_PASSES):
        current = {target: candidate.text for target, candidate in chosen.items()}
        for column in columns:
            slots = [
                Slot(readings[t], _row(lines, targets, t, current), _unit(lines, t)) for t in column
            ]
            chosen.update(zip(column, choose_column(slots), strict=True))
    changed = 0
    for target in targets:
        pick, page = chosen[target], readings[target][0]
        if pick is page:
            continue
        cell = lines[target.line][target.cell]
        word = cell[target.word]
        confidence = min(word.confidence, pick.confidence)
        cell[target.word] = replace(word, text=pick.text, confidence=confidence, repaired=True)
        changed += 1
    return changed


def _readings(
    lines: list[Line],
    targets: Sequence[_Target],
    binary: Image.Image,
    gray: Image.Image,
    budget: CpuBudget,
) -> dict[_Target, list[Candidate]]:
    """Each target's readings: the page's first, then the re-reads', merged when they agree."""
    plain = [t for t in targets if _word(lines, t).text[-1:].isdigit() or _bare(_word(lines, t))]
    chosen_plain = set(plain)
    with_unit = [t for t in targets if t not in chosen_plain]
    reads: dict[_Target, list[tuple[str, float]]] = {t: [] for t in targets}
    for group, letters in ((plain, ""), (with_unit, UNIT_LETTERS)):
        if not group:
            continue
        images: list[Image.Image] = []
        for target in group:
            images += _crops(lines, target, binary, gray)
        per_image = len(images) // len(group)
        whitelist = f"tessedit_char_whitelist={DIGITS}{letters}"
        args = ["-l", "eng", "--psm", "7", "-c", whitelist]
        texts: dict[int, list[tuple[str, float]]] = {}
        for word in run_tsv(images, args, budget):
            if word.text.strip() and word.conf >= 0:
                texts.setdefault(word.page, []).append((word.text.strip(), word.conf))
        for index, target in enumerate(group):
            for frame in range(index * per_image + 1, (index + 1) * per_image + 1):
                parts = texts.get(frame)
                text = tidy("".join(part for part, _ in parts or []), _word(lines, target).text)
                if text:
                    reads[target].append((text, min(conf for _, conf in parts or [])))
    return {t: _merge(_word(lines, t), reads[t]) for t in targets}


def tidy(text: str, page_text: str) -> str:
    """A re-read without the marks a crop's edge adds: a trailing point or dash, a leading
    point before a number that has one ("·27.2"), a sign or censor mark the page did not see;
    and with the page's unit when the re-read's is none the page spells ("0.046m" for
    "0.046mQ": the whitelist has no letter for every unit)."""
    text = text.rstrip(".,-")
    if text[:1] in ".," and any(mark in text[1:] for mark in ".,"):
        text = text[1:]
    while text[:1] in "-+<>" and text[:1] not in page_text[:2]:
        text = text[1:]
    if not any(ch.isdigit() for ch in text):
        return ""
    number, page = _NUMBER_PART.match(text), _NUMBER_PART.match(page_text)
    if number is None or page is None or number.group(2) == page.group(2):
        return text
    if known_unit(page.group(2)) and not known_unit(number.group(2)):
        return number.group(1) + page.group(2)
    return text


def _word(lines: list[Line], target: _Target) -> PageWord:
    return lines[target.line][target.cell][target.word]


def _bare(word: PageWord) -> bool:
    number = parse_number(word.text)
    return number is not None and not number.unit


def _merge(page: PageWord, reads: list[tuple[str, float]]) -> list[Candidate]:
    """The page's reading and the re-reads, one candidate per number (votes count agreement)."""
    keys: list[object] = []
    candidates: list[Candidate] = []
    for text, confidence in [(page.text, page.confidence), *reads]:
        number = parse_number(text)
        key: object = (number.value, number.decimals, number.unit) if number else text
        if key in keys:
            i = keys.index(key)
            old = candidates[i]
            candidates[i] = replace(old, votes=old.votes + 1)
            continue
        keys.append(key)
        candidates.append(Candidate(text, confidence))
    return candidates


def _crops(
    lines: list[Line], target: _Target, binary: Image.Image, gray: Image.Image
) -> list[Image.Image]:
    """The word's box with a margin (up to halfway to its neighbours): from the thresholded
    page as it is, and from the unfiltered page enlarged to a comfortable height."""
    row = [word for cell in lines[target.line] for word in cell]
    word = _word(lines, target)
    position = row.index(word)
    height = max(8, word.height)
    left = word.left - height // 2
    right = word.right + height // 2
    if position > 0:
        left = max(left, (row[position - 1].right + word.left) // 2)
    if position + 1 < len(row):
        right = min(right, (word.right + row[position + 1].left) // 2)
    box = (
        max(0, left),
        max(0, word.top - height * 2 // 5),
        min(binary.width, right),
        min(binary.height, word.bottom + height * 2 // 5),
    )
    band = _text_band(np.asarray(binary.crop(box)) < 128)
    small = max(1.0, _MIN_HEIGHT_PX / height)
    comfortable = min(_MAX_SCALE, max(1.0, _TARGET_HEIGHT_PX / height))
    return [
        _cut(binary, box, band, small, height),
        _cut(gray, box, band, comfortable, height),
    ]


def _cut(
    image: Image.Image, box: tuple[int, int, int, int], band: np.ndarray, scale: float, height: int
) -> Image.Image:
    pixels = np.asarray(image.crop(box)).copy()
    paper = int(np.percentile(pixels, 90))
    pixels[~band] = paper  # a speck above or below the word
    crop = Image.fromarray(pixels)
    if scale > 1.05:
        size = (round(crop.width * scale), round(crop.height * scale))
        crop = crop.resize(size, Image.Resampling.LANCZOS)
    return ImageOps.expand(crop, border=max(10, round(height * scale / 2)), fill=paper)


def _text_band(ink: np.ndarray) -> np.ndarray:
    """Where the word's ink is: the run of inked rows holding the most ink (a speck above or
    below, separated by blank rows, falls outside), as a mask over the crop."""
    rows = ink.sum(axis=1)
    best: tuple[int, int, int] = (0, 0, ink.shape[0])
    start: int | None = None
    for y, count in enumerate([*rows.tolist(), 0]):
        if count and start is None:
            start = y
        elif not count and start is not None:
            total = int(rows[start:y].sum())
            if total > best[0]:
                best = (total, start, y)
            start = None
    mask = np.zeros_like(ink)
    mask[max(0, best[1] - 1) : best[2] + 1, :] = True
    return mask


def _columns(lines: list[Line], targets: Sequence[_Target]) -> list[list[_Target]]:
    """The values grouped into table columns, top to bottom.

    A column runs down from a value through lines of the same number of cells (rows of its
    table), past lines with nothing in its place, to a line with text there (a header), a
    number in another unit or a blank row's gap."""
    by_line: dict[int, list[_Target]] = {}
    for target in targets:
        by_line.setdefault(target.line, []).append(target)
    group = {target: target for target in targets}

    def root(target: _Target) -> _Target:
        while group[target] != target:
            target = group[target]
        return target

    for target in targets:
        word, unit = _word(lines, target), _unit_of(lines, target)
        index, bottom = target.line + 1, _bottom(lines[target.line])
        while index < len(lines):
            values = [t for t in by_line.get(index, []) if _overlaps(_word(lines, t), word)]
            text = [w for c in lines[index] for w in c if _overlaps(w, word)]
            if len(lines[index]) != len(lines[target.line]) or (text and not values):
                break
            if _top(lines[index]) - bottom > _ROW_GAP * max(8, word.height):
                break
            if values:
                other = _unit_of(lines, values[0])
                if known_unit(unit) and known_unit(other) and other != unit:
                    break
                group[root(values[0])] = root(target)
                break
            index, bottom = index + 1, _bottom(lines[index])
    columns: dict[_Target, list[_Target]] = {}
    for target in targets:
        columns.setdefault(root(target), []).append(target)
    return [sorted(column, key=lambda t: t.line) for column in columns.values()]


def _top(line: Line) -> int:
    return min(word.top for cell in line for word in cell)


def _bottom(line: Line) -> int:
    return max(word.bottom for cell in line for word in cell)


def _row(
    lines: list[Line], targets: Sequence[_Target], target: _Target, current: dict[_Target, str]
) -> list[str]:
    """The other values of the target's line, as currently read (with their units)."""
    return [
        _with_unit(lines, other, current[other])
        for other in targets
        if other.line == target.line and other != target
    ]


def _unit(lines: list[Line], target: _Target) -> str | None:
    return unit_after(lines[target.line][target.cell], target.word)


def _unit_of(lines: list[Line], target: _Target) -> str:
    number = parse_number(_word(lines, target).text, _unit(lines, target))
    return number.unit if number else ""


def _with_unit(lines: list[Line], target: _Target, text: str) -> str:
    unit = _unit(lines, target)
    return f"{text} {unit}" if unit else text


def _overlaps(a: PageWord, b: PageWord) -> bool:
    return a.left < b.right and b.left < a.right
