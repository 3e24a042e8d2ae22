"""parse_date and infer_day_first: every written form, ambiguity kept visible, non-dates refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.extraction.dates import ParsedDate, infer_day_first, parse_date

MARCH_14 = dt.date(2025, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-14",
        "2025/03/14",
        "2025.03.14",
        "2025-3-14",
        "2025-03-14T09:30:00",
        "03/14/2025",
        "3/14/2025",
        "3-14-25",
        "03-14-2025",
        "14.03.2025",
        "14/03/2025",
        "14-03-2025",
        "14/03/25",
        "14-Mar-2025",
        "14-MAR-2025",
        "14 Mar 2025",
        "14 March 2025",
        "14th March 2025",
        "14th of March, 2025",
        "14-Mar-25",
        "March 14, 2025",
        "March 14 2025",
        "Mar. 14 2025",
        "Mar 14, 25",
        "Friday, March 14, 2025",
        "Fri, 14 Mar 2025",
        "2025-Mar-14",
        "Test Date: 14-Mar-2025 09:30",
        "Date of test 2025-03-14 (morning)",
    ],
)
def test_forms(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None, text
    assert parsed.value == MARCH_14
    assert not parsed.ambiguous
    assert parsed.candidates == (MARCH_14,)
    assert parsed.raw in text


def test_september_spellings() -> None:
    assert parse_date("5 Sept 2025").value == dt.date(2025, 9, 5)  # type: ignore[union-attr]
    assert parse_date("Sep 5, 2025").value == dt.date(2025, 9, 5)  # type: ignore[union-attr]
    assert parse_date("September 5 2025").value == dt.date(2025, 9, 5)  # type: ignore[union-attr]


def test_two_digit_years() -> None:
    assert parse_date("12/31/99").value == dt.date(1999, 12, 31)  # type: ignore[union-attr]
    assert parse_date("1/31/05").value == dt.date(2005, 1, 31)  # type: ignore[union-attr]


def test_ambiguous_numeric_date_is_never_guessed() -> None:
    parsed = parse_date("03/04/2025")
    assert parsed == ParsedDate(
        value=None,
        ambiguous=True,
        candidates=(dt.date(2025, 4, 3), dt.date(2025, 3, 4)),
        raw="03/04/2025",
    )


def test_ambiguous_numeric_date_resolved_by_day_first() -> None:
    day_first = parse_date("03/04/2025", day_first=True)
    month_first = parse_date("03/04/2025", day_first=False)
    assert day_first is not None and month_first is not None
    assert day_first.value == dt.date(2025, 4, 3)
    assert month_first.value == dt.date(2025, 3, 4)
    assert day_first.ambiguous and month_first.ambiguous  # the text alone still is


def test_same_day_and_month_is_not_ambiguous() -> None:
    parsed = parse_date("04/04/2025")
    assert parsed is not None
    assert parsed.value == dt.date(2025, 4, 4)
    assert not parsed.ambiguous


def test_only_valid_reading_wins_over_day_first() -> None:
    assert parse_date("03/25/2025", day_first=True).value == dt.date(2025, 3, 25)  # type: ignore[union-attr]
    assert parse_date("25/03/2025", day_first=False).value == dt.date(2025, 3, 25)  # type: ignore[union-attr]


def test_dotted_dates_are_day_first_by_convention() -> None:
    assert parse_date("03.04.2025").value == dt.date(2025, 4, 3)  # type: ignore[union-attr]
    assert parse_date("03.04.2025", day_first=False).value == dt.date(2025, 3, 4)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2500",
        "13.8",
        "1,000",
        "2025-02-30",
        "31/04/2025",
        "13/14/2025",
        "Tag 14 2025",
        "March 2025",
        "03/2026",
        "H1-H3 / X1-X3",
        "0.95",
        "1.2.3",
        "480 V",
        "3000-01-01",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_first_date_in_text_wins() -> None:
    parsed = parse_date("Calibrated 2025-01-10, due 2026-01-10")
    assert parsed is not None
    assert parsed.value == dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["25/03/2025", "03/04/2025"], True),
        (["14.03.2025"], True),
        (["03/25/2025", "03/04/2025"], False),
        (["3-14-25"], False),
        (["2025-03-14", "14 Mar 2025"], None),
        (["03/04/2025"], None),
        (["25/03/2025", "03/25/2025"], None),
        ([], None),
    ],
)
def test_infer_day_first(texts: list[str], expected: bool | None) -> None:
    assert infer_day_first(texts) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, True, False]))
def test_never_raises(text: str, day_first: bool | None) -> None:
    parsed = parse_date(text, day_first=day_first)
    assert parsed is None or parsed.value is None or isinstance(parsed.value, dt.date)
    infer_day_first([text])


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_iso_round_trip(date: dt.date) -> None:
    assert parse_date(date.isoformat()).value == date  # type: ignore[union-attr]
    assert parse_date(date.strftime("%d %B %Y")).value == date  # type: ignore[union-attr]
    assert parse_date(date.strftime("%b %d, %Y")).value == date  # type: ignore[union-attr]
