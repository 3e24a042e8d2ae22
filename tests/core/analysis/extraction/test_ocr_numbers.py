"""Choosing between a scanned number's readings by its row and column (no Tesseract)."""

from __future__ import annotations

import pytest

from core.analysis.extraction.readers.ocr_numbers import (
    Candidate,
    Context,
    Slot,
    choose,
    choose_column,
    grouping_or_decimal,
    known_unit,
    parse_number,
)
from core.analysis.extraction.readers.ocr_reread import tidy
from core.analysis.extraction.readers.ocr_words import PageWord, is_number_like, value_words


def page_and(reread: str, page: str, *, confidence: float = 90.0) -> list[Candidate]:
    return [Candidate(page, confidence), Candidate(reread, confidence)]


def test_a_lost_decimal_point_is_chosen_back_by_the_column() -> None:
    chosen = choose(page_and("36.2", "362"), Context(column=["35.9", "36.4"]))
    assert chosen.text == "36.2"


def test_a_milliohm_reading_of_the_wrong_magnitude_loses() -> None:
    context = Context(column=["1.41", "1.47"], unit="mΩ")
    assert choose(page_and("1.44", "1440000"), context).text == "1.44"


def test_the_unit_prefix_the_column_carries_wins() -> None:
    context = Context(column=["1.41 mQ", "1.47 mQ"])
    assert choose(page_and("1.44 mQ", "1.44 MQ"), context).text == "1.44 mQ"


def test_a_degree_sign_read_as_a_zero_loses_to_the_column() -> None:
    chosen = choose(page_and("52", "520"), Context(column=["48", "50", "55"]))
    assert chosen.text == "52"


def test_a_consistent_reading_stays_untouched() -> None:
    page = Candidate("36.2", 80.0)
    candidates = [page, Candidate("362", 96.0), Candidate("3.62", 60.0)]
    context = Context(column=["35.9", "36.4"], row=["35.9", "0.3"])
    assert choose(candidates, context) is page
    alone = Candidate("0.052", 70.0)
    assert choose([alone], Context(column=["0.054", "0.051"])) is alone


def test_the_printed_difference_decides() -> None:
    """Hot 36.2, reference 35.9, ΔT 0.3: only 36.2 makes the difference (no column here)."""
    chosen = choose(page_and("36.2", "362", confidence=60.0), Context(row=["35.9", "0.3"]))
    assert chosen.text == "36.2"
    delta = choose(page_and("0.3", "03"), Context(row=["36.2", "35.9"]))
    assert delta.text == "0.3"


def test_a_point_no_read_saw_is_put_back_when_the_row_proves_it() -> None:
    """Every read says 866, but hot − reference = ΔT only for 86.6 (78.4 + 8.2)."""
    page = Candidate("866", 67.0, votes=3)
    chosen = choose([page], Context(column=["73.2", "34.1"], row=["78.4", "8.2"]))
    assert (chosen.text, chosen.restored) == ("86.6", True)


def test_a_point_is_put_back_where_the_column_has_it() -> None:
    """Fall-of-potential readings 1.4, 1.5 and a 16 every read agrees on."""
    page = Candidate("16", 60.0, votes=3)
    assert choose([page], Context(column=["1.4", "1.5"])).text == "1.6"


def test_no_point_is_made_up_for_a_column_of_whole_numbers() -> None:
    page = Candidate("520", 80.0, votes=3)
    assert choose([page], Context(column=["2,500", "1,800", "350"])) is page
    mixed = Candidate("10", 80.0, votes=3)
    assert choose([mixed], Context(column=["0.5", "1.25"])) is mixed


def test_two_misread_cells_do_not_outvote_the_third() -> None:
    """Pole 1 read 144 (a re-read says 1.44), pole 2 read 1.41, pole 3 read 147 by every read."""
    column = [
        Slot([Candidate("144", 44.0, votes=2), Candidate("1.44", 91.0)], unit="mQ"),
        Slot([Candidate("1.41", 92.0, votes=3)], unit="mQ"),
        Slot([Candidate("147", 49.0, votes=3)], unit="mQ"),
    ]
    assert [c.text for c in choose_column(column)] == ["1.44", "1.41", "1.47"]


def test_re_reads_that_agree_win_when_nothing_else_tells() -> None:
    two = [Candidate("210°C", 70.0), Candidate("21.0°C", 90.0, votes=2)]
    assert choose(two, Context()).text == "21.0°C"
    split = [Candidate("210°C", 70.0), Candidate("21.0°C", 90.0)]
    assert choose(split, Context()).text == "210°C"


def test_a_reading_that_is_no_number_gives_way() -> None:
    chosen = choose([Candidate("§2°C", 83.0), Candidate("52°C", 58.0, votes=2)], Context())
    assert chosen.text == "52°C"
    garbled = choose([Candidate("4g", 60.0), Candidate("41.9", 70.0)], Context())
    assert garbled.text == "41.9"


def test_a_thousands_separator_is_not_taken_for_a_point_by_legibility() -> None:
    page = Candidate("3,460", 17.0)
    assert choose([page, Candidate("3.460", 86.0, votes=2)], Context()) is page
    assert grouping_or_decimal("3,460", "3.460")
    assert grouping_or_decimal("1418", "1.418")
    assert not grouping_or_decimal("362", "36.2")


def test_the_same_number_written_otherwise_is_no_repair() -> None:
    page = Candidate("27,", 60.0)
    assert choose([page, Candidate("27", 96.0, votes=2)], Context()) is page


@pytest.mark.parametrize(
    ("text", "value", "decimals", "unit"),
    [
        ("1.44 mQ", 1.44, 2, "mΩ"),
        ("52°C", 52.0, 0, "°C"),
        ("> 2,200", 2200.0, 0, ""),
        ("0,85", 0.85, 2, ""),
        ("27,", 27.0, 0, ""),
        ("-0.13", -0.13, 2, ""),
    ],
)
def test_parse_number(text: str, value: float, decimals: int, unit: str) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.decimals, number.unit) == (value, decimals, unit)


@pytest.mark.parametrize("text", ["§2°C", "4g:x", "1.18.5", "Pole", ""])
def test_parse_number_refuses_what_is_no_number(text: str) -> None:
    assert parse_number(text) is None


def test_known_units() -> None:
    assert known_unit("mQ") and known_unit("°C") and known_unit("kV")
    assert not known_unit("m") and not known_unit("")


@pytest.mark.parametrize(
    ("reread", "page", "tidied"),
    [
        ("47.8.", "4718", "47.8"),
        (".27.2", "727.2", "27.2"),
        ("-5.6", "66°", "5.6°"),
        ("-0.24", "-0.24", "-0.24"),
        ("0.046m", "0.046mQ", "0.046mQ"),
        ("52°C", "§2°C", "52°C"),
        (".", "7", ""),
    ],
)
def test_tidy(reread: str, page: str, tidied: str) -> None:
    assert tidy(reread, page) == tidied


@pytest.mark.parametrize("text", ["36.2", "1.44mQ", "§2°C", ">2200", "520C", "0.052", "27,"])
def test_number_like(text: str) -> None:
    assert is_number_like(text)


@pytest.mark.parametrize("text", ["Pole", "H1", "B-G", "2026-10-14", "8.664:1", "COBO"])
def test_not_number_like(text: str) -> None:
    assert not is_number_like(text)


def _words(*texts: str) -> list[PageWord]:
    return [PageWord(text, 100 * i, 0, 100 * i + 80, 30, 90.0) for i, text in enumerate(texts)]


def test_value_words_skip_labels_and_dates() -> None:
    line = [_words("Pole", "1"), _words("100"), _words("0.052", "mOhm")]
    assert value_words(line) == [(1, 0), (2, 0)]
    form = [_words("Ambient:", "21.0", "°C"), _words("Date:", "November", "25,", "2025")]
    assert value_words(form) == [(0, 1)]
    censored = [_words(">", "2200", "MQ")]
    assert value_words(censored) == [(0, 1)]
