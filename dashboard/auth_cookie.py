"""The login cookie: its key, and the cookie itself through streamlit-authenticator 0.4.2.

The cookie is a JWT signed with the key (HS256) that names the account's email, its
`session_version` at login (`sv`) and an expiry `AUDITENG_SESSION_DAYS` ahead. The server
checks both on every run (`core.services.sessions`): logout, deactivation, role change and
password reset bump the version, so a cookie made before — or a copy of it — stops working.

Not HttpOnly: the cookie is written by a browser component (extra-streamlit-components'
CookieManager, in the page's JavaScript), and a cookie written by JavaScript cannot be
HttpOnly — only a Set-Cookie header from the server can, and Streamlit gives a script no way to
send one. What the server-checked version bounds is how long a stolen cookie works: until the
next logout or account change, at most the session days. It is SameSite=Strict, and Secure when
`AUDITENG_PUBLIC_URL` is https.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

import jwt
import streamlit as st
import streamlit_authenticator as stauth

from core.config import Settings
from core.services.users import Actor
from dashboard import state

COOKIE_NAME = "auditeng_session"
COOKIE_KEY_FILE = "cookie_key"
MIN_COOKIE_KEY_CHARS = 32
VERSION_CLAIM = "sv"
PLACEHOLDER_PREFIX = "change-me"
"""How deploy/auditeng.env.example spells a secret still to be set."""


class CookieKeyMissing(RuntimeError):
    """Production without a usable cookie key: the app refuses to start (DESIGN.md §9)."""


def cookie_key(settings: Settings) -> str:
    """The key signing login cookies: secrets, then AUDITENG_COOKIE_KEY, then (development only)
    a random key generated once and kept in the data directory. Never a constant in code. In
    production a key shorter than 32 characters, or the example file's placeholder, is
    refused."""
    try:
        configured = (st.secrets.get("auth") or {}).get("cookie_key")
    except FileNotFoundError:  # no secrets.toml at all: that is fine
        configured = None
    key = str(configured) if configured else settings.cookie_key
    if key:
        if settings.env == "production":
            _check_production_key(key)
        return key
    if settings.env == "production":
        raise CookieKeyMissing(
            "AuditEng will not start in production without a login cookie key: set "
            "AUDITENG_COOKIE_KEY or `cookie_key` under [auth] in .streamlit/secrets.toml."
        )
    return _development_key(settings.data_dir / COOKIE_KEY_FILE)


def _check_production_key(key: str) -> None:
    generate = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
    if key.strip().lower().startswith(PLACEHOLDER_PREFIX):
        raise CookieKeyMissing(
            "AuditEng will not start in production with the example login cookie key: set "
            f"AUDITENG_COOKIE_KEY to a random value, e.g. from `{generate}`."
        )
    if len(key) < MIN_COOKIE_KEY_CHARS:
        raise CookieKeyMissing(
            f"AuditEng will not start in production with a login cookie key of {len(key)} "
            f"characters: it needs at least {MIN_COOKIE_KEY_CHARS}, e.g. from `{generate}`."
        )


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
    The credentials dict is empty on purpose: the user store is our database. The token is
    encoded here (the authenticator's own holds only a username) and written through the
    authenticator's cookie manager; its `get_cookie` reads and verifies it back.
    """

    def __init__(self, key: str, settings: Settings) -> None:
        self._key = key
        self._days = settings.session_days
        self._secure = bool(settings.public_url and settings.public_url.startswith("https://"))
        self._authenticator: Any = stauth.Authenticate(
            {"usernames": {}},
            COOKIE_NAME,
            key,
            self._days,
            auto_hash=False,
            login_sleep_time=0,  # its default sleeps 0.7 s on every logged-out run
        )

    def remembered(self) -> tuple[str, int | None] | None:
        """(email, session version) a validly signed, unexpired cookie names (read from the page
        request's cookies); the version is None in a cookie from before versions existed."""
        token = self._authenticator.cookie_controller.get_cookie()
        if not token:
            return None
        version = token.get(VERSION_CLAIM)
        return str(token["username"]), version if isinstance(version, int) else None

    def remember(self, actor: Actor) -> None:
        """Set the cookie for this user and session version."""
        st.session_state[state.AUTHENTICATOR_USERNAME] = actor.email
        st.session_state[state.AUTHENTICATOR_NAME] = actor.display_name
        st.session_state[state.AUTHENTICATOR_STATUS] = True
        st.session_state[state.AUTHENTICATOR_LOGOUT] = None  # set again by forget()
        expires = dt.datetime.now() + dt.timedelta(days=self._days)
        claims = {
            "username": actor.email,
            VERSION_CLAIM: actor.session_version,
            "exp_date": expires.timestamp(),
        }
        st.session_state[state.COOKIE_TOKEN] = (jwt.encode(claims, self._key, "HS256"), expires)
        self._write()
        st.session_state[state.COOKIE_PENDING] = "set"

    def _write(self) -> None:
        token, expires = st.session_state[state.COOKIE_TOKEN]
        manager = self._authenticator.cookie_controller.cookie_model.cookie_manager
        manager.set(COOKIE_NAME, token, expires_at=expires, secure=self._secure or None)

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
        elif pending == "set" and state.COOKIE_TOKEN in st.session_state:
            self._write()
        elif pending == "delete":
            self._authenticator.cookie_controller.delete_cookie()
