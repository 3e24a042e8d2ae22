"""`python -m core users|submit|status|worker`: accounts and queued analyses."""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.config import get_settings
from core.enums import Role

if TYPE_CHECKING:  # the services (SQLAlchemy and all) load only for commands that use them:
    from core.services.context import ServiceContext  # `analyze` starts without them


def add_commands(commands: Any) -> None:
    user_cmd = commands.add_parser("users", help="manage accounts").add_subparsers(
        dest="users_command", required=True, metavar="ACTION"
    )
    create = user_cmd.add_parser("create", help="create a user (the first one may be any role)")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--name", default=None, help="full name")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from stdin (a trailing newline is not part of it)",
    )
    create.set_defaults(handler=run_users_create)

    submit = commands.add_parser("submit", help="queue files for analysis as a user's tasks")
    submit.add_argument("files", nargs="+", metavar="FILE", type=Path)
    submit.add_argument("--user", required=True, metavar="EMAIL")
    submit.add_argument("--site", default=None)
    submit.add_argument("--profile", default=None)
    submit.set_defaults(handler=run_submit)

    status = commands.add_parser("status", help="show a task's status and verdict")
    status.add_argument("task_id", type=uuid.UUID, metavar="TASK_ID")
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
        "demo", help="create demo users and a few hundred analyses over six months"
    )
    demo.add_argument("--reports", type=int, default=300)
    demo.add_argument("--months", type=int, default=6)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(handler=run_demo_cmd)


class DatabaseNotReady(Exception):
    pass


def _context() -> ServiceContext:
    """The services on the configured database; the embedded SQLite one is migrated on the way."""
    from core.services.context import build_context
    from core.services.system import prepare_database

    ctx = build_context(get_settings())
    status = prepare_database(ctx.engine)
    if not status.ok:
        raise DatabaseNotReady(status.summary)
    return ctx


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return 1


def run_users_create(args: argparse.Namespace) -> int:
    from core.services import users
    from core.services.errors import ServiceError

    if args.password_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Repeat password: "):
            return _fail("the passwords differ.")
    try:
        actor = users.create_user(
            _context(),
            None,
            email=args.email,
            password=password,
            role=Role(args.role),
            full_name=args.name,
        )
    except ServiceError as error:
        return _fail(str(error))
    print(f"created {actor.role.value} {actor.email} ({actor.id})")
    return 0


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
    ctx = _context()
    with ctx.session() as session:
        from core import repositories as repo

        task = repo.tasks.get(session=session, id=args.task_id)
        if task is None:
            return _fail(f"no task {args.task_id}.")
        verdict = task.analysis.verdict if task.analysis else None
        print(f"{task.id}  {task.status}  {verdict or ''}  {task.error_message or ''}".rstrip())
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
    from core.demo import DEMO_PASSWORD, DEMO_USERS, run_demo

    settings = get_settings()
    if settings.env == "production":
        return _fail("demo data is for development; AUDITENG_ENV is production.")
    summary = run_demo(_context(), reports=args.reports, months=args.months, seed=args.seed)
    print(f"{summary.reports} demo analyses ({summary.failed} failed) for {summary.users} users.")
    print(f"Log in with any of these, password {DEMO_PASSWORD!r}:")
    for email, _name, role in DEMO_USERS:
        print(f"  {email:<24} {role.value}")
    return 0
