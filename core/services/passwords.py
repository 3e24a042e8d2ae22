"""What a password must be: 10–72 bytes, not one character repeated, not one of the commonest
passwords (John the Ripper's list, `data/common-passwords.txt`) nor one with digits added
before or after it, not the account's email.
Applies wherever a password is set: first-run setup, a new account, a reset."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from core.services.errors import InvalidInput

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_BYTES = 72  # bcrypt ignores (and bcrypt 5 refuses) anything longer
_DIGITS_AROUND = re.compile(r"\d*(?P<word>.*?)\d*")
"""`password123`, `2024admin`: a listed word with digits before or after it."""
COMMON_PASSWORDS = Path(__file__).with_name("data") / "common-passwords.txt"
RULE = (
    f"Passwords are {MIN_PASSWORD_CHARS}–{MAX_PASSWORD_BYTES} bytes long (bcrypt ignores anything "
    "beyond 72 bytes, so longer ones are refused), not a common password and not one character "
    "repeated."
)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The list, lower-cased (comment lines start with `#`)."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def validate_password(password: str, *, email: str | None = None) -> None:
    """Raise InvalidInput with the sentence to show when `password` may not be used."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"The password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise InvalidInput(f"The password may be at most {MAX_PASSWORD_BYTES} bytes long.")
    if len(set(password)) == 1:
        raise InvalidInput("The password is one character repeated; choose one harder to guess.")
    lowered = password.lower()
    if lowered in common_passwords() or lowered.strip() in common_passwords():
        raise InvalidInput(
            "This password is on the list of the most common passwords; choose another."
        )
    base = _DIGITS_AROUND.fullmatch(lowered)
    if base and len(base["word"]) >= 4 and base["word"] in common_passwords():
        raise InvalidInput(
            "This password is one of the most common passwords with digits added; choose another."
        )
    if email and lowered.strip() in {email.strip().lower(), email.strip().lower().split("@")[0]}:
        raise InvalidInput("The password may not be the account's email address.")
