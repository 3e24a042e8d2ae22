"""Declarative base whose naming convention yields the schema's names (pk_, uq_, fk_, ix_)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, MetaData, Uuid, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: Uuid(),
        dict: JSON(),
        dt.datetime: DateTime(timezone=True),
    }


class TimestampMixin:
    """`created_at` set by the database; `updated_at` set by the ORM on every update."""

    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), sort_order=100)
    updated_at: Mapped[dt.datetime | None] = mapped_column(onupdate=func.now(), sort_order=101)


class UUIDPrimaryKeyMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, sort_order=-100)
