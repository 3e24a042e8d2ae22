"""Database layer: declarative base, engine and session helpers, migrations."""

from core.db.base import Base
from core.db.session import TRANSIENT_ERRORS, make_engine, make_session_factory, session_scope

__all__ = ["TRANSIENT_ERRORS", "Base", "make_engine", "make_session_factory", "session_scope"]
