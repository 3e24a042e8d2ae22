"""PDF text cells as sheet columns: each cell's left edge snapped to the page's column grid.

A workbook cell carries its sheet column (`J47`), so a row's cells are paired with the header's
columns by letter (`rows._by_letters`), and a two- or three-row header is merged by letter
(`tables.merge_subheader`). A text PDF printed from such a form gives each cell's horizontal
extent instead. Left edges that line up on the page (within `_TOLERANCE` points) are one grid
column, named by a fixed-width code that sorts like letters do; a right-aligned number that
starts right of its header's edge is then "a cell under no column", the part of the column on
its left, exactly as a workbook's merged cells read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from core.analysis.extraction.document import Cell, Row

_TOLERANCE = 3.5
"""Points within which two left edges are one column (a header's text and the `>` under it)."""
_PREFIX = "@"


def snap_columns(rows: Sequence[Row]) -> list[Row]:
    """Rows whose positioned cells have their left edge moved to their grid column's edge.

    Only cells without a sheet column and with an extent move; every page is its own grid.
    """
    grids: dict[int | None, list[float]] = {}
    for row in rows:
        for cell in row.cells:
            if _positioned(cell):
                grids.setdefault(cell.source.page, []).append(cell.x0)  # type: ignore[arg-type]
    if not grids:
        return list(rows)
    starts = {page: _cluster_starts(edges) for page, edges in grids.items()}
    return [_snapped(row, starts) for row in rows]


def position_letters(cell: Cell) -> str | None:
    """The grid column of a positioned cell, as a code that sorts left to right, else None."""
    if not _positioned(cell):
        return None
    return f"{_PREFIX}{cell.x0:08.1f}"


def _positioned(cell: Cell) -> bool:
    return cell.x0 is not None and cell.x1 is not None and not cell.source.cell


def _cluster_starts(edges: list[float]) -> list[float]:
    starts: list[float] = []
    for edge in sorted(edges):
        if not starts or edge - starts[-1] > _TOLERANCE:
            starts.append(edge)
    return starts


def _snap(edge: float, starts: list[float]) -> float:
    return max((start for start in starts if start <= edge + 1e-6), default=edge)


def _snapped(row: Row, starts: dict[int | None, list[float]]) -> Row:
    if not any(_positioned(cell) for cell in row.cells):
        return row
    cells = tuple(
        replace(cell, x0=_snap(cell.x0, starts[cell.source.page]))  # type: ignore[arg-type]
        if _positioned(cell)
        else cell
        for cell in row.cells
    )
    return replace(row, cells=cells)
