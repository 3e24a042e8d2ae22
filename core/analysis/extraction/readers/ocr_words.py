"""The words of an OCR'd page: grouped into lines and cells, and which of them are values.

A line splits into cells at a table rule (`|`) or at a horizontal gap wider than about two
character widths; specks and stray quote marks are dropped. A value is a number a re-read
may correct (`ocr_reread`): not the digits of a label ("Pole 1") or of a date.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis.extraction.readers.tesseract import TsvWord

_NUMBER_LIKE = re.compile(
    r"^[<>≤≥]?[-+]?(?:\d|[§$]\d|\.\d)[\dOolIsS§$.,]*[°º]?[A-Za-zΩµ%]{0,5}[.,:;]?$"
)
# Words after which a number is a value: a censor mark, or a label's colon ("Ambient: 21.0 °C").
_VALUE_AFTER = re.compile(r"(?:^[<>≤≥]=?$|:$)")
_UNIT_WORD = re.compile(r"^\(?[°º]?[A-Za-zΩµ%]{1,5}\)?$")
_GAP_IN_CHARS = 1.6
_NOISE_LETTERS_MAX = 2
_NOISE_LETTERS_CONFIDENCE = 20.0
_RULE_CHARS = frozenset("|[]!¦")
# A table rule or speck read as a curly quote glued to a word ("“Pole", "8.669”); report values
# carry no curly quotes, and a straight one only before a digit is noise too.
_QUOTE_EDGES = re.compile(r"^[“”‘’]+|[“”‘’]+$|^\"(?=\d)")
_NOISE_CHARS = frozenset("|[]!¦_~“”‘’\"'`.,:;-—=«»")


@dataclass(frozen=True, slots=True)
class PageWord:
    """One Tesseract word on the prepared page image, box in its pixels."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    """Tesseract's, 0–100."""
    repaired: bool = False
    """The text is a re-read's, chosen over the page's reading."""

    @property
    def height(self) -> int:
        return self.bottom - self.top


Cell = list[PageWord]
Line = list[Cell]


def is_number_like(text: str) -> bool:
    """A number as OCR may garble it ("36.2", "1.44mQ", "§2°C", "> 2,200"), not a label."""
    return bool(_NUMBER_LIKE.match(text)) and any(ch.isdigit() for ch in text)


def value_words(line: Line) -> list[tuple[int, int]]:
    """(cell, word) positions of the numbers in a line that are values, not part of a label:
    a cell's first word, or a number after a censor mark or a label's colon. "Pole 1",
    "November 25, 2025" and "Test Current (A)" hold none."""
    found: list[tuple[int, int]] = []
    for c, cell in enumerate(line):
        for w, word in enumerate(cell):
            if not is_number_like(word.text):
                continue
            if w == 0 or _VALUE_AFTER.search(cell[w - 1].text):
                found.append((c, w))
    return found


def unit_after(cell: Cell, index: int) -> str | None:
    """The unit printed as its own word right after the number at `index` ("mQ", "°C")."""
    if index + 1 < len(cell) and _UNIT_WORD.match(cell[index + 1].text):
        return cell[index + 1].text.strip("()")
    return None


def lines_from_words(words: Sequence[TsvWord]) -> list[Line]:
    """Tesseract's words grouped into lines (block, paragraph, line), then split into cells."""
    grouped: dict[tuple[int, int, int], list[PageWord]] = {}
    for word in words:
        text = _QUOTE_EDGES.sub("", unicodedata.normalize("NFC", word.text.strip()))
        if not text or word.conf < 0:
            continue
        box = (word.left, word.top, word.left + word.width, word.top + word.height)
        grouped.setdefault((word.block, word.par, word.line), []).append(
            PageWord(text, *box, word.conf)
        )
    lines = [_cells(sorted(line, key=lambda word: word.left)) for line in grouped.values()]
    return [line for line in lines if line]


def _cells(words: list[PageWord]) -> list[list[PageWord]]:
    """Split a line at table rules and at gaps wider than ~2 characters."""
    widths = [(w.right - w.left) / len(w.text) for w in words if w.text.isalnum()]
    char_width = statistics.median(widths) if widths else 10.0
    cells: list[list[PageWord]] = []
    current: list[PageWord] = []
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


def _is_letter_noise(word: PageWord) -> bool:
    """One or two letters Tesseract has almost no faith in ("i", "oe", "a" at conf 0): dirt or
    the stub of an erased rule. Digits are kept whatever their confidence: they may be values."""
    return (
        len(word.text) <= _NOISE_LETTERS_MAX
        and word.confidence < _NOISE_LETTERS_CONFIDENCE
        and not any(ch.isdigit() for ch in word.text)
    )


def _close(cells: list[list[PageWord]], current: list[PageWord]) -> list[PageWord]:
    if current:
        cells.append(current)
    return []
