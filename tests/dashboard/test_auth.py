"""Login through our users table: first-run setup (with its one-time token), one answer for every
refused login, the lockout, sessions ended at logout, deactivation, role change and password
reset (the login cookie's signed session version), the cookie key, and deep links.

AppTest sends no request headers, so to the app it is not on localhost: first-run setup asks
for the token, as it would behind a proxy. The cookie itself lives in the browser
(tests/e2e/test_browser.py replays a copied one after logout); here its signed claims are read
from the session and checked the way the gate checks a cookie."""

from __future__ import annotations

import datetime as dt
import stat
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest
from streamlit.testing.v1 import AppTest

from core.config import get_settings
from core.enums import Role
from core.repositories import audit_trail
from core.services import login, users
from core.services.context import ServiceContext
from core.services.first_run import TOKEN_FILE
from core.services.users import Actor
from dashboard import auth, data, state
from dashboard.auth_cookie import COOKIE_KEY_FILE, VERSION_CLAIM
from tests.dashboard.helpers import PASSWORD, app, seed_report, texts, visible


def log_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="login_email").input(email)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click()
    return at.run()


def set_up(at: AppTest, token: str | None, password: str = PASSWORD) -> AppTest:
    if token is not None:
        at.text_input(key="setup_token").input(token)
    at.text_input(key="setup_email").input("First@Example.com")
    at.text_input(key="setup_name").input("Fay First")
    at.text_input(key="setup_password").input(password)
    at.text_input(key="setup_repeat").input(password)
    at.button(key="setup_submit").click()
    return at.run()


def cookie_claims(at: AppTest, data_dir: Path) -> dict[str, Any]:
    """What the login cookie written in this session signs (read back with the key)."""
    token, _expires = at.session_state[state.COOKIE_TOKEN]
    key = (data_dir / COOKIE_KEY_FILE).read_text(encoding="utf-8").strip()
    claims: dict[str, Any] = jwt.decode(token, key, algorithms=["HS256"])
    return claims


def replayed(claims: dict[str, Any]) -> Actor | None:
    """The gate's check of a cookie carrying these claims."""
    return data.session_actor(claims.get(VERSION_CLAIM), email=claims["username"])


def test_first_run_setup_asks_for_the_token_printed_at_start(
    data_dir: Path, ctx: ServiceContext
) -> None:
    token_file = data_dir / TOKEN_FILE
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600  # made when the app started
    at = app().run()
    assert at.text_input(key="setup_token").label == "Setup token"
    for wrong in (None, "", "guess-guess-guess"):
        at = set_up(at, wrong)
        assert "The setup token is missing or wrong" in texts(at)
        assert not users.has_users(ctx)
    at = set_up(at, token_file.read_text(encoding="utf-8"))
    assert not at.exception
    assert at.title[0].value == "Upload reports"
    actor = users.get_actor_by_email(ctx, "first@example.com")
    assert actor is not None and actor.role is Role.ADMIN
    assert "Fay First" in texts(at)
    assert not token_file.exists()  # used once


def test_first_run_setup_refuses_differing_and_weak_passwords(
    data_dir: Path, ctx: ServiceContext
) -> None:
    token = (data_dir / TOKEN_FILE).read_text(encoding="utf-8")
    at = app().run()
    at.text_input(key="setup_token").input(token)
    at.text_input(key="setup_email").input("first@example.com")
    at.text_input(key="setup_password").input(PASSWORD)
    at.text_input(key="setup_repeat").input(PASSWORD + "!")
    at.button(key="setup_submit").click()
    at.run()
    assert "The two passwords differ" in texts(at)
    at = set_up(at, token, password="password123")
    assert "most common passwords" in texts(at)
    assert not users.has_users(ctx)


def test_login_form_has_email_password_and_log_in(admin: Actor) -> None:
    at = app().run()
    assert [t.label for t in at.text_input] == ["Email", "Password"]
    assert at.button(key="login_submit").label == "Log in"
    assert "10–72 bytes" in texts(at)


def test_wrong_password_is_refused_then_the_right_one_logs_in(admin: Actor) -> None:
    at = log_in(app().run(), "admin@example.com", "wrong password")
    assert login.LOGIN_REFUSED in texts(at)
    assert not at.sidebar.get("page_link")
    at = log_in(at, "Admin@Example.com", PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Upload reports"


def test_five_failures_lock_the_account_with_the_same_answer(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    users.update_user(ctx, admin, engineer.id, is_active=False)
    at = app().run()
    for _ in range(5):
        at = log_in(at, "admin@example.com", "wrong password")
    locked = log_in(at, "admin@example.com", PASSWORD)
    assert login.LOGIN_REFUSED in texts(locked)
    assert not locked.sidebar.get("page_link")
    unknown = log_in(app().run(), "ghost@example.com", PASSWORD)
    deactivated = log_in(app().run(), "eng@example.com", PASSWORD)
    answers = [at.error[0].value for at in (locked, unknown, deactivated)]
    assert answers == [login.LOGIN_REFUSED] * 3


def test_the_cookie_signs_the_session_version_and_lives_the_configured_days(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, admin: Actor
) -> None:
    at = log_in(app().run(), "admin@example.com", PASSWORD)
    claims = cookie_claims(at, data_dir)
    assert claims["username"] == "admin@example.com"
    assert claims[VERSION_CLAIM] == admin.session_version
    lifetime = claims["exp_date"] - dt.datetime.now().timestamp()
    assert 0.99 * 86400 < lifetime <= 86400  # AUDITENG_SESSION_DAYS = 1 by default
    monkeypatch.setenv("AUDITENG_SESSION_DAYS", "0.5")
    get_settings.cache_clear()
    at = log_in(app().run(), "admin@example.com", PASSWORD)
    assert cookie_claims(at, data_dir)["exp_date"] - dt.datetime.now().timestamp() <= 43200


def test_logout_ends_the_session_and_every_copy_of_its_cookie(data_dir: Path, admin: Actor) -> None:
    at = log_in(app().run(), "admin@example.com", PASSWORD)
    claims = cookie_claims(at, data_dir)
    copy = replayed(claims)
    assert copy is not None
    other_tab = app(copy).run()  # the same session in another browser
    at.sidebar.button(key="auditeng.logout_button").click()
    at.run()
    assert auth.LOGGED_OUT in texts(at)
    assert not at.sidebar.get("page_link")
    at.run()  # and stays out
    assert at.button(key="login_submit").label == "Log in"
    assert replayed(claims) is None  # the copied cookie no longer logs in
    other_tab.run()
    assert auth.ENDED_NOTICE in texts(other_tab)
    assert at.button(key="login_submit").label == "Log in"


def test_deactivation_ends_a_running_session_on_its_next_run(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = app(engineer).run()
    assert at.title[0].value == "Upload reports"
    users.update_user(ctx, admin, engineer.id, is_active=False)
    at.run()
    assert auth.ENDED_NOTICE in texts(at)
    assert at.button(key="login_submit").label == "Log in"


def test_a_role_change_ends_the_session_and_the_next_login_has_the_new_role(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = app(engineer).run()
    assert "Trends" not in [link.value for link in at.sidebar.get("page_link")]
    users.update_user(ctx, admin, engineer.id, role=Role.MANAGER)
    at.run()
    assert auth.ENDED_NOTICE in texts(at)
    at = log_in(at, "eng@example.com", PASSWORD)
    assert "Trends" in [link.value for link in at.sidebar.get("page_link")]


def test_a_password_reset_ends_the_running_session(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = app(engineer).run()
    users.reset_password(ctx, admin, engineer.id, "tidal-ohm-meter-7")
    at.run()
    assert auth.ENDED_NOTICE in texts(at)
    assert log_in(at, "eng@example.com", "tidal-ohm-meter-7").title[0].value == "Upload reports"


def test_a_deep_link_opened_logged_out_lands_on_its_view_after_login_and_is_recorded(
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
    assert visible(at.title[0].value) == "XFMR-7"
    assert at.query_params["task"] == str(task_id)
    at.run()  # once per session
    with ctx.session() as session:
        opened = audit_trail.events(session=session, action="task.link_opened")
    assert [(e.task_id, e.actor_id, e.details) for e in opened] == [
        (task_id, admin.id, {"by_owner": True})
    ]


def test_opening_a_report_from_inside_the_app_is_not_a_link_opened(
    ctx: ServiceContext, admin: Actor
) -> None:
    task_id = seed_report(ctx, admin, tag="XFMR-8")
    at = app(admin).run()  # the session began on another page
    at.switch_page("app_pages/analysis.py")
    at.query_params["task"] = str(task_id)
    assert visible(at.run().title[0].value) == "XFMR-8"
    with ctx.session() as session:
        assert not audit_trail.events(session=session, action="task.link_opened")


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


@pytest.mark.parametrize(
    ("key", "refusal"),
    [
        ("k", "a login cookie key of 1 characters: it needs at least 32"),
        ("x" * 31, "of 31 characters"),
        ("change-me-to-a-long-random-value", "the example login cookie key"),
    ],
)
def test_production_refuses_a_short_or_placeholder_cookie_key(
    monkeypatch: pytest.MonkeyPatch, admin: Actor, key: str, refusal: str
) -> None:
    monkeypatch.setenv("AUDITENG_ENV", "production")
    monkeypatch.setenv("AUDITENG_COOKIE_KEY", key)
    get_settings.cache_clear()
    at = app().run()
    assert refusal in texts(at)
    assert not at.text_input
    monkeypatch.setenv("AUDITENG_ENV", "development")  # development takes any key
    get_settings.cache_clear()
    assert app().run().button(key="login_submit").label == "Log in"


def test_production_starts_with_the_key_in_secrets(
    monkeypatch: pytest.MonkeyPatch, admin: Actor
) -> None:
    monkeypatch.setenv("AUDITENG_ENV", "production")
    get_settings.cache_clear()
    at = app()
    at.secrets["auth"] = {"cookie_key": uuid.uuid4().hex * 2}
    at.run()
    assert at.button(key="login_submit").label == "Log in"
