"""Measurement tables: header detection, both orientations, units in headers, multi-row headers,
decimal commas, censored readings, values split across cells, OCR rows."""

from __future__ import annotations

import pytest
from interpret_helpers import IR_HEADER, of, read, run, sheet_doc, text_doc, values, warned

from core.schemas import InputFormat, Quantity, WarningCode

MEGOHM = 1e6
GIGOHM = 1e9


def test_phases_as_rows_cells() -> None:
    result = read(
        IR_HEADER + "Test Point | Test Voltage (VDC) | Reading (1 min)\n"
        "A-G | 1,000 | 2,500 MΩ\nB-G | 1,000 | 3,100 MΩ\nC-G | 1,000 | 2,800 MΩ\n"
    )
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    assert [m.point for m in readings] == ["A-G", "B-G", "C-G"]
    assert [m.value for m in readings] == [2.5 * GIGOHM, 3.1 * GIGOHM, 2.8 * GIGOHM]
    assert {(m.duration_s, m.test_voltage_v, m.unit) for m in readings} == {(60, 1000.0, "ohm")}
    assert readings[0].raw == "2,500 MΩ"
    assert readings[0].source is not None and readings[0].source.line == 13
    assert readings[0].confidence == pytest.approx(0.98 * 0.98, abs=1e-3)


def test_phases_as_rows_one_string_per_line() -> None:
    result = read(
        IR_HEADER + "Test Point Test Voltage (VDC) Reading (1 min)\n"
        "A-G 1,000 2,500 MΩ\nB-G 1,000 47.00 MΩ\n"
    )
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5 * GIGOHM, 47 * MEGOHM]


def test_unit_in_header_counts_as_stated() -> None:
    result = read(
        "Contact Resistance Test Report\nPole | Test Current (A) | Resistance (µΩ)\n"
        "Pole 1 | 100 | 40\nPole 2 | 100 | 44.5\n"
    )
    contact = of(result, Quantity.CONTACT_RESISTANCE)
    assert [m.value for m in contact] == pytest.approx([40e-6, 44.5e-6])
    assert not any(m.unit_assumed for m in contact)
    assert not warned(result, WarningCode.UNIT_ASSUMED)


def test_value_without_any_unit_is_assumed_and_flagged() -> None:
    result = read(IR_HEADER + "Test Point | Reading (1 min)\nA-G | 2500\n")
    (reading,) = of(result, Quantity.INSULATION_RESISTANCE)
    assert reading.value == 2.5 * GIGOHM
    assert reading.unit_assumed
    assert reading.confidence == pytest.approx(0.98 * 0.98 * 0.85, abs=1e-3)
    assert warned(result, WarningCode.UNIT_ASSUMED) == ["measurements.0"]


def test_phases_as_columns_timed_readings_sheet() -> None:
    result = run(
        sheet_doc(
            ["Insulation Resistance Test Report"],
            ["Test Voltage", "5,000 VDC"],
            ["Time", "HV-GND", "HV-LV", "HV-(LV+GND)"],
            ["30 s", "14.2 GΩ", "15.0 GΩ", "13.8 GΩ"],
            ["1 min", "17.5 GΩ", "18.6 GΩ", "17.1 GΩ"],
            ["10 min", "26.0 GΩ", "27.4 GΩ", "25.3 GΩ"],
            ["PI (10 min / 1 min)", "1.49", "1.47", "1.48"],
        )
    )
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    by_point = {(m.point, m.duration_s): m.value for m in readings}
    assert by_point[("HV-(LV+GND)", 600)] == pytest.approx(25.3 * GIGOHM)
    assert by_point[("HV-GND", 30)] == pytest.approx(14.2 * GIGOHM)
    assert {m.test_voltage_v for m in readings} == {5000.0}
    assert values(result, Quantity.POLARIZATION_INDEX) == [1.49, 1.47, 1.48]


def test_phases_as_columns_text_lines() -> None:
    result = read(IR_HEADER + "Phase A-G B-G C-G\n1 min 2500 MΩ 3100 MΩ 2800 MΩ\nDAR 1.4 1.5 1.3\n")
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5e9, 3.1e9, 2.8e9]
    assert [m.point for m in of(result, Quantity.DIELECTRIC_ABSORPTION_RATIO)] == [
        "A-G",
        "B-G",
        "C-G",
    ]


def test_multi_row_header() -> None:
    result = read(
        IR_HEADER + "Test Point | Insulation Resistance (MΩ)\n"
        "30 s | 1 min | 10 min\n"
        "A-G | 1200 | 2500 | 5000\n"
    )
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    assert [(m.duration_s, m.value) for m in readings] == [
        (30, 1.2e9),
        (60, 2.5e9),
        (600, 5e9),
    ]
    assert not any(m.unit_assumed for m in readings)


def test_decimal_comma_document() -> None:
    result = run(
        sheet_doc(
            ["Infrared Thermography Report"],
            ["Ambient Temperature", "24,0 °C"],
            ["Component", "Hot Spot", "Reference (similar component)", "ΔT (rise)", "Load (%)"],
            ["Input breaker phase C", "58,4 °C", "36,0 °C", "22,4 °C", "62"],
            ["Cable lug", "1.234,5 °C", "36,0 °C", "", "62"],
            fmt=InputFormat.CSV,
        )
    )
    assert values(result, Quantity.TEMPERATURE) == [58.4, 1234.5]
    (rise,) = of(result, Quantity.TEMPERATURE_RISE)
    assert (rise.value, rise.reference, rise.reference_temperature_c) == (22.4, "similar", 36.0)
    assert result.test.ambient_temperature_c == 24.0
    assert result.test.load_pct == 62.0


@pytest.mark.parametrize(
    ("printed", "value"),
    [(">2,200 MΩ", 2.2e9), ("> 5 GΩ", 5e9), ("OL", None), ("∞", None), (">2200", 2.2e9)],
)
def test_censored_readings(printed: str, value: float | None) -> None:
    result = read(IR_HEADER + f"Test Point | Reading (1 min)\nA-G | {printed}\n")
    (reading,) = of(result, Quantity.INSULATION_RESISTANCE)
    assert (reading.value, reading.censored) == (value, ">")


def test_value_and_unit_in_separate_cells() -> None:
    result = run(
        sheet_doc(
            ["Ground Resistance Test Report"],
            ["Measurement", "Distance (% of C2)", "Resistance", "Unit"],
            ["Fall of potential", "62", "2.0", "Ω"],
            ["Fall of potential", "72", "2.1", "ohms"],
        )
    )
    ground = of(result, Quantity.GROUND_RESISTANCE)
    assert [(m.value, m.distance_pct, m.unit_assumed) for m in ground] == [
        (2.0, 62.0, False),
        (2.1, 72.0, False),
    ]


def test_grounding_fall_of_potential_and_continuity() -> None:
    result = run(
        sheet_doc(
            ["Ground Resistance Test Report"],
            ["Equipment Type", "Grounding System"],
            ["Measurement", "Distance (% of C2)", "Resistance"],
            ["Fall of potential", "52%", "1.900 Ω"],
            ["Fall of potential", "62%", "2.000 Ω"],
            ["Point-to-point: main ground bar to frame", None, "0.030 Ω"],
        )
    )
    ground = of(result, Quantity.GROUND_RESISTANCE)
    assert [(m.point, m.distance_pct) for m in ground] == [
        ("Fall of potential 52%", 52.0),
        ("Fall of potential 62%", 62.0),
    ]
    (continuity,) = of(result, Quantity.CONTINUITY_RESISTANCE)
    assert (continuity.point, continuity.value) == (
        "Point-to-point: main ground bar to frame",
        0.03,
    )
    assert continuity.source is not None and continuity.source.cell == "C6"
    assert result.equipment.single_electrode is False


def test_ocr_rows_with_rules_and_glued_names() -> None:
    document = text_doc(
        "Contact Resistance Test Report\n“Pole | Test Current (A) Resistance\n"
        "“Pole 1 | 100 | 40.00 µΩ\n“Pole3. 100 | 71.00 µQ\n",
        fmt=InputFormat.IMAGE,
        confidence=0.8,
    )
    contact = of(run(document), Quantity.CONTACT_RESISTANCE)
    assert [(m.point, m.value) for m in contact] == [
        ("Pole 1", pytest.approx(40e-6)),
        ("Pole 3", pytest.approx(71e-6)),
    ]


def test_header_without_point_column_takes_leading_words() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\n"
        "Tap | Nameplate Ratio | Measured Ratio | Deviation (%)\n"
        "H1-H3 / X1-X3 | 3 (nominal) | 8.667 | 8.664 | -0.03\n"
    )
    (ratio,) = of(result, Quantity.TURNS_RATIO)
    assert (ratio.point, ratio.value, ratio.nameplate_ratio, ratio.tap) == (
        "H1-H3 / X1-X3",
        8.664,
        8.667,
        "3 (nominal)",
    )


def test_taps_as_rows_phases_as_columns() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\n"
        "Tap | Calculated Ratio | H1-H3 / X1-X3 | H2-H1 / X2-X1 | H3-H2 / X3-X2\n"
        "1 (+5 %) | 30.188 | 30.172 | 30.195 | 30.181\n"
        "3 (nominal) | 28.750 | 28.738 | 28.757 | 28.744\n"
    )
    ratios = of(result, Quantity.TURNS_RATIO)
    assert len(ratios) == 6
    assert {(m.tap, m.nameplate_ratio) for m in ratios} == {
        ("1 (+5 %)", 30.188),
        ("3 (nominal)", 28.75),
    }
    assert ratios[0].point == "H1-H3 / X1-X3" and ratios[0].value == 30.172


def test_thermography_phases_as_columns_with_caption() -> None:
    result = read(
        "Infrared Thermography Report\nLoad: 58 %\n"
        "Output breaker line lugs | Phase A | Phase B | Phase C\n"
        "Hot spot (°C) | 41.2 | 40.8 | 52.9\n"
        "Reference: coolest similar phase (°C) | 40.8 | 40.8 | 40.8\n"
        "Delta-T (°C) | 0.4 | 0.0 | 12.1\n"
    )
    spots = of(result, Quantity.TEMPERATURE)
    assert [m.value for m in spots] == [41.2, 40.8, 52.9]
    assert spots[2].point == "Output breaker line lugs Phase C"
    assert spots[2].reference_temperature_c == 40.8
    assert values(result, Quantity.TEMPERATURE_RISE) == [0.4, 0.0, 12.1]


def test_lines_of_point_and_value_outside_a_table() -> None:
    result = read(IR_HEADER + "A-G: 2,500 MΩ\nB-G: 3,100 MΩ\nPhase C to Ground: 2.8 GΩ\n")
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5e9, 3.1e9, 2.8e9]


def test_space_grouped_thousands() -> None:
    result = read(IR_HEADER + "Test Point Reading (1 min)\nA-G 2 500 MΩ\n")
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5e9]


def test_header_less_ocr_thermography_row() -> None:
    result = read(
        "Infrared Thermography Report\n"
        "Breaker 52-M1 bus stab, phase B | 58.9 °C | 52-M1 bus stab, phase A | 40.4 °C | 18.5 °C\n"
    )
    (spot,) = of(result, Quantity.TEMPERATURE)
    assert (spot.value, spot.reference_temperature_c) == (58.9, 40.4)
    assert values(result, Quantity.TEMPERATURE_RISE) == [18.5]


def test_table_ends_at_fields_and_prose() -> None:
    result = read(
        IR_HEADER + "Test Point | Reading (1 min)\nA-G | 2,500 MΩ\n"
        "Remarks: retest at 5 kV in 2 years.\n"
        "DC 100 A applied between poles; breaker closed, racked to test position.\n"
    )
    assert values(result, Quantity.INSULATION_RESISTANCE) == [2.5e9]


def test_breakers_as_rows_poles_as_columns_with_units_in_headers() -> None:
    result = run(
        sheet_doc(
            ["Ductor Test (Micro-ohm)"],
            ["Breaker", "Pole A (mΩ)", "Pole B (mΩ)", "Pole C (mΩ)", "Max (mΩ)"],
            ["52-M1", "0.045", "0.047", "0.090", "0.100"],
            ["52-F2", "0.041", "0.040", "0.042", "0.100"],
        )
    )
    contact = of(result, Quantity.CONTACT_RESISTANCE)
    assert [m.point for m in contact][:3] == ["52-M1 Pole A", "52-M1 Pole B", "52-M1 Pole C"]
    assert contact[2].value == pytest.approx(90e-6)
    assert [m.manufacturer_max_ohm for m in contact] == [pytest.approx(100e-6)] * 6
    assert not any(m.unit_assumed for m in contact)


def test_calculated_ratio_in_brackets_and_cell_bounded_values() -> None:
    result = run(
        sheet_doc(
            ["TTR Test Report"],
            ["Transformer ID", "T-1", "Nameplate", "13.8 kV - 480Y/277 V"],
            ["Tap", "Winding", "Ratio (Calculated)", "Ratio (Measured)", "% Error"],
            ["3", "H1-H2/X1-X0", "49.80", "49.77", "-0.06"],
        )
    )
    assert result.equipment.tag == "T-1"
    (ratio,) = of(result, Quantity.TURNS_RATIO)
    assert (ratio.point, ratio.tap, ratio.value, ratio.nameplate_ratio) == (
        "H1-H2/X1-X0",
        "3",
        49.77,
        49.8,
    )


def test_distance_in_metres_is_not_a_percentage() -> None:
    result = read(
        "Fall of Potential Test\n"
        "Test Point | P2 Distance (m) | % of C2 | Resistance (Ω)\n"
        "P1 | 30 | 20 | 0.95\nP3 | 93 | 62 | 1.12\n"
    )
    ground = of(result, Quantity.GROUND_RESISTANCE)
    assert [(m.distance_pct, m.value) for m in ground] == [(20.0, 0.95), (62.0, 1.12)]


def test_two_name_columns_make_one_point() -> None:
    result = read(
        "Thermographic Survey Report\nLoad: 70 %\n"
        "Location | Component | Temp °C | Ref °C | Delta °C | Priority\n"
        "UPS-A1 input | Breaker lug C | 71.5 | 40.2 | 31.3 | Serious\n"
    )
    (spot,) = of(result, Quantity.TEMPERATURE)
    assert (spot.point, spot.value, spot.reference_temperature_c) == (
        "UPS-A1 input / Breaker lug C",
        71.5,
        40.2,
    )


def test_continuity_table_named_by_its_header() -> None:
    result = read(
        "Ground Resistance Test Report\n"
        "Measurement | Distance (% of C2) | Resistance\nFall of potential | 62% | 1.45 Ω\n"
        "Point-to-point (two-point) continuity | Resistance\n"
        "Main ground bar to GEN-1 frame | 820 mΩ\n"
        "Ratios at 8 V excitation.\nReport for equipment GG-1 — page 1 of 1\n"
    )
    assert values(result, Quantity.GROUND_RESISTANCE) == [1.45]
    (continuity,) = of(result, Quantity.CONTINUITY_RESISTANCE)
    assert (continuity.point, continuity.value) == ("Main ground bar to GEN-1 frame", 0.82)


def test_remarks_and_footer_after_a_table_are_not_rows() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\n"
        "Tap | Calculated Ratio | H1-H3 / X1-X3 | H2-H1 / X2-X1\n"
        "3 (nominal) | 28.750 | 28.738 | 28.757\n"
        "Ratios at 8 V excitation.\nReport for equipment XFMR-T5 — page 1 of 1\n"
    )
    assert values(result, Quantity.TURNS_RATIO) == [28.738, 28.757]
    assert {m.nameplate_ratio for m in of(result, Quantity.TURNS_RATIO)} == {28.75}
    assert not warned(result, WarningCode.TAG_MISMATCH)


def test_ocr_noise_in_a_header_cell_keeps_the_cells_aligned() -> None:
    document = text_doc(
        "Transformer Turns Ratio Test Report\n"
        "Phase | Tap_—s| | Nameplate Ratio | Measured Ratio | Deviation (%)\n"
        "H1-H3/ X1-X3_ | 3 (nominal) | 8.667 | 8.664 | -0.03\n"
        "H2-H1/X2-X1 | 3(nominal) | 8.667 | 8.731. | 0.74\n",
        fmt=InputFormat.PDF_SCAN,
        confidence=0.8,
    )
    ratios = of(run(document), Quantity.TURNS_RATIO)
    assert [(m.point, m.value, m.nameplate_ratio) for m in ratios] == [
        ("H1-H3/ X1-X3", 8.664, 8.667),
        ("H2-H1/X2-X1", 8.731, 8.667),
    ]


def test_surplus_leading_value_is_an_unlabelled_column() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\nPhase Nameplate Ratio Measured Ratio\n"
        "H1-H3/X1-X3 3 8.667 8.664\n"
    )
    (ratio,) = of(result, Quantity.TURNS_RATIO)
    assert (ratio.value, ratio.nameplate_ratio) == (8.664, 8.667)


def test_ocr_ohm_in_a_header_is_read_and_marked() -> None:
    result = run(
        text_doc(
            "Ground Resistance Test Report\nMeasurement | Distance (%) | Resistance (Q)\n"
            "Fall of potential | 62 | 1.45\n",
            fmt=InputFormat.IMAGE,
            confidence=0.9,
        )
    )
    (ground,) = of(result, Quantity.GROUND_RESISTANCE)
    assert (ground.value, ground.unit_assumed) == (1.45, False)
    assert ground.confidence == pytest.approx((0.85 * 0.95 + 0.15 * 0.9) * 0.9, abs=1e-3)


def test_reference_component_and_reference_temperature_columns() -> None:
    result = read(
        "Infrared Thermography Report\nLoading: 55 %\n"
        "Component | Hot Spot | Reference (similar component) | Reference Temp. | Delta-T\n"
        "Main lug, phase A | 33.8 °C | Main lug, phase C | 33.4 °C | 0.4 °C\n"
        "Bus stab, phase B | 58.9 °C | 52-M1 bus stab, phase A | 40.4 °C | 18.5 °C\n"
    )
    spots = of(result, Quantity.TEMPERATURE)
    assert [(m.reference_point, m.reference_temperature_c) for m in spots] == [
        ("Main lug, phase C", 33.4),
        ("52-M1 bus stab, phase A", 40.4),
    ]


def test_two_column_names_in_one_ocr_cell() -> None:
    result = read(
        "Infrared Thermography Report\nLoading: 75 %\n"
        "Component | Hot Spot | Reference (similar component) Reference Temp. | Delta-T\n"
        "Output lug, phase C | 64.0 °C | Output lug, phase A | 42.0°C | 22.0 °C\n"
    )
    (spot,) = of(result, Quantity.TEMPERATURE)
    assert (spot.value, spot.reference_temperature_c, spot.reference_point) == (
        64.0,
        42.0,
        "Output lug, phase A",
    )


def test_points_as_columns_under_an_empty_corner_cell() -> None:
    result = run(
        sheet_doc(
            ["Contact Resistance Test"],
            ["Breaker ID", "MCB-1"],
            [None, "Pole A", "Pole B", "Pole C"],
            ["Resistance (µΩ)", 85, 88, 160],
        )
    )
    readings = [m for m in result.measurements if m.quantity is Quantity.CONTACT_RESISTANCE]
    assert [m.point for m in readings] == ["Pole A", "Pole B", "Pole C"]
    assert [m.value for m in readings] == pytest.approx([85e-6, 88e-6, 160e-6])


@pytest.mark.parametrize(
    "header", ["Pole | 1 | 2 | 3", "Poles | 1 | 2 | 3", "Phase | A | B | C"], ids=str
)
def test_points_named_by_a_caption_and_bare_numbers(header: str) -> None:
    result = read(
        f"Contact Resistance Test\nBreaker ID: CB-1\n{header}\nResistance (µΩ) | 41 | 44 | 71\n"
    )
    readings = [m for m in result.measurements if m.quantity is Quantity.CONTACT_RESISTANCE]
    assert [m.value for m in readings] == pytest.approx([41e-6, 44e-6, 71e-6])
    caption = header.split(" | ")[0].rstrip("s")
    assert all(m.point.startswith(caption) for m in readings)
