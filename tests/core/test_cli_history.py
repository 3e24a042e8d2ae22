"""`python -m core analyze` judges a report with its asset's history as the app and the worker
do: from the configured database by default (the worker's own service function), from a JSON
file with `--history`, or alone with `--no-history`; a missing or unmigrated database is read
as no history, and neither created nor migrated."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from core import cli, enums
from core.config import get_settings
from core.demo_fleet import FleetAsset, fleet_report
from core.enums import TaskStatus
from core.models import Task
from core.services import assets, tasks, users, views
from core.services.context import ServiceContext
from core.services.users import Actor
from tests.core.cli_env import clean_env, embedded_database

TODAY = dt.date(2026, 6, 30)
CONTACT = enums.TestType.CONTACT_RESISTANCE
CB = FleetAsset("CB-9", "DC-North", CONTACT, (1.0, 1.3, 2.1), "GridCheck Inc.")
DAYS = [TODAY - dt.timedelta(days=back) for back in (730, 365, 10)]


@pytest.fixture
def ctx(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ServiceContext]:
    """The embedded database the CLI reads by default, migrated, as the app leaves it."""
    yield from embedded_database(monkeypatch, tmp_path / "data")


@pytest.fixture
def engineer(ctx: ServiceContext) -> Actor:
    return users.create_first_admin(ctx, email="eng@example.com", password="correct horse")


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    """The breaker's three yearly reports, its pole 2 rising (the demo fleet's CB-101)."""
    rng = random.Random(3)
    paths = []
    for year, day in enumerate(DAYS):
        name, content = fleet_report(rng, CB, year, day)
        path = tmp_path / "reports" / f"{year}-{name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        paths.append(path)
    return paths


def _worker(ctx: ServiceContext, actor: Actor, path: Path, day: dt.date) -> uuid.UUID:
    """The app's path: submitted, run by the worker's service function, stored."""
    task_id = tasks.submit_report(
        ctx, actor, filename=path.name, content=path.read_bytes(), site=CB.site
    ).task_id
    assert tasks.run_analysis(ctx, task_id, as_of=day) == TaskStatus.COMPLETED
    return task_id


def _analyze(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict[str, Any]:
    code, out, _ = _analyze(capsys, str(path), "--json", "--as-of", TODAY.isoformat(), *args)
    assert code == 0
    [item] = json.loads(out)
    assert isinstance(item, dict)
    return item


def _findings(item: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [(f["rule_id"], f["severity"], f["message"], f["evidence"]) for f in item["findings"]]


def _stored(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID) -> dict[str, Any]:
    view = views.get_analysis_view(ctx, actor, task_id)
    return {
        "verdict": view.verdict,
        "compliance_score": view.compliance_score,
        "confidence_score": view.confidence_score,
        "findings": [
            (f.rule_id, str(f.severity), f.message, f.evidence.model_dump(mode="json"))
            for f in view.findings
        ],
    }


def _cli(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "verdict": item["verdict"],
        "compliance_score": item["compliance_score"],
        "confidence_score": item["confidence_score"],
        "findings": _findings(item),
    }


def test_analyze_judges_a_report_with_the_database_history_as_the_worker_does(
    ctx: ServiceContext,
    engineer: Actor,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = (_worker(ctx, engineer, reports[year], DAYS[year]) for year in (0, 1))
    third = _worker(ctx, engineer, reports[2], TODAY)  # stored too: not its own history
    item = _json(capsys, reports[2])
    assert _cli(item) == _stored(ctx, engineer, third)
    hist = [f for f in item["findings"] if f["rule_id"] == "HIST-002"]
    assert {f["evidence"]["point"] for f in hist} == {"Pole 2", "Pole 3"}
    assert hist[0]["evidence"]["details"]["baseline_task_id"] == str(first)
    assert item["history"] == {
        "source": "database",
        "tag": "CB-9",
        "site": "DC-North",
        "analyses": 2,
        "baseline": DAYS[0].isoformat(),
        "summary": f"2 earlier analyses of CB-9 at DC-North in the database, baseline {DAYS[0]}",
    }
    # The second year's report has one earlier analysis: the worker's outcome again.
    assert _cli(_json(capsys, reports[1])) == _stored(ctx, engineer, second)
    code, out, _ = _analyze(capsys, str(reports[2]), "--as-of", TODAY.isoformat())
    assert code == 0
    assert (
        f"  history: 2 earlier analyses of CB-9 at DC-North in the database, baseline {DAYS[0]}\n"
        in out
    )
    assert "HIST-002" in out


def test_no_history_judges_the_file_alone(
    ctx: ServiceContext,
    engineer: Actor,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for year in (0, 1):
        _worker(ctx, engineer, reports[year], DAYS[year])
    alone = _json(capsys, reports[2], "--no-history")
    assert not [f for f in alone["findings"] if f["rule_id"].startswith("HIST-")]
    assert alone["history"]["source"] is None
    assert alone["history"]["summary"] == "none (--no-history)"
    # The first report of the asset has nothing earlier: the same outcome either way.
    first = _json(capsys, reports[0])
    assert _findings(first) == _findings(_json(capsys, reports[0], "--no-history"))
    assert first["history"]["summary"] == (
        "none (no earlier analysis of CB-9 at DC-North in the database)"
    )
    assert _json(capsys, reports[2], "--site", "DC-South")["history"]["analyses"] == 0


def test_a_history_file_gives_the_outcome_the_database_gives(
    ctx: ServiceContext,
    engineer: Actor,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for year in (0, 1):
        _worker(ctx, engineer, reports[year], DAYS[year])
    from_database = _json(capsys, reports[2])
    with ctx.session() as session:
        book = assets.history_for(session, tag="CB-9", site="DC-North", test_date=DAYS[2])
    assert book is not None
    history = tmp_path / "cb-9.json"
    history.write_text(book.model_dump_json(indent=2), encoding="utf-8")
    clean_env(monkeypatch, tmp_path / "elsewhere")  # no database at all now
    from_file = _json(capsys, reports[2], "--history", str(history))
    assert _cli(from_file) == _cli(from_database)
    assert from_file["history"]["source"] == str(history)
    assert from_file["history"]["analyses"] == 2
    assert from_file["history"]["summary"] == (
        f"2 earlier analyses of CB-9 at DC-North in {history}, baseline {DAYS[0]}"
    )
    # An array of histories (a package's assets) is read too; another asset's is not used.
    other = book.model_copy(update={"tag": "CB-77"})
    history.write_text(json.dumps([other.model_dump(mode="json")]), encoding="utf-8")
    item = _json(capsys, reports[2], "--history", str(history))
    assert not [f for f in item["findings"] if f["rule_id"].startswith("HIST-")]
    assert item["history"]["summary"] == (
        f"none ({history} holds the history of CB-77 at DC-North, not of CB-9 at DC-North)"
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "is not JSON (Expecting property name enclosed in double quotes at line 1"),
        ("[]", "holds an empty array"),
        ('{"site": "Plant A"}', "is not an asset history: tag: Field required"),
        (
            '{"tag": "CB-1", "analyses": [{"task_id": "t1", "test_date": "last year",'
            ' "verdict": "FINE"}]}',
            "is not an asset history: analyses.0.test_date: Input should be a valid date",
        ),
        ('[{"tag": "CB-1"}, {"tag": "CB-2", "tags": 1}]', "(item 1) is not an asset history"),
    ],
)
def test_a_bad_history_file_is_refused_with_a_sentence(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
    content: str,
    said: str,
) -> None:
    clean_env(monkeypatch, tmp_path / "data")
    history = tmp_path / "history.json"
    history.write_text(content, encoding="utf-8")
    code, out, err = _analyze(capsys, str(reports[0]), "--history", str(history))
    assert code == 2 and out == ""
    assert err.startswith(f"error: {history} ") and said in err, err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_missing_history_file_and_both_history_options_are_usage_errors(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch, tmp_path / "data")
    code, out, err = _analyze(capsys, str(reports[0]), "--history", str(tmp_path / "no.json"))
    assert (code, out) == (2, "")
    assert err == f"error: there is no history file at {tmp_path / 'no.json'}; check the path\n"
    with pytest.raises(SystemExit) as usage:
        cli.main(["analyze", str(reports[0]), "--no-history", "--history", "h.json"])
    assert usage.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_no_database_is_created_or_migrated_for_the_history(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    clean_env(monkeypatch, data)
    item = _json(capsys, reports[2])
    assert item["verdict"] and not [f for f in item["findings"] if f["rule_id"][:5] == "HIST-"]
    assert item["history"]["summary"] == f"none (no database at {(data / 'auditeng.db')})"
    assert not (data / "auditeng.db").exists()
    assert not list(data.glob("auditeng.db*"))
    # A DATABASE_URL naming a file that is not there: not created either.
    elsewhere = tmp_path / "other.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{elsewhere}")
    get_settings.cache_clear()
    assert _json(capsys, reports[2])["history"]["summary"] == f"none (no database at {elsewhere})"
    assert not elsewhere.exists()
    # A file without the schema is read as no history and left unmigrated.
    sqlite3.connect(elsewhere).close()
    with sqlite3.connect(elsewhere) as db:
        db.execute("CREATE TABLE unrelated (x INTEGER)")
    summary = _json(capsys, reports[2])["history"]["summary"]
    assert summary == f"none (the database at {elsewhere} has no schema)"
    with sqlite3.connect(elsewhere) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert tables == {"unrelated"}
    get_settings.cache_clear()


def test_a_failed_file_and_a_report_without_a_tag_carry_no_history(
    ctx: ServiceContext,
    engineer: Actor,
    reports: list[Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _worker(ctx, engineer, reports[0], DAYS[0])
    doc = json.loads(reports[1].read_text(encoding="utf-8"))
    doc["equipment"]["tag"] = None
    untagged = tmp_path / "untagged.json"
    untagged.write_text(json.dumps(doc), encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n not really")
    code, out, _ = _analyze(capsys, str(untagged), str(broken), "--json")
    assert code == 1
    tagless, failed = json.loads(out)
    assert tagless["history"]["summary"] == "none (the report names no equipment tag)"
    assert failed["status"] == "FAILED" and failed["history"] is None
    with ctx.session() as session:  # nothing was written by the CLI
        assert session.scalar(select(func.count()).select_from(Task)) == 1
