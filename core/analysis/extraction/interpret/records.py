"""What tables yield: columns, and records — one test point with the values found for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.analysis.extraction.interpret.chunks import Chunk
from core.analysis.extraction.interpret.columns import INSTRUMENT_ROLES, ColumnSpec, Role
from core.analysis.extraction.interpret.tokens import Line
from core.schemas import SourceLocation


@dataclass(frozen=True, slots=True)
class Item:
    """One value of a record: what its column (or row label) says, and the text found."""

    spec: ColumnSpec
    chunk: Chunk
    line: Line

    @property
    def text(self) -> str:
        return self.chunk.text

    @property
    def source(self) -> SourceLocation:
        return self.line.source_of(self.chunk.tokens)

    @property
    def confidence(self) -> float:
        return self.line.confidence_of(self.chunk.tokens)


@dataclass(slots=True)
class Record:
    point: str | None
    items: list[Item]
    line: Line
    header: str = ""
    """The table header the record was read under ("Point-to-point continuity | Resistance")."""
    component: str | None = None
    """Phases as columns: what the row's points belong to ("Main breaker line lugs", "" when
    the row names nothing) — the phases of one component are similar components; None for a
    record of a table with phases as rows."""

    def first(self, role: Role) -> Item | None:
        return next((item for item in self.items if item.spec.role is role), None)


@dataclass(frozen=True, slots=True)
class Column:
    spec: ColumnSpec
    letters: str | None
    segment: int = -1


@dataclass(slots=True)
class Table:
    columns: list[Column]
    header: Line
    records: list[Record] = field(default_factory=list)
    segmented: bool = False
    """The header printed each column in its own cell, so rows can be read cell by cell."""

    @property
    def across(self) -> bool:
        """Phases as columns: two or more columns are themselves points."""
        return sum(col.spec.role is Role.POINT_NAME for col in self.columns) >= 2

    @property
    def instruments(self) -> bool:
        roles = {col.spec.role for col in self.columns}
        return bool(roles & {Role.CAL_DATE, Role.CAL_DUE}) and len(roles & INSTRUMENT_ROLES) >= 2
