"""Which reading of a scanned number to believe: the page's or a re-read's, judged by its row.

A number on a scan can lose a faint decimal point (36.2 read 362), gain a digit from a degree
sign (52 °C read 520) or a prefix from its unit (1.44 mΩ read 1.44 MΩ). Each cell comes with
its readings, the page's first; a column of cells is settled together, so two misread cells
cannot outvote a third. For every reading in the column a hypothesis "the column looks like
this" (its order of magnitude, decimals and unit) is tried; each cell takes its best reading
under it, the hypothesis whose cells fit best wins, and a cell keeps the page's reading unless
another is clearly better under it (MARGIN). A reading is weighed by:

- legibility: Tesseract's confidence, and how many independent reads agree on it;
- a printed difference: the row holds two more numbers and the reading makes a − b = c;
- magnitude, decimals and unit against the column's hypothesis;
- being a number at all ("§2", "4g:" are not).

A read's digits with the decimal point put back ("866" → "86.6") are weighed too, when the
row has a difference to complete or every other cell of the column can have that many
decimals, and taken only when the point completes the difference or brings the number half a
decade nearer its column. Pure functions, no Tesseract: `ocr_reread` gathers the readings.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis.extraction.numbers import digits

_READING = re.compile(
    r"^(?P<censor>[<>≤≥]=?)?(?P<sign>[-+])?(?P<body>\d+(?:[.,]\d+)*|[.,]\d+)"
    r"(?P<unit>[°º]?[A-Za-zΩµ%]{0,6}|\(?[°º]?[A-Za-zΩµ%]{1,6}\))$"
)
_TRAILING_PUNCTUATION = re.compile(r"[.,;:]+$")
_OHM = re.compile(r"^(?P<prefix>[mMkKGuµ]?)(?:Ω|ohms?|Ohms?|OHMS?|(?<=[mMkKGuµ])[QO])$")
_PREFIX = {"": 1.0, "m": 1e-3, "M": 1e6, "k": 1e3, "G": 1e9, "µ": 1e-6}
_SEPARATED = re.compile(r"[^\d.,]")
_DIGITS = re.compile(r"\D")
_THREE_AFTER = re.compile(r"[.,]\d{3}(?!\d)")
_KNOWN_UNITS = frozenset({"°C", "°F", "°", "%", "V", "kV", "A", "mA"})
_DEGREES = {"°C": "°C", "ºC": "°C", "C": "°C", "°F": "°F", "ºF": "°F", "F": "°F"}

DIFFERENCE_WEIGHT = 3.0
DECADE_WEIGHT = 1.0
MAX_DECADES = 3.0
SHAPE_WEIGHT = 0.5
UNIT_MATCH, UNIT_MISMATCH = 0.5, 1.0
NOT_A_NUMBER = 10.0
UNKNOWN_UNIT = 1.0
CONFIDENCE_WEIGHT = 0.3
AGREEMENT_WEIGHT = 0.6
"""Two re-reads that agree outweigh the page's reading when nothing else tells."""
RESTORED_POINT = 0.5
"""What a decimal point no read saw costs: it must be worth it to the row or the column."""
MIN_DECADE_GAIN = 0.5
MARGIN = 0.5
"""How much better another reading must fit before it replaces the page's."""


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    confidence: float
    """Tesseract's, 0–100."""
    votes: int = 1
    """How many independent reads gave this text."""
    restored: bool = False
    """Not read but made: a read's digits with the decimal point its column or row implies."""


@dataclass(frozen=True, slots=True)
class Context:
    """What the page prints around one number, as texts ("35.9", "1.41 mΩ")."""

    column: Sequence[str] = ()
    """The numbers above and below it in the same column (other rows of its table)."""
    row: Sequence[str] = ()
    """The other numbers of its row, for a printed difference (hot, reference, ΔT)."""
    unit: str | None = None
    """A unit printed beside the number as its own word, for a reading that carries none."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One cell of a column: its readings (the page's first), its row, the unit beside it."""

    readings: Sequence[Candidate]
    row: Sequence[str] = ()
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    decimals: int
    unit: str
    """Normalized: "mΩ", "°C", "%", or "" for a bare number."""
    scale: float
    """What one unit is in its base unit (1e-3 for mΩ); 1 for a unit with no prefix."""

    @property
    def magnitude(self) -> float | None:
        """log10 of the value as printed (a column prints one unit; its prefix, when the OCR
        misread it, is judged by the unit, not here); None for zero."""
        return math.log10(abs(self.value)) if self.value else None


@dataclass(frozen=True, slots=True)
class _Shape:
    magnitude: float
    decimals: int
    unit: str


def parse_number(text: str, unit_beside: str | None = None) -> Number | None:
    """The number a cell's text holds ("1.44 mQ", "52°C", "> 2,200"), None when it is none."""
    compact = _TRAILING_PUNCTUATION.sub("", text.replace(" ", ""))
    match = _READING.match(compact)
    if match is None:
        return None
    plain = digits(match.group("body"), None)
    if plain is None:
        return None
    value = float(plain) * (-1 if match.group("sign") == "-" else 1)
    decimals = len(plain.partition(".")[2])
    unit, scale = normalize_unit(match.group("unit") or unit_beside or "")
    return Number(value, decimals, unit, scale)


def normalize_unit(text: str) -> tuple[str, float]:
    """One spelling per unit, and its prefix's factor: "mQ" -> ("mΩ", 0.001)."""
    text = text.strip()
    ohm = _OHM.match(text)
    if ohm is not None:
        prefix = ohm.group("prefix").replace("u", "µ").replace("K", "k")
        return prefix + "Ω", _PREFIX[prefix]
    return _DEGREES.get(text, text), 1.0


def known_unit(text: str) -> bool:
    """Whether a unit is one reports print ("mQ" is, as Tesseract's mΩ; "m" alone is not)."""
    unit, _ = normalize_unit(text)
    return unit.endswith("Ω") or unit in _KNOWN_UNITS


def choose(candidates: Sequence[Candidate], context: Context) -> Candidate:
    """The reading to keep for one cell whose neighbours are read as printed."""
    neighbours = [Slot([Candidate(text, 100.0)], unit=context.unit) for text in context.column]
    return choose_column([Slot(candidates, context.row, context.unit), *neighbours])[0]


def choose_column(column: Sequence[Slot]) -> list[Candidate]:
    """The reading to keep for each cell of a column: the page's unless another fits clearly
    better under the hypothesis about the column that fits its cells best."""
    pools = [[*slot.readings, *_restored(slot, column)] for slot in column]
    judge = _Judge(DECADE_WEIGHT if len(column) >= 3 else DECADE_WEIGHT / 2, len(column) >= 3)
    shapes: list[_Shape | None] = [None]
    if len(column) >= 2:
        found = [_shape(c, slot) for pool, slot in zip(pools, column, strict=True) for c in pool]
        shapes = [shape for shape in found if shape] or [None]

    def total(shape: _Shape | None) -> float:
        return sum(
            max(judge.fit(c, slot, shape) for c in pool)
            for pool, slot in zip(pools, column, strict=True)
        )

    best = max(shapes, key=total)
    chosen: list[Candidate] = []
    for pool, slot in zip(pools, column, strict=True):
        page = pool[0]
        pick = max(pool, key=lambda c: (judge.fit(c, slot, best), c is page))
        chosen.append(pick if judge.replaces(pick, page, slot, best) else page)
    return chosen


@dataclass(frozen=True, slots=True)
class _Judge:
    decade_weight: float
    full: bool
    """Three cells or more: enough for the column's decimals and unit to tell."""

    def fit(
        self, candidate: Candidate, slot: Slot, shape: _Shape | None, legible: bool = True
    ) -> float:
        """How well a reading fits its row and the column's shape, and how legible it is."""
        tally = 0.0
        if legible:
            tally += CONFIDENCE_WEIGHT * max(0.0, min(candidate.confidence, 100.0)) / 100
            tally += AGREEMENT_WEIGHT * (candidate.votes - 1)
            tally -= RESTORED_POINT if candidate.restored else 0.0
        number = parse_number(candidate.text, slot.unit)
        if number is None:
            return tally - NOT_A_NUMBER
        if number.unit and not known_unit(number.unit):
            tally -= UNKNOWN_UNIT  # "4g" for 41.9
        if completes_difference(number, _numbers(slot.row)):
            tally += DIFFERENCE_WEIGHT
        if shape is None:
            return tally
        tally -= self.decade_weight * _decades(number, shape)
        if self.full:
            tally += SHAPE_WEIGHT if number.decimals == shape.decimals else -SHAPE_WEIGHT
            if known_unit(shape.unit) and known_unit(number.unit):
                tally += UNIT_MATCH if number.unit == shape.unit else -UNIT_MISMATCH
        return tally

    def replaces(self, pick: Candidate, page: Candidate, slot: Slot, shape: _Shape | None) -> bool:
        # "1,418" and "1.418" look alike to every read: only the row or the column can tell.
        legible = not grouping_or_decimal(pick.text, page.text)
        gain = self.fit(pick, slot, shape, legible) - self.fit(page, slot, shape, legible)
        if pick is page or gain < MARGIN:
            return False
        number, before = parse_number(pick.text, slot.unit), parse_number(page.text, slot.unit)
        if number is None:
            return False
        if before is not None and (number.value, number.scale) == (before.value, before.scale):
            return False  # the same number: nothing to repair
        if completes_difference(number, _numbers(slot.row)):
            return True
        if before is None and shape is not None and _decades(number, shape) >= 1:
            return False  # garbled on the page, and no read fits the column either
        if not pick.restored:
            return True
        if before is None or shape is None:
            return shape is not None
        return _decades(before, shape) - _decades(number, shape) >= MIN_DECADE_GAIN


def _shape(candidate: Candidate, slot: Slot) -> _Shape | None:
    number = parse_number(candidate.text, slot.unit)
    if number is None or number.magnitude is None:
        return None
    return _Shape(number.magnitude, number.decimals, number.unit)


def _decades(number: Number, shape: _Shape) -> float:
    """How many orders of magnitude the number is from the column's (0 for zero)."""
    magnitude = number.magnitude
    return 0.0 if magnitude is None else min(MAX_DECADES, abs(magnitude - shape.magnitude))


def _restored(slot: Slot, column: Sequence[Slot]) -> list[Candidate]:
    """Each whole-number read ("866") with a decimal point put back: anywhere when the row has
    a difference to complete, else where the column's numbers have theirs, when every other
    cell of the column can have that many decimals."""
    others = [other for other in column if other is not slot]
    shared: set[int] | None = None
    for other in others:
        places = {n.decimals for n in _numbers([c.text for c in other.readings], other.unit)}
        shared = places if shared is None else shared & places
    decimals = sorted(d for d in shared or set() if d > 0) if len(others) >= 2 else []
    row = _numbers(slot.row)
    row_has_difference = len(row) >= 2
    made: list[Candidate] = []
    for candidate in slot.readings:
        body = candidate.text.rstrip("°ºCF ")
        if not body.isdigit() or len(body) < 2:
            continue
        texts = [
            f"{body[:cut]}.{body[cut:]}{candidate.text[len(body) :]}" for cut in range(1, len(body))
        ]
        for text in texts:
            number = parse_number(text, slot.unit)
            if number is None:
                continue
            if (row_has_difference and completes_difference(number, row)) or (
                number.decimals in decimals
            ):
                made.append(Candidate(text, candidate.confidence, candidate.votes, restored=True))
    return made


def grouping_or_decimal(first: str, second: str) -> bool:
    """Whether two readings differ only in a separator before three digits ("3,460" and
    "3.460", "1418" and "1.418"): a thousands group or a decimal point, which no read tells."""
    a, b = _SEPARATED.sub("", first), _SEPARATED.sub("", second)
    if a == b or _DIGITS.sub("", a) != _DIGITS.sub("", b):
        return False
    return bool(_THREE_AFTER.search(a) or _THREE_AFTER.search(b))


def _numbers(texts: Sequence[str], unit: str | None = None) -> list[Number]:
    return [number for number in (parse_number(text, unit) for text in texts) if number]


def completes_difference(number: Number, row: Sequence[Number]) -> bool:
    """Whether the number and two others of its row print a difference: a − b = c."""
    for first, second in itertools.permutations(row, 2):
        places = max(number.decimals, first.decimals, second.decimals)
        tolerance = 0.6 * 10.0**-places
        if abs(abs(first.value - second.value) - abs(number.value)) <= tolerance:
            return True
        if abs(abs(number.value - first.value) - abs(second.value)) <= tolerance:
            return True
    return False
