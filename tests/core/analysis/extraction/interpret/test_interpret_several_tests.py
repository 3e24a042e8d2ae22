"""Several tests on one sheet (issue 9): each table is read by the test its own evidence names —
its column roles, the units of its readings, the cue words of its header or section heading —
and a reading whose own unit names the other resistance family is that quantity. The report's
`test.type` is decided as before.

The documents reproduce the NETA ATS test sheets: a breaker (insulation resistance in MΩ and
contact resistance in µΩ), a dry-type transformer (insulation resistance and turns ratio), a
busway (insulation resistance and joint resistance). Lists are compared whole, so a reading read
as the wrong quantity, or one invented, fails.
"""

from __future__ import annotations

import pytest
from interpret_helpers import IR_HEADER, read, run, sheet_doc

from core.enums import TestType as Kind
from core.schemas import ExtractionResult, Quantity, WarningCode

IR = Quantity.INSULATION_RESISTANCE
CR = Quantity.CONTACT_RESISTANCE
TTR = Quantity.TURNS_RATIO
MEGOHM = 1e6
MICROOHM = 1e-6

Reading = tuple[Quantity, str, float | None]


def readings(result: ExtractionResult) -> list[Reading]:
    """(quantity, point, value in ohm or ratio) of every measurement, in the report's order."""
    return [(m.quantity, m.point, m.value) for m in result.measurements]


def approx(expected: list[Reading]) -> list[object]:
    return [(q, point, pytest.approx(value, rel=1e-9)) for q, point, value in expected]


BREAKER_HEAD: list[list[object]] = [
    ["Low Voltage Circuit Breaker Test Report"],
    ["Equipment Tag", "CB-101"],
    ["Equipment Type", "Circuit Breaker"],
    ["Voltage Rating", "480 V"],
    ["Test Date", "2026-03-02"],
    ["Electrical Tests - Insulation Resistance"],
    ["Test Voltage", "1000 VDC"],
    ["Test Points", "1 Min", "Units"],
    ["Pole 1 to Pole 2", "2200", "MΩ"],
    ["Pole 2 to Pole 3", "2300", "MΩ"],
    ["P1-G", "2500", "MΩ"],
    ["P2-G", "2600", "MΩ"],
    ["P3-G", "2700", "MΩ"],
    [],
    ["Electrical Tests - Contact/Pole Resistance"],
]
BREAKER_IR: list[Reading] = [
    (IR, "Pole 1 to Pole 2", 2200 * MEGOHM),
    (IR, "Pole 2 to Pole 3", 2300 * MEGOHM),
    (IR, "P1-G", 2500 * MEGOHM),
    (IR, "P2-G", 2600 * MEGOHM),
    (IR, "P3-G", 2700 * MEGOHM),
]
BREAKER_POLES: list[Reading] = [
    (CR, "P1", 39 * MICROOHM),
    (CR, "P2", 41 * MICROOHM),
    (CR, "P3", 40 * MICROOHM),
]


@pytest.mark.parametrize(
    "contact_table",
    [
        # The form's layout: poles as columns, the unit in a cell at the end of the row.
        [["Resistance Measurements", "P1", "P2", "P3", "Units"], ["As Found", 39, 41, 40, "µΩ"]],
        # The unit in the row label, or in the header of the row labels' column.
        [["Pole", "P1", "P2", "P3"], ["Resistance (µΩ)", 39, 41, 40]],
        [["Contact Resistance (µΩ)", "P1", "P2", "P3"], ["As Found", 39, 41, 40]],
    ],
    ids=["units-cell", "row-label-unit", "caption-unit"],
)
def test_breaker_sheet_reads_insulation_and_contact_resistance(
    contact_table: list[list[object]],
) -> None:
    result = run(sheet_doc(*BREAKER_HEAD, *contact_table))
    assert readings(result) == approx(BREAKER_IR + BREAKER_POLES)
    insulation = [m for m in result.measurements if m.quantity is IR]
    assert {(m.duration_s, m.test_voltage_v) for m in insulation} == {(60, 1000.0)}
    assert not any(m.unit_assumed for m in result.measurements)
    assert result.test.type is Kind.INSULATION_RESISTANCE  # decided as before


def test_breaker_form_without_row_labels_or_summary_readings() -> None:
    """The 7.6.1.1.1 form: pole values with no row label, then the units cell, the deviation
    (a summary of the poles, no reading of each) and the criterion."""
    result = run(
        sheet_doc(
            *BREAKER_HEAD,
            ["Resistance Measurements", None, None, None, "Value Deviation", "Result"],
            ["Pole 1", "Pole 2", "Pole 3", "Units", "Measured", "Criteria"],
            [39, 41, 40, "µΩ", "5%", "<50%"],
        )
    )
    poles = [(CR, "Pole 1", 39e-6), (CR, "Pole 2", 41e-6), (CR, "Pole 3", 40e-6)]
    assert readings(result) == approx(BREAKER_IR + poles)
    assert WarningCode.UNREADABLE_VALUE not in {w.code for w in result.warnings}


TRANSFORMER = """Dry-Type Transformer Test Report
Equipment Tag: TX-2
Equipment Type: Dry-Type Transformer
Voltage Rating: 480 V
Test Date: 2026-03-02
Electrical - Insulation Resistance Tests
Test Voltage: 1000 VDC
Winding Under Test | 0.5 Min. (MΩ) | 1 Min. (MΩ)
Primary to Ground | 1500 | 2200
Secondary to Ground | 1200 | 1800
Primary to Secondary | 2000 | 2600
Electrical - Turns Ratio Tests
Tap | Phase | Nameplate Ratio | Measured Ratio | Deviation (%)
3 | H1-H2 / X1-X0 | 4.000 | 4.002 | 0.05
3 | H2-H3 / X2-X0 | 4.000 | 3.998 | -0.05
3 | H3-H1 / X3-X0 | 4.000 | 4.001 | 0.03
"""


def test_transformer_report_reads_insulation_resistance_and_turns_ratio() -> None:
    result = read(TRANSFORMER)
    assert readings(result) == approx(
        [
            (IR, "Primary to Ground", 1500 * MEGOHM),
            (IR, "Primary to Ground", 2200 * MEGOHM),
            (IR, "Secondary to Ground", 1200 * MEGOHM),
            (IR, "Secondary to Ground", 1800 * MEGOHM),
            (IR, "Primary to Secondary", 2000 * MEGOHM),
            (IR, "Primary to Secondary", 2600 * MEGOHM),
            (TTR, "H1-H2 / X1-X0", 4.002),
            (TTR, "H2-H3 / X2-X0", 3.998),
            (TTR, "H3-H1 / X3-X0", 4.001),
        ]
    )
    insulation = [m for m in result.measurements if m.quantity is IR]
    assert [m.duration_s for m in insulation] == [30, 60] * 3
    ratios = [m for m in result.measurements if m.quantity is TTR]
    assert {(m.nameplate_ratio, m.tap) for m in ratios} == {(4.0, "3")}


def test_busway_sheet_reads_insulation_and_joint_resistance() -> None:
    result = run(
        sheet_doc(
            ["Busway Test Report"],
            ["Equipment Tag", "BD-3"],
            ["Equipment Type", "Busway"],
            ["Voltage Rating", "480 V"],
            ["Electrical - Insulation Resistance Tests"],
            ["Test Voltage", "1000 VDC"],
            ["Bus Section", "A-G", "B-G", "C-G", "Units"],
            ["Section 1", 2200, 2300, 2400, "MΩ"],
            [],
            ["Electrical - Joint Resistance Tests"],
            ["Joint", "A-Phase", "B-Phase", "C-Phase", "Neutral", "Units"],
            ["Joint 1", 12.5, 13.1, 12.9, "N/A", "µΩ"],
            ["Joint 2", 12.8, 24.0, 13.2, "N/A", "µΩ"],
        )
    )
    assert readings(result) == approx(
        [
            (IR, "Section 1 A-G", 2200 * MEGOHM),
            (IR, "Section 1 B-G", 2300 * MEGOHM),
            (IR, "Section 1 C-G", 2400 * MEGOHM),
            (CR, "Joint 1 A-Phase", 12.5 * MICROOHM),
            (CR, "Joint 1 B-Phase", 13.1 * MICROOHM),
            (CR, "Joint 1 C-Phase", 12.9 * MICROOHM),
            (CR, "Joint 2 A-Phase", 12.8 * MICROOHM),
            (CR, "Joint 2 B-Phase", 24.0 * MICROOHM),
            (CR, "Joint 2 C-Phase", 13.2 * MICROOHM),
        ]
    )


def test_single_test_reports_read_as_before() -> None:
    insulation = read(
        IR_HEADER + "Test Point | Test Voltage (VDC) | Reading (1 min)\n"
        "A-G | 1,000 | 2,500 MΩ\nB-G | 1,000 | 3,100\n"
    )
    assert insulation.test.type is Kind.INSULATION_RESISTANCE
    assert readings(insulation) == approx([(IR, "A-G", 2.5e9), (IR, "B-G", 3.1e9)])
    contact = read("Contact Resistance Test Report\nPole | Resistance\nPole 1 | 40\nPole 2 | 44\n")
    assert contact.test.type is Kind.CONTACT_RESISTANCE
    assert readings(contact) == approx([(CR, "Pole 1", 40e-6), (CR, "Pole 2", 44e-6)])


def test_ground_bonds_in_milliohm_stay_continuity() -> None:
    """mΩ is also how a grounding report prints its point-to-point bonds; and a lone "P2"
    column is the potential probe, not a pole."""
    result = read(
        "Ground Resistance Test Report\nEquipment Type: Grounding System\n"
        "Measurement | P2 (% of C2) | Resistance\nFall of potential | 62% | 2.0 Ω\n"
        "Bond | Resistance\nMain bar to frame | 30 mΩ\nBar to fence | 45 mΩ\n"
    )
    assert readings(result) == approx(
        [
            (Quantity.GROUND_RESISTANCE, "Fall of potential 62%", 2.0),
            (Quantity.CONTINUITY_RESISTANCE, "Main bar to frame", 0.03),
            (Quantity.CONTINUITY_RESISTANCE, "Bar to fence", 0.045),
        ]
    )


def test_a_reading_in_the_other_family_is_that_quantity() -> None:
    """µΩ in an insulation report, MΩ in a contact table or a turns-ratio report are read as
    what they are, never scaled into the table's quantity (a ratio of 2500)."""
    insulation = read(IR_HEADER + "Test Point | Reading\nA-G | 2,500 MΩ\nPole 2 | 39 µΩ\n")
    assert readings(insulation) == approx([(IR, "A-G", 2.5e9), (CR, "Pole 2", 39e-6)])
    loose = read(IR_HEADER + "A-G: 2,500 MΩ\nPole A | 0.044 mΩ\n")
    assert readings(loose) == approx([(IR, "A-G", 2.5e9), (CR, "Pole A", 44e-6)])
    contact = read(
        "Contact Resistance Test Report\nPole | Resistance\nPole 1 | 40 µΩ\nP1-P2 | 2,200 MΩ\n"
    )
    assert readings(contact) == approx([(CR, "Pole 1", 40e-6), (IR, "P1-P2", 2.2e9)])
    ratio = read(
        "Transformer Turns Ratio Test Report\nTap | Phase | Nameplate Ratio | Measured Ratio\n"
        "3 | H1-H3 / X1-X3 | 8.667 | 8.664\n\nH-G: 2,500 MΩ\n"
    )
    assert readings(ratio) == approx([(TTR, "H1-H3 / X1-X3", 8.664), (IR, "H-G", 2.5e9)])


def test_a_heading_does_not_carry_over_to_the_next_table() -> None:
    """A table saying nothing of its test is the report's, not that of the heading above the
    table before it."""
    result = run(
        sheet_doc(
            ["Insulation Resistance Test Report"],
            ["Equipment Tag", "CB-7"],
            ["Contact Resistance"],
            ["Pole", "P1", "P2", "P3"],
            ["Resistance", "39 µΩ", "41 µΩ", "40 µΩ"],
            ["Test Point", "Reading (1 min)"],
            ["A-G", 2500],
        )
    )
    assert result.test.type is Kind.INSULATION_RESISTANCE
    assert readings(result) == approx(
        [(CR, "P1", 39e-6), (CR, "P2", 41e-6), (CR, "P3", 40e-6), (IR, "A-G", 2.5e9)]
    )


POLE_ROW_HEADER = (
    *("Pole", "Contact Resistance (µΩ)", "Test Current (A)"),
    *("IR Pole to Ground (MΩ)", "IR Line to Load (MΩ)", "Result"),
)


def test_poles_as_rows_with_a_reading_column_per_test_point() -> None:
    """`IR Pole to Ground (MΩ) | IR Line to Load (MΩ)`: each column is one insulation reading
    of the row's pole, named by its column; the DLRO's test current is no reading."""
    result = run(
        sheet_doc(
            ["Equipment ID", "CB-7"],
            [*POLE_ROW_HEADER],
            ["Pole 1", 212, 100, 2650, 3100, "PASS"],
            ["Pole 2", 224, 100, 2710, 3050, "PASS"],
        )
    )
    assert readings(result) == [
        (CR, "Pole 1", pytest.approx(212 * MICROOHM)),
        (IR, "Pole 1 to Ground", pytest.approx(2650 * MEGOHM)),
        (IR, "Pole 1 Line to Load", pytest.approx(3100 * MEGOHM)),
        (CR, "Pole 2", pytest.approx(224 * MICROOHM)),
        (IR, "Pole 2 to Ground", pytest.approx(2710 * MEGOHM)),
        (IR, "Pole 2 Line to Load", pytest.approx(3050 * MEGOHM)),
    ]


def test_an_instrument_table_row_starting_with_an_instrument_name_stays_in_the_table() -> None:
    result = run(
        sheet_doc(
            ["Equipment ID", "CB-7"],
            ["Pole", "Contact Resistance (µΩ)"],
            ["Pole 1", 212],
            [],
            ["Instrument", "Model", "Serial No.", "Cal. Date", "Cal. Due"],
            ["Micro-ohmmeter", "Megger DLRO200", "2018-334", "2025-08-14", "2026-08-14"],
            ["Insulation Tester", "Fluke 1587 FC", "45210377", "2025-11-02", "2026-11-02"],
        )
    )
    got = [
        (i.model, i.serial, str(i.calibration_date), str(i.calibration_due_date))
        for i in result.instruments
    ]
    assert got == [
        ("Megger DLRO200", "2018-334", "2025-08-14", "2026-08-14"),
        ("Fluke 1587 FC", "45210377", "2025-11-02", "2026-11-02"),
    ]
