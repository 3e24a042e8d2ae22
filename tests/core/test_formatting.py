"""Evidence values as people read them, the same on the pages and in the PDF audit report."""

from __future__ import annotations

import pytest

from core.formatting import reading, with_unit


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (2500.0, "MΩ", "2,500 MΩ"),
        (0.5, "%", "0.5 %"),
        (8.6721, "ratio", "8.672"),
        ("2026-05-15", "date", "2026-05-15"),  # a calibration date, never "2026-05-15 date"
        (42.0, None, "42"),
        (None, "MΩ", ""),
    ],
)
def test_an_evidence_value_with_its_unit(value: float | str | None, unit: str, shown: str) -> None:
    assert with_unit(value, unit) == shown


def test_the_pdf_keeps_a_value_and_its_unit_together() -> None:
    assert with_unit(100.0, "MΩ", sep="\u00a0") == "100\u00a0MΩ"


def test_a_reading_in_ohm_takes_its_prefix() -> None:
    assert reading(2.5e9, "ohm") == "2.5 GΩ" and reading(31.2, "degC") == "31.2 °C"
