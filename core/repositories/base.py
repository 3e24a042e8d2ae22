"""Generic create/get/list/update/delete for one ORM model; the only code that touches a Session."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db.base import Base

ModelT = TypeVar("ModelT", bound=Base)


class RepositoryError(Exception):
    """A write the database refused, explained in words."""


class DuplicateError(RepositoryError):
    """A unique column already holds this value."""


class NotFoundError(RepositoryError):
    """No row with that id."""


class Repository(Generic[ModelT]):
    """CRUD for `model`; `unique_messages` maps a constraint name to its conflict sentence."""

    def __init__(self, model: type[ModelT], unique_messages: dict[str, str] | None = None) -> None:
        self.model = model
        self.unique_messages = unique_messages or {}

    def create(self, *, session: Session, **values: Any) -> ModelT:
        row = self.model(**values)
        try:
            # A savepoint, so a refused insert leaves the caller's transaction usable.
            with session.begin_nested():
                session.add(row)
        except IntegrityError as error:
            raise self._explain(error, values) from error
        return row

    def get(self, *, session: Session, id: uuid.UUID) -> ModelT | None:
        return session.get(self.model, id)

    def get_or_raise(self, *, session: Session, id: uuid.UUID) -> ModelT:
        row = self.get(session=session, id=id)
        if row is None:
            raise NotFoundError(f"No {self.model.__tablename__} row with id {id}.")
        return row

    def list(
        self,
        *,
        session: Session,
        where: Sequence[ColumnElement[bool]] = (),
        order_by: Sequence[Any] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ModelT]:
        query: Select[Any] = select(self.model).where(*where)
        query = query.order_by(*order_by) if order_by else query
        query = query.offset(offset).limit(limit)
        return list(session.scalars(query))

    def count(self, *, session: Session, where: Sequence[ColumnElement[bool]] = ()) -> int:
        query = select(func.count()).select_from(self.model).where(*where)
        return int(session.scalar(query) or 0)

    def update(self, *, session: Session, row: ModelT, **values: Any) -> ModelT:
        for name in values:
            if not hasattr(row, name):
                raise AttributeError(f"{self.model.__name__} has no column {name!r}")
        try:
            with session.begin_nested():
                for name, value in values.items():
                    setattr(row, name, value)
        except IntegrityError as error:
            raise self._explain(error, values) from error
        return row

    def delete(self, *, session: Session, row: ModelT) -> None:
        session.delete(row)
        session.flush()

    def _explain(self, error: IntegrityError, values: dict[str, Any]) -> RepositoryError:
        text = str(error.orig)
        for constraint, message in self.unique_messages.items():
            column = constraint.removeprefix(f"uq_{self.model.__tablename__}_")
            # PostgreSQL names the constraint; SQLite names the table.column.
            if constraint in text or f"{self.model.__tablename__}.{column}" in text:
                return DuplicateError(message.format(**values))
        return RepositoryError(
            f"The database refused this {self.model.__tablename__} change: {text}"
        )
