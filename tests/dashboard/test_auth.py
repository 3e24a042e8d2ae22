"""Login through our users table: first-run setup, wrong passwords, the five-failure lockout,
deactivation and role changes taking effect at once, logout, the cookie key, and deep links."""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.config import get_settings
from core.enums import Role
from core.services import users
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard import auth
from tests.dashboard.helpers import PASSWORD, app, seed_report, texts


def log_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="login_email").input(email)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click()
    return at.run()


def test_first_run_setup_creates_the_admin_and_logs_them_in(
    data_dir: Path, ctx: ServiceContext
) -> None:
    at = app().run()
    at.text_input(key="setup_email").input("First@Example.com")
    at.text_input(key="setup_name").input("Fay First")
    at.text_input(key="setup_password").input(PASSWORD)
    at.text_input(key="setup_repeat").input(PASSWORD)
    at.button(key="setup_submit").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Upload reports"
    actor = users.get_actor_by_email(ctx, "first@example.com")
    assert actor is not None and actor.role is Role.ADMIN
    assert "Fay First" in texts(at)


def test_first_run_setup_refuses_differing_passwords(data_dir: Path, ctx: ServiceContext) -> None:
    at = app().run()
    at.text_input(key="setup_email").input("first@example.com")
    at.text_input(key="setup_password").input(PASSWORD)
    at.text_input(key="setup_repeat").input(PASSWORD + "!")
    at.button(key="setup_submit").click()
    at.run()
    assert "The two passwords differ" in texts(at)
    assert not users.has_users(ctx)


def test_login_form_has_email_password_and_log_in(admin: Actor) -> None:
    at = app().run()
    assert [t.label for t in at.text_input] == ["Email", "Password"]
    assert at.button(key="login_submit").label == "Log in"
    assert "8–72 bytes" in texts(at)


def test_wrong_password_is_refused_then_the_right_one_logs_in(admin: Actor) -> None:
    at = log_in(app().run(), "admin@example.com", "wrong password")
    assert "Wrong email or password." in texts(at)
    assert not at.sidebar.get("page_link")
    at = log_in(at, "Admin@Example.com", PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Upload reports"


def test_five_failures_lock_the_account_even_for_the_right_password(admin: Actor) -> None:
    at = app().run()
    for _ in range(5):
        at = log_in(at, "admin@example.com", "wrong password")
    at = log_in(at, "admin@example.com", PASSWORD)
    assert "locked after 5 failed logins" in texts(at)
    assert not at.sidebar.get("page_link")


def test_deactivation_ends_a_running_session_on_its_next_run(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = app(engineer).run()
    assert at.title[0].value == "Upload reports"
    users.update_user(ctx, admin, engineer.id, is_active=False)
    at.run()
    assert auth.ENDED_NOTICE in texts(at)
    assert at.button(key="login_submit").label == "Log in"


def test_a_role_change_takes_effect_on_the_next_run(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = app(engineer).run()
    assert "Trends" not in [link.value for link in at.sidebar.get("page_link")]
    users.update_user(ctx, admin, engineer.id, role=Role.MANAGER)
    at.run()
    assert "Trends" in [link.value for link in at.sidebar.get("page_link")]


def test_logout_returns_to_the_login_form(admin: Actor) -> None:
    at = app(admin).run()
    at.sidebar.button(key="auditeng.logout_button").click()
    at.run()
    assert "You are logged out." in texts(at)
    assert not at.sidebar.get("page_link")
    at.run()  # and stays out
    assert at.button(key="login_submit").label == "Log in"


def test_a_deep_link_opened_logged_out_lands_on_its_view_after_login(
    ctx: ServiceContext, admin: Actor
) -> None:
    task_id = seed_report(ctx, admin, tag="XFMR-7")
    at = app().run()
    at.switch_page("app_pages/analysis.py")
    at.query_params["task"] = str(task_id)
    at.run()
    assert at.button(key="login_submit").label == "Log in"
    assert "XFMR-7" not in texts(at)
    at = log_in(at, "admin@example.com", PASSWORD)
    assert not at.exception
    assert at.title[0].value == "XFMR-7"
    assert at.query_params["task"] == str(task_id)


def test_development_cookie_key_is_generated_once_and_private(data_dir: Path) -> None:
    settings = get_settings()
    first = auth.cookie_key(settings)
    key_file = data_dir / auth.COOKIE_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert auth.cookie_key(settings) == first
    assert len(first) >= 32


def test_configured_cookie_key_wins(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.setenv("AUDITENG_COOKIE_KEY", "k" * 40)
    get_settings.cache_clear()
    assert auth.cookie_key(get_settings()) == "k" * 40
    assert not (data_dir / auth.COOKIE_KEY_FILE).exists()


def test_production_refuses_to_start_without_a_cookie_key(
    monkeypatch: pytest.MonkeyPatch, admin: Actor
) -> None:
    monkeypatch.setenv("AUDITENG_ENV", "production")
    get_settings.cache_clear()
    at = app().run()
    assert "will not start in production without a login cookie key" in texts(at)
    assert not at.text_input


def test_production_starts_with_the_key_in_secrets(
    monkeypatch: pytest.MonkeyPatch, admin: Actor
) -> None:
    monkeypatch.setenv("AUDITENG_ENV", "production")
    get_settings.cache_clear()
    at = app()
    at.secrets["auth"] = {"cookie_key": uuid.uuid4().hex * 2}
    at.run()
    assert at.button(key="login_submit").label == "Log in"
