"""`python -m core users create|reset-password|list`: accounts from the shell.

The shell is trusted as an administrator is (whoever runs it can read the database anyway);
the same service rules apply otherwise: password rules, the audit trail, sessions ended by a
reset.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from core.cli_common import context_for_cli, fail
from core.enums import Role

STDIN_HELP = "read the password from stdin (a trailing newline is not part of it)"


def add_commands(commands: Any) -> None:
    user_cmd = commands.add_parser("users", help="manage accounts").add_subparsers(
        dest="users_command", required=True, metavar="ACTION"
    )
    create = user_cmd.add_parser("create", help="create a user (the first one may be any role)")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--name", default=None, help="full name")
    create.add_argument("--password-stdin", action="store_true", help=STDIN_HELP)
    create.set_defaults(handler=run_users_create)

    reset = user_cmd.add_parser(
        "reset-password",
        help="set a new password for a user",
        description=(
            "Sets the password, lifts any lockout and ends every session of the account (its "
            "login cookies stop working)."
        ),
    )
    reset.add_argument("--email", required=True)
    reset.add_argument("--password-stdin", action="store_true", help=STDIN_HELP)
    reset.set_defaults(handler=run_users_reset_password)

    listing = user_cmd.add_parser(
        "list", help="list the accounts: email, role, active, locked, last login"
    )
    listing.set_defaults(handler=run_users_list)


def _password(from_stdin: bool) -> str | None:
    """The password typed twice (None when the two differ), or stdin's first line."""
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    password = getpass.getpass("Password: ")
    return password if password == getpass.getpass("Repeat password: ") else None


def run_users_create(args: argparse.Namespace) -> int:
    from core.services import users
    from core.services.errors import ServiceError

    password = _password(args.password_stdin)
    if password is None:
        return fail("the passwords differ.")
    try:
        actor = users.create_user(
            context_for_cli(),
            None,
            email=args.email,
            password=password,
            role=Role(args.role),
            full_name=args.name,
        )
    except ServiceError as error:
        return fail(str(error))
    print(f"created {actor.role.value} {actor.email} ({actor.id})")
    return 0


def run_users_reset_password(args: argparse.Namespace) -> int:
    from core.services import users
    from core.services.errors import ServiceError

    ctx = context_for_cli()
    user_id = users.user_id_by_email(ctx, args.email)
    if user_id is None:
        return fail(f"no user {args.email.strip()}; `python -m core users list` shows them.")
    password = _password(args.password_stdin)
    if password is None:
        return fail("the passwords differ.")
    try:
        users.reset_password(ctx, None, user_id, password)
    except ServiceError as error:
        return fail(str(error))
    print(
        f"password reset for {args.email.strip().lower()}: any lockout is lifted and every "
        "session of the account has ended."
    )
    return 0


def run_users_list(_args: argparse.Namespace) -> int:
    from core.services import users

    rows = users.list_users(context_for_cli(), None)
    table = [("EMAIL", "ROLE", "ACTIVE", "LOCKED", "LAST LOGIN")]
    for row in rows:
        last = row.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if row.last_login_at else "never"
        table.append(
            (
                row.email,
                row.role.value,
                "yes" if row.is_active else "no",
                "yes" if row.locked else "no",
                last,
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    return 0
