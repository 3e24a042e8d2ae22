"""Logging in as an attacker would try it: parallel wrong passwords, unknown, locked and
deactivated accounts told apart by text or time, the lockout dodged by case or whitespace.
The clock is injected (`core.services.clock.now` patched), never waited for."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import bcrypt
import pytest

from core import repositories as repo
from core.enums import Role
from core.repositories import audit_trail
from core.services import clock, login, users
from core.services.context import ServiceContext
from core.services.errors import LoginError
from core.services.users import Actor

PASSWORD = "password-123"  # the services conftest's users
START = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock(START)
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """Every bcrypt check made, by the hash it was made against (thread-safe)."""
    made: list[bytes] = []
    lock = threading.Lock()
    real = bcrypt.checkpw

    def counting(password: bytes, hashed: bytes) -> bool:
        with lock:
            made.append(hashed)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting)
    yield made


def _refused(ctx: ServiceContext, email: str, password: str) -> str:
    with pytest.raises(LoginError) as refused:
        login.authenticate(ctx, email=email, password=password)
    return str(refused.value)


def _stored(ctx: ServiceContext, email: str) -> tuple[int, dt.datetime | None, str]:
    with ctx.session() as session:
        user = repo.get_user_by_email(session=session, email=email)
        assert user is not None
        return user.failed_login_count, clock.as_utc(user.locked_until), user.hashed_password


def test_the_right_password_logs_in_whatever_the_case_and_spaces(
    ctx: ServiceContext, engineer: Actor
) -> None:
    actor = login.authenticate(ctx, email="  ENG@Example.com ", password=PASSWORD)
    assert actor.id == engineer.id
    with pytest.raises(LoginError):
        login.authenticate(ctx, email="eng@example.com", password=f" {PASSWORD}")


def test_five_failures_lock_for_fifteen_minutes_keyed_on_the_normalised_email(
    ctx: ServiceContext, engineer: Actor, fake_clock: Clock
) -> None:
    for spelling in ("eng@example.com", "ENG@example.com", " Eng@Example.COM", "eng@example.com\t"):
        _refused(ctx, spelling, "nope-nope-nope")
    assert _stored(ctx, "eng@example.com")[:2] == (4, None)
    _refused(ctx, "EnG@eXample.com  ", "nope-nope-nope")  # the fifth locks
    failures, locked_until, _ = _stored(ctx, "eng@example.com")
    assert failures == 5 and locked_until == START + dt.timedelta(minutes=15)
    fake_clock.at = START + dt.timedelta(minutes=14, seconds=59)
    _refused(ctx, "eng@example.com", PASSWORD)  # locked: even the right password
    fake_clock.at = START + dt.timedelta(minutes=15)
    assert login.authenticate(ctx, email="eng@example.com", password=PASSWORD).id == engineer.id
    assert _stored(ctx, "eng@example.com")[:2] == (0, None)


def test_a_success_resets_the_count(ctx: ServiceContext, engineer: Actor) -> None:
    for _ in range(4):
        _refused(ctx, "eng@example.com", "nope-nope-nope")
    login.authenticate(ctx, email="eng@example.com", password=PASSWORD)
    for _ in range(4):
        _refused(ctx, "eng@example.com", "nope-nope-nope")
    assert _stored(ctx, "eng@example.com")[:2] == (4, None)


def _in_parallel(n: int, attempt: Callable[[], None]) -> None:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            attempt()
        except LoginError:
            pass
        except BaseException as error:  # a database error would be a failure of the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_twenty_parallel_wrong_logins_count_twenty_and_lock_the_account(
    ctx: ServiceContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    checks: list[bytes],
) -> None:
    """The issue's attack: twenty at once used to leave the count at 2 (read, check, write)."""
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 8)  # ~20 ms a check: a wide window for a race
    users.create_user(ctx, admin, email="target@example.com", password=PASSWORD, role=Role.ENGINEER)
    _in_parallel(
        20, lambda: login.authenticate(ctx, email="target@example.com", password="nope-nope-nope")
    )
    failures, locked_until, hashed = _stored(ctx, "target@example.com")
    assert failures == 20
    assert locked_until is not None
    assert checks.count(hashed.encode()) <= 5  # only the first five were checked at all
    assert len(checks) == 20  # and every refusal cost one check
    _refused(ctx, "target@example.com", PASSWORD)


def test_every_refusal_reads_the_same_and_costs_one_check(
    ctx: ServiceContext, admin: Actor, engineer: Actor, manager: Actor, checks: list[bytes]
) -> None:
    users.update_user(ctx, admin, manager.id, is_active=False)
    for _ in range(5):
        _refused(ctx, "eng@example.com", "nope-nope-nope")
    checks.clear()
    answers = {
        "unknown": _refused(ctx, "ghost@example.com", PASSWORD),
        "not an email": _refused(ctx, "nobody", PASSWORD),
        "locked": _refused(ctx, "eng@example.com", PASSWORD),
        "deactivated": _refused(ctx, "boss@example.com", PASSWORD),
        "wrong": _refused(ctx, "admin@example.com", "nope-nope-nope"),
        "too long": _refused(ctx, "admin@example.com", "é" * 40),
    }
    assert set(answers.values()) == {login.LOGIN_REFUSED}
    assert len(checks) == len(answers)  # one bcrypt check each, none skipped


def test_refusals_and_successes_are_in_the_audit_trail_without_the_password(
    ctx: ServiceContext, engineer: Actor, fake_clock: Clock
) -> None:
    _refused(ctx, " GHOST@example.com", "secret-guess-1")
    for _ in range(5):
        _refused(ctx, "Eng@Example.com", "secret-guess-2")
    fake_clock.at = START + login.LOCKOUT
    login.authenticate(ctx, email="eng@example.com", password=PASSWORD)
    with ctx.session() as session:
        failed = audit_trail.events(session=session, action="user.login_failed")
        locked = audit_trail.events(session=session, action="user.locked")
        succeeded = audit_trail.events(session=session, action="user.login")
    assert [e.details for e in failed][:2] == [
        {"email": "ghost@example.com", "reason": "unknown account"},
        {"email": "eng@example.com", "reason": "wrong password"},
    ]
    assert failed[1].subject_id == engineer.id
    assert len(locked) == 1 and locked[0].subject_id == engineer.id
    assert [e.actor_id for e in succeeded] == [engineer.id]
    assert "secret-guess" not in repr([e.details for e in failed])
