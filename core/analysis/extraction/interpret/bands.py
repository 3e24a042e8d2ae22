"""A text PDF's header printed over several lines, and merged cells on lines of their own.

A form printed from a workbook puts a cell merged over two rows midway between them, so it
becomes a line of its own: the header's `Test Points | Breaker Position | Units | Results`
(merged over the header's two rows) between `Measured Values | Temperature Corrected` and the
pole columns, a row's `Closed` between that row and the next. With cell positions
(`positions`) the first is put back into the header line above, as the workbook row has it, and
the second is passed over without ending the table.
"""

from __future__ import annotations

from dataclasses import replace

from core.analysis.extraction.interpret.chunks import by_segment, chunk, column_letters
from core.analysis.extraction.interpret.columns import Role, classify
from core.analysis.extraction.interpret.records import Table
from core.analysis.extraction.interpret.tables import one_cell_per_column, parse_header
from core.analysis.extraction.interpret.tokens import Line, tokenize

_NAME_ROLES = frozenset({Role.POINT, Role.TAP, Role.IGNORE})


def _positioned(line: Line) -> bool:
    """Every cell has a page position and no sheet column (a text PDF's line)."""
    cells = line.row.cells
    return bool(cells) and all(c.x0 is not None and not c.source.cell for c in cells)


def _grid(line: Line) -> set[str]:
    return {letters for t in line.tokens if (letters := column_letters(line, t))}


def widen_header(table: Table, line: Line) -> bool:
    """Put a line of header cells merged over two rows into the header above it (a table with
    no row yet, its columns not yet refined by a sub-header); True when done."""
    if table.records or not _positioned(line) or not _positioned(table.header):
        return False
    header = table.header
    own = parse_header(header)
    if own is None or [c.letters for c in own] != [c.letters for c in table.columns]:
        return False
    if _grid(line) & _grid(header) or any(piece.kind != "text" for piece in chunk(line.tokens)):
        return False
    cells = sorted(header.row.cells + line.row.cells, key=lambda cell: cell.x0 or 0.0)
    combined = tokenize(header.index, replace(header.row, cells=tuple(cells)))
    columns = parse_header(combined)
    if columns is None or len(columns) <= len(table.columns):
        return False
    table.columns = columns
    table.header = combined
    table.segmented = one_cell_per_column(columns, combined)
    return True


def lone_name(table: Table, line: Line) -> bool:
    """A line of words only, each under a naming column of a table that has rows (`Closed`
    under `Breaker Position`): a merged cell printed between two rows."""
    if not table.records or not _positioned(line):
        return False
    if any(piece.kind != "text" for piece in chunk(line.tokens)):
        return False
    if any(classify(cell) is not None for cell in by_segment(line.tokens)):
        return False  # a heading that names something ("Temperature Corrected Values")
    named = {col.letters: col.spec.role for col in table.columns if col.letters}
    for letters in _grid(line):
        left = [column for column in named if _order(column) <= _order(letters)]
        if not left or named[max(left, key=_order)] not in _NAME_ROLES:
            return False
    return True


def _order(letters: str) -> tuple[int, str]:
    return len(letters), letters
