"""Only as-found readings are measurements: never corrected values, criteria, calculated
ratios, digits inside labels or spreadsheet error cells (layouts of the firm's NETA forms)."""

from __future__ import annotations

from interpret_helpers import read, run, sheet_doc

from core.schemas import ExtractionResult, Quantity, WarningCode

IR = Quantity.INSULATION_RESISTANCE
MEG = 1e6
HEADER: list[list[object]] = [
    ["Equipment Tag:", "TX-1"],
    ["Test Date:", "2026-02-01"],
]


def found(result: ExtractionResult) -> list[tuple[str, str, float | None]]:
    return [(m.quantity.value, m.point, m.value) for m in result.measurements]


def test_transformer_form_reads_measured_columns_only() -> None:
    """`Winding Under Test | Measured Values | Temperature Corrected | Units | Table 100.5
    Criteria | Results` over `0.5 Min. | 1 Min. | 0.5 Min. | 1 Min. | Value | Units`: the
    header stays a header (its criteria column holds a number), corrected sub-columns and the
    criteria are skipped, and the calculated DAR row gives nothing."""
    result = run(
        sheet_doc(
            *HEADER,
            ["Equipment Type:", "Dry-Type Transformer"],
            ["Test Voltage (V):", "1000V"],
            ["Winding Under Test", None, "Measured Values", None, None, None,
             "Temperature Corrected", None, None, None, "Units", "Table 100.5 Criteria",
             None, None, "Results"],
            [None, None, "0.5 Min.", None, "1 Min.", None, "0.5 Min.", None, "1 Min.", None,
             None, "Value", None, "Units"],
            ["Primary to Ground", None, 2000, None, 2300, None, 352, None, 404.8, None,
             "MΩ", "≥", 500, "MΩ", "FAIL"],
            ["Secondary to Ground", None, 1800, None, 2100, None, 316.8, None, 369.6, None,
             "MΩ", "≥ 500 MΩ", None, None, "PASS"],
            [None, None, "Calculated as:", None, None, None, "Pri to Gnd", None,
             "Sec to Gnd", None, "Pri to Sec", None, "Criteria", None, "Result"],
            ["Dielectric Absorption Ratio", None, "1 Min. / 0.5 Min. Values", None, None,
             None, 1.15, None, 1.17, None, "#DIV/0!", None, "≥", 1, "PASS"],
        )
    )  # fmt: skip
    assert found(result) == [
        ("insulation_resistance", "Primary to Ground", 2000 * MEG),
        ("insulation_resistance", "Primary to Ground", 2300 * MEG),
        ("insulation_resistance", "Secondary to Ground", 1800 * MEG),
        ("insulation_resistance", "Secondary to Ground", 2100 * MEG),
    ]
    assert [m.duration_s for m in result.measurements] == [30, 60, 30, 60]
    assert WarningCode.UNREADABLE_VALUE not in {w.code for w in result.warnings}


def test_breaker_form_pole_columns_under_measured_and_corrected() -> None:
    """`P1 (P1-P2) | P2 (P2-P3) | P3 (P3-P1)` under both `Measured Values` and `Temperature
    Corrected`, a `≥ | 25` criteria cell pair and a Results column: the measured poles only."""
    result = run(
        sheet_doc(
            *HEADER,
            ["Equipment Type:", "Circuit Breaker"],
            ["Test Voltage (V):", 500],
            ["Test Points", "Breaker Position", "Measured Values", None, None,
             "Temperature Corrected", None, None, None, "Table 100.1 Criteria", None, None,
             "Results"],
            [None, None, "P1 (P1-P2)", "P2 (P2-P3)", "P3 (P3-P1)", "P1 (P1-P2)", "P2 (P2-P3)",
             "P3 (P3-P1)", "Units", "Value", None, "Units"],
            ["Pole to Pole", "Closed", 2200, 2300, 2400, 387.2, 404.8, 422.4, "MΩ", "≥", 25,
             "MΩ", "PASS"],
            ["Pole to Frame", None, 1200, 1300, 1400, 211.2, 228.8, 246.4, "MΩ", "≥", 25, "MΩ",
             "PASS"],
        )
    )  # fmt: skip
    assert found(result) == [
        ("insulation_resistance", "Pole to Pole P1", 2200 * MEG),
        ("insulation_resistance", "Pole to Pole P2", 2300 * MEG),
        ("insulation_resistance", "Pole to Pole P3", 2400 * MEG),
        ("insulation_resistance", "Pole to Frame P1", 1200 * MEG),
        ("insulation_resistance", "Pole to Frame P2", 1300 * MEG),
        ("insulation_resistance", "Pole to Frame P3", 1400 * MEG),
    ]
    assert all(not m.unit_assumed for m in result.measurements)


def test_switchgear_corrected_block_and_criteria_row_give_nothing() -> None:
    """A block headed "Temperature Corrected Values" repeats the measured table: skipped, as
    are the `Table 100.1 Criteria: | ≥ | 25 | MΩ` row and the digits of "Section 1"."""
    result = run(
        sheet_doc(
            *HEADER,
            ["Equipment Type:", "Switchgear"],
            ["Test Voltage:", "1000V", None, "Test Duration:", "1 min."],
            ["Measured Values"],
            ["Bus Section", None, "A-G", "B-G", "C-G", "Units"],
            ["Section 1", None, 2200, 2300, 2400, "MΩ"],
            ["Section 2", None, None, None, None, "MΩ"],
            ["Temperature Corrected Values"],
            ["Bus Section", None, "A-G", "B-G", "C-G", "Units"],
            ["Section 1", None, 2998.6, "#REF!", 3271.2, "MΩ"],
            ["Section 2", None, None, None, None, "MΩ"],
            [None, None, None, "Value", None, "Units"],
            [None, "Table 100.1 Criteria:", None, "≥", 25, "MΩ", None, "Overall Result:", "PASS"],
        )
    )
    assert found(result) == [
        ("insulation_resistance", "Section 1 A-G", 2200 * MEG),
        ("insulation_resistance", "Section 1 B-G", 2300 * MEG),
        ("insulation_resistance", "Section 1 C-G", 2400 * MEG),
    ]


def test_corrected_and_criteria_columns_with_numbers_in_their_headers() -> None:
    result = read(
        """Insulation Resistance Test
Equipment Tag: MCC-3
Test Date: 2026-02-01
Test Voltage: 1000 V
Test Point | Reading (MΩ) | Corrected to 20 °C | Corr. Value | Min. Value | Acceptance Criteria | Results
A-G | 2500 | 3400 | 3400 | 100 | ≥ 100 MΩ | PASS
B-G | 2600 | 3536 | 3536 | 100 | ≥ 100 MΩ | PASS
"""  # noqa: E501
    )
    assert found(result) == [
        ("insulation_resistance", "A-G", 2500 * MEG),
        ("insulation_resistance", "B-G", 2600 * MEG),
    ]


def test_spreadsheet_error_cells_are_unreadable_never_numbers() -> None:
    result = run(
        sheet_doc(
            ["Insulation Resistance Test"],
            *HEADER,
            ["Test Voltage:", "1000 V"],
            ["Test Point", "Reading (MΩ)", "PI"],
            ["A-G", 2500, "#DIV/0!"],
            ["B-G", "#REF!", "Err:522"],
            ["C-G", "#VALUE!", "#N/A"],
            ["A-B", "#NAME?", "Err:502"],
        )
    )
    assert found(result) == [("insulation_resistance", "A-G", 2500 * MEG)]
    assert result.equipment.tag == "TX-1"
    assert WarningCode.TAG_MISMATCH not in {w.code for w in result.warnings}


def test_pi_described_by_its_formula_is_no_reported_pi() -> None:
    """ "Ratio of 10 Minute to 1 Minute" and "1 Min. / 0.5 Min." are labels, not values."""
    result = read(
        """Insulation Resistance Test
Equipment Tag: MCC-3
Test Date: 2026-02-01
Test Point | 1 Min (MΩ) | 10 Min (MΩ)
A-G | 2500 | 5000
Polarization Index | Ratio of 10 Minute to 1 Minute | 2.0
Dielectric Absorption Ratio | 1 Min. / 0.5 Min. | 1.3
"""
    )
    assert found(result) == [
        ("insulation_resistance", "A-G", 2500 * MEG),
        ("insulation_resistance", "A-G", 5000 * MEG),
    ]


def test_printed_pi_in_its_own_cell_stays_reported() -> None:
    result = read(
        """Insulation Resistance Test
Equipment Tag: MCC-3
Test Date: 2026-02-01
Test Point | 1 Min (MΩ) | 10 Min (MΩ)
A-G | 2500 | 5000

Polarization Index | 2.0
"""
    )
    assert found(result) == [
        ("insulation_resistance", "A-G", 2500 * MEG),
        ("insulation_resistance", "A-G", 5000 * MEG),
        ("polarization_index", "Overall", 2.0),
    ]


def test_over_range_mark_in_its_own_cell_joins_the_number_beside_it() -> None:
    """The switchgear form: `>` in the column's own cell, the number in the next (merged) one."""
    result = run(
        sheet_doc(
            *HEADER,
            ["Equipment Type:", "Switchgear"],
            ["Test Voltage:", "1000V"],
            ["Bus Section", None, "A-G", None, "B-G", None, "Units"],
            ["Section 1", None, ">", 2200, None, 1900, "MΩ"],
        )
    )
    assert found(result) == [
        ("insulation_resistance", "Section 1 A-G", 2200 * MEG),
        ("insulation_resistance", "Section 1 B-G", 1900 * MEG),
    ]
    assert [m.censored for m in result.measurements] == [">", None]
