"""Table rows → records, with phases down the rows or across the columns.

Cells are paired with columns by sheet column letter when the reader gives one, cell by cell
when the header had one cell per column and the row as many, else in order (`chunks`): leading
words name the point, value groups fill the columns, right-aligned under the points of a
phases-as-columns table so the row label can hold numbers ("Tap 3", "1 min").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.analysis.extraction.interpret.chunks import (
    Chunk,
    assign,
    by_segment,
    cell_chunk,
    chunk,
    column_letters,
    is_numeric,
    is_unit_text,
    split_name,
    unit_of,
)
from core.analysis.extraction.interpret.columns import (
    ROLES,
    TEXT_ROLES,
    ColumnSpec,
    Role,
    classify,
    duration_in,
    is_point_name,
)
from core.analysis.extraction.interpret.records import Item, Record, Table
from core.analysis.extraction.interpret.tokens import (
    Line,
    Token,
    find_phrases,
    is_prose,
    join,
    render,
)

Pairs = list[tuple[ColumnSpec, Chunk]]
_POINT_SPEC = ColumnSpec(Role.POINT, "")
_UNIT_SPEC = ColumnSpec(Role.UNIT, "")
_READING = ColumnSpec(Role.READING, "")
_MIN_SPLIT_COLUMNS = 3
_MARKS = frozenset({">", "<", "≥", "≤", "＞"})


def read_row(table: Table, line: Line) -> bool:
    """Add the records of one data row to the table; False when the row holds no value."""
    chunks = chunk(line.tokens)
    if is_prose(line) or _lone_cell(table, line, chunks) or _no_readings(table, line):
        return False
    if not any(c.kind in ("value", "blank") for c in chunks):
        return False
    if table.across:
        read_across(table, line, chunks)
    else:
        _read_down(table, line, chunks)
    return True


def _no_readings(table: Table, line: Line) -> bool:
    """A row under the readings that holds none: "Table 100.1 Criteria: | ≥ | 25 | MΩ" (the
    limit they are judged by), or a PI/DAR under a table of readings ("Polarization Index |
    Ratio of 10 Minute to 1 Minute | 2.0"), which ends the table and is read as a field."""
    label = classify(by_segment(line.tokens)[0])
    if label is None:
        return False
    return label.role is Role.CRITERIA or (
        not table.across and label.role in (Role.PI, Role.DAR) and label.duration_s is None
    )


def _lone_cell(table: Table, line: Line, chunks: list[Chunk]) -> bool:
    """One cell under a header printed in three or more cells is a remark, not a row — unless
    it starts with a test point ("A-G 1,000 2,500 MΩ" that the reader did not split)."""
    if not table.segmented or len(table.columns) < _MIN_SPLIT_COLUMNS:
        return False
    if len({token.segment for token in line.tokens}) > 1:
        return False
    return not (chunks[0].kind == "text" and is_point_name(chunks[0].text))


def cells_by_column(table: Table, line: Line, chunks: list[Chunk] | None = None) -> Pairs:
    """The row's value groups, each with the column it sits under, as `_read_down` pairs them."""
    return (
        _by_letters(table, line)
        or _by_segments(table, line)
        or _by_order(table, chunks if chunks is not None else chunk(line.tokens))
    )


def _read_down(table: Table, line: Line, chunks: list[Chunk]) -> None:
    pairs = cells_by_column(table, line, chunks)
    names = [render(c.tokens) for s, c in pairs if s.role is Role.POINT]
    point = " / ".join(names) or _leading_label(table, chunks, pairs)
    items = [
        Item(s, c, line)
        for s, c in pairs
        if s.role is not Role.POINT and (c.kind == "value" or s.role in TEXT_ROLES)
    ]
    table.records.append(Record(point, items, line, table.header.text))


def _leading_label(table: Table, chunks: list[Chunk], pairs: Pairs) -> str | None:
    """A header without a point column ("0.5 Min. | 1 Min. | 10 Min." under a caption) still
    names each row by the text before its values: "Primary to Ground 3850 4620 6010"."""
    if any(col.spec.role is Role.POINT for col in table.columns) or not chunks:
        return None
    first = chunks[0]
    if first.kind != "text" or any(first is c for _, c in pairs):
        return None
    return render(first.tokens) or None


def _by_order(table: Table, chunks: list[Chunk]) -> Pairs:
    """Leading words name the point (also when the header printed no point column)."""
    specs = [col.spec for col in table.columns]
    value_specs = specs[1:] if specs[0].role is Role.POINT else specs
    name, values = split_name(chunks, len(value_specs))
    pairs = assign(value_specs, values)
    if name:
        tokens = tuple(token for piece in name for token in piece.tokens)
        pairs.insert(0, (_POINT_SPEC, Chunk(tokens, "text")))
    return pairs


def _by_segments(table: Table, line: Line) -> Pairs | None:
    """Cell by cell, when the header had one cell per column and the row as many cells."""
    if not table.segmented:
        return None
    cells = by_segment(line.tokens)
    if len(cells) != len(table.columns):
        return None
    pairs = [(col.spec, cell_chunk(cell)) for col, cell in zip(table.columns, cells, strict=True)]
    return attach_units(pairs, across=table.across)


def _by_letters(table: Table, line: Line, *, every_cell: bool = False) -> Pairs | None:
    """Pair cells with columns by sheet column letter, when every cell has one (and, with
    `every_cell`, when every cell sits under a column: a row label left of the points, under
    an empty corner cell, is then read by order instead).

    A cell under no column is the second part of the one on its left (merged on the form):
    its number when the column's own cell is empty or holds only the over-range mark
    (`> | 2200`), else a unit cell."""
    letters = {col.letters: col.spec for col in table.columns}
    if None in letters:
        return None
    pairs: Pairs = []
    filled: dict[str, int] = {}
    for cell_tokens in by_segment(line.tokens):
        column = column_letters(line, cell_tokens[0])
        if column is None:
            return None
        piece = cell_chunk(cell_tokens)
        owner = column if column in letters else _column_left_of(column, letters)
        if owner is None and every_cell:
            return None
        if owner is not None and owner != column and owner in filled:
            spec, mark = pairs[filled[owner]]
            if filled[owner] == len(pairs) - 1 and mark.text in _MARKS:
                pairs[-1] = (spec, Chunk(mark.tokens + piece.tokens, "value"))
                continue
            owner = None
        filled[owner or column] = len(pairs)
        pairs.append((letters.get(owner or column, _UNIT_SPEC), piece))
    return attach_units(pairs, across=table.across)


def _column_left_of(column: str, letters: dict[str | None, ColumnSpec]) -> str | None:
    """The nearest column left of a cell under none; None left of every column (a row label
    under an empty corner)."""
    left = [c for c in letters if c and (len(c), c) < (len(column), column)]
    return max(left, key=lambda c: (len(c), c), default=None)


def attach_units(pairs: Pairs, *, across: bool = False) -> Pairs:
    """A unit in its own cell (`2,500 | MΩ`, or a `Unit` column) belongs to the value before it
    — or, `across` the points of a phases-as-columns row, to the whole row (kept for
    `read_across`): `39 | 41 | 40 | µΩ`."""
    joined: Pairs = []
    for spec, piece in pairs:
        if across and spec.role is Role.UNIT and is_unit_text(piece.text):
            joined.append((spec, piece))
        elif spec.role is Role.UNIT and spec is not _UNIT_SPEC and is_unit_text(piece.text):
            # A row-end Units column: every reading of the row that states none is in it
            # ("Primary to Ground | 2,000 | 2,500 | MΩ").
            joined = [
                (s, Chunk(c.tokens + piece.tokens, c.kind))
                if s.role is Role.READING and is_numeric(c.tokens[0]) and unit_of(c) is None
                else (s, c)
                for s, c in joined
            ]
        elif spec.role is Role.UNIT and joined and is_unit_text(piece.text):
            last_spec, last = joined[-1]
            joined[-1] = (last_spec, Chunk(last.tokens + piece.tokens, last.kind))
        elif spec.role is not Role.UNIT:
            joined.append((spec, piece))
    return joined


def read_across(table: Table, line: Line, chunks: list[Chunk]) -> None:
    """One row of a phases-as-columns table: its label says what every value in it is.

    Values of rows that carry their own attributes (a tap, a calculated ratio) make one record
    per row and point; otherwise a point's values from all rows gather in one record, so a hot
    spot meets its reference and a 1-min reading its test voltage.
    """
    pairs = (
        _by_letters(table, line, every_cell=True)
        or _by_segments(table, line)
        or _across_by_order(table, chunks)
    )
    spec, attributes, caption = _row_meaning(pairs, line)
    # The row's own unit (its label's, its Units cell), else the point's, else the table's.
    row_unit = spec.unit or next(
        (piece.text for s, piece in pairs if s.role is Role.UNIT and is_unit_text(piece.text)), None
    )
    table_unit = _caption_unit(table) if spec.role is Role.READING else None
    gathered = {record.point: record for record in table.records}
    for column, piece in pairs:
        if column.role is not Role.POINT_NAME or piece.kind != "value" or not column.point:
            continue
        point = f"{caption} {column.point}" if caption else column.point
        item = Item(replace(spec, unit=row_unit or column.unit or table_unit), piece, line)
        component = caption or ""
        if attributes or spec.tap:
            record = Record(point, [item, *attributes], line, table.header.text, component)
            table.records.append(record)
        elif point in gathered:
            gathered[point].items.append(item)
        else:
            gathered[point] = Record(point, [item], line, table.header.text, component)
            table.records.append(gathered[point])


def _caption_unit(table: Table) -> str | None:
    """The unit the row labels' column states for every reading: `Contact Resistance (µΩ) |
    P1 | P2 | P3` over `As Found | 39 | 41 | 40`."""
    first = table.columns[0].spec
    return first.unit if first.role is Role.READING else None


Meaning = tuple[ColumnSpec, list[Item], str | None]


def _row_meaning(pairs: Pairs, line: Line) -> Meaning:
    """(what the row's values are, the row's own attribute items, the caption of its points).

    The row label says what the values are ("1 min", "Hot spot (°C)"); under a caption column
    ("Breaker") a label that names nothing is the name of what the points belong to ("52-M1");
    a row with no label holds plain readings (the breaker form's `39 | 41 | 40 | µΩ`). A reading
    column beside the points is a summary of them (a deviation), no reading of each.
    """
    spec: ColumnSpec | None = None
    tap: str | None = None
    attributes: list[Item] = []
    caption: str | None = None
    for column, piece in pairs:
        role = column.role
        if role in (Role.POINT, Role.DURATION):
            label = classify(piece.tokens)
            if label is not None and label.role is Role.TAP:
                tap, label = _tap_of(piece.tokens), _READING
            if label is not None and (label.role is Role.POINT or _named(piece.tokens)):
                label = None  # "Joint 1", "Feeder 3 load lugs": a name, as a caption
            if label is None and role is Role.POINT:
                label, caption = _READING, render(piece.tokens)
            elif role is Role.POINT and column.point:
                caption = column.point
            spec = label or spec
        elif role is Role.TAP:
            tap = piece.text
        elif role not in (Role.POINT_NAME, Role.READING) and piece.kind == "value":
            attributes.append(Item(column, piece, line))
    spec = spec or _READING
    return (replace(spec, tap=tap) if tap else spec), attributes, caption


def _named(tokens: Sequence[Token]) -> bool:
    """A row label whose first words name no column role is a component's name, even when a
    role word follows ("Feeder 3 load lugs" is no load row; "Hot spot (°C)" is a hot-spot one)."""
    phrases = find_phrases(tokens, ROLES)
    return bool(phrases) and phrases[0][0] > 0 and duration_in(join(tokens)) is None


def _tap_of(tokens: Sequence[Token]) -> str | None:
    return join(t for t in tokens if is_numeric(t)) or None


def _across_by_order(table: Table, chunks: list[Chunk]) -> Pairs:
    """Values right-aligned under the points; what precedes them fills the leading columns."""
    points = [col.spec for col in table.columns if col.spec.role is Role.POINT_NAME]
    lead = [col.spec for col in table.columns if col.spec.role is not Role.POINT_NAME]
    name, values = split_name(chunks, len(points))
    head = name + values[: max(0, len(values) - len(points))]
    values = values[len(head) - len(name) :]
    pairs: Pairs = []
    if len(head) == len(lead):
        pairs.extend(zip(lead, head, strict=True))
    elif head:
        tokens = tuple(token for piece in head for token in piece.tokens)
        pairs.append((lead[0] if lead else _POINT_SPEC, Chunk(tokens, "text")))
    pairs.extend(zip(points, values, strict=False))
    return pairs
