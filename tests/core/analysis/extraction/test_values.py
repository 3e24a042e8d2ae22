"""parse_value, detect_decimal_comma and unit_of_header: spellings, conventions, noise, garbage."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.extraction.units import lookup_unit, registry
from core.analysis.extraction.values import (
    ParsedValue,
    ValueKind,
    detect_decimal_comma,
    parse_value,
    unit_of_header,
)

KINDS: list[ValueKind] = [
    "resistance",
    "temperature",
    "temperature_difference",
    "ratio",
    "voltage",
    "percent",
    "duration",
    "number",
]


def value_of(text: str, kind: ValueKind = "resistance", **options: object) -> float | None:
    parsed = parse_value(text, kind, **options)  # type: ignore[arg-type]
    assert parsed is not None, text
    return parsed.value


@pytest.mark.parametrize(
    ("text", "ohms"),
    [
        ("2500 MΩ", 2.5e9),
        ("2500 MΩ", 2.5e9),  # Ω as the ohm sign U+2126
        ("2500 Mohm", 2.5e9),
        ("2500 MOhm", 2.5e9),
        ("2500 MOHM", 2.5e9),
        ("2500 megohm", 2.5e9),
        ("2500 megohms", 2.5e9),
        ("2500 Megohms", 2.5e9),
        ("2500 megaohm", 2.5e9),
        ("2500 meg", 2.5e9),
        ("2500 meg-ohms", 2.5e9),
        ("2.5 GΩ", 2.5e9),
        ("2.5 GOhm", 2.5e9),
        ("2.5 gigohm", 2.5e9),
        ("2.5 gigaohms", 2.5e9),
        ("1.2 TΩ", 1.2e12),
        ("4.7 kΩ", 4700.0),
        ("4.7 kohm", 4700.0),
        ("4.7 KΩ", 4700.0),
        ("4.7 kilohms", 4700.0),
        ("1.9 Ω", 1.9),
        ("1.9 ohm", 1.9),
        ("1.9 ohms", 1.9),
        ("1.9 Ohms", 1.9),
        ("12 mΩ", 0.012),
        ("12 mohm", 0.012),
        ("12 milliohm", 0.012),
        ("12 milliohms", 0.012),
        ("40 µΩ", 4e-5),
        ("40 μΩ", 4e-5),  # Greek mu
        ("40 uΩ", 4e-5),
        ("40 uOhm", 4e-5),
        ("40 uohms", 4e-5),
        ("40 micro-ohm", 4e-5),
        ("40 micro-ohms", 4e-5),
        ("40 micro ohms", 4e-5),
        ("40 microohm", 4e-5),
        ("40µΩ", 4e-5),
    ],
)
def test_resistance_spellings(text: str, ohms: float) -> None:
    parsed = parse_value(text, "resistance")
    assert parsed is not None
    assert parsed.value == pytest.approx(ohms, rel=1e-12)
    assert parsed.unit == "ohm"
    assert parsed.unit_found
    assert not parsed.repaired
    assert parsed.raw == text


@pytest.mark.parametrize(
    ("text", "ohms"),
    [
        ("2500 MQ", 2.5e9),
        ("2500 MO", 2.5e9),
        ("3.1 GQ", 3.1e9),
        ("4.7 kQ", 4700.0),
        ("40 uQ", 4e-5),
        ("40 µQ", 4e-5),
        ("12 mQ", 0.012),
        ("40.00 pQ", 4e-5),  # µ read as p
        ("1O0 MΩ", 1e8),  # O for 0 inside digits
        ("2.O MΩ", 2e6),
        ("0. 85 MΩ", 8.5e5),
    ],
)
def test_ocr_noise_is_repaired(text: str, ohms: float) -> None:
    parsed = parse_value(text, "resistance")
    assert parsed is not None
    assert parsed.value == pytest.approx(ohms)
    assert parsed.repaired


def test_colon_read_for_a_decimal_point() -> None:
    parsed = parse_value("13:8 kV", "voltage")
    assert parsed == ParsedValue(13800.0, "V", None, True, True, "13:8 kV")


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("2,500", None, 2500.0),
        ("2,500", False, 2500.0),
        ("2,500", True, 2.5),
        ("2.500", None, 2.5),
        ("2.500", True, 2500.0),
        ("2 500", None, 2500.0),
        ("2'500", None, 2500.0),
        ("2’500", None, 2500.0),
        ("1,234,567.89", None, 1234567.89),
        ("1.234.567,89", None, 1234567.89),
        ("1.234,5", None, 1234.5),
        ("1 234,5", None, 1234.5),
        ("2 500,0", True, 2500.0),
        ("2.500,0", True, 2500.0),
        ("0,85", None, 0.85),
        ("0,85", False, 0.85),  # cannot be grouping, whatever the document says
        ("58,4", True, 58.4),
        ("13.8", True, 13.8),
        ("1.2E+03", None, 1200.0),
        ("1.2e3", None, 1200.0),
        ("1.2E-03", None, 0.0012),
        ("-5", None, -5.0),
        ("+5", None, 5.0),
        ("−5", None, -5.0),  # Unicode minus
        (".5", None, 0.5),
    ],
)
def test_numbers_and_conventions(text: str, decimal_comma: bool | None, expected: float) -> None:
    assert value_of(text, "number", decimal_comma=decimal_comma) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (">2,200 MΩ", 2.2e9),
        ("> 2,200 MΩ", 2.2e9),
        ("> 5 GΩ", 5e9),
        ("≥ 5 GΩ", 5e9),
        ("over 2000 MΩ", 2e9),
        ("2000+ MΩ", 2e9),
        ("∞", None),
        ("∞ MΩ", None),
        ("OL", None),
        ("O.L.", None),
        ("0L", None),
        ("over range", None),
        ("Over-Range", None),
        (">∞", None),
    ],
)
def test_censored_readings(text: str, value: float | None) -> None:
    parsed = parse_value(text, "resistance")
    assert parsed is not None
    assert parsed.censored == ">"
    assert parsed.value == (pytest.approx(value) if value is not None else None)


def test_over_range_unit_counts_as_stated_from_text_or_header() -> None:
    assert parse_value("∞ MΩ", "resistance").unit_found  # type: ignore[union-attr]
    assert not parse_value("OL", "resistance").unit_found  # type: ignore[union-attr]
    assert parse_value("OL", "resistance", header_unit="MΩ").unit_found  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("58.4 °C", "temperature", 58.4),
        ("58,4 °C", "temperature", 58.4),
        ("58.4 ºC", "temperature", 58.4),  # masculine ordinal for the degree sign
        ("58.4 degC", "temperature", 58.4),
        ("58.4 deg C", "temperature", 58.4),
        ("58.4 C", "temperature", 58.4),
        ("58.4 ℃", "temperature", 58.4),
        ("98.6 °F", "temperature", 37.0),
        ("98.6 F", "temperature", 37.0),
        ("32 degF", "temperature", 0.0),
        ("300 K", "temperature", 26.85),
        ("40 °F", "temperature_difference", 40 * 5 / 9),
        ("40 F", "temperature_difference", 40 * 5 / 9),
        ("22.4 °C", "temperature_difference", 22.4),
        ("10 K", "temperature_difference", 10.0),
        ("480 V", "voltage", 480.0),
        ("480V", "voltage", 480.0),
        ("1000 VDC", "voltage", 1000.0),
        ("1000 V DC", "voltage", 1000.0),
        ("13.8 kV", "voltage", 13800.0),
        ("13.8 KV", "voltage", 13800.0),
        ("5 kVdc", "voltage", 5000.0),
        ("480 volts", "voltage", 480.0),
        ("62 %", "percent", 62.0),
        ("62%", "percent", 62.0),
        ("62 pct", "percent", 62.0),
        ("30 s", "duration", 30.0),
        ("30 sec", "duration", 30.0),
        ("30 seconds", "duration", 30.0),
        ("1 min", "duration", 60.0),
        ("10 min", "duration", 600.0),
        ("10 minutes", "duration", 600.0),
        ("1-min", "duration", 60.0),
        ("10:00", "duration", 600.0),
        ("8.664", "ratio", 8.664),
        ("8.664:1", "ratio", 8.664),
        ("13800/480", "ratio", 28.75),
        ("13.8 kV / 480 V", "ratio", 28.75),
    ],
)
def test_other_kinds(text: str, kind: ValueKind, expected: float) -> None:
    parsed = parse_value(text, kind)
    assert parsed is not None
    assert parsed.value == pytest.approx(expected)
    assert parsed.unit_found


def test_canonical_unit_names() -> None:
    expected = {
        "resistance": "ohm",
        "temperature": "degC",
        "temperature_difference": "delta_degC",
        "ratio": "ratio",
        "voltage": "V",
        "percent": "pct",
        "duration": "s",
        "number": "",
    }
    for kind in KINDS:
        parsed = parse_value("1", kind)
        assert parsed is not None
        assert parsed.unit == expected[kind]


def test_bare_number_takes_header_then_default_then_canonical() -> None:
    assert parse_value("1.9", "resistance", header_unit="kΩ") == ParsedValue(
        1900.0, "ohm", None, True, False, "1.9"
    )
    assert parse_value("1.9", "resistance", default_unit="MΩ") == ParsedValue(
        1.9e6, "ohm", None, False, False, "1.9"
    )
    assert parse_value("1.9", "resistance") == ParsedValue(1.9, "ohm", None, False, False, "1.9")
    # A stated unit wins over the header; a header of another kind is ignored.
    assert value_of("1.9 Ω", header_unit="kΩ") == 1.9
    assert value_of("1.9", header_unit="°C") == 1.9
    assert value_of("72", "temperature", header_unit="°F") == pytest.approx(22.2222222222)


def test_dimensionless_kinds_never_assume_a_unit() -> None:
    assert parse_value("8.664", "ratio").unit_found  # type: ignore[union-attr]
    assert parse_value("7", "number").unit_found  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["", "   ", "N/A", "—", "-", "n.a.", "CB-102", "Pole A", "OK"])
def test_no_number_gives_none(text: str) -> None:
    assert parse_value(text, "resistance") is None


def test_unit_of_another_kind_gives_none() -> None:
    assert parse_value("480 V", "resistance") is None
    assert parse_value("2500 MΩ", "temperature") is None


def test_value_is_found_beside_labels_and_tags() -> None:
    assert value_of("H1-H2 8.664", "ratio") == 8.664
    assert value_of("Pole 1: 45 µΩ") == pytest.approx(45e-6)
    assert value_of("Phase C 58", "temperature") == 58.0  # C after a phase names no unit
    assert value_of("2500 MΩ @ 1000 V") == 2.5e9


def test_impossible_values_are_returned_for_the_caller_to_drop() -> None:
    assert math.isnan(value_of("NaN") or 0.0)
    assert math.isnan(value_of("inf") or 0.0)
    assert math.isnan(value_of("1e400") or 0.0)
    assert value_of("-3 MΩ") == -3e6


def test_exact_decimal_arithmetic() -> None:
    assert value_of("1.9 kΩ") == 1900.0
    assert value_of("0.85 GΩ") == 850_000_000.0
    assert value_of("71 µΩ") == 7.1e-05


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Resistance (µΩ)", "µΩ"),
        ("Ambient Temp. (°F)", "°F"),
        ("IR [GΩ]", "GΩ"),
        ("Reading MOhm", "MOhm"),
        ("Load (%)", "%"),
        ("Load %", "%"),
        ("Temp (F)", "F"),
        ("Reading (MΩ @ 20 °C)", "MΩ"),
        ("Test Voltage (kV DC)", "kV DC"),
        ("Resistance - µΩ", "µΩ"),
        ("Temperature in °C", "°C"),
        ("Phase C", None),
        ("Reading (1 min)", None),
        ("Hot Spot", None),
        ("Equipment Tag", None),
        ("Ref (Sec. 7.3)", None),
    ],
)
def test_unit_of_header(header: str, unit: str | None) -> None:
    assert unit_of_header(header) == unit
    if unit is not None:
        assert lookup_unit(unit) is not None  # what it returns, parse_value accepts


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["58,4 °C", "36,0 °C", "22,4"], True),
        (["1.234,5"], True),
        (["2 500,0"], True),
        (["2.500.000"], True),
        (["13.8 kV", "0.95"], False),
        (["1,234.5"], False),
        (["2,500,000"], False),
        (["2,500"], None),
        (["8.664"], None),
        (["2026-09-04", "14.03.2025", "PDU-12", "Ti480"], None),
        ([], None),
        (["0,85", "0.85"], None),
    ],
)
def test_detect_decimal_comma(texts: list[str], expected: bool | None) -> None:
    assert detect_decimal_comma(texts) is expected


def test_table_factors_agree_with_pint() -> None:
    ureg = registry()
    for spelling, pint_unit, canonical in [
        ("MΩ", "megaohm", "ohm"),
        ("GΩ", "gigaohm", "ohm"),
        ("µΩ", "microohm", "ohm"),
        ("mΩ", "milliohm", "ohm"),
        ("kV", "kilovolt", "volt"),
        ("min", "minute", "second"),
        ("megohm", "megohm", "ohm"),
    ]:
        spec = lookup_unit(spelling)
        assert spec is not None
        expected = ureg.Quantity(1.0, pint_unit).to(canonical).magnitude
        assert float(spec.factor) == pytest.approx(expected, rel=1e-12)


def test_pint_reads_the_long_tail() -> None:
    assert value_of("2 hours", "duration") == 7200.0
    assert value_of("5 kilovolt", "voltage") == 5000.0
    assert value_of("3 Gohms") == 3e9


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=60),
    st.sampled_from(KINDS),
    st.sampled_from([None, "MΩ", "°F", "bogus", ""]),
    st.sampled_from([None, True, False]),
)
def test_never_raises(text: str, kind: ValueKind, unit: str | None, comma: bool | None) -> None:
    parsed = parse_value(text, kind, header_unit=unit, default_unit=unit, decimal_comma=comma)
    assert parsed is None or parsed.value is None or isinstance(parsed.value, float)
    detect_decimal_comma([text])
    unit_of_header(text)


_NUMERIC_ALPHABET = "0123456789.,' -+eEOQ°ΩµkMG%:/<>∞"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_NUMERIC_ALPHABET, max_size=30), st.sampled_from(KINDS))
def test_never_raises_on_number_like_text(text: str, kind: ValueKind) -> None:
    parse_value(text, kind)


_UNITS = [("MΩ", 1e6), ("GOhm", 1e9), ("kohm", 1e3), ("Ω", 1.0), ("µΩ", 1e-6), ("mΩ", 1e-3)]
_STYLES = [  # (grouping separator, decimal separator, decimal_comma)
    ("", ".", False),
    (",", ".", False),
    (" ", ".", None),
    ("'", ".", None),
    (".", ",", True),
    (" ", ",", True),
    ("", ",", True),
]


def _group(digits: str, separator: str) -> str:
    if not separator:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**12),
    st.text(alphabet="0123456789", max_size=6),
    st.sampled_from(_STYLES),
    st.sampled_from(_UNITS),
    st.sampled_from(["", " "]),
)
def test_formatted_numbers_round_trip(
    whole: int,
    fraction: str,
    style: tuple[str, str, bool | None],
    unit: tuple[str, float],
    space: str,
) -> None:
    grouping, decimal, comma = style
    text = _group(str(whole), grouping) + (decimal + fraction if fraction else "")
    expected = float(f"{whole}.{fraction or 0}") * unit[1]
    parsed = parse_value(f"{text}{space}{unit[0]}", "resistance", decimal_comma=comma)
    assert parsed is not None
    assert parsed.value == pytest.approx(expected, rel=1e-9, abs=1e-300)
    assert parsed.unit_found
