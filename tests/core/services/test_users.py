"""Accounts: first admin, roles, the password rules, deactivation, reset, the account list.
Logging in and the lockout: test_login.py; sessions: test_sessions.py."""

from __future__ import annotations

import pytest

from core import repositories as repo
from core.enums import Role
from core.repositories import audit_trail
from core.services import login, passwords, users
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, LoginError, PermissionDenied
from core.services.users import Actor

GOOD = "tidal-ohm-meter-7"


def test_first_admin_only_once(ctx: ServiceContext) -> None:
    assert not users.has_users(ctx)
    admin = users.create_first_admin(ctx, email=" First@Example.com ", password=GOOD)
    assert admin.role is Role.ADMIN and admin.email == "first@example.com"
    with pytest.raises(PermissionDenied):
        users.create_first_admin(ctx, email="second@example.com", password=GOOD)


def test_roles_are_cumulative(admin: Actor, manager: Actor, engineer: Actor) -> None:
    assert admin.can(Role.ENGINEER) and admin.can(Role.MANAGER) and admin.can(Role.ADMIN)
    assert manager.can(Role.ENGINEER) and manager.can(Role.MANAGER) and not manager.can(Role.ADMIN)
    assert engineer.can(Role.ENGINEER) and not engineer.can(Role.MANAGER)


def test_only_admins_create_list_change_and_reset_users(
    ctx: ServiceContext, manager: Actor, engineer: Actor
) -> None:
    for actor in (manager, engineer):
        with pytest.raises(PermissionDenied):
            users.create_user(ctx, actor, email="x@example.com", password=GOOD, role=Role.ADMIN)
        with pytest.raises(PermissionDenied):
            users.list_users(ctx, actor)
        with pytest.raises(PermissionDenied):
            users.update_user(ctx, actor, engineer.id, role=Role.ADMIN)
        with pytest.raises(PermissionDenied):
            users.reset_password(ctx, actor, engineer.id, GOOD)
    assert users.get_actor(ctx, engineer.id) == engineer  # nothing changed


def test_duplicate_email_and_bad_email(ctx: ServiceContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="already exists"):
        users.create_user(ctx, admin, email="ADMIN@example.com", password=GOOD, role=Role.ENGINEER)
    with pytest.raises(InvalidInput, match="not an email"):
        users.create_user(ctx, admin, email="nobody", password=GOOD, role=Role.ENGINEER)


@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("short", "at least 10 characters"),
        ("123456789", "at least 10 characters"),
        ("aaaaaaaa", "at least 10 characters"),
        ("password", "at least 10 characters"),
        ("aaaaaaaaaaaa", "one character repeated"),
        ("          ", "one character repeated"),
        ("1234567890", "most common passwords"),
        ("QWERTYUIOP", "most common passwords"),  # the list is matched lower-cased
        ("password123", "with digits added"),
        ("2024dragon", "with digits added"),
        ("é" * 40, "72 bytes"),
        ("nina@example.com", "email address"),
    ],
)
def test_weak_passwords_are_refused_everywhere(
    ctx: ServiceContext, admin: Actor, engineer: Actor, password: str, refusal: str
) -> None:
    with pytest.raises(InvalidInput, match=refusal):
        users.create_user(
            ctx, admin, email="nina@example.com", password=password, role=Role.ENGINEER
        )
    with pytest.raises(InvalidInput, match=refusal):
        users.reset_password(ctx, admin, engineer.id, password.replace("nina", "eng"))


def test_weak_passwords_are_refused_at_first_run_setup(ctx: ServiceContext) -> None:
    with pytest.raises(InvalidInput, match="most common"):
        users.create_first_admin(ctx, email="first@example.com", password="Qwertyuiop")
    assert not users.has_users(ctx)


def test_the_common_list_is_bundled_lower_cased() -> None:
    common = passwords.common_passwords()
    assert len(common) > 3000
    assert {"password", "123456", "qwerty", "1234567890"} <= common
    assert all(word == word.lower() for word in common)


def test_deactivated_user_cannot_log_in_and_loses_the_session(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    users.update_user(ctx, admin, engineer.id, is_active=False)
    with pytest.raises(LoginError, match="Wrong email or password"):
        login.authenticate(ctx, email="eng@example.com", password="password-123")
    assert users.get_actor(ctx, engineer.id) is None  # checked on every page run


def test_role_change_takes_effect_and_admin_cannot_demote_self(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    users.update_user(ctx, admin, engineer.id, role=Role.MANAGER)
    refreshed = users.get_actor(ctx, engineer.id)
    assert refreshed is not None and refreshed.role is Role.MANAGER
    with pytest.raises(InvalidInput):
        users.update_user(ctx, admin, admin.id, role=Role.ENGINEER)
    rows = {row.email: row for row in users.list_users(ctx, admin)}
    assert rows["eng@example.com"].role is Role.MANAGER


def test_reset_sets_the_password_lifts_the_lockout_and_is_recorded(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    for _ in range(6):
        with pytest.raises(LoginError):
            login.authenticate(ctx, email="eng@example.com", password="nope-nope-nope")
    assert {r.email: r.locked for r in users.list_users(ctx, admin)}["eng@example.com"]
    users.reset_password(ctx, admin, engineer.id, GOOD)
    assert not {r.email: r.locked for r in users.list_users(ctx, admin)}["eng@example.com"]
    assert login.authenticate(ctx, email="eng@example.com", password=GOOD).id == engineer.id
    with pytest.raises(LoginError):
        login.authenticate(ctx, email="eng@example.com", password="password-123")
    users.reset_password(ctx, None, engineer.id, "another-good-one")  # the shell
    with ctx.session() as session:
        resets = audit_trail.events(session=session, action="user.password_reset")
        user = repo.users.get(session=session, id=engineer.id)
        assert user is not None and "another-good-one" not in user.hashed_password
    assert [(e.actor_id, e.subject_id) for e in resets] == [
        (admin.id, engineer.id),
        (None, engineer.id),
    ]


def test_user_changes_are_recorded(ctx: ServiceContext, admin: Actor, engineer: Actor) -> None:
    users.update_user(ctx, admin, engineer.id, role=Role.MANAGER)
    users.update_user(ctx, admin, engineer.id, is_active=False)
    with ctx.session() as session:
        created = audit_trail.events(session=session, action="user.created")
        updated = audit_trail.events(session=session, action="user.updated")
    assert engineer.id in {e.subject_id for e in created}
    assert [e.details for e in updated] == [
        {"role": "manager", "sessions_ended": "True"},
        {"is_active": "False", "sessions_ended": "True"},
    ]


def test_the_account_list_says_who_is_locked_and_when_they_last_logged_in(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    login.authenticate(ctx, email="admin@example.com", password="correct horse")
    for _ in range(5):
        with pytest.raises(LoginError):
            login.authenticate(ctx, email="eng@example.com", password="nope-nope-nope")
    rows = {row.email: row for row in users.list_users(ctx, None)}
    assert rows["eng@example.com"].locked and rows["eng@example.com"].last_login_at is None
    assert not rows["admin@example.com"].locked
    assert rows["admin@example.com"].last_login_at is not None
