"""The command line as a shell user meets it: the JSON contract, exit statuses, plain errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from core.demo import demo_report
from samples.package_files import breaker, workbook

pytestmark = pytest.mark.slow  # each test runs `python -m core` in a subprocess

ROOT = Path(__file__).resolve().parents[2]
KEYS = [
    "file", "part", "status", "error", "equipment_type", "test_type", "test_types", "equipment_tag",
    "verdict",
    "compliance_score", "confidence_score", "findings", "history", "extraction",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _own_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # `analyze` reads each asset's history from the configured database: not the clone's.
    monkeypatch.setenv("AUDITENG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    files = {}
    for name, defect in (("clean", 0.0), ("bad", 1.0)):
        _, content = demo_report(random.Random(5), dt.date(2026, 2, 3), "DC-North", defect)
        files[name] = tmp_path / f"{name}.json"
        files[name].write_bytes(content)
    files["broken"] = tmp_path / "broken.pdf"
    files["broken"].write_bytes(b"%PDF-1.7\n this is not really a PDF")
    files["empty"] = tmp_path / "empty.csv"
    files["empty"].write_bytes(b"")
    return files


def test_json_contract_order_and_exit_status(reports: dict[str, Path]) -> None:
    paths = [
        reports["clean"],
        reports["broken"],
        str(reports["clean"].parent / "missing.pdf"),
        reports["empty"],
    ]
    result = run("analyze", *map(str, paths), "--json", "--as-of", "2026-02-10")
    assert result.returncode == 1  # some files failed
    payload = json.loads(result.stdout)  # stdout holds only the JSON
    assert [item["file"] for item in payload] == [str(p) for p in paths]
    assert all(list(item) == KEYS for item in payload)
    clean, broken, missing, empty = payload
    assert clean["status"] == "COMPLETED" and clean["verdict"] == "APPROVED"
    assert clean["extraction"]["measurements"][0]["unit"]
    assert clean["history"]["source"] is None  # no database to read the asset's history from
    assert clean["history"]["summary"].startswith("none (no database at ")
    for failed in (broken, missing, empty):
        assert failed["status"] == "FAILED" and failed["verdict"] is None
        assert failed["history"] is None
        assert failed["error"].endswith(".") and "\n" not in failed["error"]
    assert "Traceback" not in result.stderr


def test_a_package_prints_one_object_per_equipment_report(tmp_path: Path) -> None:
    path = tmp_path / "breakers.xlsx"
    path.write_bytes(workbook({"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2)}))
    done = run("analyze", str(path), "--json", "--as-of", "2026-03-15")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert [(r["file"], r["part"], r["equipment_tag"], r["verdict"]) for r in results] == [
        (str(path), "Sheet CB-1", "CB-1", "APPROVED"),
        (str(path), "Sheet CB-2", "CB-2", "REJECTED"),
    ]
    human = run("analyze", str(path), "--as-of", "2026-03-15").stdout
    assert f"{path} — Sheet CB-2\n  REJECTED" in human


def test_fail_on_and_all_good_exit_zero(reports: dict[str, Path]) -> None:
    assert run("analyze", str(reports["clean"]), "--as-of", "2026-02-10").returncode == 0
    bad = run("analyze", str(reports["bad"]), "--as-of", "2026-02-10", "--fail-on", "REVIEW")
    assert bad.returncode == 1
    human = run("analyze", str(reports["bad"]), "--as-of", "2026-02-10")
    assert (human.returncode == 0 and "REJECTED" in human.stdout) or "REVIEW" in human.stdout


def test_same_bytes_same_json(reports: dict[str, Path]) -> None:
    first = run("analyze", str(reports["bad"]), "--json", "--as-of", "2026-02-10").stdout
    second = run("analyze", str(reports["bad"]), "--json", "--as-of", "2026-02-10").stdout
    assert first == second


def test_usage_errors_exit_two(reports: dict[str, Path]) -> None:
    assert run("analyze", str(reports["clean"]), "--as-of", "yesterday").returncode == 2
    unknown = run("analyze", str(reports["clean"]), "--profile", "nope")
    assert unknown.returncode == 2 and "neta-ats-2025" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    assert run("frobnicate").returncode == 2


def test_size_limit_applies(reports: dict[str, Path], tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    result = run("analyze", str(big), "--json", env={"AUDITENG_MAX_UPLOAD_MB": "1"})
    assert result.returncode == 1
    assert "1 MB limit" in json.loads(result.stdout)[0]["error"]


def test_rules_catalog() -> None:
    result = run("rules")
    assert result.returncode == 0 and "IR-001" in result.stdout and "CAL-003" in result.stdout
    catalog = json.loads(run("rules", "--json").stdout)
    assert [entry["id"] for entry in catalog] == sorted(entry["id"] for entry in catalog)


def test_users_submit_status_worker(reports: dict[str, Path], tmp_path: Path) -> None:
    env = {"AUDITENG_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": ""}
    created = run(
        "users", "create", "--email", "ops@example.com", "--role", "admin", "--password-stdin",
        stdin="s3cret-password\n", env=env,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    again = run(
        "users",
        "create",
        "--email",
        "ops@example.com",
        "--role",
        "admin",
        "--password-stdin",
        stdin="another-password\n",
        env=env,
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    submitted = run(
        "submit",
        str(reports["clean"]),
        str(reports["broken"]),
        "--user",
        "ops@example.com",
        env=env,
    )
    assert submitted.returncode == 0, submitted.stderr
    task_ids = submitted.stdout.split()
    assert len(task_ids) == 2
    assert "QUEUED" in run("status", task_ids[0], "--user", "ops@example.com", env=env).stdout
    assert run("worker", "--once", env=env).returncode == 0
    assert "COMPLETED" in run("status", task_ids[0], "--user", "ops@example.com", env=env).stdout
    assert "FAILED" in run("status", task_ids[1], "--user", "ops@example.com", env=env).stdout
