"""Shared fixtures: settings in a temporary data dir, and migrated databases.

SQLite always; PostgreSQL when AUDITENG_TEST_DATABASE_URL or a local server is reachable
(required when CI=true).
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from core.config import Settings, normalize_database_url
from core.db import make_engine
from core.db.migrate import upgrade

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_server_url() -> str | None:
    """The PostgreSQL URL to test against, or None when there is none (never None in CI)."""
    url = os.environ.get("AUDITENG_TEST_DATABASE_URL")
    candidate = normalize_database_url(url) if url else LOCAL_POSTGRES
    try:
        engine = create_engine(candidate, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return candidate
    except Exception as error:
        if url or os.environ.get("CI") == "true":
            message = f"PostgreSQL at {candidate} is required but unreachable: {error}"
            raise RuntimeError(message) from error
        return None


_PG_URL = _postgres_server_url()


def _fresh_postgres_database(server_url: str) -> Iterator[str]:
    """Create a throwaway database on the server, yield its URL, drop it afterwards."""
    name = f"auditeng_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(_PG_URL is None, reason="no PostgreSQL server reachable"),
        ],
    ),
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # bcrypt's production cost (12 rounds, ~0.25 s a hash) would dominate the suite.
    monkeypatch.setattr("core.services.users.BCRYPT_ROUNDS", 4)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(data_dir=tmp_path / "data", database_url_raw=None)
    s.ensure_directories()
    return s


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each backend (no migrations applied)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    assert _PG_URL is not None
    yield from _fresh_postgres_database(_PG_URL)


@pytest.fixture
def empty_engine(empty_db_url: str, settings: Settings) -> Iterator[Engine]:
    engine = make_engine(settings, url=empty_db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One migrated database per backend for the whole session; tests roll back their changes."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), database_url_raw=None)
    if request.param == "sqlite":
        engine = make_engine(settings, url=f"sqlite:///{settings.data_dir / 'test.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    assert _PG_URL is not None
    for url in _fresh_postgres_database(_PG_URL):
        engine = make_engine(settings, url=url)
        upgrade(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def session(migrated_engine: Engine) -> Iterator[Session]:
    """A session whose every change is rolled back at the end of the test."""
    connection = migrated_engine.connect()
    outer = connection.begin()
    db_session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield db_session
    finally:
        db_session.close()
        outer.rollback()
        connection.close()


def once_per_run(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    compute: Callable[[], Any],
) -> Any:
    """`compute()` once for the whole test run, shared by every pytest-xdist worker: the first
    worker to ask computes it under a file lock in this run's temporary root (the parent of the
    workers' own directories, new for every run) and the others read it. Only JSON values."""
    if not hasattr(request.config, "workerinput"):  # no xdist: this process is the run
        return compute()
    root = tmp_path_factory.getbasetemp().parent
    cached, lock = root / f"{name}.json", root / f"{name}.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if cached.is_file():
            return json.loads(cached.read_text("utf-8"))
        value = compute()
        cached.write_text(json.dumps(value), "utf-8")
        return value
