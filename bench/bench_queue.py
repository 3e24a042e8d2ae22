"""Load on the PostgreSQL job queue: 200 reports submitted at once to 2 workers, one worker
SIGKILLed mid-run and started again.

Checks that every task ends exactly once — COMPLETED, or FAILED for the deliberately bad files —
none stuck, each analysed task with exactly one analysis, no job left in the queue and no stored
file that no task refers to. Prints the wall time and throughput next to the same reports
analysed in one process with no queue (`analysis.analyze_parts`, one after the other), as the
ratio, and how long the killed worker's jobs waited to be taken back. `--write-docs` replaces the
`## Job queue` section of docs/benchmarks.md.

    python bench/bench_queue.py [--reports 200] [--url postgresql+psycopg://…] --write-docs

The database (default `auditeng_bench_queue` on the local server) is created and dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.docs_sections import with_section  # noqa: E402
from core.analysis import analyze_parts  # noqa: E402
from core.config import Settings  # noqa: E402
from core.db import make_engine  # noqa: E402
from core.db.migrate import upgrade  # noqa: E402
from core.enums import Role, TaskStatus  # noqa: E402
from core.jobs.queue import JobQueue  # noqa: E402
from core.models import Analysis, Task  # noqa: E402
from core.services import tasks, users  # noqa: E402
from core.services.context import build_context  # noqa: E402
from core.standards import load_profile  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Job queue"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/auditeng_bench_queue"
BAD = [
    ("empty.pdf", b""),
    ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
    ("page.pdf", b"<html><body>not a report</body></html>"),
    ("program.xlsx", b"MZ\x90\x00" + bytes(200)),
    ("noise.csv", bytes(range(256)) * 4),
]


def corpus(count: int) -> list[tuple[str, bytes, bool]]:
    """(name, bytes, bad) — the sample reports (text, workbooks, CSV, JSON, a few scans) over
    and over, with a bad file every 20th."""
    reports = sorted(p for p in (ROOT / "samples" / "reports").iterdir() if p.is_file())
    texts = [p for p in reports if "scan" not in p.name]
    scans = [p for p in reports if "scan" in p.name][:4]
    cycle = [*texts, *scans]
    items: list[tuple[str, bytes, bool]] = []
    for index in range(count):
        if index % 20 == 19:
            name, content = BAD[(index // 20) % len(BAD)]
            items.append((name, content, True))
        else:
            path = cycle[index % len(cycle)]
            items.append((path.name, path.read_bytes(), False))
    return items


def in_process_seconds(items: list[tuple[str, bytes, bool]]) -> float:
    profile, as_of = load_profile(), dt.date.today()
    began = time.perf_counter()
    for name, content, _ in items:
        analyze_parts(content, name, profile, as_of=as_of)
    return time.perf_counter() - began


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "core", "worker", "--concurrency", "2"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    url = make_url(args.url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    data_dir = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    try:
        figures = run(args.url, data_dir, args.reports)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        admin.dispose()
    for line in figures:
        print(line)
    if args.write_docs:
        old = DOCS.read_text() if DOCS.exists() else ""
        DOCS.write_text(with_section(old, SECTION, "\n".join([SECTION, "", *figures])))


def run(url: str, data_dir: Path, count: int) -> list[str]:
    settings = Settings(data_dir=data_dir, database_url_raw=url)
    settings.ensure_directories()
    engine = make_engine(settings)
    upgrade(engine)
    ctx = build_context(settings, engine)
    first = users.create_first_admin(ctx, email="bench@example.com", password="bench-password")
    actor = users.create_user(
        ctx, first, email="eng@example.com", password="bench-password", role=Role.ENGINEER
    )
    items = corpus(count)
    floor_s = in_process_seconds(items)

    env = {**os.environ, "DATABASE_URL": url, "AUDITENG_DATA_DIR": str(data_dir)}
    began = time.perf_counter()
    queue = JobQueue(ctx)
    ids = []
    for name, content, _ in items:
        submission = tasks.submit_report(
            ctx, actor, filename=name, content=content, allow_duplicate=True
        )
        ids.append(submission.task_id)
        queue.enqueue(submission.task_id)
    queue.close()
    submitted_s = time.perf_counter() - began
    workers = [_worker(env), _worker(env)]

    def ended() -> int:
        with ctx.session() as session:
            done = (TaskStatus.COMPLETED, TaskStatus.FAILED)
            return int(session.scalar(select(func.count()).where(Task.status.in_(done))) or 0)

    def unfinished() -> int:
        with ctx.session() as session:
            waiting = (TaskStatus.QUEUED, TaskStatus.PROCESSING)
            return int(session.scalar(select(func.count()).where(Task.status.in_(waiting))) or 0)

    while ended() < count // 3:
        time.sleep(0.05)
    with ctx.session() as session:
        running = list(session.scalars(select(Task.id).where(Task.status == TaskStatus.PROCESSING)))
    os.killpg(workers[0].pid, signal.SIGKILL)
    killed_at = time.perf_counter()
    workers[0].wait()
    workers[0] = _worker(env)
    recovered_s = None
    while unfinished():
        if recovered_s is None and all_ended(ctx, running):
            recovered_s = time.perf_counter() - killed_at
        time.sleep(0.1)
    wall_s = time.perf_counter() - began
    recovered_s = recovered_s or time.perf_counter() - killed_at
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=60)

    problems = check(ctx, ids, items)
    total = len(ids)
    return [
        f"Measured {dt.date.today()} on this machine (2 cores), PostgreSQL on loopback: "
        f"{count} reports ({sum(bad for *_, bad in items)} deliberately bad, a few scans) "
        "submitted at once to 2 `python -m core worker --concurrency 2` processes; "
        f"worker 1 SIGKILLed when a third had ended ({len(running)} running in all), "
        "restarted at once; default heartbeat (10 s) and stalled-worker timeout (30 s).",
        "",
        "| figure | value |",
        "|---|---|",
        f"| submitting {total} uploads | {submitted_s:.1f} s |",
        f"| every task ended | {wall_s:.1f} s ({count / wall_s:.1f} reports/s) |",
        f"| analyses running at the kill, all ended after | {recovered_s:.1f} s |",
        f"| same reports in one process, no queue | {floor_s:.1f} s "
        f"({count / floor_s:.1f} reports/s) |",
        f"| queue / in-process wall time | {wall_s / floor_s:.1f}× |",
        f"| tasks not ended exactly once, stuck, orphaned | {len(problems)} |",
        *(f"| problem | {problem} |" for problem in problems),
        "",
        "The queue's wall time includes the wait for the killed worker's jobs to be declared "
        "stalled (up to 40 s by default), which a run without a kill does not have.",
    ]


def all_ended(ctx: object, task_ids: list) -> bool:
    from core.services.context import ServiceContext

    assert isinstance(ctx, ServiceContext)
    with ctx.session() as session:
        waiting = (TaskStatus.QUEUED, TaskStatus.PROCESSING)
        query = select(func.count()).where(Task.id.in_(task_ids), Task.status.in_(waiting))
        return not session.scalar(query)


def check(ctx: object, ids: list, items: list[tuple[str, bytes, bool]]) -> list[str]:
    from core.services.context import ServiceContext

    assert isinstance(ctx, ServiceContext)
    problems = []
    with ctx.session() as session:
        for task_id, (name, _, bad) in zip(ids, items, strict=True):
            task = session.get(Task, task_id)
            assert task is not None
            expected = TaskStatus.FAILED if bad else TaskStatus.COMPLETED
            if task.status != expected:
                problems.append(f"{name}: {task.status} {task.error_message or ''}")
            if task.attempts < 1:
                problems.append(f"{name}: never attempted")
        stuck = session.scalar(
            select(func.count()).where(Task.status.in_((TaskStatus.QUEUED, TaskStatus.PROCESSING)))
        )
        if stuck:
            problems.append(f"{stuck} tasks stuck")
        doubled = session.execute(
            select(Analysis.task_id).group_by(Analysis.task_id).having(func.count() > 1)
        ).all()
        problems += [f"task {row[0]} has several analyses" for row in doubled]
        failed_with_analysis = session.scalar(
            select(func.count())
            .select_from(Task)
            .join(Analysis, Analysis.task_id == Task.id)
            .where(Task.status == TaskStatus.FAILED)
        )
        if failed_with_analysis:
            problems.append(f"{failed_with_analysis} failed tasks kept an analysis")
        referenced = {
            path
            for row in session.execute(select(Task.file_path, Task.part_input_path))
            for path in row
            if path
        }
        jobs = session.execute(text("SELECT status, count(*) FROM procrastinate_jobs GROUP BY 1"))
        problems += [f"{n} jobs left {status}" for status, n in jobs]
    root = ctx.storage.root
    stored = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    problems += [f"orphaned file {path}" for path in sorted(stored - referenced)]
    return problems


if __name__ == "__main__":
    main()
