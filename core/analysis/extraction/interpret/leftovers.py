"""What the reader saw but could not interpret: rows holding readings that no table, field or
loose-reading pattern took, gathered into regions a reviewer can check by hand.

A row is left over when no measurement and no warning came from it and it is no field line, is
not prose, holds no criteria ("≥ 25 MΩ", "Minimum"), and still shows a reading: a number with a
resistance unit (Ω, mΩ, µΩ, MΩ, GΩ — in its cell or a row-end Units cell). A table row counts
too: a table read without a point or reading column yields nothing from its rows. Neighbouring
left-over rows (at most `GAP` rows apart, on one sheet or page) form one region, named by its
cells (`Test Sheet!B40:F52`), lines (`lines 12-14` of a CSV) or page lines (`page 2, lines
14-20`). Scoring caps the confidence of a report with such regions below the REVIEW line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.analysis.extraction.document import union_box, with_box
from core.analysis.extraction.interpret.chunks import by_segment, chunk, dimension_of
from core.analysis.extraction.interpret.columns import SKIPPED_ROLES, Role, classify
from core.analysis.extraction.interpret.records import Table
from core.analysis.extraction.interpret.rows import cells_by_column
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.tokens import Line, Token, is_prose
from core.schemas import ExtractionWarning, Measurement, NotUnderstood, SourceLocation

GAP = 2
"""Rows between two left-over rows of one region (a blank or a remark between them)."""
_MAX_TEXT = 240
_LIMIT_MARKS = ("≥", "≤", ">=", "<=")
"""A criterion ("≥ 500 MΩ"), never a reading; a lone '>' is an over-range reading."""
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def not_understood(
    found: Scan, measurements: Sequence[Measurement], warnings: Sequence[ExtractionWarning]
) -> list[NotUnderstood]:
    """The regions of left-over reading rows, in document order."""
    taken = {_key(m.source) for m in measurements if m.source is not None} | {
        _key(w.source) for w in warnings if w.source is not None
    }
    left = [
        line
        for line in found.lines
        if line.index not in found.field_lines
        and not any(_key(cell.source) in taken for cell in line.row.cells)
        and _key(line.row.source) not in taken
        and _holds_reading(line, found.row_tables.get(line.index))
    ]
    return [_region(group) for group in _groups(left)]


def _key(source: SourceLocation) -> tuple[object, ...]:
    return (source.sheet, source.page, source.line, source.cell)


def _holds_reading(line: Line, table: Table | None) -> bool:
    """A resistance reading in the row; under a table, only in a column that holds readings
    (a criteria, corrected-values or ignored column's numbers are no measurement)."""
    if not line.tokens or is_prose(line):
        return False
    if any(_criteria(tokens) for tokens in by_segment(line.tokens)):
        return False
    if table is None:
        pieces = chunk(line.tokens)
    else:
        pieces = [
            piece
            for spec, piece in cells_by_column(table, line)
            if spec.role not in SKIPPED_ROLES and spec.role is not Role.UNIT
        ]
    return any(
        piece.kind == "value"
        and not piece.text.startswith(_LIMIT_MARKS)
        and dimension_of(piece) == "resistance"
        for piece in pieces
    )


def _criteria(tokens: Sequence[Token]) -> bool:
    spec = classify(tokens)
    return spec is not None and spec.role is Role.CRITERIA


def _groups(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _near(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _near(before: Line, line: Line) -> bool:
    a, b = before.row.source, line.row.source
    return (a.sheet, a.page) == (b.sheet, b.page) and line.index - before.index <= GAP + 1


def _region(lines: list[Line]) -> NotUnderstood:
    text = " / ".join(line.text for line in lines)
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    # One page's lines (`_near`): the region's box holds them all, for the evidence image.
    box = union_box(line.row.source.box for line in lines)
    return NotUnderstood(where=_where(lines), text=text, source=with_box(lines[0].row.source, box))


def _where(lines: list[Line]) -> str:
    first = lines[0].row.source
    cells = [
        match
        for line in lines
        for cell in line.row.cells
        if cell.source.cell and (match := _CELL.match(cell.source.cell))
    ]
    if first.sheet is not None and cells:
        columns = sorted({m.group(1) for m in cells}, key=lambda c: (len(c), c))
        rows = sorted(int(m.group(2)) for m in cells)
        start, end = f"{columns[0]}{rows[0]}", f"{columns[-1]}{rows[-1]}"
        return f"{first.sheet}!{start}" if start == end else f"{first.sheet}!{start}:{end}"
    numbers = [line.row.source.line for line in lines if line.row.source.line is not None]
    if not numbers:
        return str(first)
    span = f"line {numbers[0]}" if len(set(numbers)) == 1 else f"lines {numbers[0]}-{numbers[-1]}"
    return f"page {first.page}, {span}" if first.page is not None else span
