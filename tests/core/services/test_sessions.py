"""Session versions: what a login cookie carries stops working at logout, deactivation, role
change and password reset — a copy replayed afterwards included — and at nothing else."""

from __future__ import annotations

import pytest

from core.enums import Role
from core.services import login, sessions, users
from core.services.context import ServiceContext
from core.services.users import Actor


def _cookie(ctx: ServiceContext, email: str, password: str = "password-123") -> Actor:
    """Log in: the returned actor's email and session version are what the cookie signs."""
    return login.authenticate(ctx, email=email, password=password)


def _replay(ctx: ServiceContext, cookie: Actor) -> Actor | None:
    return sessions.session_actor(ctx, email=cookie.email, version=cookie.session_version)


def test_a_cookie_works_until_logout_and_a_copy_replayed_after_it_does_not(
    ctx: ServiceContext, engineer: Actor
) -> None:
    cookie = _cookie(ctx, "eng@example.com")
    assert _replay(ctx, cookie) == cookie
    assert sessions.session_actor(ctx, user_id=cookie.id, version=cookie.session_version)
    assert sessions.end_sessions(ctx, cookie)
    assert _replay(ctx, cookie) is None
    assert sessions.session_actor(ctx, user_id=cookie.id, version=cookie.session_version) is None
    assert not sessions.end_sessions(ctx, cookie)  # a second logout ends nothing more
    fresh = _cookie(ctx, "eng@example.com")
    assert fresh.session_version == cookie.session_version + 1
    assert _replay(ctx, fresh) == fresh


@pytest.mark.parametrize("change", ["deactivate", "role", "reset"])
def test_account_changes_end_every_session(
    ctx: ServiceContext, admin: Actor, engineer: Actor, change: str
) -> None:
    cookie = _cookie(ctx, "eng@example.com")
    if change == "deactivate":
        users.update_user(ctx, admin, engineer.id, is_active=False)
    elif change == "role":
        users.update_user(ctx, admin, engineer.id, role=Role.MANAGER)
    else:
        users.reset_password(ctx, admin, engineer.id, "tidal-ohm-meter-7")
    assert _replay(ctx, cookie) is None


def test_unlocking_or_another_users_logout_keeps_the_session(
    ctx: ServiceContext, admin: Actor, engineer: Actor, manager: Actor
) -> None:
    cookie = _cookie(ctx, "eng@example.com")
    users.update_user(ctx, admin, engineer.id, unlock=True)
    sessions.end_sessions(ctx, _cookie(ctx, "boss@example.com"))
    assert _replay(ctx, cookie) == cookie


def test_no_version_no_session(ctx: ServiceContext, engineer: Actor) -> None:
    """A cookie written before session versions existed carries none: it is refused."""
    assert sessions.session_actor(ctx, email="eng@example.com", version=None) is None
    assert sessions.session_actor(ctx, user_id="not-a-uuid", version=0) is None
    assert sessions.session_actor(ctx, email="ghost@example.com", version=0) is None
