"""What every database command of `python -m core` shares: the context, and a plain error."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from core.config import get_settings

if TYPE_CHECKING:  # the services (SQLAlchemy and all) load only for commands that use them:
    from core.services.context import ServiceContext  # `analyze` starts without them


class DatabaseNotReady(Exception):
    pass


def context_for_cli() -> ServiceContext:
    """The services on the configured database; the embedded SQLite one is migrated on the way."""
    from core.services.context import build_context
    from core.services.system import prepare_database

    ctx = build_context(get_settings())
    status = prepare_database(ctx.engine)
    if not status.ok:
        raise DatabaseNotReady(status.summary)
    return ctx


def fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return 1
