"""Typed values and the warnings that keep extraction honest: ratings, temperatures, dates,
missing and impossible values, tag mismatches, printed ΔT, insulation, turns-ratio repairs."""

from __future__ import annotations

import datetime as dt

import pytest
from interpret_helpers import IR_HEADER, of, read, values, warned

from core.schemas import Quantity, WarningCode

READINGS = "Test Point | Reading (1 min)\nA-G | 2,500 MΩ\n"


@pytest.mark.parametrize(
    ("printed", "volts"),
    [
        ("480V", 480.0),
        ("480 VAC, 3 phase", 480.0),
        ("13.8 kV", 13800.0),
        ("13:8 kV", 13800.0),
        ("4160/2400 V", 4160.0),
        ("480Y/277", 480.0),
        ("13.8/0.48 kV", 13800.0),
        ("13,800 V", 13800.0),
        ("15 kV class", 15000.0),
    ],
)
def test_voltage_ratings(printed: str, volts: float) -> None:
    result = read(f"Megger Test Report\nVoltage Rating: {printed}\n{READINGS}")
    assert result.equipment.voltage_rating_v == volts


def test_voltage_without_unit_is_flagged() -> None:
    result = read(f"Megger Test Report\nRated Voltage: 480\n{READINGS}")
    assert result.equipment.voltage_rating_v == 480.0
    assert "equipment.voltage_rating_v" in warned(result, WarningCode.UNIT_ASSUMED)


def test_fahrenheit_ambient_from_label_or_value() -> None:
    labelled = read(f"Megger Test Report\nAmbient Temp. (°F): 68\n{READINGS}")
    assert labelled.test.ambient_temperature_c == pytest.approx(20.0)
    assert not warned(labelled, WarningCode.UNIT_ASSUMED)
    inline = read(f"Megger Test Report\nAmbient: 77 °F\nWinding Temperature: 30 C\n{READINGS}")
    assert inline.test.ambient_temperature_c == pytest.approx(25.0)
    assert inline.test.apparatus_temperature_c == 30.0


def test_humidity_and_load() -> None:
    result = read(f"Megger Test Report\nRelative Humidity: 45% RH\nLoad: 62 %\n{READINGS}")
    assert (result.test.humidity_pct, result.test.load_pct) == (45.0, 62.0)


def test_missing_fields_are_absent_with_warnings() -> None:
    result = read("Insulation Resistance Test Report\n" + READINGS)
    assert result.equipment.tag is None and result.test.date is None
    missing = warned(result, WarningCode.MISSING_FIELD)
    for path in (
        "equipment.tag",
        "equipment.type",
        "test.date",
        "equipment.voltage_rating_v",
        "test.technician",
        "test.company",
        "test.ambient_temperature_c",
        "test.humidity_pct",
        "instruments.0.calibration_due_date",
    ):
        assert path in missing
    assert "test.load_pct" not in missing  # asked of thermography only


def test_complete_header_warns_nothing() -> None:
    result = read(IR_HEADER + READINGS)
    assert result.warnings == []
    assert result.fields["equipment.tag"].raw == "SWGR-1A"
    assert result.fields["instruments.0.calibration_due_date"].source is not None


def test_thermography_without_load_is_flagged() -> None:
    result = read("Infrared Survey\nComponent | Hot Spot | Reference\nLug | 50 °C | 40 °C\n")
    assert "test.load_pct" in warned(result, WarningCode.MISSING_FIELD)


@pytest.mark.parametrize("printed", ["NaN", "-5 MΩ", "inf"])
def test_impossible_values_are_dropped(printed: str) -> None:
    result = read(IR_HEADER + f"Test Point | Reading (1 min)\nA-G | {printed}\nB-G | 3 GΩ\n")
    assert values(result, Quantity.INSULATION_RESISTANCE) == [3e9]
    (warning,) = [w for w in result.warnings if w.code is WarningCode.IMPOSSIBLE_VALUE]
    assert warning.raw == printed and warning.source is not None


def test_unreadable_value_is_skipped_with_warning() -> None:
    result = read(IR_HEADER + "Test Point | Reading (1 min)\nA-G | 2,500 MΩ\nB-G | n/a\n")
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5e9]


def test_ambiguous_date_is_left_empty_and_flagged() -> None:
    result = read(f"Megger Test Report\nTest Date: 03/04/2025\n{READINGS}")
    assert result.test.date is None
    assert warned(result, WarningCode.AMBIGUOUS_DATE) == ["test.date"]


def test_ambiguous_date_resolved_by_the_documents_other_dates() -> None:
    result = read(f"Megger Test Report\nTest Date: 03/04/2025\nCal Due: 25/12/2025\n{READINGS}")
    assert result.test.date == dt.date(2025, 4, 3)
    assert not warned(result, WarningCode.AMBIGUOUS_DATE)


def test_tag_mismatch_keeps_the_header_tag() -> None:
    result = read(IR_HEADER + READINGS + "Report for equipment SWGR-1B — page 1 of 1\n")
    assert result.equipment.tag == "SWGR-1A"
    (warning,) = [w for w in result.warnings if w.code is WarningCode.TAG_MISMATCH]
    assert "SWGR-1B" in warning.message


@pytest.mark.parametrize(
    "footer",
    ["Report for equipment SWGR- 1A — page 1 of 1", "Report for equipment SWGR-1A - page 1 of 1"],
)
def test_same_tag_in_footer_spelled_otherwise_is_no_mismatch(footer: str) -> None:
    result = read(IR_HEADER + READINGS + footer + "\n")
    assert not warned(result, WarningCode.TAG_MISMATCH)


def test_row_of_bare_numbers_without_header_is_not_guessed() -> None:
    result = read(IR_HEADER + "H1-H3 / X1-X3 | 3 (nominal) | 8.667 | 8.665 | -0.02\n")
    assert result.measurements == []
    assert "measurements" in warned(result, WarningCode.MISSING_FIELD)


def test_footer_gives_the_tag_when_no_field_does() -> None:
    result = read("Megger Test Report\n" + READINGS + "Report for equipment LP-2C\n")
    assert result.equipment.tag == "LP-2C"
    assert "equipment.tag" not in warned(result, WarningCode.MISSING_FIELD)
    assert result.fields["equipment.tag"].confidence < 0.9


def test_printed_delta_t_disagreeing_is_flagged() -> None:
    result = read(
        "Infrared Thermography Report\nLoad: 60 %\n"
        "Component | Hot Spot | Reference | ΔT\nLug A | 58.4 °C | 36.0 °C | 22.4 °C\n"
        "Lug B | 50 °C | 40 °C | 12 °C\n"
    )
    assert values(result, Quantity.TEMPERATURE_RISE) == [22.4, 12.0]
    (warning,) = [w for w in result.warnings if w.code is WarningCode.PRINTED_VALUE_MISMATCH]
    assert warning.raw == "12 °C"


def test_fahrenheit_rise_converts_as_a_difference() -> None:
    result = read(
        "Infrared Thermography Report\nAmbient: 68 °F\nLoad: 50%\n"
        "Component | Max Temp (°F) | ΔT over ambient (°F)\nLug | 104 | 36\n"
    )
    (rise,) = of(result, Quantity.TEMPERATURE_RISE)
    assert (rise.value, rise.reference) == (pytest.approx(20.0), "ambient")
    assert values(result, Quantity.TEMPERATURE) == [pytest.approx(40.0)]
    assert not warned(result, WarningCode.PRINTED_VALUE_MISMATCH)


@pytest.mark.parametrize(
    ("statement", "insulation"),
    [
        ("Equipment Type: Dry-Type Transformer", "dry"),
        ("Equipment Type: Cast Resin Transformer", "dry"),
        ("Equipment Type: Transformer\nCooling: ONAN", "liquid"),
        ("Equipment Type: Transformer (oil-filled)", "liquid"),
        ("Equipment Type: XFMR\nInsulating Fluid: FR3", "liquid"),
        ("Equipment Type: Transformer\nInsulation Type: VPI", "dry"),
    ],
)
def test_transformer_insulation(statement: str, insulation: str) -> None:
    result = read(f"Megger Test Report\n{statement}\n{READINGS}")
    assert result.equipment.insulation == insulation
    assert not warned(result, WarningCode.INSULATION_ASSUMED)


def test_transformer_without_insulation_statement() -> None:
    result = read(f"Megger Test Report\nEquipment Type: Transformer\n{READINGS}")
    assert result.equipment.insulation is None
    assert warned(result, WarningCode.INSULATION_ASSUMED) == ["equipment.insulation"]


def test_single_electrode() -> None:
    result = read(
        "Ground Resistance Test Report\nEquipment Type: Ground Rod\n"
        "Measurement | Distance (% of C2) | Resistance\nFall of potential | 62 % | 18 Ω\n"
    )
    assert result.equipment.single_electrode is True
    assert "equipment.voltage_rating_v" not in warned(result, WarningCode.MISSING_FIELD)


def test_single_system_value_printed_as_field() -> None:
    result = read("Ground Resistance Test Report\nGround Resistance: 2.1 Ω\n")
    (ground,) = of(result, Quantity.GROUND_RESISTANCE)
    assert (ground.point, ground.value) == ("System", 2.1)


def test_pi_printed_as_field() -> None:
    result = read(IR_HEADER + READINGS + "Polarization Index: 2.3\n")
    assert values(result, Quantity.POLARIZATION_INDEX) == [2.3]


@pytest.mark.parametrize("printed", ["28.75", "13800/480", "13.8 kV / 480 V"])
def test_nameplate_ratio_given_or_as_voltages(printed: str) -> None:
    result = read(
        f"Transformer Turns Ratio Test Report\nNameplate Ratio: {printed}\n"
        "Phase | Measured Ratio\nH1-H2 | 28.74\n"
    )
    (ratio,) = of(result, Quantity.TURNS_RATIO)
    assert ratio.nameplate_ratio == pytest.approx(28.75)


def test_rated_voltages_give_windings_not_a_ratio() -> None:
    """The reader never computes a ratio from voltages: that needs the connection."""
    result = read(
        "Transformer Turns Ratio Test Report\nPrimary Voltage: 13,800 V\n"
        "Secondary Voltage: 480Y/277 V\nPhase | Measured Ratio\nH1-H3 / X1-X0 | 49.79\n"
    )
    assert of(result, Quantity.TURNS_RATIO)[0].nameplate_ratio is None
    assert [(w.role, w.voltage_v, w.connection) for w in result.equipment.windings] == [
        ("H", 13800.0, None),
        ("X", 480.0, "wye"),
    ]
    assert result.equipment.voltage_rating_v == 13800.0


def test_lost_decimal_point_is_restored_and_marked() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\nPhase | Nameplate Ratio | Measured Ratio\n"
        "H1-H3 | 8.667 | 8669\nH2-H1 | 8667 | 8.731\n",
    )
    ratios = of(result, Quantity.TURNS_RATIO)
    assert [(m.value, m.nameplate_ratio) for m in ratios] == [(8.669, 8.667), (8.731, 8.667)]
    assert ratios[0].confidence == pytest.approx(0.98 * 0.98 * 0.9, abs=1e-3)


def test_manufacturer_maximum_from_remarks() -> None:
    result = read(
        "Contact Resistance Test Report\nPole | Resistance\nPole 1 | 40 µΩ\n"
        "Remarks: compared pole to pole, Mfr max 100 µΩ per pole.\n"
    )
    (contact,) = of(result, Quantity.CONTACT_RESISTANCE)
    assert contact.manufacturer_max_ohm == pytest.approx(100e-6)
