"""The command line: `python -m core <command>`; logs go to stderr, results to stdout."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from core import cli_analyze, cli_tasks
from core.cli_tasks import DatabaseNotReady
from core.config import get_settings
from core.standards import ProfileError, UnknownStandardError

log = logging.getLogger("auditeng")


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from core.db import make_engine
    from core.db.migrate import upgrade
    from core.services.system import database_status

    engine = make_engine(get_settings())
    upgrade(engine, args.revision)
    print(database_status(engine).summary)
    return 0


def _cmd_db_current(_args: argparse.Namespace) -> int:
    from core.db import make_engine
    from core.services.system import database_status

    status = database_status(make_engine(get_settings()))
    print(status.summary)
    return 0 if status.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="AuditEng: audit electrical test reports against NETA/IEEE thresholds.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="database migrations").add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    up = db.add_parser("upgrade", help="apply migrations (default: up to the latest)")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(handler=_cmd_db_upgrade)
    db.add_parser("current", help="show the database's migration state").set_defaults(
        handler=_cmd_db_current
    )
    cli_analyze.add_commands(commands)
    cli_tasks.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        result: int = args.handler(args)
    except (ProfileError, UnknownStandardError, DatabaseNotReady) as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `python -m core rules | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if args.debug:
            raise
        log.error("%s (run again with --debug for the traceback)", error)
        return 1
    return result
