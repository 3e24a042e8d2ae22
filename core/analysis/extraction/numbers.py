"""Numbers as reports write them: thousands separators, decimal commas, the document's convention.

`digits("1.234,5", decimal_comma=True)` gives "1234.5"; `detect_decimal_comma` decides the
convention once for a whole document from the numbers that tell ("0,85" does, "2,500" does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.analysis.extraction.units import normalize_unit_text

_MAX_TEXT = 400

# A number not glued to a word ("H1", "CB-102"); separators are decided later by convention.
NUMBER = re.compile(
    r"(?<![\w.,'])(?<![A-Za-z]-)(?P<sign>[-+])?"
    r"(?P<body>\d+(?:(?:[.,']| (?=\d{3}(?!\d)))\d+)*|\.\d+)"
    r"(?P<exp>[eE][-+]?\d{1,4}|\s?[x×]\s?10\^[-+]?\d{1,4})?"
)


def digits(body: str, decimal_comma: bool | None) -> str | None:
    """'1.234,5' -> '1234.5' under the convention; None when the separators make no number."""
    if body.startswith("."):
        return "0" + body
    separators = re.findall(r"[.,' ]", body)
    groups = re.split(r"[.,' ]", body)
    if not separators:
        return body
    decimal = _decimal_separator(separators, groups, decimal_comma)
    grouping = separators[:-1] if decimal else separators
    whole = groups[:-1] if decimal else groups
    if decimal and separators.count(decimal) != 1:
        return None
    if grouping and not _valid_grouping(grouping, whole):
        return None
    return "".join(whole) + ("." + groups[-1] if decimal else "")


def _decimal_separator(
    separators: list[str], groups: list[str], decimal_comma: bool | None
) -> str | None:
    marks = [sep for sep in separators if sep in ".,"]
    if not marks:
        return None
    if len(set(marks)) == 2:  # "1,234.5" or "1.234,5": the text itself says which is which
        return marks[-1] if separators[-1] == marks[-1] else None
    mark = marks[0]
    if len(marks) > 1 or separators[-1] != mark:
        return None  # "1,234,567" or "1.234.567" group digits
    looks_grouped = len(groups[-1]) == 3 and groups[0] != "0"
    looks_grouped = looks_grouped and _valid_grouping(separators, groups)
    if mark == ",":
        return None if looks_grouped and decimal_comma is not True else ","
    return None if looks_grouped and decimal_comma is True else "."


def _valid_grouping(separators: list[str], groups: list[str]) -> bool:
    return (
        len(set(separators)) == 1
        and 1 <= len(groups[0]) <= 3
        and all(len(group) == 3 for group in groups[1:])
    )


def detect_decimal_comma(texts: Iterable[str]) -> bool | None:
    """The document's decimal convention, decided once from all its numeric texts.

    "0,85", "58,4", "1.234,5" vote for a decimal comma; "13.8", "1,234.5", "2,500,000" for a
    decimal point; "2,500" and "8.664" tell nothing. None when nothing tells or the votes tie.
    """
    comma = point = 0
    for text in texts:
        for match in NUMBER.finditer(normalize_unit_text(text[:_MAX_TEXT])):
            vote, weight = _vote(match.group("body"))
            if vote is True:
                comma += weight
            elif vote is False:
                point += weight
    if comma == point:
        return None
    return comma > point


def _vote(body: str) -> tuple[bool | None, int]:
    """(True = decimal comma, False = decimal point, None = no evidence) and its weight."""
    separators = re.findall(r"[.,' ]", body)
    groups = re.split(r"[.,' ]", body)
    marks = [sep for sep in separators if sep in ".,"]
    if not marks or body.startswith("."):
        return None, 0
    if len(set(marks)) == 2:
        return (marks[-1] == ",", 2) if digits(body, None) is not None else (None, 0)
    if len(marks) > 1:  # repeated mark groups thousands, so the other one is the decimal
        return (marks[0] == ".", 1) if _valid_grouping(separators, groups) else (None, 0)
    if separators[-1] != marks[0]:
        return None, 0
    if len(groups[-1]) != 3 or groups[0] == "0":
        return marks[0] == ",", 1
    return None, 0
