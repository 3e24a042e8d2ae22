"""Accounts: first admin, roles, lockout after five failures, deactivation."""

from __future__ import annotations

import datetime as dt

import pytest

from core.enums import Role
from core.services import users
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, LoginError, PermissionDenied
from core.services.users import Actor


def test_first_admin_only_once(ctx: ServiceContext) -> None:
    assert not users.has_users(ctx)
    admin = users.create_first_admin(ctx, email=" First@Example.com ", password="12345678")
    assert admin.role is Role.ADMIN and admin.email == "first@example.com"
    with pytest.raises(PermissionDenied):
        users.create_first_admin(ctx, email="second@example.com", password="12345678")


def test_roles_are_cumulative(admin: Actor, manager: Actor, engineer: Actor) -> None:
    assert admin.can(Role.ENGINEER) and admin.can(Role.MANAGER) and admin.can(Role.ADMIN)
    assert manager.can(Role.ENGINEER) and manager.can(Role.MANAGER) and not manager.can(Role.ADMIN)
    assert engineer.can(Role.ENGINEER) and not engineer.can(Role.MANAGER)


def test_only_admins_create_and_list_users(
    ctx: ServiceContext, manager: Actor, engineer: Actor
) -> None:
    with pytest.raises(PermissionDenied):
        users.create_user(ctx, manager, email="x@example.com", password="12345678", role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        users.list_users(ctx, engineer)


def test_duplicate_email_and_bad_passwords(ctx: ServiceContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="already exists"):
        users.create_user(
            ctx, admin, email="ADMIN@example.com", password="12345678", role=Role.ENGINEER
        )
    with pytest.raises(InvalidInput, match="at least 8"):
        users.create_user(ctx, admin, email="a@example.com", password="short", role=Role.ENGINEER)
    with pytest.raises(InvalidInput, match="72 bytes"):
        users.create_user(ctx, admin, email="a@example.com", password="é" * 40, role=Role.ENGINEER)
    with pytest.raises(InvalidInput, match="not an email"):
        users.create_user(ctx, admin, email="nobody", password="12345678", role=Role.ENGINEER)


def test_login_and_lockout_after_five_failures(ctx: ServiceContext, engineer: Actor) -> None:
    assert users.authenticate(ctx, email="ENG@example.com", password="password-123") == engineer
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    for _ in range(5):
        with pytest.raises(LoginError, match="Wrong email or password"):
            users.authenticate(ctx, email="eng@example.com", password="nope-nope", now=now)
    with pytest.raises(LoginError, match="locked"):
        users.authenticate(ctx, email="eng@example.com", password="password-123", now=now)
    later = now + dt.timedelta(minutes=16)
    assert users.authenticate(ctx, email="eng@example.com", password="password-123", now=later)


def test_unknown_user_gets_the_same_message(ctx: ServiceContext, admin: Actor) -> None:
    with pytest.raises(LoginError, match="Wrong email or password"):
        users.authenticate(ctx, email="ghost@example.com", password="whatever1")


def test_deactivated_user_cannot_log_in_and_loses_the_session(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    users.update_user(ctx, admin, engineer.id, is_active=False)
    with pytest.raises(LoginError, match="deactivated"):
        users.authenticate(ctx, email="eng@example.com", password="password-123")
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
