"""Login sessions: the version each one carries, checked on every run, ended everywhere at once.

A login cookie (and a browser tab's session) holds the account's `session_version` as it was
at login. Every run the dashboard asks `session_actor` for the account *with that version*: a
logout, a deactivation, a role change or a password reset bumps the version, and every cookie
and session made before it stops working — a copied cookie replayed after logout included.
"""

from __future__ import annotations

import uuid

from core import repositories as repo
from core.repositories import accounts
from core.services.audit import record
from core.services.context import ServiceContext
from core.services.users import Actor, as_actor, login_key


def session_actor(
    ctx: ServiceContext,
    *,
    version: int | None,
    user_id: uuid.UUID | str | None = None,
    email: str | None = None,
) -> Actor | None:
    """The active account (by id or email) whose session version is still `version`; None
    when it is unknown, deactivated, or the session has ended since (or carries no version)."""
    if version is None or (user_id is None and not email):
        return None
    with ctx.session() as session:
        if user_id is not None:
            try:
                user = repo.users.get(session=session, id=uuid.UUID(str(user_id)))
            except ValueError:  # a malformed id in session state
                return None
        else:
            user = repo.get_user_by_email(session=session, email=login_key(email or ""))
        if user is None or not user.is_active or (user.session_version or 0) != version:
            return None
        return as_actor(user)


def end_sessions(ctx: ServiceContext, actor: Actor) -> bool:
    """Logout: every session of the account made with `actor`'s version ends (this browser's
    and any copy of its cookie). False when they had ended already."""
    with ctx.session() as session:
        ended = accounts.end_sessions(
            session=session, user_id=actor.id, version=actor.session_version
        )
        if ended:
            record(
                session,
                actor_id=actor.id,
                action="user.logged_out",
                subject_type="users",
                subject_id=actor.id,
            )
        return ended
