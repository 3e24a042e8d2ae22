"""The dashboards benchmark on a tiny database: its generator keeps the stored counts the
service sums consistent with the findings, and its floor computes what the service returns."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from pathlib import Path
from types import ModuleType

from sqlalchemy import Engine, func, select, text

from core.config import Settings
from core.db.migrate import upgrade
from core.enums import Role
from core.models import Analysis, Finding
from core.services import trends
from core.services.context import build_context
from core.services.users import Actor

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_dashboards.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_dashboards", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_fill_and_measure_agree_with_the_floor(empty_engine: Engine, settings: Settings) -> None:
    upgrade(empty_engine)
    bench.fill(empty_engine, 60)
    manager = Actor(id=uuid.uuid4(), email="m@example.com", role=Role.MANAGER)
    summary = trends.trend_summary(build_context(settings, empty_engine), manager)
    with empty_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Analysis)) == 60
        findings = connection.scalar(select(func.count()).select_from(Finding))
        groups, *_ = bench.floors(empty_engine.dialect.name)["Trends"].split("; ")
        # (site, company, verdict, reports, compliance sum and count, open critical, counts)
        floor = [
            sum(column)
            for column in zip(*(row[3:] for row in connection.execute(text(groups))), strict=True)
        ]
    assert summary.reports == floor[0] == 60
    assert sum(summary.severities.values()) == findings == sum(floor[4:8])
    assert summary.open_critical == floor[3]
    assert len(summary.company_verdicts) > 1  # the fill names several testing companies
    rows = bench.measure(empty_engine, settings)
    assert [r["page"] for r in rows] == [
        "Trends", "Tasks", "Assets", "Assets, latest verdict REJECTED",
    ]  # fmt: skip
    assert all(r["service_s"] > 0 and r["floor_s"] > 0 for r in rows)
    assert "| Trends |" in bench.markdown(rows, "sqlite", 60, findings or 0)
