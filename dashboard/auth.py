"""Who is using the dashboard: our users table decides, streamlit-authenticator keeps the cookie.

The seam (DESIGN.md §10): pages never see the authenticator. Passwords, the five-failure
lockout and deactivation go through `core.services` (`login`, `users`, `sessions`), so the
authenticator is used only for its cookie manager (`auth_cookie`). Every run re-reads the
account from the database *with the session version* the session (or its cookie) began with:
a logout, deactivation, role change or password reset ends it on the next click, and a copied
cookie replayed after logout does not log in.
"""

from __future__ import annotations

import contextlib
import uuid

import streamlit as st

from core.config import Settings
from core.services.errors import ServiceError
from core.services.passwords import RULE as PASSWORD_RULE
from core.services.users import Actor
from dashboard import data, state
from dashboard.auth_cookie import COOKIE_KEY_FILE, AuthProvider, CookieKeyMissing, cookie_key
from dashboard.formatting import md_text

__all__ = ["COOKIE_KEY_FILE", "PASSWORD_RULE", "cookie_key", "current_actor", "gate"]

ENDED_NOTICE = (
    "Your session has ended: you logged out elsewhere, or an administrator changed or "
    "deactivated this account. Log in again, or ask an administrator."
)
LOGGED_OUT = "You are logged out."
ANALYSIS_PATH = "analysis"


def request_logout() -> None:
    """on_click of the Logout button: handled by the next run's gate, before anything is drawn,
    so the cookie is deleted in a run that completes (a rerun would drop the browser call)."""
    st.session_state[state.LOGOUT_REQUESTED] = True


def gate(settings: Settings, page_path: str = "") -> Actor | None:
    """The logged-in actor, or None after drawing first-run setup or the login form.
    `page_path` is the URL path of the page this run shows (for `note_link_opened`)."""
    try:
        provider = AuthProvider(cookie_key(settings), settings)
    except CookieKeyMissing as error:
        st.error(md_text(error))
        return None
    provider.settle()
    if st.session_state.pop(state.LOGOUT_REQUESTED, False):
        if (leaving := _session_actor()) is not None:
            data.end_sessions(leaving)  # every copy of this session's cookie ends too
        _end_session(provider, LOGGED_OUT)
    actor = _current_actor(provider)
    if actor is None:
        actor = _first_run_setup(provider) if not data.has_users() else _login_form(provider)
    st.session_state[state.ACTOR] = actor
    if actor is not None and state.LANDING not in st.session_state:
        st.session_state[state.LANDING] = (page_path, st.query_params.get(state.Q_TASK))
    return actor


def current_actor() -> Actor:
    """The actor the gate let through on this run (pages call this; it never returns None)."""
    actor: Actor | None = st.session_state.get(state.ACTOR)
    if actor is None:
        st.stop()  # the gate did not run or let nobody in: draw nothing
    return actor


def note_link_opened(actor: Actor, task_id: uuid.UUID) -> None:
    """The Analysis page calls this once it shows `task_id`: if this report was the page the
    browser session began with (a shared link, a bookmark, a new tab), the audit trail says so,
    once per session."""
    landing = st.session_state.get(state.LANDING)
    if not landing or landing[0] != ANALYSIS_PATH or st.session_state.get(state.LINK_RECORDED):
        return
    try:
        landed_on = uuid.UUID(str(landing[1]).strip())
    except ValueError:
        return
    if landed_on == task_id:
        st.session_state[state.LINK_RECORDED] = True
        with contextlib.suppress(ServiceError):  # the page has said why it may not be seen
            data.record_link_opened(actor, task_id)


def _session_actor() -> Actor | None:
    user_id = st.session_state.get(state.USER_ID)
    if not user_id:
        return None
    return data.session_actor(st.session_state.get(state.SESSION_VERSION), user_id=user_id)


def _current_actor(provider: AuthProvider) -> Actor | None:
    if st.session_state.get(state.USER_ID):
        actor = _session_actor()
        if actor is None:
            _end_session(provider, ENDED_NOTICE)
        return actor
    # After a logout the request's cookie header is stale; the authenticator's own `logout`
    # flag makes this None for the rest of the browser session.
    remembered = provider.remembered()
    if remembered is None:
        return None
    email, version = remembered
    actor = data.session_actor(version, email=email)
    if actor is None:  # ended since: logout, deactivation, role change, password reset
        _end_session(provider, ENDED_NOTICE)
        return None
    _keep(actor)
    return actor


def _keep(actor: Actor) -> None:
    st.session_state[state.USER_ID] = str(actor.id)
    st.session_state[state.SESSION_VERSION] = actor.session_version


def _end_session(provider: AuthProvider, notice: str) -> None:
    for key in list(st.session_state):
        if str(key).startswith("auditeng."):
            del st.session_state[key]
    provider.forget()
    st.session_state[state.LOGIN_NOTICE] = notice


def _logged_in(provider: AuthProvider, actor: Actor) -> Actor:
    _keep(actor)
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


def _request_headers() -> dict[str, str] | None:
    try:
        return {str(k): str(v) for k, v in st.context.headers.items()}
    except Exception:  # no request (a bare script run): unknown, so the token is asked for
        return None


def _first_run_setup(provider: AuthProvider) -> Actor | None:
    needs_token = data.setup_token_needed(_request_headers())
    slot = st.empty()
    with slot.container():
        _, middle, _ = st.columns([1, 2, 1])
        with middle, st.form("first_run"):
            st.subheader("Welcome to AuditEng")
            st.write("No account exists yet. Create the first administrator to get started.")
            token = None
            if needs_token:
                token = st.text_input(
                    "Setup token",
                    key="setup_token",
                    type="password",
                    help="Printed in the server's log when AuditEng started with no account.",
                )
                st.caption(
                    "This app is not opened on the server itself, so first-run setup asks for "
                    "the one-time token printed in the server's log."
                )
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
        actor = data.create_first_admin(
            email=email, password=password, full_name=name, setup_token=token, require=needs_token
        )
    except ServiceError as failure:
        error.error(str(failure))
        return None
    slot.empty()
    return _logged_in(provider, actor)
