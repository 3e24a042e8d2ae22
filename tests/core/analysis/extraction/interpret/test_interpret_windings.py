"""Transformer nameplates: every winding in every common spelling, and each reading's winding."""

from __future__ import annotations

import pytest

from core.analysis.extraction.interpret import interpret
from core.analysis.windings import parse_windings, vector_group, winding_of_point
from core.schemas import ExtractionResult, Quantity
from tests.core.analysis.extraction.interpret.interpret_helpers import SOURCE, of, read, sheet_doc

H, X = "H", "X"


def read_sheet(*rows: list[object]) -> ExtractionResult:
    return interpret(sheet_doc(*rows), SOURCE)


@pytest.mark.parametrize(
    ("text", "windings"),
    [
        ("13800-480Y/277", [(H, 13800, None), (X, 480, "wye")]),
        ("13.8 kV Δ – 480Y/277 V", [(H, 13800, "delta"), (X, 480, "wye")]),
        ("12470GrdY/7200 - 480", [(H, 12470, "grounded_wye"), (X, 480, None)]),
        ("480-208Y/120", [(H, 480, None), (X, 208, "wye")]),
        ("4160 - 480Y/277", [(H, 4160, None), (X, 480, "wye")]),
        ("13,800 V", [(H, 13800, None)]),
        ("4160/2400 V", [(H, 4160, "wye")]),  # a wye written without its Y
        ("13800/480", [(H, 13800, None), (X, 480, None)]),
        ("13.8-0.48 kV", [(H, 13800, None), (X, 480, None)]),
        ("Delta-Wye, 13800 - 480 V", [(H, 13800, "delta"), (X, 480, "wye")]),
        ("15 kV class, 13800 V, 95 kV BIL", [(H, 13800, None)]),
        ("34.5 kV - 13.8 kV - 4.16 kV", [(H, 34500, None), (X, 13800, None), ("Y", 4160, None)]),
        ("480 VAC, 3 phase", [(H, 480, None)]),
    ],
)
def test_nameplate_spellings(text: str, windings: list[tuple[str, float, str | None]]) -> None:
    parsed = [(w.role, w.voltage_v, w.connection) for w in parse_windings(text)]
    assert parsed == windings


def test_prose_names_windings_only_between_stated_voltages() -> None:
    text = "XFMR-T1 (Oil-filled, 1500 kVA, 12.47 kV - 480Y/277 V)"
    parsed = [(w.role, w.voltage_v) for w in parse_windings(text, stated_only=True)]
    assert parsed == [(H, 12470), (X, 480)]


@pytest.mark.parametrize(
    ("point", "winding"),
    [
        ("H-G", "H"),
        ("H1-GND", "H"),
        ("HV to Ground", "H"),
        ("Primary-Ground", "H"),
        ("Pri - Gnd", "H"),
        ("X-G", "X"),
        ("LV-G", "X"),
        ("Secondary to Ground", "X"),
        ("H-X", "H-X"),
        ("HV-LV", "H-X"),
        ("Pri-Sec", "H-X"),
        ("H-X+G", "H-X"),
        ("X-(H+G)", "H-X"),
        ("Y-G", "Y"),
        ("A-G", None),
        ("Reading 1", None),
    ],
)
def test_winding_of_point(point: str, winding: str | None) -> None:
    assert winding_of_point(point) == winding


@pytest.mark.parametrize(
    ("text", "group"), [("Dyn1", "Dyn1"), ("YNd11", "YNd11"), ("Dyn 11", "Dyn11"), ("Delta", None)]
)
def test_vector_group(text: str, group: str | None) -> None:
    assert vector_group(text) == group


def test_one_voltage_field_gives_both_windings_and_each_reading_its_winding() -> None:
    result = read(
        "Transformer Insulation Resistance Test Report\nEquipment ID: TX-1\n"
        "Voltage Rating: 13800-480Y/277\nInsulation: Liquid-filled\n"
        "Point | 1 min (MΩ)\nH-G | 12000\nX-G | 800\nH-X | 15000\n"
    )
    assert [(w.role, w.voltage_v) for w in result.equipment.windings] == [(H, 13800), (X, 480)]
    assert result.equipment.voltage_rating_v == 13800
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    assert [(m.point, m.winding) for m in readings] == [("H-G", H), ("X-G", X), ("H-X", "H-X")]


def test_primary_and_secondary_fields_and_a_vector_group() -> None:
    result = read(
        "Transformer Insulation Resistance Test Report\nEquipment ID: TX-2\n"
        "Primary Voltage: 13,800 V\nSecondary Voltage: 480Y/277 V\nVector Group: Dyn1\n"
        "Point | 1 min (MΩ)\nPrimary to Ground | 12000\nSecondary to Ground | 800\n"
    )
    equipment = result.equipment
    assert equipment.vector_group == "Dyn1"
    assert [(w.role, w.voltage_v, w.connection) for w in equipment.windings] == [
        (H, 13800, "delta"),
        (X, 480, "grounded_wye"),
    ]
    assert [m.winding for m in of(result, Quantity.INSULATION_RESISTANCE)] == [H, X]


def test_windings_from_the_description() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\nEquipment ID: TX-3\n"
        "Description: Pad-mount transformer, 1500 kVA, 12470GrdY/7200 - 480 V\n"
        "Tap | Phase | Measured Ratio\n3 | H1-H0 / X1-X2 | 15.01\n"
    )
    assert [(w.voltage_v, w.connection) for w in result.equipment.windings] == [
        (12470, "grounded_wye"),
        (480, None),
    ]


def test_a_switchgear_rating_gives_no_windings() -> None:
    result = read(
        "Insulation Resistance Test Report\nEquipment: Switchgear SWGR-1\n"
        "Voltage Rating: 480Y/277 V\nPoint | 1 min (MΩ)\nA-G | 2000\n"
    )
    assert result.equipment.windings == []
    assert result.equipment.voltage_rating_v == 480
    assert of(result, Quantity.INSULATION_RESISTANCE)[0].winding is None


def test_a_form_prints_each_winding_over_several_cells() -> None:
    """As a NETA firm's transformer sheet does: voltage | / | line-to-neutral | connection."""
    result = read_sheet(
        ["Small Dry-Type Transformer Test Sheet"],
        ["Identifier", "TX-7"],
        ["Voltages (V)", "", "", "Winding Connections"],
        ["High Voltage", 13800, "/", "", "Delta"],
        ["Low Voltage", 480, "/", 277.1, "Wye"],
        ["Electrical - Insulation Resistance Tests"],
        ["Winding Under Test", "1 Min.", "Units"],
        ["Primary to Ground", 30000, "MΩ"],
        ["Secondary to Ground", 1800, "MΩ"],
        ["Primary to Secondary", 30000, "MΩ"],
    )
    assert [(w.role, w.voltage_v, w.connection) for w in result.equipment.windings] == [
        (H, 13800, "delta"),
        (X, 480, "wye"),
    ]
    readings = of(result, Quantity.INSULATION_RESISTANCE)
    assert [m.winding for m in readings] == [H, X, "H-X"]


def test_single_phase_stated_beside_the_windings() -> None:
    result = read_sheet(
        ["Transformer Turns Ratio Test Sheet"],
        ["High Voltage", 7200, "Single Phase"],
        ["Low Voltage", 240],
        ["Phase", "Measured Ratio"],
        ["H1-H2 / X1-X3", 30.01],
    )
    assert result.equipment.phases == 1


def test_the_model_field_completes_a_single_rating() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\nEquipment ID: TX-MV-4\nVoltage Rating: 13.8 kV\n"
        "Model: 2000 kVA 13800D - 480Y/277\n"
        "Tap | Phase | Measured Ratio\n3 | H1-H3 / X1-X0 | 49.8\n"
    )
    assert [(w.voltage_v, w.connection) for w in result.equipment.windings] == [
        (13800, "delta"),
        (480, "wye"),
    ]


def test_a_description_naming_another_rating_is_not_taken() -> None:
    result = read(
        "Transformer Turns Ratio Test Report\nEquipment ID: TX-1\nVoltage Rating: 4160 V\n"
        "Description: fed from 13.8 kV - 480Y/277 V unit upstream\n"
        "Phase | Measured Ratio\nH1-H3 / X1-X0 | 15.0\n"
    )
    assert [w.voltage_v for w in result.equipment.windings] == [4160]


def test_a_reading_naming_no_winding_is_warned_about() -> None:
    result = read(
        "Transformer Insulation Resistance Test Report\nEquipment ID: TX-1\n"
        "Voltage Rating: 13800-480Y/277\nPoint | 1 min (MΩ)\nA-G | 30000\nX-G | 800\n"
    )
    messages = [w.message for w in result.warnings]
    assert any("'A-G' does not say which winding" in message for message in messages)
    assert not any("'X-G'" in message for message in messages)
