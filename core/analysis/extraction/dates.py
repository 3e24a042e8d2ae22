"""Dates as written in test reports (ISO, US, European, month names), ambiguity kept visible.

`parse_date("Test Date: 14-Mar-2025 09:30")` finds the date inside the text. A numeric date
whose day and month could be swapped ("03/04/2025") is resolved only by `day_first`, which the
interpreter takes from the document's other dates (`infer_day_first`); otherwise it comes back
with `value=None` and both candidates, so the caller flags it instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.parser import parserinfo

_MONTHS = parserinfo()
_YEARS = range(1900, 2200)  # anything else is a number that happens to have separators
_MAX_TEXT = 400


@dataclass(frozen=True, slots=True)
class ParsedDate:
    value: dt.date | None
    """None only when the date is ambiguous and `day_first` did not resolve it."""
    ambiguous: bool
    """The text alone allows two different dates (d/m and m/d); `value` may still be resolved."""
    candidates: tuple[dt.date, ...]
    """(day-first reading, month-first reading) when ambiguous, else (value,)."""
    raw: str


_MONTH = r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})(?![A-Za-z])\.?"
_YEAR = r"(?P<y>\d{4}|\d{2})(?!\d)"
_PATTERNS = (
    # 2025-03-14, 2025/3/14, 2025.03.14 (and ISO timestamps)
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),
    # 14/03/2025, 03/14/2025, 3-14-25, 14.03.2025: the order is decided afterwards
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)" + _YEAR),
    # 14-Mar-2025, 14 March 2025, 14th of March, 2025
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?:of\s+)?" + _MONTH + r"[\s\-/.,]*" + _YEAR
    ),
    # March 14, 2025; Mar. 14 2025; Friday, March 14, 2025
    re.compile(_MONTH + r"[\s\-/.]*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)[\s,\-/.]*" + _YEAR),
    # 2025-Mar-14
    re.compile(r"(?<!\d)(?P<y>\d{4})[\s\-/.]+" + _MONTH + r"[\s\-/.]+(?P<d>\d{1,2})(?!\d)"),
)
_NUMERIC = _PATTERNS[1]


def parse_date(text: str, *, day_first: bool | None = None) -> ParsedDate | None:
    """The first date found in `text`, or None when it holds no possible date.

    Impossible dates (2025-02-30) and numbers that are not dates ("2500", "13.8") give None.
    Dotted numeric dates (14.03.2025) follow the European day-first convention unless
    `day_first` is False. Two-digit years mean 2000–2069 and 1970–1999.
    """
    text = text[:_MAX_TEXT]
    found: list[tuple[int, int, ParsedDate]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _from_match(match, day_first)
            if parsed is not None:
                found.append((match.start(), -len(match.group()), parsed))
                break
    if not found:
        return None
    return min(found, key=lambda item: item[:2])[2]


def _from_match(match: re.Match[str], day_first: bool | None) -> ParsedDate | None:
    groups = match.groupdict()
    raw = match.group()
    year = _year(groups["y"])
    if year is None:
        return None
    if groups.get("a") is not None:
        return _numeric(int(groups["a"]), int(groups["b"]), year, groups["s"], day_first, raw)
    month = int(groups["m"]) if groups.get("m") else _month(groups.get("mon"))
    if month is None:
        return None
    value = _date(year, month, int(groups["d"]))
    return None if value is None else ParsedDate(value, False, (value,), raw)


def _numeric(
    first: int, second: int, year: int, separator: str, day_first: bool | None, raw: str
) -> ParsedDate | None:
    as_day_first = _date(year, second, first)
    as_month_first = _date(year, first, second)
    if as_day_first is None and as_month_first is None:
        return None
    if as_day_first is None or as_month_first is None or as_day_first == as_month_first:
        value = as_day_first or as_month_first
        assert value is not None
        return ParsedDate(value, False, (value,), raw)
    both = (as_day_first, as_month_first)
    if day_first is None and separator == ".":
        return ParsedDate(as_day_first, False, (as_day_first,), raw)
    if day_first is None:
        return ParsedDate(None, True, both, raw)
    return ParsedDate(as_day_first if day_first else as_month_first, True, both, raw)


def _year(text: str) -> int | None:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year if year in _YEARS else None


def _month(name: str | None) -> int | None:
    if name is None:
        return None
    index: int | None = _MONTHS.month(name)  # Jan, January, Sept … in dateutil's table
    return index


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_day_first(texts: Iterable[str]) -> bool | None:
    """Whether the document writes numeric dates day first, from its unambiguous ones.

    25/03/2025 votes day-first, 03/25/2025 month-first; ISO and month-name dates tell nothing.
    None when no date tells or the votes tie.
    """
    day = month = 0
    for text in texts:
        for match in _NUMERIC.finditer(text[:_MAX_TEXT]):
            if _year(match.group("y")) is None:
                continue
            first, second = int(match.group("a")), int(match.group("b"))
            if first > 12 and second <= 12 and _date(2000, second, first):
                day += 1
            elif second > 12 and first <= 12 and _date(2000, first, second):
                month += 1
    if day == month:
        return None
    return day > month
