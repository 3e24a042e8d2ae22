"""One pass over a document's rows: each row is a table header, a table row, fields or prose.

The pass keeps only the state a reader keeps — the open table, the current section (equipment
or instrument), a row of labels waiting for its values — so it is linear in the rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from core.analysis.extraction.interpret.bands import lone_name, widen_header
from core.analysis.extraction.interpret.chunks import (
    Chunk,
    by_segment,
    cell_chunk,
    chunk,
    column_letters,
    dimension_of,
    is_numeric,
)
from core.analysis.extraction.interpret.columns import ColumnSpec, Role, classify, is_point_name
from core.analysis.extraction.interpret.fields import (
    FieldHit,
    find_fields,
    pair_vertical,
    section_of,
)
from core.analysis.extraction.interpret.records import Column, Item, Record, Table
from core.analysis.extraction.interpret.rows import read_row
from core.analysis.extraction.interpret.tables import (
    is_subheader,
    merge_subheader,
    one_cell_per_column,
    parse_header,
)
from core.analysis.extraction.interpret.tokens import Line, is_prose, render

_ROLE_BY_DIMENSION = {
    "resistance": Role.READING,
    "voltage": Role.TEST_VOLTAGE,
    "temperature": Role.HOT_SPOT,
    "time": Role.DURATION,
}


@dataclass(slots=True)
class Scan:
    lines: list[Line]
    hits: list[FieldHit] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    loose: list[Record] = field(default_factory=list)
    """Readings printed one per line outside a table: `A-G: 2,500 MΩ`."""
    data_lines: set[int] = field(default_factory=set)
    """Lines read as table rows or loose readings; a table's section heading is never past one."""
    field_lines: set[int] = field(default_factory=set)
    """Lines holding fields (`Test Voltage: 1000 V`), which are no section heading."""
    row_tables: dict[int, Table] = field(default_factory=dict)
    """The table each table row was read under (a corrected-values table too)."""

    def records(self) -> list[Record]:
        tables = [table for table in self.tables if not table.instruments]
        return [record for table in tables for record in table.records] + self.loose


@dataclass(slots=True)
class _State:
    table: Table | None = None
    section: str = "equipment"
    labels_only: list[FieldHit] = field(default_factory=list)
    corrected: bool = False
    """Under a "Temperature Corrected Values" heading: the next table holds no measurement."""


def scan(lines: Sequence[Line]) -> Scan:
    result = Scan(list(lines))
    state = _State()
    for line in lines:
        if not line.tokens:
            state.table = None
            continue
        beside = _beside_table(state, line)
        if beside is not None:  # a field block left of the table, on the same sheet rows
            fields_part, row_part = beside
            if row_part.tokens and _table_row(state, row_part):
                result.data_lines.add(line.index)
                result.row_tables[line.index] = state.table  # type: ignore[assignment]
            if fields_part.tokens:
                _fields(result, state, fields_part)
            continue
        if _header(result, state, line):
            continue
        if state.table is not None and widen_header(state.table, line):
            continue
        if state.table is not None and lone_name(state.table, line):
            result.data_lines.add(line.index)
            continue
        if _table_row(state, line):
            result.data_lines.add(line.index)
            if state.table is not None:
                result.row_tables[line.index] = state.table
            continue
        state.table = None
        state.corrected = _corrected_heading(line)
        if not state.corrected:
            _fields(result, state, line)
    return result


def _beside_table(state: _State, line: Line) -> tuple[Line, Line] | None:
    """A sheet that prints a table to the right of a block of fields, row by row (a form's
    `Tap Under Test: | 3` beside `H0-H1 | 1.3407`): (the fields part, the row part) when the
    line's cells left of the table's first column start with a field label; else None. A
    line all left of the table (`Tap Under Test: | 3` above its first row) keeps the table open
    while it has no rows yet or its last row was the line before."""
    table = state.table
    if table is None or not table.columns:
        return None
    letters = [col.letters for col in table.columns]
    if any(letter is None for letter in letters):
        return None
    first = min((letter for letter in letters if letter), key=_column_order)
    columns = [column_letters(line, token) for token in line.tokens]
    if any(column is None for column in columns):
        return None
    left = [t for t, c in zip(line.tokens, columns, strict=True) if _before(c, first)]
    if not left:
        return None
    if len(left) == len(line.tokens) and table.records:
        last = table.records[-1].line.index
        if line.index - last > 1:
            return None  # a field block after the table: the table has ended
    fields_part = Line(line.index, line.row, tuple(left))
    hits = find_fields(fields_part, state.section)
    if not hits or hits[0].label_tokens[0] is not left[0]:
        return None
    label = classify(by_segment(line.tokens)[0])
    if label is not None and label.role is Role.CRITERIA:
        return None
    right = tuple(t for t in line.tokens if t not in left)
    return fields_part, Line(line.index, line.row, right)


def _column_order(letters: str) -> tuple[int, str]:
    return len(letters), letters


def _before(column: str | None, first: str) -> bool:
    return column is not None and _column_order(column) < _column_order(first)


def _header(result: Scan, state: _State, line: Line) -> bool:
    columns = parse_header(line)
    if columns is None:
        return False
    table = state.table
    segmented = one_cell_per_column(columns, line)
    if table is not None and not table.records and is_subheader(table.columns, columns):
        table.columns = merge_subheader(table.columns, columns)
        table.segmented = table.segmented and segmented
        return True
    state.table = Table(_single_point(columns), line, segmented=segmented)
    if not state.corrected:  # a corrected block's rows are read, and dropped with it
        result.tables.append(state.table)
    state.corrected = False
    return True


def _corrected_heading(line: Line) -> bool:
    """A one-cell heading naming corrected values ("Temperature Corrected Values")."""
    if len({token.segment for token in line.tokens}) > 1:
        return False
    spec = classify(list(line.tokens))
    return spec is not None and spec.role is Role.CORRECTED


def _single_point(columns: list[Column]) -> list[Column]:
    """One lone phase-like header word ("Phase a" from OCR) names the point column itself."""
    named = [col for col in columns if col.spec.role is Role.POINT_NAME]
    if len(named) != 1 or any(col.spec.role is Role.POINT for col in columns):
        return columns
    return [
        Column(replace(col.spec, role=Role.POINT, point=None), col.letters)
        if col.spec.role is Role.POINT_NAME
        else col
        for col in columns
    ]


def _table_row(state: _State, line: Line) -> bool:
    if state.table is None:
        return False
    hits = find_fields(line, state.section)
    starts = bool(hits) and hits[0].label_tokens[0] is line.tokens[0]
    if starts and hits[0].field == "ignore" and not hits[0].label.weak:
        return True  # an instrument setting under the readings (`Test Current (A) | 100`)
    if starts and _ends_table(state.table, hits[0]):
        return False
    return read_row(state.table, line)


def _ends_table(table: Table, hit: FieldHit) -> bool:
    """A row starting with a field label ends the table, unless it is a row label of it
    (`Resistance (µΩ) | 45 | 47 | 90` under `Phase | A | B | C`)."""
    if table.across and classify(list(hit.label_tokens)) is not None:
        return False
    if table.instruments and hit.field.startswith("instrument."):
        return False  # `Micro-ohmmeter | Megger DLRO200 | …` under `Instrument | Model | …`
    if hit.label_tokens[-1].colon:
        return True
    return not (hit.label.weak or hit.field.startswith("measure."))


_CHECKLIST_ITEM = re.compile(r"^\d+(?:\.\d+)+\.[A-Z](?:\.\d+)*\.?$")
"""A NETA checklist item's number (`7.2.1.1.A.5`): the row is an inspection item and its result
("Unit clean. | Cleaned"), never fields."""


def _fields(result: Scan, state: _State, line: Line) -> None:
    if _CHECKLIST_ITEM.match(line.tokens[0].text):
        return
    section = section_of(line)
    if section is not None:
        state.section = section
        state.labels_only = []
        return
    hits = find_fields(line, state.section)
    if state.labels_only and not hits:
        paired = pair_vertical(state.labels_only, line)
        result.hits.extend(paired)
        result.field_lines.update(hit.line.index for hit in paired)
        state.labels_only = []
        return
    state.labels_only = hits if len(hits) >= 2 and not any(h.value_tokens for h in hits) else []
    result.hits.extend(hits)
    if hits:
        result.field_lines.add(line.index)
    else:
        _loose_reading(result, line)


def _loose_reading(result: Scan, line: Line) -> None:
    """Readings outside a table: `A-G: 2,500 MΩ`, `Pole 2  44 µΩ`, or a tabular row whose header
    OCR lost, `Breaker phase B | 58.9 °C | phase A | 40.4 °C` — values known by their unit."""
    if is_prose(line):
        return
    chunks = chunk(line.tokens)
    if len(chunks) >= 2 and chunks[0].kind == "text" and is_point_name(chunks[0].text):
        values = [piece for piece in chunks[1:] if piece.kind == "value"]
        # Bare numbers only mean something alone ("A-G: 2500"); in a row of several, each
        # needs its unit to say what it is.
        known = values if len(values) == 1 else [v for v in values if dimension_of(v)]
        if known:
            items = [_by_unit(piece, line) for piece in known]
            result.loose.append(Record(chunks[0].text, items, line))
            result.data_lines.add(line.index)
        return
    record = _temperature_row(line)
    if record is not None:
        result.loose.append(record)
        result.data_lines.add(line.index)


def _by_unit(piece: Chunk, line: Line) -> Item:
    dimension = dimension_of(piece)
    role = _ROLE_BY_DIMENSION.get(dimension, Role.READING) if dimension else Role.READING
    return Item(ColumnSpec(role, ""), piece, line)


def _temperature_row(line: Line) -> Record | None:
    """A component name, then temperatures in °C/°F: hot spot, reference, ΔT in that order."""
    cells = [cell_chunk(tokens) for tokens in by_segment(line.tokens)]
    if len(cells) < 3 or _is_temperature(cells[0]):
        return None
    temperatures = [cell for cell in cells[1:] if _is_temperature(cell)]
    if not temperatures:
        return None
    roles = (Role.HOT_SPOT, Role.REFERENCE, Role.DELTA)
    items = [
        Item(ColumnSpec(role, role.value), cell, line)
        for role, cell in zip(roles, temperatures, strict=False)
    ]
    return Record(render(cells[0].tokens), items, line)


def _is_temperature(cell: Chunk) -> bool:
    return is_numeric(cell.tokens[0]) and dimension_of(cell) == "temperature"
