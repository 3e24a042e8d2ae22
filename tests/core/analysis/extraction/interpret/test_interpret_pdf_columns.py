"""Text-PDF cells fitted to columns by their x extent (`positions`, `bands`), as a form printed
from a workbook lays them out: values right-aligned under left-aligned headers, a header over
three lines, `>` marks in their own cells, a merged cell on a line of its own."""

from __future__ import annotations

from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.interpret.positions import position_letters, snap_columns
from core.schemas import InputFormat, Quantity, SourceLocation
from tests.core.analysis.extraction.interpret.interpret_helpers import of, run, text_doc

Placed = list[tuple[str, float]]


def placed_doc(*lines: Placed) -> Document:
    """One row per line; each cell is (text, left edge), 5 points wide a character."""
    rows = []
    for number, cells in enumerate(lines, start=1):
        location = SourceLocation(page=1, line=number)
        built = tuple(
            Cell(text, location, 0.98, x0=x0, x1=x0 + 5 * len(text)) for text, x0 in cells
        )
        rows.append(Row(built, location))
    return Document(InputFormat.PDF_TEXT, rows, pages=1)


P = ["P1 (P1-P2)", "P2 (P2-P3)", "P3 (P3-P1)"]
POLES = [172.0, 215.0, 258.0]
CORRECTED = [300.0, 343.0, 386.0]
BREAKER_IR = [
    [("Electrical Tests - Insulation Resistance", 45.0)],
    [("Test Voltage (V):", 470.0), ("1000", 542.0)],
    [
        ("Measured Values", 172.0),
        ("Temperature Corrected", 300.0),
        ("Table 100.1 Criteria", 456.0),
    ],
    [("Test Points", 58.0), ("Breaker Position", 116.0), ("Units", 428.0), ("Results", 528.0)],
    [
        *zip(P, POLES, strict=True),
        *zip(P, CORRECTED, strict=True),
        ("Value", 456.0),
        ("Units", 499.0),
    ],
    [
        ("Pole to Pole", 59.0),
        *zip(["5.21", "4.87", "5.05"], [187.0, 229.0, 272.0], strict=True),
        *zip(["5.79", "5.41", "5.61"], [315.0, 357.0, 400.0], strict=True),
        ("GΩ", 428.0),
        ("≥", 457.0),
        ("0.1", 471.0),
        ("GΩ", 499.0),
        ("PASS", 528.0),
    ],
    [("Closed", 115.0)],
    [
        ("Pole to Ground", 59.0),
        *zip(["3.95", "4.1", "4.02"], [187.0, 229.0, 272.0], strict=True),
        *zip(["4.39", "4.56", "4.47"], [314.0, 357.0, 400.0], strict=True),
        ("GΩ", 428.0),
        ("≥", 457.0),
        ("0.1", 471.0),
        ("GΩ", 499.0),
        ("PASS", 528.0),
    ],
    [
        ("Line to Load", 59.0),
        ("Open", 115.0),
        *[
            cell
            for left in POLES + CORRECTED
            for cell in ((">", left + 1), ("2440" if left >= 300 else "2200", left + 14))
        ],
        ("MΩ", 428.0),
        ("≥", 457.0),
        ("100", 471.0),
        ("MΩ", 499.0),
        ("PASS", 528.0),
    ],
]


def test_a_three_line_header_gives_its_group_roles_to_the_pole_columns() -> None:
    readings = of(run(placed_doc(*BREAKER_IR)), Quantity.INSULATION_RESISTANCE)
    assert [(m.point, m.value) for m in readings[:3]] == [
        ("Pole to Pole P1", 5.21e9),
        ("Pole to Pole P2", 4.87e9),
        ("Pole to Pole P3", 5.05e9),
    ]
    # The corrected values (5.79, 4.39, 2440 …) and the criteria (0.1 GΩ) are no readings.
    assert len(readings) == 9
    assert {m.value for m in readings[3:6]} == {3.95e9, 4.1e9, 4.02e9}
    assert all(m.source.line != 7 for m in readings)


def test_over_range_marks_in_their_own_cells_join_their_numbers() -> None:
    readings = of(run(placed_doc(*BREAKER_IR)), Quantity.INSULATION_RESISTANCE)
    line_to_load = [m for m in readings if m.point and m.point.startswith("Line to Load")]
    assert [m.value for m in line_to_load] == [2.2e9] * 3
    assert all(m.censored == ">" for m in line_to_load)


def test_the_same_rows_without_positions_are_read_by_order() -> None:
    text = "\n".join(" | ".join(cell for cell, _ in line) for line in BREAKER_IR)
    assert snap_columns(text_doc(text).rows) == text_doc(text).rows
    readings = of(run(text_doc(text)), Quantity.INSULATION_RESISTANCE)
    assert len(readings) != 9  # the order-based path, unchanged: not the positioned reading


def test_left_edges_within_a_few_points_are_one_column() -> None:
    document = placed_doc([("Reading", 172.0), ("Units", 230.0)], [(">", 173.2), ("2200", 186.0)])
    rows = snap_columns(document.rows)
    header, row = ([position_letters(cell) for cell in r.cells] for r in rows)
    assert row[0] == header[0]  # the mark sits under the header's edge
    assert header[0] < row[1] < header[1]  # the right-aligned number: under no column's edge


def test_a_workbook_cell_keeps_its_sheet_column() -> None:
    cell = Cell("5", SourceLocation(sheet="S", cell="B4"), 1.0, x0=10.0, x1=20.0)
    assert position_letters(cell) is None


def test_a_heading_naming_corrected_values_still_ends_the_table() -> None:
    measured = [("Bus Section", 58.0), ("A-G", 143.0), ("B-G", 186.0), ("Units", 527.0)]
    lines = [
        [("Insulation Resistance", 45.0)],
        measured,
        [("Section 1", 59.0), ("2500", 150.0), ("2600", 193.0), ("MΩ", 527.0)],
        [("Temperature Corrected Values", 58.0)],
        measured,
        [("Section 1", 59.0), ("3410", 150.0), ("3540", 193.0), ("MΩ", 527.0)],
    ]
    readings = of(run(placed_doc(*lines)), Quantity.INSULATION_RESISTANCE)
    assert [m.value for m in readings] == [2.5e9, 2.6e9]


def test_the_pdf_reader_gives_each_cell_its_extent() -> None:
    from core.analysis.extraction.readers.pdf import read_pdf
    from samples.sheetgen import cases

    case = next(c for c in cases() if c.name == "lvcb_healthy_pdf")
    rows = [r for r in read_pdf(case.content).rows if r.source.page == 2]
    header = next(r for r in rows if r.cells[0].text == "P1 (P1-P2)")
    assert all(c.x0 is not None and c.x1 is not None and c.x0 < c.x1 for c in header.cells)
    edges = [c.x0 or 0.0 for c in header.cells]
    assert edges == sorted(edges)


# -- an empty value box on a page ----------------------------------------------------------------

IR_LINES = [
    [("Insulation Resistance Test", 45.0)],
    [("Test Point", 58.0), ("Reading (MΩ)", 200.0)],
    [("A-G", 58.0), ("2500", 200.0)],
]


def test_a_label_past_an_empty_box_is_no_tag() -> None:
    blank = [("Breaker Identifier", 58.0), ("Circuit / Cell No.", 399.0)]
    result = run(placed_doc(blank, *IR_LINES))
    assert result.equipment.tag is None


def test_a_value_beside_its_label_is_still_read() -> None:
    filled = [("Breaker Identifier", 58.0), ("CB-3", 150.0), ("Circuit / Cell No.", 399.0)]
    assert run(placed_doc(filled, *IR_LINES)).equipment.tag == "CB-3"
    near = [("Location", 58.0), ("Substation 4", 110.0)]
    assert run(placed_doc(near, *IR_LINES)).equipment.site == "Substation 4"


# -- thermography with phases as columns -------------------------------------------------------

THERMO_HEAD = [
    [("Infrared Thermographic Survey", 45.0)],
    [("Equipment ID:", 45.0), ("SWBD-2A", 130.0)],
    [("Ambient:", 45.0), ("24 °C", 130.0)],
]


COLUMNS = [225.0, 310.0, 395.0, 480.0]


def test_thermography_phases_as_columns_judges_each_phase_against_the_coolest() -> None:
    header = [
        ("Component", 45.0),
        ("Phase A (°C)", 225.0),
        ("Phase B (°C)", 310.0),
        ("Phase C (°C)", 395.0),
        ("Load (%)", 480.0),
    ]
    rows = [
        [
            ("Main breaker line lugs", 45.0),
            *zip(["34.2", "35.0", "58.9", "65"], COLUMNS, strict=True),
        ],
        [("Feeder 3 load lugs", 45.0), *zip(["31.0", "30.6", "31.4", "60"], COLUMNS, strict=True)],
    ]
    result = run(placed_doc(*THERMO_HEAD, header, *rows))
    spots = of(result, Quantity.TEMPERATURE)
    assert [(m.point, m.value) for m in spots] == [
        ("Main breaker line lugs Phase A", 34.2),
        ("Main breaker line lugs Phase B", 35.0),
        ("Main breaker line lugs Phase C", 58.9),
        ("Feeder 3 load lugs Phase A", 31.0),
        ("Feeder 3 load lugs Phase B", 30.6),
        ("Feeder 3 load lugs Phase C", 31.4),
    ]
    # "load" inside a component's name makes no load row; each component has its own coolest.
    assert [m.reference_temperature_c for m in spots] == [34.2] * 3 + [30.6] * 3
    assert spots[2].reference_point == "Main breaker line lugs Phase A"
    assert result.test.load_pct == 60


def test_thermography_phase_columns_with_a_printed_rise_row_agree() -> None:
    lines = [
        [("Phase", 45.0), ("A", 150.0), ("B", 260.0), ("C", 370.0)],
        [("Temperature (°C)", 45.0), ("34.2", 150.0), ("35.0", 260.0), ("58.9", 370.0)],
        [("ΔT (°C)", 45.0), ("0.0", 150.0), ("0.8", 260.0), ("24.7", 370.0)],
    ]
    result = run(placed_doc(*THERMO_HEAD, *lines))
    assert [m.reference_temperature_c for m in of(result, Quantity.TEMPERATURE)] == [34.2] * 3
    assert [m.value for m in of(result, Quantity.TEMPERATURE_RISE)] == [0.0, 0.8, 24.7]
    assert not [w for w in result.warnings if w.code.value == "printed_value_mismatch"]


def test_a_single_phase_column_has_no_similar_reference() -> None:
    lines = [
        [("Component", 45.0), ("Phase A (°C)", 225.0), ("Phase B (°C)", 310.0)],
        [("Main lugs", 45.0), ("34.2", 225.0)],
    ]
    spots = of(run(placed_doc(*THERMO_HEAD, *lines)), Quantity.TEMPERATURE)
    assert [(m.value, m.reference_temperature_c) for m in spots] == [(34.2, None)]
