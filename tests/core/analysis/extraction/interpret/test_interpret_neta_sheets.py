"""A NETA firm's test sheets: the tag from "Breaker Identifier", the equipment from the section
numbers of its checklist, and a breaker's "Line to Load" insulation row."""

from __future__ import annotations

from core.analysis.extraction.interpret import interpret
from core.enums import EquipmentType
from core.schemas import ExtractionResult, Quantity
from tests.core.analysis.extraction.interpret.interpret_helpers import SOURCE, of, sheet_doc


def read_sheet(*rows: list[object]) -> ExtractionResult:
    return interpret(sheet_doc(*rows), SOURCE)


CHECKLIST = [
    ["Visual and Mechanical Inspection"],
    ["NETA Section", "Results"],
    ["7.6.1.1.1.A.1", "Compare equipment nameplate data with drawings."],
    ["7.6.1.1.1.A.2", "Inspect physical and mechanical condition."],
]


def test_breaker_sheet_tag_type_and_every_insulation_row() -> None:
    result = read_sheet(
        ["Date", "2026-02-01", "Temp.", 68, "°F"],
        ["Breaker Identifier", "MCB-12"],
        ["Breaker Type", "", "Operating Voltage (V)", 480],
        ["Trip Type:", "LI"],
        *CHECKLIST,
        ["Electrical Tests - Insulation Resistance"],
        ["Test Points", "Breaker Position", "Measured Values", "Units"],
        ["", "", "P1 (P1-P2)", "P2 (P2-P3)", "P3 (P3-P1)"],
        ["Pole to Pole", "Closed", 2500, 2600, 2700, "MΩ"],
        ["Line to Load", "Open", 4000, 4100, 4200, "MΩ"],
    )
    assert result.equipment.tag == "MCB-12"
    assert result.equipment.type is EquipmentType.BREAKER  # from 7.6.1.1.1, not "Type: LI"
    points = [(m.point, m.value) for m in of(result, Quantity.INSULATION_RESISTANCE)]
    assert [point for point, _ in points] == [
        "Pole to Pole P1",
        "Pole to Pole P2",
        "Pole to Pole P3",
        "Line to Load P1",
        "Line to Load P2",
        "Line to Load P3",
    ]
    assert [value for _, value in points] == [2.5e9, 2.6e9, 2.7e9, 4.0e9, 4.1e9, 4.2e9]


def test_a_dry_transformer_section_gives_type_and_insulation() -> None:
    result = read_sheet(
        ["Identifier", "TX-7"],
        ["High Voltage", 480, "/", 277, "Wye"],
        ["Low Voltage", 208, "/", "", "Delta"],
        ["NETA Section", "Results"],
        ["7.2.1.1.A.1", "Compare equipment nameplate data with drawings."],
        ["7.2.1.1.A.2", "Inspect physical and mechanical condition."],
        ["Winding Under Test", "1 Min.", "Units"],
        ["Primary to Ground", 2500, "MΩ"],
    )
    assert result.equipment.tag == "TX-7"
    assert result.equipment.type is EquipmentType.TRANSFORMER
    assert result.equipment.insulation == "dry"


def test_the_standards_own_name_is_not_an_automatic_transfer_switch() -> None:
    result = read_sheet(
        ["Transformer Test Sheet, ANSI/NETA ATS 7.2.1.1"],
        ["Identifier", "TX-8"],
        ["7.2.1.1.A.1", "Compare equipment nameplate data with drawings."],
        ["Winding Under Test", "1 Min.", "Units"],
        ["Primary to Ground", 2500, "MΩ"],
    )
    assert result.equipment.type is EquipmentType.TRANSFORMER


def test_instruments_keep_their_asset_ids_out_and_take_calibration_from_the_comments() -> None:
    result = read_sheet(
        ["Breaker Identifier", "MCB-12"],
        *CHECKLIST,
        ["Electrical Tests - Contact/Pole Resistance"],
        ["Resistance Measurements"],
        ["Pole 1", "Pole 2", "Pole 3", "Units"],
        [39, 41, 40, "µΩ"],
        ["Test Equipment Used"],
        ["Digital Low-Resistance Ohmmeter:", "Megger DLRO10HD", "Serial Number:", "101402517"],
        ["Megohmmeter:", "Megger MIT525", "Serial Number:", "", "AMP ID:"],
        ["Comments:"],
        ["DLRO10HD s/n 101402517 calibrated 02/13/2026; MIT525 calibrated 03/01/2026."],
    )
    instruments = [(i.model, i.serial, i.calibration_date) for i in result.instruments]
    assert [(model, serial) for model, serial, _ in instruments] == [
        ("Megger DLRO10HD", "101402517"),
        ("Megger MIT525", None),  # "AMP ID" is the firm's asset label, never a serial
    ]
    assert [str(day) for *_, day in instruments] == ["2026-02-13", "2026-03-01"]


def test_a_row_end_units_column_applies_to_every_reading_of_the_row() -> None:
    result = read_sheet(
        ["Identifier", "TX-7"],
        *CHECKLIST[:2],
        ["7.2.1.1.A.1", "Compare equipment nameplate data with drawings."],
        ["Winding Under Test", "0.5 Min.", "1 Min.", "Units"],
        ["Primary to Ground", 2000, 2500, "MΩ"],
    )
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    assert [(m.duration_s, m.value, m.unit_assumed) for m in readings] == [
        (30, 2.0e9, False),
        (60, 2.5e9, False),
    ]


def test_the_test_current_is_no_contact_resistance_above_or_below_the_readings() -> None:
    below = read_sheet(
        ["Breaker Identifier", "MCB-12"],
        *CHECKLIST,
        ["Electrical Tests - Contact/Pole Resistance"],
        ["Pole 1", "Pole 2", "Pole 3", "Units"],
        [39, 41, 40, "µΩ"],
        [],
        ["Test Current (A):", "", 100],
    )
    inside = read_sheet(
        ["Contact Resistance Test Report"],
        ["Breaker Identifier", "MCB-12"],
        *CHECKLIST,
        ["Measurement", "Pole1", "Pole2", "Pole3"],
        ["Test current (A)", 100, 100, 100],
        ["Resistance (µΩ)", 39, 41, 40],
    )
    for result in (below, inside):
        readings = of(result, Quantity.CONTACT_RESISTANCE)
        assert [(m.point, m.value) for m in readings] == [
            ("Pole 1", 39e-6),
            ("Pole 2", 41e-6),
            ("Pole 3", 40e-6),
        ]


CR_TABLE: list[list[object]] = [
    ["Electrical Tests - Contact/Pole Resistance"],
    ["Pole 1", "Pole 2", "Pole 3", "Units"],
    [39, 41, 40, "µΩ"],
    ["Test Equipment Used"],
    ["Digital Low-Resistance Ohmmeter:", "Megger DLRO10HD", "Serial Number:", "101402517"],
]


def test_a_fahrenheit_report_writes_its_dates_month_first() -> None:
    rows: list[list[object]] = [
        ["Breaker Identifier", "MCB-12"],
        ["Temp.", 72, "°F"],
        *CHECKLIST,
        ["Comments:"],
        ["DLRO10HD s/n 101402517 calibrated 06/12/2025."],
    ]
    result = read_sheet(*rows[:2], ["Test Date", "03/04/2026"], *rows[2:], *CR_TABLE)
    assert str(result.test.date) == "2026-03-04"
    assert [str(i.calibration_date) for i in result.instruments] == ["2025-06-12"]
    celsius = read_sheet(
        ["Breaker Identifier", "MCB-12"], ["Test Date", "03/04/2026"], *CHECKLIST, *CR_TABLE
    )
    assert celsius.test.date is None  # no evidence either way: never a guess


def test_a_turns_ratio_table_beside_its_field_block_is_read_at_the_tap_under_test() -> None:
    result = read_sheet(
        ["Transformer Test Sheet, ANSI/NETA ATS 7.2.1.1"],
        ["Identifier", "TX-7"],
        ["High Voltage", 480, "Delta"],
        ["Low Voltage", 208, "Wye"],
        ["7.2.1.1.A.1", "Compare equipment nameplate data with drawings."],
        ["Tap Position", 1, 2, 3, 4, 5],
        ["Tap Voltages", 504, 492, 480, 468, 456],
        ["", "", "", "Primary Winding", "Secondary Winding", "Measured Ratio (MR)"],
        ["Tap Under Test:", 3],
        ["HV Winding Voltage:", 480, "V", "H1-H2", "X1-X0", 3.9952],
        ["LV Winding Voltage:", 120.1, "V", "H2-H3", "X2-X0", 3.9987],
        ["Calculated Ratio (CR):", 3.997, "", "H3-H1", "X3-X0", 3.9961],
    )
    ratios = of(result, Quantity.TURNS_RATIO)
    assert [(m.point, m.value, m.tap, m.nameplate_ratio) for m in ratios] == [
        ("H1-H2 / X1-X0", 3.9952, "3", 3.997),
        ("H2-H3 / X2-X0", 3.9987, "3", 3.997),
        ("H3-H1 / X3-X0", 3.9961, "3", 3.997),
    ]
    # The test's coil voltages (480 V, 120.1 V) are no nameplate windings.
    assert [(w.role, w.voltage_v) for w in result.equipment.windings] == [("H", 480), ("X", 208)]
