"""First-run setup beyond localhost: the token asked for, how the app knows where it is served,
and the token's file (0600, used once)."""

from __future__ import annotations

import logging
import stat

import pytest

from core.enums import Role
from core.services import first_run, users
from core.services.context import ServiceContext
from core.services.errors import PermissionDenied

GOOD = "tidal-ohm-meter-7"


@pytest.mark.parametrize(
    ("headers", "public_url", "needed"),
    [
        ({"Host": "localhost:8501"}, None, False),
        ({"host": "127.0.0.1:8501"}, None, False),
        ({"Host": "[::1]:8501"}, None, False),
        ({"Host": "LOCALHOST"}, "http://localhost:8501", False),
        ({"Host": "auditeng.example.com"}, None, True),
        ({"Host": "10.0.0.7:8501"}, None, True),
        ({"Host": "localhost:8501", "X-Forwarded-For": "203.0.113.9"}, None, True),  # a proxy
        ({"Host": "localhost:8501", "X-Real-IP": "203.0.113.9"}, None, True),
        ({"Host": "localhost:8501"}, "https://auditeng.example.com", True),
        ({}, None, True),  # no request headers at all: not known to be local
        (None, None, True),
    ],
)
def test_the_token_is_asked_for_unless_served_on_localhost(
    headers: dict[str, str] | None, public_url: str | None, needed: bool
) -> None:
    assert first_run.needs_token(headers, public_url) is needed


def test_the_token_is_made_once_private_and_printed_in_the_log(
    ctx: ServiceContext, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="core.services.first_run"):
        token = first_run.ensure_token(ctx.settings)
    path = first_run.token_path(ctx.settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token in caplog.text and len(token) >= 16
    assert first_run.ensure_token(ctx.settings) == token  # a restart or a second replica
    assert first_run.token_matches(ctx.settings, f" {token}\n")
    assert not first_run.token_matches(ctx.settings, token[:-1])
    assert not first_run.token_matches(ctx.settings, "é" * 16)
    assert not first_run.token_matches(ctx.settings, None)


def test_setup_beyond_localhost_needs_the_token(ctx: ServiceContext) -> None:
    token = first_run.ensure_token(ctx.settings)
    for wrong in (None, "", "not-the-token"):
        with pytest.raises(PermissionDenied, match="setup token is missing or wrong"):
            users.create_first_admin(
                ctx, email="a@example.com", password=GOOD, setup_token=wrong, require_token=True
            )
    assert not users.has_users(ctx)
    admin = users.create_first_admin(
        ctx, email="a@example.com", password=GOOD, setup_token=token, require_token=True
    )
    assert admin.role is Role.ADMIN
    assert not first_run.token_path(ctx.settings).exists()
    with pytest.raises(PermissionDenied):  # no token any more: nothing to match
        users.create_first_admin(
            ctx, email="b@example.com", password=GOOD, setup_token=token, require_token=True
        )


def test_an_account_made_from_the_shell_discards_the_token(ctx: ServiceContext) -> None:
    first_run.ensure_token(ctx.settings)
    users.create_user(ctx, None, email="ops@example.com", password=GOOD, role=Role.ADMIN)
    assert not first_run.token_path(ctx.settings).exists()
