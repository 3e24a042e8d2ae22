"""The equipment's identity on test sheets: the tag from "Identifier", "Breaker Identifier",
"Designation", "Position", "Circuit" …, and never from a breaker's position column, a breaker
state, or an instrument's asset number ("AMP ID", "Asset #" inside an instrument block)."""

from __future__ import annotations

import pytest

from core.analysis.extraction.interpret import interpret
from core.schemas import ExtractionResult, Quantity, WarningCode
from tests.core.analysis.extraction.interpret.interpret_helpers import SOURCE, of, sheet_doc, warned

READINGS = [
    ["Electrical Tests - Insulation Resistance"],
    ["Test Points", "1 Min.", "Units"],
    ["Pole to Pole", 2500, "MΩ"],
]


def read_sheet(*rows: list[object]) -> ExtractionResult:
    return interpret(sheet_doc(*rows), SOURCE)


def readings(result: ExtractionResult) -> list[float | None]:
    return [m.value for m in of(result, Quantity.INSULATION_RESISTANCE)]


# -- labels that give the tag --------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Identifier",
        "Breaker Identifier",
        "Designation",
        "Equipment Identifier",
        "Circuit Identifier",
        "Panel Identifier",
        "Breaker Designation",
        "Circuit Designation",
        "Position",
        "Circuit",
        "Position:",
        "Circuit:",
    ],
)
def test_the_tag_from_an_identity_label(label: str) -> None:
    result = read_sheet([label, "MCB-12"], *READINGS)
    assert result.equipment.tag == "MCB-12"
    assert WarningCode.TAG_MISMATCH not in {w.code for w in result.warnings}
    assert readings(result) == [2.5e9]


def test_position_and_circuit_values_as_printed() -> None:
    assert read_sheet(["Position:", "Cubicle 3"], *READINGS).equipment.tag == "Cubicle 3"
    assert read_sheet(["Circuit:", "Feeder 12"], *READINGS).equipment.tag == "Feeder 12"


def test_a_position_or_circuit_tag_is_read_as_a_weak_label() -> None:
    by_position = read_sheet(["Position", "Cubicle 3"], *READINGS).fields["equipment.tag"]
    by_identifier = read_sheet(["Identifier", "Cubicle 3"], *READINGS).fields["equipment.tag"]
    assert by_position.confidence < by_identifier.confidence


@pytest.mark.parametrize(
    "rows",
    [
        [["Identifier", "MCB-12"], ["Position", "Cubicle 3"], ["Circuit", "Feeder 12"]],
        [["Position", "Cubicle 3"], ["Circuit", "Feeder 12"], ["Identifier", "MCB-12"]],
        [["Position:", "Cubicle 3", "Breaker Identifier:", "MCB-12"]],
        [["Identifier", "Position", "Circuit"], ["MCB-12", "Cubicle 3", "Feeder 12"]],
    ],
    ids=["identifier-first", "identifier-last", "one-line", "label-row"],
)
def test_an_identifier_wins_over_position_and_circuit_without_a_mismatch(
    rows: list[list[object]],
) -> None:
    result = read_sheet(*rows, *READINGS)
    assert result.equipment.tag == "MCB-12"
    assert warned(result, WarningCode.TAG_MISMATCH) == []


# -- traps: a breaker's position is not its tag ---------------------------------------------------


@pytest.mark.parametrize("state", ["Open", "Closed", "Connected", "Test"])
def test_a_breaker_position_column_never_gives_the_tag(state: str) -> None:
    result = read_sheet(
        ["Electrical Tests - Insulation Resistance"],
        ["Test Points", "Breaker Position", "Measured Values", "Units"],
        ["", "", "P1 (P1-P2)", "P2 (P2-P3)", "P3 (P3-P1)"],
        ["Pole to Pole", state, 2500, 2600, 2700, "MΩ"],
        ["Line to Load", state, 4000, 4100, 4200, "MΩ"],
    )
    assert result.equipment.tag is None
    assert "equipment.tag" in warned(result, WarningCode.MISSING_FIELD)
    assert readings(result) == [2.5e9, 2.6e9, 2.7e9, 4.0e9, 4.1e9, 4.2e9]


def test_a_position_column_beside_an_identifier_leaves_the_tag_alone() -> None:
    result = read_sheet(
        ["Breaker Identifier", "MCB-12"],
        ["Electrical Tests - Insulation Resistance"],
        ["Test Points", "Breaker Position", "Measured Values", "Units"],
        ["Pole to Pole", "Closed", 2500, "MΩ"],
        ["Line to Load", "Open", 4000, "MΩ"],
    )
    assert result.equipment.tag == "MCB-12"
    assert warned(result, WarningCode.TAG_MISMATCH) == []
    assert readings(result) == [2.5e9, 4.0e9]


@pytest.mark.parametrize(
    "row",
    [
        ["Breaker Position:", "Connected"],
        ["Breaker Position", "Closed"],
        ["Position:", "Closed"],
        ["Position", "Test"],
        ["Racked Position:", "Connected"],
        ["Test Position:", "Withdrawn"],
        ["Control Circuit:", "120 VAC"],
    ],
)
def test_a_breaker_state_or_a_compound_label_is_no_tag(row: list[object]) -> None:
    result = read_sheet(row, *READINGS)
    assert result.equipment.tag is None
    assert readings(result) == [2.5e9]


def test_a_probe_position_is_no_tag() -> None:
    result = read_sheet(
        ["Fall of Potential Test"],
        ["Probe Position:", "62 %"],
        ["Test Point", "Distance (%)", "Resistance (Ω)"],
        ["P2", 62, 2.0],
    )
    assert result.equipment.tag is None


# -- traps: an instrument's asset number is not the equipment's tag, nor the instrument's serial ---

ASSET_LABELS = ["Asset #", "Asset No.", "AMP ID", "ID #"]


def _instruments(result: ExtractionResult) -> list[tuple[str | None, str | None]]:
    return [(i.model, i.serial) for i in result.instruments]


@pytest.mark.parametrize("label", ASSET_LABELS)
def test_an_asset_number_under_an_instrument_heading_is_the_instruments(label: str) -> None:
    result = read_sheet(
        *READINGS,
        ["Test Equipment Used"],
        ["Megohmmeter:", "Megger MIT525"],
        [label, "A-0042"],
        ["Serial Number:", "101402517"],
    )
    assert result.equipment.tag is None
    assert _instruments(result) == [("Megger MIT525", "101402517")]


@pytest.mark.parametrize("label", ASSET_LABELS)
def test_an_asset_number_after_an_instruments_fields_is_the_instruments(label: str) -> None:
    result = read_sheet(
        ["Breaker Identifier", "MCB-12"],
        *READINGS,
        ["Megohmmeter:", "Megger MIT525", "Serial Number:", "101402517", f"{label}:", "A-0042"],
    )
    assert result.equipment.tag == "MCB-12"
    assert warned(result, WarningCode.TAG_MISMATCH) == []
    assert _instruments(result) == [("Megger MIT525", "101402517")]


@pytest.mark.parametrize("label", ASSET_LABELS)
def test_an_asset_number_before_the_serial_leaves_the_serial_the_instruments(label: str) -> None:
    result = read_sheet(
        ["Identifier", "MCB-12"],
        *READINGS,
        ["Megohmmeter:", "Megger MIT525", f"{label}:", "A-0042", "Serial Number:", "101402517"],
    )
    assert result.equipment.tag == "MCB-12"
    assert result.equipment.serial is None
    assert _instruments(result) == [("Megger MIT525", "101402517")]


@pytest.mark.parametrize(
    "label",
    [
        "Asset #",
        "AMP ID",
        "ID #",
        "Asset No.",
    ],
)
def test_an_asset_column_of_an_instrument_table_is_neither_tag_nor_serial(label: str) -> None:
    result = read_sheet(
        *READINGS,
        ["Instrument", "Serial No.", label, "Cal Due"],
        ["Megger MIT525", "101402517", "A-0042", "2026-01-01"],
    )
    assert result.equipment.tag is None
    assert _instruments(result) == [("Megger MIT525", "101402517")]


@pytest.mark.parametrize("label", ["Asset #", "Asset No.", "Asset ID", "Asset Tag"])
def test_outside_an_instrument_block_an_asset_label_is_the_equipment_tag(label: str) -> None:
    result = read_sheet(
        [label, "SWGR-1A"],
        *READINGS,
        ["Test Equipment Used"],
        ["Megohmmeter:", "Megger MIT525", "Serial Number:", "101402517"],
    )
    assert result.equipment.tag == "SWGR-1A"
    assert _instruments(result) == [("Megger MIT525", "101402517")]
