"""Dashboards at scale: the Trends, Tasks and Assets pages' data at N analyses, next to a
hand-written SQL floor over the same tables, with the service call's peak Python memory.

Fills an empty database first (`--analyses`, ten findings each on average, over two years, 20
sites, 50 users, eight testing companies, each asset re-tested about four times, a 1 KB
extraction JSON per analysis so that reading JSON would show), then
times each page's data five times, the service and its floor paired per round, and prints the
medians and their ratio. `--write-docs` replaces the `## Dashboards at scale` section of
docs/benchmarks.md.

    python bench/bench_dashboards.py                       # SQLite, 10,000 analyses
    python bench/bench_dashboards.py --url postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        --analyses 100000 --write-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, insert, select, text  # noqa: E402

from core.config import Settings  # noqa: E402
from core.db import make_engine  # noqa: E402
from core.db.migrate import upgrade  # noqa: E402
from core.enums import Role  # noqa: E402
from core.models import Analysis, AnalysisTest, Finding, Task, User  # noqa: E402
from core.repositories.assets import AssetQuery  # noqa: E402
from core.services import assets, trends, views  # noqa: E402
from core.services.context import build_context  # noqa: E402
from core.services.users import Actor  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Dashboards at scale"
ROUNDS = 5
BATCH = 5_000
SITES = [f"Site {n:02}" for n in range(1, 21)]
EQUIPMENT = ["SWITCHGEAR", "BREAKER", "TRANSFORMER", "PANELBOARD", "CABLE", "GROUNDING_SYSTEM"]
TESTS = ["INSULATION_RESISTANCE", "CONTACT_RESISTANCE", "TURNS_RATIO", "GROUNDING", "THERMOGRAPHY"]
RULES = [
    f"{family}-{n:03}"
    for family in ("IR", "CR", "TTR", "GND", "THM", "CAL", "DATA")
    for n in range(1, 9)
]
SEVERITIES = ["CRITICAL", "MAJOR", "MINOR", "INFO"]
COMPANIES = [f"Testing Company {letter}" for letter in "ABCDEFGH"]
TESTS_PER_ASSET = 4
"""Analyses per asset on average: each tag at its one site is re-tested over the two years."""
BLOB = {"measurements": [{"point": f"P{n}", "value": 1e9 + n, "unit": "ohm"} for n in range(12)]}


def fill(engine: Engine, analyses: int, seed: int = 11) -> None:
    """Users, COMPLETED tasks with their analyses, tests and findings, in batched inserts."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
    span = dt.timedelta(days=730).total_seconds()
    user_ids = [uuid.uuid4() for _ in range(50)]
    with engine.begin() as connection:
        connection.execute(
            insert(User),
            [
                {"id": uid, "email": f"user{n}@bench.example", "hashed_password": "x",
                 "role": "ENGINEER"}
                for n, uid in enumerate(user_ids)
            ],
        )  # fmt: skip
    done = 0
    while done < analyses:
        size = min(BATCH, analyses - done)
        tasks, rows, tests, findings = [], [], [], []
        for _ in range(size):
            task_id, analysis_id = uuid.uuid4(), uuid.uuid4()
            created = start + dt.timedelta(seconds=rng.random() * span)
            counts = dict.fromkeys(SEVERITIES, 0)
            open_critical = 0
            for _ in range(rng.randint(0, 20)):
                severity = rng.choices(SEVERITIES, weights=(1, 3, 4, 2))[0]
                overridden = severity == "CRITICAL" and rng.random() < 0.2
                counts[severity] += 1
                open_critical += severity == "CRITICAL" and not overridden
                findings.append(
                    {"id": uuid.uuid4(), "analysis_id": analysis_id, "severity": severity,
                     "rule_id": rng.choice(RULES), "message": "bench finding",
                     "overridden_at": created if overridden else None, "created_at": created}
                )  # fmt: skip
            kinds = rng.sample(TESTS, rng.choice((1, 1, 2)))
            asset = rng.randrange(max(analyses // TESTS_PER_ASSET, 1))
            tested = (created - dt.timedelta(days=rng.randint(0, 30))).date()
            company = rng.choice(COMPANIES)
            extraction = {"test": {"date": tested.isoformat(), "company": company}, **BLOB}
            verdict = (
                "REJECTED" if counts["CRITICAL"] else "REVIEW" if counts["MAJOR"] else "APPROVED"
            )
            tasks.append(
                {"id": task_id, "user_id": rng.choice(user_ids), "status": "COMPLETED",
                 "original_filename": f"report-{done}.pdf", "file_size": 1000,
                 "site": SITES[asset % len(SITES)], "created_at": created}
            )  # fmt: skip
            rows.append(
                {"id": analysis_id, "task_id": task_id, "equipment_type": rng.choice(EQUIPMENT),
                 "test_type": kinds[0], "test_types": kinds, "equipment_tag": f"EQ-{asset}",
                 "verdict": verdict, "compliance_score": round(rng.uniform(40, 100), 1),
                 "confidence_score": 0.9, "extraction_result": extraction, "created_at": created,
                 "test_date": tested, "testing_company": company,
                 "critical_count": counts["CRITICAL"], "major_count": counts["MAJOR"],
                 "minor_count": counts["MINOR"], "info_count": counts["INFO"],
                 "critical_open": open_critical}
            )  # fmt: skip
            tests += [{"analysis_id": analysis_id, "test_type": kind} for kind in kinds]
            done += 1
        with engine.begin() as connection:
            for model, values in ((Task, tasks), (Analysis, rows), (AnalysisTest, tests)):
                connection.execute(insert(model), values)
            if findings:
                connection.execute(insert(Finding), findings)
        print(f"  filled {done:,} analyses", file=sys.stderr)


def floors(dialect: str) -> dict[str, str]:
    """The hand-written SQL of each page's data: the same aggregates, as plain text queries."""
    pg = dialect == "postgresql"
    day = (
        "coalesce(a.test_date, CAST(t.created_at AT TIME ZONE 'UTC' AS DATE))"
        if pg
        else "coalesce(a.test_date, t.created_at)"
    )
    week = f"date_trunc('week', {day})" if pg else f"date({day}, 'weekday 0', '-6 days')"
    analyses = "FROM analyses a JOIN tasks t ON t.id = a.task_id WHERE t.status = 'COMPLETED'"
    open_findings = (
        "f.severity IN ('CRITICAL', 'MAJOR') AND f.overridden_at IS NULL AND t.status = 'COMPLETED'"
    )
    trends = [
        "SELECT t.site, a.testing_company, a.verdict, count(*), sum(a.compliance_score), "
        "count(a.compliance_score), sum(a.critical_open), sum(a.critical_count), "
        f"sum(a.major_count), sum(a.minor_count), sum(a.info_count) {analyses} GROUP BY 1, 2, 3",
        f"SELECT {week}, a.verdict, count(*), sum(a.compliance_score), count(a.compliance_score) "
        f"{analyses} GROUP BY 1, 2 ORDER BY 1",
        "SELECT a.equipment_type, x.test_type, count(*), avg(a.compliance_score) "
        "FROM analyses a JOIN tasks t ON t.id = a.task_id "
        "JOIN analysis_tests x ON x.analysis_id = a.id WHERE t.status = 'COMPLETED' "
        "GROUP BY 1, 2",
        "SELECT a.testing_company, f.rule_id, f.severity, count(*), count(f.overridden_at) "
        "FROM findings f JOIN analyses a ON a.id = f.analysis_id JOIN tasks t ON t.id = a.task_id "
        "WHERE t.status = 'COMPLETED' GROUP BY 1, 2, 3",
        f"SELECT {week}, f.severity, count(*) FROM findings f "
        "JOIN analyses a ON a.id = f.analysis_id JOIN tasks t ON t.id = a.task_id "
        f"WHERE {open_findings} GROUP BY 1, 2 ORDER BY 1",
    ]
    asset = "lower(a.equipment_tag)"
    page_tags = (
        "SELECT DISTINCT lower(equipment_tag) FROM analyses "
        "WHERE equipment_tag IS NOT NULL ORDER BY 1 LIMIT 50"
    )
    latest = (
        f"SELECT {asset} AS tag, coalesce(lower(t.site), '') AS site, a.id, a.verdict, "
        f"row_number() OVER (PARTITION BY {asset}, coalesce(lower(t.site), '') "
        "ORDER BY t.created_at DESC, t.id DESC) AS newest, "
        f"count(*) OVER (PARTITION BY {asset}, coalesce(lower(t.site), '')) AS n, "
        f"min(t.created_at) OVER (PARTITION BY {asset}, coalesce(lower(t.site), '')) AS first "
        f"{analyses} AND a.equipment_tag IS NOT NULL"
    )
    return {
        "Trends": "; ".join(trends),
        "Tasks": (
            "SELECT t.id, t.created_at, t.original_filename, t.status, u.email, t.site, "
            "a.equipment_tag, a.verdict, a.compliance_score, a.test_date FROM tasks t "
            "JOIN users u ON u.id = t.user_id LEFT JOIN analyses a ON a.task_id = t.id "
            "WHERE NOT EXISTS (SELECT 1 FROM tasks p WHERE p.parent_id = t.id) "
            "ORDER BY t.created_at DESC, t.id DESC LIMIT 51; "
            "SELECT count(*) FROM tasks t LEFT JOIN analyses a ON a.task_id = t.id "
            "WHERE NOT EXISTS (SELECT 1 FROM tasks p WHERE p.parent_id = t.id)"
        ),
        "Assets": (
            f"SELECT count(DISTINCT {asset}) FROM analyses a; "
            f"SELECT a.id, a.verdict, a.test_date, t.site, t.created_at {analyses} "
            f"AND {asset} IN ({page_tags}); "
            "SELECT f.analysis_id, count(*) FROM findings f WHERE f.rule_id LIKE 'HIST-%' "
            "AND f.overridden_at IS NULL AND f.analysis_id IN "
            f"(SELECT a.id FROM analyses a WHERE {asset} IN ({page_tags})) GROUP BY 1"
        ),
        "Assets, latest verdict REJECTED": (
            f"SELECT *, count(*) OVER () FROM ({latest}) x "
            "WHERE newest = 1 AND verdict = 'REJECTED' ORDER BY tag, site LIMIT 50"
        ),
    }


def timed(call: Callable[[], Any]) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def peak_mib(call: Callable[[], Any]) -> float:
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def measure(engine: Engine, settings: Settings) -> list[dict[str, Any]]:
    ctx = build_context(settings, engine)
    manager = Actor(id=uuid.uuid4(), email="m@bench.example", role=Role.MANAGER)
    pages: dict[str, Callable[[], Any]] = {
        "Trends": lambda: trends.trend_summary(ctx, manager),
        "Tasks": lambda: views.list_task_page(ctx, manager),
        "Assets": lambda: assets.list_assets(ctx, manager),
        "Assets, latest verdict REJECTED": lambda: assets.list_assets(
            ctx, manager, AssetQuery(verdicts=("REJECTED",))
        ),
    }
    sql = floors(engine.dialect.name)

    def floor(name: str) -> Callable[[], None]:
        def run() -> None:
            with engine.connect() as connection:
                for statement in sql[name].split("; "):
                    connection.execute(text(statement)).all()

        return run

    results = []
    for name, call in pages.items():
        call(), floor(name)()  # warm the caches of both alike
        service, hand = [], []
        for _ in range(ROUNDS):
            service.append(timed(call))
            hand.append(timed(floor(name)))
        median, base = statistics.median(service), statistics.median(hand)
        results.append(
            {"page": name, "service_s": median, "floor_s": base, "ratio": median / base,
             "peak_mib": peak_mib(call)}
        )  # fmt: skip
    return results


def markdown(results: list[dict[str, Any]], dialect: str, analyses: int, findings: int) -> str:
    lines = [
        SECTION,
        "",
        "The Trends, Tasks and Assets pages' data (`trend_summary` by test date, `list_task_page`, "
        "`list_assets` unfiltered and filtered by the latest verdict) on generated data "
        "(`python bench/bench_dashboards.py`: two years, 20 sites, 50 users, "
        f"{len(COMPANIES)} testing companies, each asset tested {TESTS_PER_ASSET} times on "
        "average, 0–20 findings per analysis), next to the same data as hand-written SQL (the "
        "floor: Trends' five aggregates, one window pass for the latest verdicts), median of "
        f"{ROUNDS} paired rounds; peak is the service call's Python allocation. Before the "
        "aggregates (issue 10's measurement) Trends' data took 9–10 s at 10,000 analyses, and at "
        "100,000 on PostgreSQL the page ran 101 s, reached 1.9 GB and failed on 65,535 bound "
        "parameters; with the test date and testing company read from the extraction JSON "
        "(before revision 0012) Trends ran at 2.1–3.3× its floor, and in nine queries instead "
        "of five it took 1.9 s here (11.5 s on SQLite at 100,000). Without `--url` the script "
        "measures the embedded SQLite default.",
        "",
        f"Run: {dt.date.today().isoformat()}, {dialect}, {analyses:,} analyses, "
        f"{findings:,} findings.",
        "",
        "| page | service | floor | ratio | peak memory |",
        "| ---- | ------: | ----: | ----: | ----------: |",
    ]
    lines += [
        f"| {r['page']} | {r['service_s'] * 1000:,.0f} ms | {r['floor_s'] * 1000:,.0f} ms | "
        f"{r['ratio']:.2f}× | {r['peak_mib']:.1f} MiB |"
        for r in results
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--analyses", type=int, default=10_000)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="auditeng-bench-"))
    settings = Settings(data_dir=data_dir, database_url_raw=args.url)
    engine = make_engine(settings)
    upgrade(engine)
    with engine.connect() as connection:
        present = connection.scalar(select(func.count()).select_from(Analysis)) or 0
    if present == 0:
        fill(engine, args.analyses)
    with engine.begin() as connection:  # committed: ANALYZE's statistics are transactional
        analyses = connection.scalar(select(func.count()).select_from(Analysis)) or 0
        findings = connection.scalar(select(func.count()).select_from(Finding)) or 0
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
    results = measure(engine, settings)
    section = markdown(results, engine.dialect.name, analyses, findings)
    print(section)
    if args.write_docs:
        from bench.docs_sections import with_section

        document = with_section(DOCS.read_text(encoding="utf-8"), SECTION, section)
        DOCS.write_text(document, encoding="utf-8")
        print(f"updated {DOCS}")


if __name__ == "__main__":
    main()
