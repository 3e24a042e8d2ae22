"""`python -m core users list|reset-password`, `status --user` and `demo`, run in-process
(`core.cli.main`) on a temporary embedded database: the same service checks as the app."""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import cli
from core.config import get_settings
from core.demo import DEMO_USERS, demo_report, run_demo
from core.enums import Role
from core.services import login, tasks, users
from core.services.context import ServiceContext, build_context
from core.services.errors import LoginError
from core.services.users import Actor
from tests.core.cli_env import embedded_database

PASSWORD = "password-123"


@pytest.fixture
def ctx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ServiceContext]:
    yield from embedded_database(monkeypatch, tmp_path / "data")


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, Actor]:
    admin = users.create_first_admin(ctx, email="admin@example.com", password="correct horse")
    return {
        "admin": admin,
        "eng": users.create_user(
            ctx, admin, email="eng@example.com", password=PASSWORD, role=Role.ENGINEER
        ),
        "eng2": users.create_user(
            ctx, admin, email="eng2@example.com", password=PASSWORD, role=Role.ENGINEER
        ),
        "boss": users.create_user(
            ctx, admin, email="boss@example.com", password=PASSWORD, role=Role.MANAGER
        ),
    }


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_list_shows_role_active_locked_and_last_login(
    ctx: ServiceContext,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login.authenticate(ctx, email="boss@example.com", password=PASSWORD)
    users.update_user(ctx, people["admin"], people["eng2"].id, is_active=False)
    for _ in range(5):
        with pytest.raises(LoginError):
            login.authenticate(ctx, email="eng@example.com", password="nope-nope-nope")
    code, out, _ = _run(monkeypatch, capsys, "users", "list")
    assert code == 0
    lines = {line.split()[0]: line.split() for line in out.splitlines()}
    assert lines["EMAIL"] == ["EMAIL", "ROLE", "ACTIVE", "LOCKED", "LAST", "LOGIN"]
    assert lines["eng@example.com"][1:5] == ["engineer", "yes", "yes", "never"]
    assert lines["eng2@example.com"][1:4] == ["engineer", "no", "no"]
    assert lines["boss@example.com"][1:4] == ["manager", "yes", "no"]
    assert lines["boss@example.com"][-1] == "UTC"


def test_reset_password_from_the_shell(
    ctx: ServiceContext,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for _ in range(5):
        with pytest.raises(LoginError):
            login.authenticate(ctx, email="eng@example.com", password="nope-nope-nope")
    cookie_version = people["eng"].session_version
    args = ("users", "reset-password", "--email", " ENG@example.com", "--password-stdin")
    code, _, err = _run(monkeypatch, capsys, *args, stdin="1234567890\n")
    assert code == 1 and "most common passwords" in err
    code, out, _ = _run(monkeypatch, capsys, *args, stdin="tidal-ohm-meter-7\n")
    assert code == 0 and "every session of the account has ended" in out
    actor = login.authenticate(ctx, email="eng@example.com", password="tidal-ohm-meter-7")
    assert actor.session_version == cookie_version + 1  # older cookies stop working
    code, _, err = _run(monkeypatch, capsys, "users", "reset-password", "--email", "x@example.com",
                        "--password-stdin", stdin="tidal-ohm-meter-7\n")  # fmt: skip
    assert code == 1 and "no user x@example.com" in err


def test_status_goes_through_the_same_access_check_as_the_app(
    ctx: ServiceContext,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, content = demo_report(random.Random(1), dt.date(2026, 3, 2), "S", 0)
    task_id = str(tasks.submit_report(ctx, people["eng"], filename=name, content=content).task_id)
    code, out, _ = _run(monkeypatch, capsys, "status", task_id, "--user", "eng@example.com")
    assert code == 0 and out.split()[:2] == [task_id, "QUEUED"]
    code, out, err = _run(monkeypatch, capsys, "status", task_id, "--user", "eng2@example.com")
    assert code == 1 and not out and "belongs to another engineer" in err
    code, out, _ = _run(monkeypatch, capsys, "status", task_id, "--user", "boss@example.com")
    assert code == 0 and "QUEUED" in out
    code, _, err = _run(monkeypatch, capsys, "status", task_id, "--user", "ghost@example.com")
    assert code == 1 and "no active user" in err
    code, _, err = _run(
        monkeypatch, capsys, "status", str(uuid.uuid4()), "--user", "boss@example.com"
    )
    assert code == 1 and "no report" in err
    with pytest.raises(SystemExit):  # --user is required
        cli.main(["status", task_id])


def test_demo_refuses_a_database_with_users_unless_forced(
    ctx: ServiceContext,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(monkeypatch, capsys, "demo", "--reports", "2")
    assert code == 1 and "already holds users or reports" in err and "--force" in err
    assert [r.email for r in users.list_users(ctx, None)] == sorted(
        a.email for a in people.values()
    )
    code, out, _ = _run(monkeypatch, capsys, "demo", "--reports", "2", "--force")
    assert code == 0 and "2 demo analyses" in out
    assert len(users.list_users(ctx, None)) == len(people) + len(DEMO_USERS)


def test_demo_fills_an_empty_database_once(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(monkeypatch, capsys, "demo", "--reports", "3")
    assert code == 0 and "3 demo analyses" in out
    code, _, err = _run(monkeypatch, capsys, "demo", "--reports", "3")
    assert code == 1 and "already holds users or reports" in err  # a second run doubles nothing


def test_demo_in_production_is_refused_and_never_creates_the_demo_admin(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUDITENG_ENV", "production")
    get_settings.cache_clear()
    code, _, err = _run(monkeypatch, capsys, "demo", "--reports", "1", "--force")
    assert code == 1 and "production" in err
    production = build_context(get_settings(), ctx.engine)
    run_demo(production, reports=1)  # called from code: still no admin with a known password
    roles = {row.role for row in users.list_users(production, None)}
    assert Role.ADMIN not in roles and roles
