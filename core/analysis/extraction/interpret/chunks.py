"""A table row cut into value groups ("2,500 MΩ", "3 (nominal)", "OL") and fitted to its columns.

Readers do not agree on cells: an XLSX row has one cell per column, a PDF text line is often one
string, an OCR line is words with `|` where the rules were. A row is therefore read as a
sequence of *chunks* — leading text (the point), then groups each starting with a number, an
over-range mark or a blank mark — and chunks are fitted to the header's columns: by sheet column
when cells carry one, else in order, skipping a column whose unit cannot be the chunk's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis.extraction.interpret.columns import (
    SKIPPED_ROLES,
    ColumnSpec,
    Role,
    is_point_name,
)
from core.analysis.extraction.interpret.positions import position_letters
from core.analysis.extraction.interpret.tokens import SHEET_ERROR, Line, Token, join
from core.analysis.extraction.units import UnitSpec, lookup_unit

_NUMERIC = re.compile(r"^[<>≥≤~＞]?\s*[-+−]?(?:\d|[.,]\d)")
_OVER = re.compile(r"^(?:>|≥|＞|∞|O\.?L\.?|0L|OVER|OVL|OFL|OVERRANGE|INF|NAN|INFINITY)$", re.I)
_BLANK = re.compile(r"^(?:N/?A|n\.a\.|-+|—|–|\?+|none|not tested|nt)$", re.IGNORECASE)
_COLUMN_LETTERS = re.compile(r"^([A-Za-z]+)\d*$")
# A word after which a number belongs to the name: "Pole 1", "Tap 3", "Rod #2", "Ground 2".
_NUMBERED = re.compile(
    r"(?:pole|phase|tap|position|point|rod|electrode|ground|circuit|bar|#|no\.?|joint|"
    r"connection|bushing|winding|cable|feeder|breaker|unit|sample|location|test|set|section|"
    r"bay|cubicle|compartment|item)$",
    re.IGNORECASE,
)
_MAX_UNIT_CHARS = 12
_THOUSANDS_HEAD = re.compile(r"^\d{1,3}$")
_THOUSANDS_TAIL = re.compile(r"^\d{3}(?:[.,]\d+)?$")

_EXPECTED_DIMENSION: dict[Role, frozenset[str]] = {
    Role.READING: frozenset({"resistance", "temperature"}),
    Role.MFR_MAX: frozenset({"resistance"}),
    Role.TEST_VOLTAGE: frozenset({"voltage"}),
    Role.HOT_SPOT: frozenset({"temperature"}),
    Role.REFERENCE: frozenset({"temperature"}),
    Role.AMBIENT: frozenset({"temperature"}),
    Role.DELTA: frozenset({"temperature"}),
    Role.LOAD: frozenset({"percent"}),
    Role.DISTANCE: frozenset({"percent"}),
    Role.DURATION: frozenset({"time"}),
    Role.PI: frozenset(),
    Role.DAR: frozenset(),
    Role.NAMEPLATE: frozenset({"voltage"}),
    Role.TAP: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Chunk:
    tokens: tuple[Token, ...]
    kind: str
    """"text" (a name), "value" (a number or over-range mark with its unit) or "blank"."""

    @property
    def text(self) -> str:
        return join(self.tokens)


def is_numeric(token: Token) -> bool:
    return bool(_NUMERIC.match(token.text))


def _starts_value(token: Token) -> str | None:
    if token.paren:
        return None
    if is_numeric(token) or _OVER.match(token.text):
        return "value"
    if _BLANK.match(token.text) or SHEET_ERROR.fullmatch(token.text):
        return "blank"  # a spreadsheet error (#REF!) is an unreadable cell, never a number
    return None


def is_unit_text(text: str) -> bool:
    """A unit written alone ("MΩ", "ohms", "°C"), as in a cell of its own."""
    return len(text) <= _MAX_UNIT_CHARS and lookup_unit(text.strip("()[]")) is not None


def chunk(tokens: Sequence[Token]) -> list[Chunk]:
    """Leading words form a text chunk; each number, mark or blank starts a new chunk."""
    chunks: list[Chunk] = []
    current: list[Token] = []
    kind = "text"
    for token in tokens:
        starts = _starts_value(token)
        new_segment = bool(current) and token.segment != current[-1].segment
        if new_segment and kind == "value" and is_unit_text(token.text):
            new_segment = False  # "2,500 | MΩ": the unit cell belongs to the number
        glued_mark = kind == "value" and len(current) == 1 and current[0].text in (">", "≥", "＞")
        if current and (new_segment or (starts and not glued_mark)):
            chunks.append(Chunk(tuple(current), kind))
            current = []
        if not current:
            kind = starts or "text"
        current.append(token)
    if current:
        chunks.append(Chunk(tuple(current), kind))
    return chunks


def unit_of(chunk_: Chunk) -> UnitSpec | None:
    """The unit written in a value chunk ("2,500 MΩ", "(µΩ)", glued "40µΩ"), or None."""
    for token in chunk_.tokens[1:]:
        spec = lookup_unit(token.text.strip("()[]"))
        if spec is not None:
            return spec
    head = re.sub(r"^[<>≥≤~＞\s\-+−\d.,']+", "", chunk_.tokens[0].text)
    return lookup_unit(head) if head else None


def dimension_of(chunk_: Chunk) -> str | None:
    """The dimension of the unit written in a value chunk ("2,500 MΩ" → resistance)."""
    spec = unit_of(chunk_)
    return spec.dimension if spec is not None else None


def fits(spec: ColumnSpec, chunk_: Chunk) -> bool:
    """Whether a chunk could be this column's value, judged by the unit written in it."""
    if chunk_.kind == "text":
        return spec.role in SKIPPED_ROLES or spec.role in (Role.POINT, Role.UNIT, Role.TAP)
    dimension = dimension_of(chunk_)
    expected = _EXPECTED_DIMENSION.get(spec.role)
    if dimension is None or expected is None:
        return True
    if spec.role is Role.READING and dimension == "percent":
        return False
    return dimension in expected


def column_letters(line: Line, token: Token) -> str | None:
    """The sheet column of a token's cell (XLSX/CSV readers give `B17`; a PDF text cell's grid
    column stands in for one, `positions`), or None."""
    cell = line.row.cells[token.cell]
    match = _COLUMN_LETTERS.match(cell.source.cell) if cell.source.cell else None
    return match.group(1).upper() if match else position_letters(cell)


def split_name(chunks: list[Chunk], value_columns: int) -> tuple[list[Chunk], list[Chunk]]:
    """(name chunks, value chunks): leading text, plus numbers that belong to it ("Pole 1")."""
    cut = 0
    while cut < len(chunks) and chunks[cut].kind == "text":
        cut += 1
    name, values = chunks[:cut], chunks[cut:]
    while len(values) > value_columns and _takes_number(name, values[0]):
        name, values = [*name, values[0]], values[1:]
    return name, merge_thousands(values, value_columns)


def _takes_number(name: list[Chunk], candidate: Chunk) -> bool:
    if candidate.kind != "value":
        return False
    if not name:
        return True  # "1 min 2500 3100 2800": the extra leading group labels the row
    text = " ".join(c.text for c in name)
    return not is_point_name(text) and bool(_NUMBERED.search(text))


def merge_thousands(values: list[Chunk], wanted: int) -> list[Chunk]:
    """Rejoin "2 500 MΩ" that a space split, while a row holds more groups than columns."""
    merged = list(values)
    index = 0
    while len(merged) > wanted and index < len(merged) - 1:
        left, right = merged[index], merged[index + 1]
        if (
            len(left.tokens) == 1
            and _THOUSANDS_HEAD.match(left.tokens[0].text)
            and _THOUSANDS_TAIL.match(right.tokens[0].text)
            and left.tokens[0].segment == right.tokens[0].segment
        ):
            merged[index : index + 2] = [Chunk(left.tokens + right.tokens, "value")]
            continue
        index += 1
    return merged


def assign(specs: Sequence[ColumnSpec], values: list[Chunk]) -> list[tuple[ColumnSpec, Chunk]]:
    """Fit value chunks to columns in order; a column the chunk cannot fit is left empty."""
    pairs: list[tuple[ColumnSpec, Chunk]] = []
    surplus = len(values) - len(specs)
    if surplus > 0:  # words the header gave no column ("Pass", a component name) go first
        texts = [i for i, piece in enumerate(values) if piece.kind == "text"][-surplus:]
        values = [piece for i, piece in enumerate(values) if i not in texts]
    if len(values) > len(specs):
        values = values[len(values) - len(specs) :]  # an unlabelled leading column (tap, No.)
    column = 0
    spare = len(specs) - len(values)
    for value in values:
        while column < len(specs) and spare > 0 and not fits(specs[column], value):
            column += 1
            spare -= 1
        if column >= len(specs):
            break
        pairs.append((specs[column], value))
        column += 1
    return pairs


def by_segment(tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens of each cell (or `|`-ruled part of one), in order."""
    cells: list[list[Token]] = []
    for token in tokens:
        if cells and cells[-1][-1].segment == token.segment:
            cells[-1].append(token)
        else:
            cells.append([token])
    return cells


def cell_chunk(tokens: list[Token]) -> Chunk:
    """A whole cell as one chunk: a value when a number or mark is in it, else text."""
    kinds = [piece.kind for piece in chunk(tokens)]
    kind = "value" if "value" in kinds else ("blank" if "blank" in kinds else "text")
    return Chunk(tuple(tokens), kind)
