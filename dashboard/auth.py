"""Who is using the dashboard: our users table decides, streamlit-authenticator keeps the cookie.

The seam (DESIGN.md §10): pages never see the authenticator. Passwords, the five-failure
lockout and deactivation go through `core.services.users` (the authenticator's own counters live
in memory and its login strips whitespace from passwords), so the authenticator is used only for
its signed re-login cookie. Its cookie cannot be revoked, so every run re-reads the user from the
database: a deactivated or re-roled user takes effect on their next click.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit_authenticator as stauth

from core.config import Settings
from core.services.errors import ServiceError
from core.services.users import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, Actor
from dashboard import data, state

COOKIE_NAME = "auditeng_session"
COOKIE_EXPIRY_DAYS = 7.0
COOKIE_KEY_FILE = "cookie_key"
PASSWORD_RULE = (
    f"Passwords are {MIN_PASSWORD_CHARS}–{MAX_PASSWORD_BYTES} bytes long "
    "(bcrypt ignores anything beyond 72 bytes, so longer ones are refused)."
)
ENDED_NOTICE = "Your session ended: this account is no longer active. Ask an administrator."


class CookieKeyMissing(RuntimeError):
    """Production without a cookie key: the app refuses to start (DESIGN.md §9)."""


def cookie_key(settings: Settings) -> str:
    """The key signing login cookies: secrets, then AUDITENG_COOKIE_KEY, then (development only)
    a random key generated once and kept in the data directory. Never a constant in code."""
    try:
        configured = (st.secrets.get("auth") or {}).get("cookie_key")
    except FileNotFoundError:  # no secrets.toml at all: that is fine
        configured = None
    if configured:
        return str(configured)
    if settings.cookie_key:
        return settings.cookie_key
    if settings.env == "production":
        raise CookieKeyMissing(
            "AuditEng will not start in production without a login cookie key: set "
            "AUDITENG_COOKIE_KEY or `cookie_key` under [auth] in .streamlit/secrets.toml."
        )
    return _development_key(settings.data_dir / COOKIE_KEY_FILE)


def _development_key(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    try:
        # O_EXCL: two first requests racing must not write two different keys.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


class AuthProvider:
    """The login cookie, through streamlit-authenticator 0.4.2: read, set, delete.

    Build one per script run (its cookie manager is a browser component with a fixed key).
    The credentials dict is empty on purpose: the user store is our database.
    """

    def __init__(self, key: str) -> None:
        self._authenticator: Any = stauth.Authenticate(
            {"usernames": {}},
            COOKIE_NAME,
            key,
            COOKIE_EXPIRY_DAYS,
            auto_hash=False,
            login_sleep_time=0,  # its default sleeps 0.7 s on every logged-out run
        )

    def remembered_email(self) -> str | None:
        """The email a valid, unexpired cookie names (read from the page request's cookies)."""
        token = self._authenticator.cookie_controller.get_cookie()
        return str(token["username"]) if token else None

    def remember(self, actor: Actor) -> None:
        """Set the cookie for this user (the authenticator encodes its session's `username`)."""
        st.session_state[state.AUTHENTICATOR_USERNAME] = actor.email
        st.session_state[state.AUTHENTICATOR_NAME] = actor.display_name
        st.session_state[state.AUTHENTICATOR_STATUS] = True
        st.session_state[state.AUTHENTICATOR_LOGOUT] = None  # set again by forget()
        self._authenticator.cookie_controller.set_cookie()
        st.session_state[state.COOKIE_PENDING] = "set"

    def forget(self) -> None:
        """Delete the cookie and the authenticator's session keys."""
        st.session_state[state.AUTHENTICATOR_STATUS] = True  # its logout() needs a session
        self._authenticator.logout(location="unrendered")
        st.session_state[state.COOKIE_PENDING] = "delete"

    def settle(self) -> None:
        """Draw the pending cookie call again until the browser reports it done.

        The cookie is written by a browser component; one that is not drawn again on the next
        run is removed before its script may have run (the user clicks on at once), and the
        cookie is lost. The component reports `True` under its key once it has run.
        """
        pending = st.session_state.get(state.COOKIE_PENDING)
        if pending is None:
            return
        if st.session_state.get(pending) is True:
            del st.session_state[state.COOKIE_PENDING]
        elif pending == "set" and st.session_state.get(state.AUTHENTICATOR_USERNAME):
            self._authenticator.cookie_controller.set_cookie()
        elif pending == "delete":
            self._authenticator.cookie_controller.delete_cookie()


def request_logout() -> None:
    """on_click of the Logout button: handled by the next run's gate, before anything is drawn,
    so the cookie is deleted in a run that completes (a rerun would drop the browser call)."""
    st.session_state[state.LOGOUT_REQUESTED] = True


def gate(settings: Settings) -> Actor | None:
    """The logged-in actor, or None after drawing first-run setup or the login form."""
    try:
        provider = AuthProvider(cookie_key(settings))
    except CookieKeyMissing as error:
        st.error(str(error))
        return None
    provider.settle()
    if st.session_state.pop(state.LOGOUT_REQUESTED, False):
        _end_session(provider, "You are logged out.")
    actor = _current_actor(provider)
    if actor is None:
        actor = _first_run_setup(provider) if not data.has_users() else _login_form(provider)
    st.session_state[state.ACTOR] = actor
    return actor


def current_actor() -> Actor:
    """The actor the gate let through on this run (pages call this; it never returns None)."""
    actor: Actor | None = st.session_state.get(state.ACTOR)
    if actor is None:
        st.stop()  # the gate did not run or let nobody in: draw nothing
    return actor


def _current_actor(provider: AuthProvider) -> Actor | None:
    user_id = st.session_state.get(state.USER_ID)
    if user_id:
        actor = data.actor(user_id)
        if actor is None:
            _end_session(provider, ENDED_NOTICE)
        return actor
    # After a logout the request's cookie header is stale; the authenticator's own `logout`
    # flag makes this None for the rest of the browser session.
    email = provider.remembered_email()
    if not email:
        return None
    actor = data.actor_by_email(email)
    if actor is None:
        _end_session(provider, ENDED_NOTICE)
        return None
    st.session_state[state.USER_ID] = str(actor.id)
    return actor


def _end_session(provider: AuthProvider, notice: str) -> None:
    for key in list(st.session_state):
        if str(key).startswith("auditeng."):
            del st.session_state[key]
    provider.forget()
    st.session_state[state.LOGIN_NOTICE] = notice


def _logged_in(provider: AuthProvider, actor: Actor) -> Actor:
    st.session_state[state.USER_ID] = str(actor.id)
    st.session_state.pop(state.LOGIN_NOTICE, None)
    provider.remember(actor)
    return actor


def _login_form(provider: AuthProvider) -> Actor | None:
    slot = st.empty()
    with slot.container():
        _, middle, _ = st.columns([1, 2, 1])
        with middle, st.form("login", clear_on_submit=False):
            st.subheader("Log in to AuditEng")
            if notice := st.session_state.get(state.LOGIN_NOTICE):
                st.info(notice)
            email = st.text_input("Email", key="login_email", autocomplete="username")
            password = st.text_input(
                "Password", type="password", key="login_password", autocomplete="current-password"
            )
            st.caption(PASSWORD_RULE)
            submitted = st.form_submit_button("Log in", type="primary", key="login_submit")
            error = st.empty()
    if not submitted:
        return None
    try:
        actor = data.authenticate(email, password)
    except ServiceError as failure:
        error.error(str(failure))
        return None
    slot.empty()
    return _logged_in(provider, actor)


def _first_run_setup(provider: AuthProvider) -> Actor | None:
    slot = st.empty()
    with slot.container():
        _, middle, _ = st.columns([1, 2, 1])
        with middle, st.form("first_run"):
            st.subheader("Welcome to AuditEng")
            st.write("No account exists yet. Create the first administrator to get started.")
            email = st.text_input("Email", key="setup_email", autocomplete="username")
            name = st.text_input("Full name (optional)", key="setup_name")
            password = st.text_input(
                "Password", type="password", key="setup_password", autocomplete="new-password"
            )
            repeat = st.text_input(
                "Repeat password", type="password", key="setup_repeat", autocomplete="new-password"
            )
            st.caption(PASSWORD_RULE)
            submitted = st.form_submit_button(
                "Create administrator", type="primary", key="setup_submit"
            )
            error = st.empty()
    if not submitted:
        return None
    if password != repeat:
        error.error("The two passwords differ; type the same password twice.")
        return None
    try:
        actor = data.create_first_admin(email=email, password=password, full_name=name)
    except ServiceError as failure:
        error.error(str(failure))
        return None
    slot.empty()
    return _logged_in(provider, actor)
