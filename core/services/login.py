"""Logging in: one answer and one bcrypt check for every refusal, attempts counted atomically.

An attempt is counted before its password is checked (`accounts.count_attempt`, one
`UPDATE … RETURNING` keyed on the normalised email), so twenty parallel wrong tries count
twenty and only the first five are ever checked; the fifth failure in a row locks the account
for 15 minutes. Unknown, wrong, locked and deactivated all get LOGIN_REFUSED after exactly one
bcrypt check (against a dummy hash when there is no password to check), so neither the text
nor the time of the answer tells them apart.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import bcrypt

from core.repositories import accounts
from core.services import clock, users
from core.services.audit import record
from core.services.context import ServiceContext
from core.services.errors import LoginError
from core.services.passwords import MAX_PASSWORD_BYTES
from core.services.users import LOCKOUT, MAX_FAILED_LOGINS, Actor, as_actor, login_key

LOGIN_REFUSED = (
    "Wrong email or password — or this account is locked (for 15 minutes after 5 failed "
    "logins) or deactivated; an administrator can unlock or reactivate it."
)
"""The one answer to every refused login: unknown, wrong, locked and deactivated alike."""
WRONG = "wrong password"


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    """What a refused login is checked against when there is no password to check: the same
    cost as a real check, so the answer's time says nothing about the account."""
    return bcrypt.hashpw(b"not anyone's password", bcrypt.gensalt(rounds=rounds)).decode()


def _password_matches(password: str, hashed: str | None) -> bool:
    """Exactly one bcrypt check, whatever the case (`hashed=None`: against the dummy)."""
    encoded = password.encode()
    target = (hashed or _dummy_hash(users.BCRYPT_ROUNDS)).encode()
    if len(encoded) > MAX_PASSWORD_BYTES:
        bcrypt.checkpw(b"-", target)
        return False
    return bcrypt.checkpw(encoded, target) and hashed is not None


def authenticate(
    ctx: ServiceContext, *, email: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """Check a password. The attempt is counted first, atomically (`accounts.count_attempt`),
    keyed on the normalised email; the fifth failure in a row locks the account for 15
    minutes. Every refusal gives LOGIN_REFUSED after exactly one bcrypt check."""
    now = now or clock.now()
    key = login_key(email)
    with ctx.session() as session:  # committed before the check: parallel tries see it
        attempt = accounts.count_attempt(
            session=session,
            email=key,
            now=now,
            max_failures=MAX_FAILED_LOGINS,
            lock_until=now + LOCKOUT,
        )
    checkable = attempt is not None and attempt.is_active and not attempt.locked
    hashed = attempt.hashed_password if attempt is not None and checkable else None
    matches = _password_matches(password, hashed)
    with ctx.session() as session:
        if attempt is not None and checkable and matches:
            user = accounts.logged_in(session=session, user_id=attempt.user_id, now=now)
            if user is not None:
                record(session, actor_id=user.id, action="user.login", subject=user)
                return as_actor(user)
        reason = _refusal(attempt)
        user_id = attempt.user_id if attempt else None
        record(
            session,
            actor_id=None,
            action="user.login_failed",
            subject_type="users",
            subject_id=user_id,
            email=key[:255],
            reason=reason,
        )
        if attempt is not None and reason == WRONG and attempt.failures == MAX_FAILED_LOGINS:
            record(
                session,
                actor_id=None,
                action="user.locked",
                subject_type="users",
                subject_id=user_id,
                email=key[:255],
            )
    raise LoginError(LOGIN_REFUSED)


def _refusal(attempt: accounts.Attempt | None) -> str:
    """Why a login was refused, for the audit trail only (the person sees LOGIN_REFUSED)."""
    if attempt is None:
        return "unknown account"
    if not attempt.is_active:
        return "deactivated"
    return "locked" if attempt.locked else WRONG
