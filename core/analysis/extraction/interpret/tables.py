"""Table headers: which rows are headers, their columns, and two-row headers merged into one.

A header is a row whose parts name columns (`columns.classify`) with at least one value
column, no number outside a unit, a duration or a point name, and no colon, title word or
sentence. A header cell naming nothing known keeps its place as an ignored column, so cells stay
aligned. Two or more point columns (`Phase | A | B | C`) make a phases-as-columns table. The
rows under a header are read by `rows`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from core.analysis.extraction.interpret.chunks import column_letters, is_numeric
from core.analysis.extraction.interpret.columns import (
    ROLES,
    SKIPPED_ROLES,
    VALUE_ROLES,
    ColumnSpec,
    Role,
    classify,
    duration_in,
    is_point_name,
    without_durations,
)
from core.analysis.extraction.interpret.records import Column
from core.analysis.extraction.interpret.tokens import (
    Line,
    Token,
    is_prose,
    join,
    match_phrase,
    normalize,
)
from core.analysis.extraction.values import unit_of_header

_NUMBERED_NAME = re.compile(r"\b(?:pole|phase|tap|position|point|rod|no\.?)\s*#?\s*\d+", re.I)
_QUALIFIERS = frozenset({Role.AMBIENT, Role.REFERENCE})
# Words that make a line a title ("Ground Resistance Test Report"), never a column header.
_TITLE_WORDS = frozenset({"report", "certificate", "worksheet", "datasheet", "summary"})
_LOOSE_NUMBER = re.compile(r"(?<![\w./-])[-+]?\d")
_POINT_CAPTIONS = frozenset({"pole", "poles", "phase", "phases"})
_BARE_POINT = re.compile(r"\d|[A-Ca-c]")
_POLE_COLUMN = re.compile(r"P\d{1,2}")
_MIN_POLE_COLUMNS = 2


def _group_size(tokens: Sequence[Token], start: int) -> tuple[int, bool]:
    """(tokens in the column phrase starting here, whether it must start a new column)."""
    for size in (2, 1):
        part = tokens[start : start + size]
        one_cell = len(part) == size and len({t.segment for t in part}) == 1
        if one_cell and not part[0].paren and is_point_name(join(part)):
            # "Phase A" is one point; "Phase A-G B-G" is a label column, then points.
            if size == 2 and len(part[1].text) > 1 and is_point_name(part[1].text):
                continue
            return size, True
    hit = match_phrase(tokens, start, ROLES)
    if hit is not None:
        qualifier = hit[1] in _QUALIFIERS and _follows_delta(tokens, start)
        return hit[0], not qualifier
    if not tokens[start].paren and duration_in(join(tokens[start : start + 2])) is not None:
        return (2 if is_numeric(tokens[start]) else 1), True
    return 1, False


def _follows_delta(tokens: Sequence[Token], start: int) -> bool:
    """True after a ΔT name: in "ΔT over ambient" the reference qualifies the ΔT column."""
    before = [t for t in tokens[:start] if t.segment == tokens[start].segment]
    spec = classify(before[-3:]) if before else None
    return spec is not None and spec.role is Role.DELTA


def split_header(tokens: Sequence[Token]) -> list[list[Token]]:
    """Cut a header into column phrases: at cell boundaries and where a new column name starts."""
    groups: list[list[Token]] = []
    position = 0
    while position < len(tokens):
        segment = tokens[position].segment
        # Only a whole cell can be a qualified reading: the cell is gathered at its start only,
        # so a cell of thousands of tokens is not copied again at each of them.
        if not position or tokens[position - 1].segment != segment:
            cell = [t for t in tokens[position:] if t.segment == segment]
            if _qualified_reading(cell, tokens, position):
                groups.append(cell)
                position += len(cell)
                continue
        size, starts = _group_size(tokens, position)
        part = list(tokens[position : position + size])
        current = groups[-1] if groups else None
        new_cell = current is None or part[0].segment != current[-1].segment
        if new_cell or (starts and _new_column(current or [], part)):
            groups.append(part)
        else:
            assert current is not None
            current.extend(part)
        position += size
    return groups


def _qualified_reading(cell: list[Token], tokens: Sequence[Token], position: int) -> bool:
    """A whole cell naming a reading, its unit and its point ("IR Pole to Ground (MΩ)") is one
    column, not a reading column then a point column."""
    if position and tokens[position - 1].segment == cell[0].segment:
        return False
    spec = classify(cell)
    return spec is not None and spec.role is Role.READING and bool(spec.unit and spec.point)


def _new_column(current: list[Token], part: list[Token]) -> bool:
    """A column name starts a new column after a named one, except a second name for the point
    ("Point-to-point continuity" is one column; "Reference Reference Temp." are two)."""
    named = classify(current)
    if named is None:
        return False
    following = classify(part)
    return following is None or following.role is not named.role or named.role is not Role.POINT


def parse_header(line: Line) -> list[Column] | None:
    """The columns a header row names, or None when the row is not a header."""
    tokens = line.tokens
    if len(tokens) < 2 or any(t.colon or t.key in _TITLE_WORDS for t in tokens) or is_prose(line):
        return None
    numbered = _numbered_points(tokens)
    tokens = tuple(numbered) if numbered else tokens
    groups = split_header(tokens)
    specs = _pole_columns(groups, [classify(group) for group in groups])
    if any(
        _stray_number(group)
        for spec, group in zip(specs, groups, strict=True)
        if spec is None or spec.role not in SKIPPED_ROLES
    ):
        return None
    if sum(spec is not None and spec.role is Role.POINT_NAME for spec in specs) >= 2:
        specs = _name_across(groups, specs)
    unknown = sum(len(group) for spec, group in zip(specs, groups, strict=True) if spec is None)
    roles = [spec.role for spec in specs if spec is not None]
    has_values = any(role in VALUE_ROLES for role in roles) or roles.count(Role.POINT_NAME) >= 2
    if len(roles) < 2 or not has_values or unknown * 3 > len(tokens):
        return None
    return [
        Column(spec or _unnamed_column(group), column_letters(line, group[0]), group[0].segment)
        for spec, group in zip(specs, groups, strict=True)
        if spec is not None or _own_cell(group, line)
    ]


def _numbered_points(tokens: Sequence[Token]) -> list[Token] | None:
    """ "Pole | 1 | 2 | 3": a caption and bare numbers or letters are points named "Pole 1" …"""
    caption = tokens[0]
    rest = tokens[1:]
    if caption.key not in _POINT_CAPTIONS or len(rest) < 2:
        return None
    if any(t.segment == caption.segment for t in rest):
        return None
    if not all(_BARE_POINT.fullmatch(t.text) for t in rest):
        return None
    name = caption.text.rstrip("sS").capitalize()
    return [caption] + [
        replace(t, text=f"{name} {t.text}", key=normalize(f"{name} {t.text}")) for t in rest
    ]


def _pole_columns(
    groups: list[list[Token]], specs: list[ColumnSpec | None]
) -> list[ColumnSpec | None]:
    """ "P1 | P2 | P3", "P1 (P1-P2)": numbered pole columns are points when two or more stand
    in the header — alone, "P2" is the potential probe of a fall-of-potential test."""
    names = [join(token for token in group if not token.paren) for group in groups]
    poles = [bool(_POLE_COLUMN.fullmatch(name)) for name in names]
    if sum(poles) < _MIN_POLE_COLUMNS:
        return specs
    return [
        ColumnSpec(Role.POINT_NAME, join(group), unit_of_header(join(group)), point=name)
        if pole
        else spec
        for spec, group, name, pole in zip(specs, groups, names, poles, strict=True)
    ]


def _own_cell(group: list[Token], line: Line) -> bool:
    return all(token.segment == group[0].segment for token in group) and (
        sum(token.segment == group[0].segment for token in line.tokens) == len(group)
    )


def _unnamed_column(group: list[Token]) -> ColumnSpec:
    """A header cell naming nothing we know still holds a column: keep the cells aligned."""
    return ColumnSpec(Role.IGNORE, join(group))


def _stray_number(group: Sequence[Token]) -> bool:
    """A number that is no duration ("30 s") or numbered name ("Pole 1"): a data row or prose."""
    text = without_durations(" ".join(t.text for t in group if not t.paren))
    return bool(_LOOSE_NUMBER.search(_NUMBERED_NAME.sub(" ", text)))


def _name_across(
    groups: list[list[Token]], specs: list[ColumnSpec | None]
) -> list[ColumnSpec | None]:
    """Phases as columns: an unnamed cell among the points is a point too ("HV-(LV+GND)"), and
    one before them is a caption naming what the points belong to ("Output breaker lugs")."""
    named: list[ColumnSpec | None] = []
    seen_point = False
    for spec, group in zip(specs, groups, strict=True):
        text = join(group)
        if spec is None and seen_point:
            spec = ColumnSpec(Role.POINT_NAME, text, point=text)
        elif spec is None and not named:
            spec = ColumnSpec(Role.POINT, text, point=text)
        seen_point = seen_point or (spec is not None and spec.role is Role.POINT_NAME)
        named.append(spec)
    return named


def one_cell_per_column(columns: list[Column], line: Line) -> bool:
    segments = {token.segment for token in line.tokens}
    return len(segments) == len(columns) == len({col.segment for col in columns})


def merge_subheader(parent: list[Column], sub: list[Column]) -> list[Column]:
    """Two header rows as one: sub-columns refine the value column above them.

    `Insulation Resistance (MΩ)` over `30 s | 1 min | 10 min` gives three timed readings in MΩ.
    """
    by_letters = all(col.letters for col in parent + sub)
    kept = [col for col in parent if col.spec.role not in VALUE_ROLES]
    if by_letters:
        covered = {col.letters for col in sub}
        kept = [col for col in parent if col.letters not in covered]
    unit = next((c.spec.unit for c in parent if c.spec.role in VALUE_ROLES and c.spec.unit), None)
    refined = [
        Column(replace(col.spec, unit=col.spec.unit or unit), col.letters)
        if col.spec.role in VALUE_ROLES or col.spec.role is Role.POINT_NAME
        else col
        for col in (_under_skipped(parent, sub) if by_letters else sub)
    ]
    merged = kept + refined
    if by_letters:
        merged.sort(key=lambda col: (len(col.letters or ""), col.letters or ""))
    return merged


def _under_skipped(parent: list[Column], sub: list[Column]) -> list[Column]:
    """Sub-columns under a skipped parent are skipped too: `0.5 Min. | 1 Min.` under
    `Temperature Corrected`, `Value | Units` under `Table 100.5 Criteria`."""
    order = sorted(parent, key=_letter_order)
    skipped: list[Column] = []
    for col in sub:
        above = [p for p in order if _letter_order(p) <= _letter_order(col)]
        role = above[-1].spec.role if above else None
        if role in SKIPPED_ROLES and role is not Role.IGNORE and col.spec.role is not Role.UNIT:
            col = Column(replace(col.spec, role=role), col.letters, col.segment)
        skipped.append(col)
    return skipped


def _letter_order(col: Column) -> tuple[int, str]:
    return len(col.letters or ""), col.letters or ""


def is_subheader(parent: list[Column], sub: list[Column]) -> bool:
    """A second header row that splits a value column rather than starting a new table (its
    units and criteria columns beside the split ones: `0.5 Min. | 1 Min. | Value | Units`)."""
    if any(col.spec.role is Role.POINT for col in sub):
        return False
    # Pole columns under `Measured Values | Temperature Corrected` (the breaker form), when
    # sheet column letters say which parent each one is under.
    poles = all(col.letters for col in parent + sub) and not any(
        col.spec.role is Role.POINT_NAME for col in parent
    )
    splits = [
        col
        for col in sub
        if col.spec.role in VALUE_ROLES
        or col.spec.duration_s
        or (poles and col.spec.role is Role.POINT_NAME)
    ]
    others_fit = all(
        col in splits or col.spec.role is Role.UNIT or col.spec.role in SKIPPED_ROLES for col in sub
    )
    return bool(splits) and others_fit and any(col.spec.role in VALUE_ROLES for col in parent)
