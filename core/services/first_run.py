"""First-run setup beyond localhost: a one-time token, printed in the server's log.

With no account in the database, whoever reaches the app first creates the administrator. On
the machine itself (the browser at localhost, no proxy in between) that is the operator; served
to a network, the page also asks for a token that only someone who can read the server's log
(or its data directory) knows. The token is generated when the app starts with no user, kept
in `<data dir>/setup_token` (mode 0600, so every replica on the machine and a restart share it)
and deleted once an account exists.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from core.config import Settings

log = logging.getLogger(__name__)

TOKEN_FILE = "setup_token"
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
PROXY_HEADERS = ("x-forwarded-for", "x-forwarded-host", "x-real-ip", "forwarded")
WRONG_TOKEN = (
    "The setup token is missing or wrong. It is printed in the server's log when the app "
    f"starts with no account (and kept in the data directory, file `{TOKEN_FILE}`)."
)


def token_path(settings: Settings) -> Path:
    return settings.data_dir / TOKEN_FILE


def _hostname(host: str) -> str:
    """`Host` header or URL netloc without its port: `[::1]:8501` → `::1`."""
    return (urlsplit(f"//{host.strip()}").hostname or "").lower()


def needs_token(headers: Mapping[str, str] | None, public_url: str | None) -> bool:
    """Whether first-run setup must ask for the token: unless the app is served on localhost
    (`AUDITENG_PUBLIC_URL`, if set, is a loopback address; the request's `Host` is one; and no
    proxy header says the request came from elsewhere). Unknown means yes."""
    if public_url and _hostname(urlsplit(public_url).netloc) not in LOOPBACK:
        return True
    lowered = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if any(name in lowered for name in PROXY_HEADERS):
        return True
    return _hostname(lowered.get("host", "")) not in LOOPBACK


def ensure_token(settings: Settings) -> str:
    """The setup token, generated (and announced in the log) the first time it is asked for."""
    path = token_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(12)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        token = path.read_text(encoding="utf-8").strip()
    else:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
    _announce(token, path)
    return token


def _announce(token: str, path: Path) -> None:
    message = (
        f"AuditEng has no account yet. First-run setup token: {token} "
        f"(asked for when the app is not opened on localhost; also in {path})"
    )
    if log.hasHandlers():
        log.warning(message)
    else:  # `streamlit run` configures only its own loggers
        sys.stderr.write(f"{message}\n")
        sys.stderr.flush()


def token_matches(settings: Settings, given: str | None) -> bool:
    try:
        expected = token_path(settings).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return bool(expected) and secrets.compare_digest(
        expected.encode(), (given or "").strip().encode()
    )


def discard(settings: Settings) -> None:
    """An account exists: the token is of no use any more."""
    with contextlib.suppress(OSError):
        token_path(settings).unlink(missing_ok=True)
