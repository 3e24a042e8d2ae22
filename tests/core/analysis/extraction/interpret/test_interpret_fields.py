"""Labelled fields: synonym families, layouts (key: value, two-column cells, label rows, no
colons), sections and several instruments."""

from __future__ import annotations

import datetime as dt

import pytest
from interpret_helpers import IR_HEADER, read, run, sheet_doc, text_doc

from core.enums import EquipmentType
from core.schemas import InputFormat

READINGS = "Test Point | Reading (1 min)\nA-G | 2,500 MΩ\n"


@pytest.mark.parametrize(
    "label",
    [
        "Equipment ID",
        "Asset Tag",
        "Tag No.",
        "TAG #",
        "Device Designation",
        "Equipment Tag",
        "Designation",
        "Unit ID",
        "Panel ID",
        "Xfmr Tag",
        "equipment-id",
    ],
)
def test_tag_synonyms(label: str) -> None:
    result = read(f"Megger Test Report\n{label}: LP-2C\n{READINGS}")
    assert result.equipment.tag == "LP-2C"


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("Panel", EquipmentType.PANELBOARD),
        ("Distribution Panel", EquipmentType.PANELBOARD),
        ("Panelboard", EquipmentType.PANELBOARD),
        ("XFMR", EquipmentType.TRANSFORMER),
        ("Dry-Type Transformer", EquipmentType.TRANSFORMER),
        ("Gen set", EquipmentType.GENERATOR),
        ("Generator", EquipmentType.GENERATOR),
        ("SWGR", EquipmentType.SWITCHGEAR),
        ("Switchboard", EquipmentType.SWITCHGEAR),
        ("Bus Duct", EquipmentType.BUSWAY),
        ("Ground Grid", EquipmentType.GROUNDING_SYSTEM),
        ("Grounding Electrode System", EquipmentType.GROUNDING_SYSTEM),
        ("Uninterruptible Power Supply", EquipmentType.UPS),
        ("Automatic Transfer Switch", EquipmentType.ATS),
        ("MCCB", EquipmentType.BREAKER),
        ("Circuit Breaker", EquipmentType.BREAKER),
        ("Power Distribution Unit", EquipmentType.PDU),
        ("Induction Motor", EquipmentType.MOTOR),
        ("Feeder Cable", EquipmentType.CABLE),
        ("Capacitor Bank", EquipmentType.OTHER),
        ("Widget", EquipmentType.OTHER),
    ],
)
def test_equipment_type_synonyms(printed: str, kind: EquipmentType) -> None:
    result = read(f"Megger Test Report\nEquipment Type: {printed}\n{READINGS}")
    assert result.equipment.type is kind


@pytest.mark.parametrize(
    "label",
    [
        "Cal Due",
        "Calibration Due",
        "Calibration Expiry",
        "Cal Exp.",
        "Next Calibration",
        "Due Date",
        "Calibration Valid Until",
    ],
)
def test_calibration_due_synonyms(label: str) -> None:
    result = read(f"Megger Test Report\nTest Set: Fluke 1555\n{label}: 2026-10-14\n{READINGS}")
    assert result.instruments[0].calibration_due_date == dt.date(2026, 10, 14)


@pytest.mark.parametrize(
    "label", ["Cal Date", "Calibration Date", "Last Calibrated", "Calibrated On", "Date Calibrated"]
)
def test_calibration_date_synonyms(label: str) -> None:
    result = read(f"Megger Test Report\nInstrument: Fluke 1555\n{label}: 14 Oct 2025\n{READINGS}")
    assert result.instruments[0].calibration_date == dt.date(2025, 10, 14)


def test_two_pairs_per_line_and_technician_company_site() -> None:
    result = read(
        "Insulation Resistance Test Report\n"
        "Equipment Tag: SWGR-1A   Test Date: 2026-02-01\n"
        "Tested By: J. Rivera   Testing Organization: Volta\n"
        "Location: DC-East Hall 2   Standard: ANSI/NETA ATS-2025\n" + READINGS
    )
    assert result.equipment.tag == "SWGR-1A"
    assert result.test.date == dt.date(2026, 2, 1)
    assert (result.test.technician, result.test.company) == ("J. Rivera", "Volta")
    assert result.equipment.site == "DC-East Hall 2"
    assert result.test.standard == "ANSI/NETA ATS-2025"


def test_cells_split_by_reader_and_glued_colons() -> None:
    result = read("Megger Test\nEquipment Tag: | SWGR-9 | Date: | 2026-03-05\nTag:X\n" + READINGS)
    assert result.equipment.tag == "SWGR-9"
    assert result.test.date == dt.date(2026, 3, 5)


def test_two_column_sheet() -> None:
    result = run(
        sheet_doc(
            ["Megger Test Report"],
            ["Equipment ID", "MCC-4"],
            ["Apparatus Type", "Motor"],
            ["Winding", "Random wound"],
            ["Year of Manufacture", "1998"],
            ["Test Point", "Reading (1 min)"],
            ["A-G", "40 MΩ"],
        )
    )
    assert result.equipment.tag == "MCC-4"
    assert result.equipment.type is EquipmentType.MOTOR
    assert result.equipment.winding == "random_wound"
    assert result.equipment.manufactured_year == 1998
    assert result.fields["equipment.tag"].confidence == 1.0


def test_row_of_labels_above_row_of_values() -> None:
    result = run(
        sheet_doc(
            ["Insulation Resistance Test Report"],
            ["Equipment Tag", "Test Date", "Technician"],
            ["UPS-3", "2026-01-05", "A. Smith"],
            ["Test Point", "Reading (1 min)"],
            ["A-G", "2 GΩ"],
        )
    )
    assert result.equipment.tag == "UPS-3"
    assert result.test.date == dt.date(2026, 1, 5)
    assert result.test.technician == "A. Smith"


def test_form_without_colons() -> None:
    result = read(
        "Insulation Resistance Test Report\n"
        "Equipment Tag SWGR-1A  Test Date 2026-02-01\n"
        "Technician J. Rivera\n" + READINGS
    )
    assert result.equipment.tag == "SWGR-1A"
    assert result.test.date == dt.date(2026, 2, 1)
    assert result.test.technician == "J. Rivera"


def test_label_words_inside_sentences_are_not_labels() -> None:
    result = read(
        IR_HEADER + READINGS + "Remarks: Insulation tested with all breakers open. Site visit ok.\n"
    )
    assert result.equipment.site is None
    assert result.equipment.insulation is None


def test_weak_label_lowers_confidence() -> None:
    result = read("Megger Test Report\nDate: 2026-02-01\nTest Date: 2026-02-02\n" + READINGS)
    assert result.test.date == dt.date(2026, 2, 1)
    assert result.fields["test.date"].confidence == pytest.approx(0.98 * 0.98 * 0.9, abs=1e-3)


def test_instrument_section_takes_generic_labels() -> None:
    result = read(
        "Megger Test Report\nManufacturer: Eaton\nSerial Number: EQ-1\n"
        "Test Equipment\nManufacturer: Megger\nModel: MIT1025\nSerial No: 22363\n"
        "Cal Due: 2026-08-27\n" + READINGS
    )
    assert (result.equipment.manufacturer, result.equipment.serial) == ("Eaton", "EQ-1")
    instrument = result.instruments[0]
    assert (instrument.manufacturer, instrument.model, instrument.serial) == (
        "Megger",
        "MIT1025",
        "22363",
    )


def test_several_instruments_and_inline_serials() -> None:
    result = read(
        "Infrared Thermography Report\n"
        "Camera: FLIR T540 SN 49001234\nCalibration Date: 2025-06-01\n"
        "Test Instrument: Fluke 1555  S/N: 34957\nCal Due: 2026-01-01\n"
        "Component | Hot Spot | Reference\nLug A | 50 °C | 40 °C\n"
    )
    first, second = result.instruments
    assert (first.manufacturer, first.model, first.serial) == ("FLIR", "FLIR T540", "49001234")
    assert first.calibration_date == dt.date(2025, 6, 1)
    assert (second.model, second.serial) == ("Fluke 1555", "34957")
    assert second.calibration_due_date == dt.date(2026, 1, 1)
    assert "instruments.1.serial" in result.fields


def test_instrument_table() -> None:
    result = read(
        IR_HEADER
        + "Instrument | Serial No. | Cal Date | Cal Due\n"
        + "Megger MIT525 | 1001 | 2025-01-02 | 2026-01-02\n"
        + "Fluke 1587 | 2002 | 2025-03-04 | 2026-03-04\n"
        + READINGS
    )
    models = [(i.model, i.serial, i.calibration_due_date) for i in result.instruments]
    assert ("Megger MIT525", "1001", dt.date(2026, 1, 2)) in models
    assert ("Fluke 1587", "2002", dt.date(2026, 3, 4)) in models


def test_equipment_either_tag_or_type() -> None:
    assert read("Megger Test\nEquipment: Switchgear\n" + READINGS).equipment.type is (
        EquipmentType.SWITCHGEAR
    )
    assert read("Megger Test\nEquipment: SWGR-7\n" + READINGS).equipment.tag == "SWGR-7"


def test_type_from_title_when_not_labelled() -> None:
    result = read("Transformer Turns Ratio Test Report\nPhase | Measured Ratio\nA | 8.66\n")
    assert result.equipment.type is EquipmentType.TRANSFORMER
    assert result.fields["equipment.type"].confidence < 0.98


def test_ocr_confidence_and_junk() -> None:
    result = run(
        text_doc(
            "Megger Test Report\n| Equipment Tag: =: TX- 2 _ .\n" + READINGS,
            fmt=InputFormat.IMAGE,
            confidence=0.9,
        )
    )
    assert result.equipment.tag == "TX-2"
    assert result.fields["equipment.tag"].confidence == pytest.approx(
        0.85 * 0.95 + 0.15 * 0.9, abs=1e-3
    )


def test_value_cells_that_look_like_labels_or_units() -> None:
    result = run(
        sheet_doc(
            ["Megger Test Report"],
            ["Voltage Rating", "13.8", "kV", "Technician", "B. Jones"],
            ["Location", "Substation", "Tag", "T-4"],
            ["Test Point", "Reading (1 min)"],
            ["A-G", "2 GΩ"],
        )
    )
    assert result.equipment.voltage_rating_v == 13800.0
    assert result.test.technician == "B. Jones"
    assert (result.equipment.site, result.equipment.tag) == ("Substation", "T-4")


def test_pairs_listed_in_a_sentence() -> None:
    result = read(
        "Insulation Resistance Test\nEquipment ID: MSB-2\nVoltage Rating: 480 V\n"
        "Instrument: Megger TTR310, Cal Date 2025-01-15, Cal Due 2026-01-15\n"
        "Test set: Fluke 1555 s/n 77, calibrated 2025-02-01\n" + READINGS
    )
    first, second = result.instruments
    assert first.model == "Megger TTR310"
    assert (first.calibration_date, first.calibration_due_date) == (
        dt.date(2025, 1, 15),
        dt.date(2026, 1, 15),
    )
    assert second.calibration_date == dt.date(2025, 2, 1)


@pytest.mark.parametrize(
    ("description", "volts"),
    [
        ("Description: Main Switchboard 480Y/277V", 480),
        ("Asset: XFMR-T1 (Oil-filled, 12.47 kV - 480Y/277 V)", 12470),
        ("Equipment Type: Panelboard, 208 VAC", 208),
    ],
)
def test_rating_read_from_the_description(description: str, volts: float) -> None:
    result = read(f"Insulation Resistance Test\nTag: P-1\n{description}\n" + READINGS)
    assert result.equipment.voltage_rating_v == volts
    assert result.fields["equipment.voltage_rating_v"].confidence < 0.98  # inferred


def test_a_test_voltage_is_not_a_rating() -> None:
    result = read("Insulation Resistance Test\nTag: P-1\nTest voltage: 1000 VDC\n" + READINGS)
    assert result.equipment.voltage_rating_v is None


def test_an_electrode_label_says_single_rod_and_a_camera_calibration_is_a_date() -> None:
    grounding = read(
        "Ground Electrode Test\nElectrode: Single driven rod R-7\nDate: 2025-05-21\n"
        "Distance (%) | Resistance (Ω)\n62 | 32.4\n"
    )
    assert grounding.equipment.single_electrode is True
    survey = read(
        "Infrared Inspection Report\nTag: SWBD-1\nCamera: FLIR T840\n"
        "Camera Calibration: 2025-03-01\nComponent | Max Temp (°C) | Reference Temp (°C)\n"
        "Lug A | 40.1 | 39.0\n"
    )
    assert survey.instruments[0].calibration_date == dt.date(2025, 3, 1)
