"""`python -m core submit|status|worker|demo`: queued analyses (accounts: `cli_users`)."""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any

from core import cli_users
from core.cli_common import DatabaseNotReady as DatabaseNotReady
from core.cli_common import context_for_cli as _context
from core.cli_common import fail as _fail
from core.config import get_settings
from core.safe_text import printable


def add_commands(commands: Any) -> None:
    cli_users.add_commands(commands)

    submit = commands.add_parser("submit", help="queue files for analysis as a user's tasks")
    submit.add_argument("files", nargs="+", metavar="FILE", type=Path)
    submit.add_argument("--user", required=True, metavar="EMAIL")
    submit.add_argument("--site", default=None)
    submit.add_argument("--profile", default=None)
    submit.set_defaults(handler=run_submit)

    status = commands.add_parser(
        "status",
        help="show a task's status and verdict",
        description="As the app would show it to that user: an engineer sees only their own.",
    )
    status.add_argument("task_id", type=uuid.UUID, metavar="TASK_ID")
    status.add_argument("--user", required=True, metavar="EMAIL", help="who is asking")
    status.set_defaults(handler=run_status)

    worker = commands.add_parser(
        "worker",
        help="run queued analyses until stopped",
        description=(
            "On PostgreSQL: a procrastinate worker on the 'analysis' queue; run any number, on "
            "any machine sharing the database and the storage directory. A worker that dies has "
            "its jobs retried by the others (within 40 s by default). SIGTERM or Ctrl-C stops "
            "taking jobs and lets the running ones finish. On SQLite: a polling pool in this "
            "process."
        ),
    )
    worker.add_argument(
        "--concurrency", type=_positive, default=2, help="analyses at once (default 2)"
    )
    worker.add_argument("--once", action="store_true", help="run what is queued, then exit")
    worker.set_defaults(handler=run_worker_cmd)

    demo = commands.add_parser(
        "demo",
        help="create demo users and a few hundred analyses over six months",
        description=(
            "Only into an empty database (no user, no report) unless --force; never in "
            "production (AUDITENG_ENV=production)."
        ),
    )
    demo.add_argument("--reports", type=int, default=300)
    demo.add_argument("--months", type=int, default=6)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument(
        "--force",
        action="store_true",
        help="add the demo data to a database that already holds users or reports",
    )
    demo.set_defaults(handler=run_demo_cmd)


def run_submit(args: argparse.Namespace) -> int:
    from core.services import tasks, users
    from core.services.background import queue_submitted
    from core.services.errors import ServiceError

    ctx = _context()
    actor = users.get_actor_by_email(ctx, args.user)
    if actor is None:
        return _fail(f"no active user {args.user}; create one with `python -m core users create`.")
    submitted: list[uuid.UUID] = []
    for path in args.files:
        try:
            content = path.read_bytes()
        except OSError as error:
            # Still a task: it fails later with this sentence, like any bad file.
            content = b""
            sys.stderr.write(f"warning: {path}: {error.strerror}\n")
        try:
            submission = tasks.submit_report(
                ctx,
                actor,
                filename=path.name,
                content=content,
                site=args.site,
                profile_id=args.profile,
                allow_duplicate=True,
            )
        except ServiceError as error:
            return _fail(str(error))
        submitted.append(submission.task_id)
        print(submission.task_id)
    queue_submitted(ctx, submitted)
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Through the same service check as the app: the owner or a manager."""
    from core.services import tasks, users
    from core.services.errors import ServiceError

    ctx = _context()
    actor = users.get_actor_by_email(ctx, args.user)
    if actor is None:
        return _fail(f"no active user {args.user}.")
    try:
        status, detail = tasks.task_status(ctx, actor, args.task_id)
    except ServiceError as error:
        return _fail(str(error))
    print(f"{args.task_id}  {status}  {printable(detail or '', single_line=True)}".rstrip())
    return 0


def run_worker_cmd(args: argparse.Namespace) -> int:
    from core.services.background import uses_job_queue

    ctx = _context()
    if uses_job_queue(ctx):
        import logging

        from core.jobs.queue import JobQueue

        # One line per job start and end (procrastinate's), and ours for retries and recovery.
        if logging.getLogger().level > logging.INFO:
            logging.getLogger().setLevel(logging.INFO)
        JobQueue(ctx).run_worker(concurrency=args.concurrency, once=args.once)
        return 0
    from core.jobs import run_worker

    ran = run_worker(ctx, concurrency=args.concurrency, once=args.once)
    print(f"ran {ran} task(s)")
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def run_demo_cmd(args: argparse.Namespace) -> int:
    from core.demo import DEMO_PASSWORD, DEMO_USERS, is_empty, run_demo

    settings = get_settings()
    if settings.env == "production":
        return _fail("demo data is for development; AUDITENG_ENV is production.")
    ctx = _context()
    if not args.force and not is_empty(ctx):
        return _fail(
            "this database already holds users or reports; demo data goes into an empty one "
            "(add --force to add it anyway: demo users, one of them an admin with the "
            "published password below, and more analyses on every run)."
        )
    summary = run_demo(ctx, reports=args.reports, months=args.months, seed=args.seed)
    print(f"{summary.reports} demo analyses ({summary.failed} failed) for {summary.users} users.")
    print(f"Log in with any of these, password {DEMO_PASSWORD!r}:")
    for email, _name, role in DEMO_USERS:
        print(f"  {email:<24} {role.value}")
    return 0
