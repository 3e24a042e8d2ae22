"""Rows cut into words that remember their cell, and the n-gram lookup that finds phrases in them.

Every matcher (field labels, column headers, equipment synonyms, cue words) compares
*normalized keys*: lower-case, accents and punctuation dropped, words glued together. So
"Tag No.", "TAG-NO" and "tag no" are one key (`tagno`), and OCR that glues words
("CalibrationDue:") still matches "Calibration Due". A phrase is found by concatenating the keys
of consecutive tokens and looking the result up in a dict: no scan over the synonym lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from core.analysis.extraction.document import Cell, Row
from core.schemas import SourceLocation

V = TypeVar("V")

MAX_PHRASE_TOKENS = 6
_MAX_BRACKET = 5
_PROSE_WORDS = 4
_PROSE_LOWER_WORDS = 2
_PAGE_FOOTER = re.compile(r"\bpage\s*\d+\s*of\s*\d+\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;,]\s+[a-z]")

_WORD_SPLIT = re.compile(r"\s+")
_NON_KEY = re.compile(r"[\W_]+")
# "Tag:SWGR-1A" is a label glued to its value; "13:8" (OCR of 13.8) and "10:30" are not.
_GLUED_COLON = re.compile(r"(?<=[^\W\d_]|[)\].]):(?=\S)")
# Digits glued to a parenthesis ("3(nominal)") are two tokens.
_GLUED_PAREN = re.compile(r"(?<=\d)(?=\()")
# OCR draws table rules and underlines into words: "Tap_—s|" is "Tap", then a cell boundary.
_GLUED_BAR = re.compile(r"(?<=\S)\|(?=\s|$)|(?<=\s)\|(?=\S)")
_UNDERLINE = re.compile(r"_+(?=[^\w]|$)|(?<=[^\w])_+")
# Characters OCR and table rules leave at word edges; never part of a label or a number.
_EDGE_JUNK = "|‘’“”\"'«»_~©®•·¦!*"
_CELL_BARS = frozenset({"|", "||", "¦", "]", "["})
_PUNCTUATION_ONLY = re.compile(r"^[.,;:_~`'^]+$")
SHEET_ERROR = re.compile(
    r"#(?:REF!|DIV/0!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)|Err:\d{3}",
    re.IGNORECASE,
)
"""A spreadsheet's error value (Excel `#REF!`, LibreOffice `Err:522`): an unreadable cell."""
_COLON_ONLY = re.compile(r"^[=:.\-–—]*[:=][=:.\-–—]*$")


def normalize(text: str) -> str:
    """The matching key of a text: lower case, no accents, no punctuation or spaces."""
    lowered = text.lower()
    if not lowered.isascii():  # accents and look-alike symbols only outside ASCII
        lowered = unicodedata.normalize("NFKD", lowered.replace("∆", "δ"))
    return _NON_KEY.sub("", lowered)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """The word as found, minus OCR junk at its edges and a trailing label colon."""
    key: str
    cell: int
    """Index of the cell in its row."""
    segment: int
    """Cell boundaries and `|` table rules both start a new segment."""
    colon: bool
    """A colon (or `=`) followed this word: it ends a label."""
    paren: bool
    """Inside parentheses: a qualifier (unit, duration), never the start of a phrase."""


@dataclass(frozen=True, slots=True)
class Line:
    """One row as tokens, with helpers to get back to the cells a value came from."""

    index: int
    row: Row
    tokens: tuple[Token, ...]

    def cells_of(self, tokens: Iterable[Token]) -> list[Cell]:
        seen = sorted({token.cell for token in tokens})
        return [self.row.cells[i] for i in seen]

    def confidence_of(self, tokens: Sequence[Token]) -> float:
        cells = self.cells_of(tokens)
        return min((cell.confidence for cell in cells), default=1.0)

    def source_of(self, tokens: Sequence[Token]) -> SourceLocation:
        return self.row.cells[tokens[0].cell].source if tokens else self.row.source

    @property
    def text(self) -> str:
        return join(self.tokens)


def is_prose(line: Line) -> bool:
    """A sentence or a page footer, never a table row or header: "Ratios at 8 V excitation.",
    "Report for equipment TX-2 — page 1 of 1"."""
    if _PAGE_FOOTER.search(line.text):
        return True
    tokens = line.tokens
    if len(tokens) < _PROSE_WORDS or len({token.segment for token in tokens}) > 1:
        return False
    text = " ".join(cell.text for cell in line.row.cells).rstrip()
    lower_words = sum(token.text.isalpha() and token.text.islower() for token in tokens)
    return lower_words >= _PROSE_LOWER_WORDS and (text.endswith(".") or bool(_CLAUSE.search(text)))


def join(tokens: Iterable[Token]) -> str:
    return " ".join(token.text for token in tokens)


def render(tokens: Iterable[Token]) -> str:
    """The tokens as printed, label colons included ("Point-to-point: bar to frame")."""
    return " ".join(token.text + ":" if token.colon else token.text for token in tokens)


def tokenize(index: int, row: Row) -> Line:
    """Cut a row into tokens; each cell (and each `|`-ruled part of it) is its own segment."""
    tokens: list[Token] = []
    segment = -1
    for cell_index, cell in enumerate(row.cells):
        segment += 1
        if SHEET_ERROR.fullmatch(cell.text.strip()):
            # Kept whole: cut at its colon or stripped of its "!", it would read as a number.
            tokens.append(Token(cell.text.strip(), "", cell_index, segment, False, False))
            continue
        text = _GLUED_COLON.sub(": ", cell.text)
        text = _GLUED_BAR.sub(" | ", _UNDERLINE.sub(" ", _GLUED_PAREN.sub(" ", text)))
        words = [word for word in _WORD_SPLIT.split(text.strip()) if word]
        for word, paren in _bracketed(words):
            if word in _CELL_BARS:
                segment += 1
            elif _COLON_ONLY.match(word):
                _mark_colon(tokens, cell_index)
            elif (token := _make_token(word, cell_index, segment, paren)) is not None:
                tokens.append(token)
    return Line(index=index, row=row, tokens=tuple(tokens))


def _bracketed(words: Sequence[str]) -> list[tuple[str, bool]]:
    """Each word and whether it sits inside brackets. An opening bracket left unclosed within
    a few words is OCR noise ("[Phase", "(ee"): dropped, so it cannot swallow what follows."""
    marked = [(word, False) for word in words]
    position = 0
    while position < len(words):
        word = words[position]
        if not word.startswith(("(", "[")):
            position += 1
            continue
        end = position
        if not _closes(word[1:]):
            window = range(position + 1, min(position + _MAX_BRACKET, len(words)))
            end = next((i for i in window if _closes(words[i])), -1)
        if end < 0:
            marked[position] = (word.lstrip("(["), False)
            position += 1
            continue
        for covered in range(position, end + 1):
            marked[covered] = (words[covered], True)
        position = end + 1
    return marked


def _closes(word: str) -> bool:
    return ")" in word or "]" in word


def _mark_colon(tokens: list[Token], cell_index: int) -> None:
    """A lone ':' or '=:' (OCR) closes the label before it, when that label is in the same cell."""
    if tokens and tokens[-1].cell == cell_index and not tokens[-1].colon:
        last = tokens[-1]
        tokens[-1] = Token(last.text, last.key, last.cell, last.segment, True, last.paren)


def _make_token(word: str, cell: int, segment: int, paren: bool) -> Token | None:
    colon = word.endswith((":", "="))
    text = word.rstrip(":=").strip(_EDGE_JUNK)
    if text.endswith(":"):
        colon, text = True, text.rstrip(":").strip(_EDGE_JUNK)
    if not text or _PUNCTUATION_ONLY.match(text):
        return None
    return Token(text, normalize(text), cell, segment, colon, paren)


def match_phrase(
    tokens: Sequence[Token],
    start: int,
    table: Mapping[str, V],
    *,
    in_brackets: bool = False,
) -> tuple[int, V] | None:
    """The longest phrase of `table` starting at `start`, as (token count, value).

    A phrase never crosses a segment or a colon; nor a bracket unless `in_brackets` (labels and
    headers keep their units in brackets, but "(oil-filled)" still says what a transformer is).
    """
    first = tokens[start]
    if (first.paren and not in_brackets) or not first.key:
        return None
    prefixes = _prefixes(table)
    key = ""
    best: tuple[int, V] | None = None
    for offset in range(min(MAX_PHRASE_TOKENS, len(tokens) - start)):
        token = tokens[start + offset]
        if offset and (token.segment != first.segment or token.paren != first.paren):
            break
        key += token.key
        if key not in prefixes:
            break
        hit = table.get(key)
        if hit is not None:
            best = (offset + 1, hit)
        if token.colon:
            break
    return best


_PREFIX_CACHE: dict[int, tuple[Mapping[str, object], frozenset[str]]] = {}


def _prefixes(table: Mapping[str, object]) -> frozenset[str]:
    """Every prefix of every key of a phrase table, so a lookup stops as soon as no phrase can
    match. Computed once per table (the tables are module constants)."""
    cached = _PREFIX_CACHE.get(id(table))
    if cached is None or cached[0] is not table:
        prefixes = frozenset(key[:end] for key in table for end in range(1, len(key) + 1))
        cached = _PREFIX_CACHE[id(table)] = (table, prefixes)
    return cached[1]


def find_phrases(
    tokens: Sequence[Token], table: Mapping[str, V], *, in_brackets: bool = False
) -> list[tuple[int, int, V]]:
    """Every non-overlapping longest phrase of `table` in `tokens`, as (start, end, value)."""
    found: list[tuple[int, int, V]] = []
    position = 0
    while position < len(tokens):
        hit = match_phrase(tokens, position, table, in_brackets=in_brackets)
        if hit is None:
            position += 1
            continue
        length, value = hit
        found.append((position, position + length, value))
        position += length
    return found
