"""Accounts: first admin, roles (engineer ⊂ manager ⊂ admin), deactivation, password reset.
Logging in (with the lockout) is `login.authenticate`; the session version every login cookie
carries is checked and bumped in `sessions`."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

import bcrypt
from sqlalchemy.orm import Session

from core import repositories as repo
from core.enums import Role
from core.models import User
from core.services import clock, first_run
from core.services.audit import record
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, NotFound, PermissionDenied
from core.services.passwords import validate_password

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
BCRYPT_ROUNDS = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the database says now (role and active flag are re-read every run)."""

    id: uuid.UUID
    email: str
    role: Role
    full_name: str | None = None
    session_version: int = 0
    """The account's session version when this was read (signed into the login cookie)."""

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def can(self, role: Role) -> bool:
        return self.role.at_least(role)


def as_actor(user: User) -> Actor:
    return Actor(
        id=user.id,
        email=user.email,
        role=Role(user.role),
        full_name=user.full_name,
        session_version=user.session_version or 0,
    )


def login_key(email: str) -> str:
    """The email as accounts and the lockout know it: no surrounding whitespace, lower case."""
    return email.strip().lower()


def normalize_email(email: str) -> str:
    email = login_key(email)
    if not _EMAIL.match(email):
        raise InvalidInput(f"“{email}” is not an email address.")
    return email


def hash_password(password: str, *, email: str | None = None) -> str:
    validate_password(password, email=email)
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def has_users(ctx: ServiceContext) -> bool:
    with ctx.session() as session:
        return repo.users.count(session=session) > 0


def create_first_admin(
    ctx: ServiceContext,
    *,
    email: str,
    password: str,
    full_name: str | None = None,
    setup_token: str | None = None,
    require_token: bool = False,
) -> Actor:
    """First-run setup: only while no user exists. Served beyond localhost, the page asks for
    the one-time token the server printed (`first_run`), and `require_token` is True."""
    if require_token and not first_run.token_matches(ctx.settings, setup_token):
        raise PermissionDenied(first_run.WRONG_TOKEN)
    with ctx.session() as session:
        if repo.users.count(session=session) > 0:
            raise PermissionDenied("An administrator already exists; log in instead.")
        user = _create(session, email, password, Role.ADMIN, full_name)
        record(session, actor_id=user.id, action="user.created", subject=user, role="admin")
        actor = as_actor(user)
    first_run.discard(ctx.settings)
    return actor


def create_user(
    ctx: ServiceContext,
    actor: Actor | None,
    *,
    email: str,
    password: str,
    role: Role,
    full_name: str | None = None,
) -> Actor:
    """Admins create users; `actor=None` is the shell (`python -m core users create`)."""
    if actor is not None and not actor.can(Role.ADMIN):
        raise PermissionDenied("Only an administrator can create users.")
    with ctx.session() as session:
        user = _create(session, email, password, role, full_name)
        record(
            session,
            actor_id=actor.id if actor else None,
            action="user.created",
            subject=user,
            role=role.value,
        )
        created = as_actor(user)
    first_run.discard(ctx.settings)
    return created


def _create(session: Session, email: str, password: str, role: Role, name: str | None) -> User:
    email = normalize_email(email)
    try:
        return repo.users.create(
            session=session,
            email=email,
            hashed_password=hash_password(password, email=email),
            role=role.value,
            full_name=(name or "").strip() or None,
        )
    except repo.DuplicateError as error:
        raise InvalidInput(str(error)) from error


def get_actor(ctx: ServiceContext, user_id: uuid.UUID | str | None) -> Actor | None:
    """The active user with this id, or None (unknown or deactivated)."""
    if user_id is None:
        return None
    with ctx.session() as session:
        user = repo.users.get(session=session, id=uuid.UUID(str(user_id)))
        return as_actor(user) if user is not None and user.is_active else None


def get_actor_by_email(ctx: ServiceContext, email: str) -> Actor | None:
    with ctx.session() as session:
        user = repo.get_user_by_email(session=session, email=email)
        return as_actor(user) if user is not None and user.is_active else None


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    email: str
    full_name: str | None
    role: Role
    is_active: bool
    locked: bool
    last_login_at: dt.datetime | None
    created_at: dt.datetime
    failed_logins: int = 0
    """Failed logins since the last success (the lock counts them)."""
    locked_until: dt.datetime | None = None
    """When a lock in force ends (None when not locked)."""


def list_users(ctx: ServiceContext, actor: Actor | None) -> list[UserRow]:
    """Every account (admins; `actor=None` is the shell: `python -m core users list`)."""
    if actor is not None and not actor.can(Role.ADMIN):
        raise PermissionDenied("Only an administrator can see the users.")
    now = clock.now()
    with ctx.session() as session:
        users = repo.users.list(session=session, order_by=[User.email])
        return [
            UserRow(
                id=u.id,
                email=u.email,
                full_name=u.full_name,
                role=Role(u.role),
                is_active=u.is_active,
                locked=bool((lock := clock.as_utc(u.locked_until)) and lock > now),
                last_login_at=clock.as_utc(u.last_login_at),
                created_at=clock.as_utc(u.created_at),
                failed_logins=u.failed_login_count or 0,
                locked_until=lock if lock and lock > now else None,
            )
            for u in users
        ]


def _admin_target(session: Session, actor: Actor | None, user_id: uuid.UUID, what: str) -> User:
    if actor is not None and not actor.can(Role.ADMIN):
        raise PermissionDenied(f"Only an administrator can {what}.")
    user = repo.users.get(session=session, id=user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def update_user(
    ctx: ServiceContext,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    role: Role | None = None,
    is_active: bool | None = None,
    unlock: bool = False,
) -> None:
    """Change a user's role or active flag (users are deactivated, never deleted). A role
    change or a deactivation ends the user's sessions (their session version is bumped)."""
    if not actor.can(Role.ADMIN):
        raise PermissionDenied("Only an administrator can change users.")
    if user_id == actor.id and (is_active is False or (role and role != Role.ADMIN)):
        raise InvalidInput("You cannot deactivate or demote yourself; ask another administrator.")
    with ctx.session() as session:
        user = _admin_target(session, actor, user_id, "change users")
        changes: dict[str, object] = {}
        if role is not None and role.value != user.role:
            changes["role"] = role.value
        if is_active is not None and is_active != user.is_active:
            changes["is_active"] = is_active
        if unlock:
            changes.update(failed_login_count=0, locked_until=None)
        if not changes:
            return
        ends_sessions = "role" in changes or changes.get("is_active") is False
        if ends_sessions:
            changes["session_version"] = (user.session_version or 0) + 1
        repo.users.update(session=session, row=user, **changes)
        details: dict[str, Any] = {k: str(v) for k, v in changes.items() if k != "session_version"}
        details["sessions_ended"] = str(ends_sessions)
        record(session, actor_id=actor.id, action="user.updated", subject=user, **details)


def reset_password(
    ctx: ServiceContext, actor: Actor | None, user_id: uuid.UUID, new_password: str
) -> None:
    """An administrator sets a new password (`actor=None`: the shell). The account's sessions
    end (its login cookies stop working) and any lockout is lifted."""
    with ctx.session() as session:
        user = _admin_target(session, actor, user_id, "reset passwords")
        repo.users.update(
            session=session,
            row=user,
            hashed_password=hash_password(new_password, email=user.email),
            failed_login_count=0,
            locked_until=None,
            session_version=(user.session_version or 0) + 1,
        )
        record(
            session,
            actor_id=actor.id if actor else None,
            action="user.password_reset",
            subject=user,
            by="shell" if actor is None else "admin",
        )


def user_id_by_email(ctx: ServiceContext, email: str) -> uuid.UUID | None:
    """Any account with this email, active or not (the shell's commands name users so)."""
    with ctx.session() as session:
        user = repo.get_user_by_email(session=session, email=email)
        return user.id if user is not None else None
