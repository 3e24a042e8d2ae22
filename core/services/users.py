"""Accounts: first admin, login with lockout, roles (engineer ⊂ manager ⊂ admin), deactivation."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

import bcrypt
from sqlalchemy.orm import Session

from core import repositories as repo
from core.enums import Role
from core.models import User
from core.services import clock
from core.services.audit import record
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, LoginError, NotFound, PermissionDenied

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_BYTES = 72  # bcrypt ignores (and bcrypt 5 refuses) anything longer
BCRYPT_ROUNDS = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the database says now (role and active flag are re-read every run)."""

    id: uuid.UUID
    email: str
    role: Role
    full_name: str | None = None

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def can(self, role: Role) -> bool:
        return self.role.at_least(role)


def _actor(user: User) -> Actor:
    return Actor(id=user.id, email=user.email, role=Role(user.role), full_name=user.full_name)


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise InvalidInput(f"“{email}” is not an email address.")
    return email


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"The password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise InvalidInput(f"The password may be at most {MAX_PASSWORD_BYTES} bytes long.")


def hash_password(password: str) -> str:
    validate_password(password)
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def _password_matches(password: str, hashed: str) -> bool:
    encoded = password.encode()
    if len(encoded) > MAX_PASSWORD_BYTES:
        return False
    return bcrypt.checkpw(encoded, hashed.encode())


def has_users(ctx: ServiceContext) -> bool:
    with ctx.session() as session:
        return repo.users.count(session=session) > 0


def create_first_admin(
    ctx: ServiceContext, *, email: str, password: str, full_name: str | None = None
) -> Actor:
    """First-run setup: only while no user exists."""
    with ctx.session() as session:
        if repo.users.count(session=session) > 0:
            raise PermissionDenied("An administrator already exists; log in instead.")
        user = _create(session, email, password, Role.ADMIN, full_name)
        record(session, actor_id=user.id, action="user.created", subject=user, role="admin")
        return _actor(user)


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
        return _actor(user)


def _create(session: Session, email: str, password: str, role: Role, name: str | None) -> User:
    try:
        return repo.users.create(
            session=session,
            email=normalize_email(email),
            hashed_password=hash_password(password),
            role=role.value,
            full_name=(name or "").strip() or None,
        )
    except repo.DuplicateError as error:
        raise InvalidInput(str(error)) from error


def authenticate(
    ctx: ServiceContext, *, email: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """Check a password; five failures in a row lock the account for 15 minutes."""
    now = now or clock.now()
    wrong = LoginError("Wrong email or password.")
    with ctx.session() as session:
        user = repo.get_user_by_email(session=session, email=email)
        if user is None:
            raise wrong
        if not user.is_active:
            raise LoginError("This account is deactivated; ask an administrator.")
        locked_until = clock.as_utc(user.locked_until)
        if locked_until is not None and locked_until > now:
            minutes = max(1, round((locked_until - now).total_seconds() / 60))
            raise LoginError(
                f"This account is locked after {MAX_FAILED_LOGINS} failed logins; "
                f"try again in {minutes} minute{'s' if minutes != 1 else ''}."
            )
        if not _password_matches(password, user.hashed_password):
            failures = user.failed_login_count + 1
            lock = now + LOCKOUT if failures >= MAX_FAILED_LOGINS else None
            repo.users.update(
                session=session,
                row=user,
                failed_login_count=0 if lock else failures,
                locked_until=lock,
            )
            if lock:
                record(session, actor_id=user.id, action="user.locked", subject=user)
        else:
            repo.users.update(
                session=session,
                row=user,
                failed_login_count=0,
                locked_until=None,
                last_login_at=now,
            )
            return _actor(user)
    raise wrong


def get_actor(ctx: ServiceContext, user_id: uuid.UUID | str | None) -> Actor | None:
    """The active user with this id, or None (unknown or deactivated)."""
    if user_id is None:
        return None
    with ctx.session() as session:
        user = repo.users.get(session=session, id=uuid.UUID(str(user_id)))
        return _actor(user) if user is not None and user.is_active else None


def get_actor_by_email(ctx: ServiceContext, email: str) -> Actor | None:
    with ctx.session() as session:
        user = repo.get_user_by_email(session=session, email=email)
        return _actor(user) if user is not None and user.is_active else None


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


def list_users(ctx: ServiceContext, actor: Actor) -> list[UserRow]:
    if not actor.can(Role.ADMIN):
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
                last_login_at=u.last_login_at,
                created_at=u.created_at,
            )
            for u in users
        ]


def update_user(
    ctx: ServiceContext,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    role: Role | None = None,
    is_active: bool | None = None,
    unlock: bool = False,
) -> None:
    """Change a user's role or active flag (users are deactivated, never deleted)."""
    if not actor.can(Role.ADMIN):
        raise PermissionDenied("Only an administrator can change users.")
    if user_id == actor.id and (is_active is False or (role and role != Role.ADMIN)):
        raise InvalidInput("You cannot deactivate or demote yourself; ask another administrator.")
    with ctx.session() as session:
        user = repo.users.get(session=session, id=user_id)
        if user is None:
            raise NotFound("No such user.")
        changes: dict[str, object] = {}
        if role is not None and role.value != user.role:
            changes["role"] = role.value
        if is_active is not None and is_active != user.is_active:
            changes["is_active"] = is_active
        if unlock:
            changes.update(failed_login_count=0, locked_until=None)
        if changes:
            repo.users.update(session=session, row=user, **changes)
            details = {k: str(v) for k, v in changes.items()}
            record(session, actor_id=actor.id, action="user.updated", subject=user, **details)
