"""The statements of a login and of a session, each one atomic on both databases.

A login attempt is counted *before* its password is checked, in one `UPDATE … RETURNING`: N
parallel attempts get the counts 1 … N, whatever the order their bcrypt checks end in, so the
sixth of twenty parallel wrong tries is refused without a check (tests/core/services/
test_login_races.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, case, null, update
from sqlalchemy.orm import Session

from core.models import User


@dataclass(frozen=True)
class Attempt:
    """The account as the attempt's own count left it."""

    user_id: uuid.UUID
    hashed_password: str
    is_active: bool
    failures: int
    """This attempt included: 1 for the first after a success, an unlock or an ended lockout."""
    locked_until: dt.datetime | None
    max_failures: int

    @property
    def locked(self) -> bool:
        """Over the limit: refused without a check. The attempt that reaches the limit is still
        checked (it locked the account itself); a lockout set before the count (revision 0009
        and older reset the count when locking) refuses every attempt until it ends."""
        if self.failures == self.max_failures:
            return False
        return self.failures > self.max_failures or self.locked_until is not None


def count_attempt(
    *, session: Session, email: str, now: dt.datetime, max_failures: int, lock_until: dt.datetime
) -> Attempt | None:
    """Count one more login attempt on the account `email` (normalised), atomically; None when
    there is no such account. A lockout that has ended starts the count again; the attempt
    that reaches `max_failures` locks the account until `lock_until` (a right password on that
    very attempt still logs in, and lifts it)."""
    ended = and_(User.locked_until.is_not(None), User.locked_until <= now)
    reaches = and_(User.locked_until.is_(None), User.failed_login_count + 1 >= max_failures)
    statement = (
        update(User)
        .where(User.email == email)
        .values(
            failed_login_count=case((ended, 1), else_=User.failed_login_count + 1),
            locked_until=case((ended, null()), (reaches, lock_until), else_=User.locked_until),
        )
        .returning(
            User.id,
            User.hashed_password,
            User.is_active,
            User.failed_login_count,
            User.locked_until,
        )
        .execution_options(synchronize_session=False)
    )
    row = session.execute(statement).one_or_none()
    if row is None:
        return None
    return Attempt(
        user_id=row[0],
        hashed_password=row[1],
        is_active=bool(row[2]),
        failures=int(row[3]),
        locked_until=row[4],
        max_failures=max_failures,
    )


def logged_in(*, session: Session, user_id: uuid.UUID, now: dt.datetime) -> User | None:
    """A right password: the count and any lockout cleared, the login time kept."""
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_login_count=0, locked_until=None, last_login_at=now)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return session.get(User, user_id)


def end_sessions(*, session: Session, user_id: uuid.UUID, version: int | None = None) -> bool:
    """Bump the account's session version (every cookie and session made before stops
    working); with `version`, only if that is still the current one. Whether it was bumped."""
    where = [User.id == user_id]
    if version is not None:
        where.append(User.session_version == version)
    result = session.execute(
        update(User)
        .where(*where)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return bool(result.rowcount)  # type: ignore[attr-defined]
