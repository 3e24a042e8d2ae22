"""Cells a spreadsheet will not run: every CSV the product writes goes through `safe_cell`.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (OWASP, CSV
injection: `=cmd|' /C calc'!A0`, `=HYPERLINK(…)`), and so does one that starts with a tab or a
carriage return, or with spaces or line breaks before a formula character (spreadsheets trim
them). Such text cells are prefixed with a single quote, which a spreadsheet shows as text.
Only text is touched: numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

_FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")  # full-width forms too
_CONTROL_STARTS = ("\t", "\r", "\n")
T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """The value as a spreadsheet should receive it: formula-like text quoted, the rest as is."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_CONTROL_STARTS) or value.lstrip().startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
