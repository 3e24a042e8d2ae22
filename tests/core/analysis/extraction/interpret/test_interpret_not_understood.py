"""Rows with readings the reader could not interpret are listed by their cells or lines, cap the
confidence below the REVIEW line and raise DATA-017; a report without readings names the table
it expected."""

from __future__ import annotations

import datetime as dt

from core.analysis.evaluate import evaluate
from core.enums import Verdict
from core.schemas import ExtractionResult
from core.standards import load_profile
from tests.core.analysis.extraction.interpret.interpret_helpers import read, run, sheet_doc

IDENTITY = [
    ["Insulation Resistance Test Report"],
    ["Equipment Tag", "SWGR-1"],
    ["Equipment Type", "Switchgear"],
    ["Voltage Rating", "480 V"],
    ["Test Date", "2026-02-01"],
    ["Test Instrument", "Megger MIT1025", "Calibration Due", "2026-10-14"],
]
READ_TABLE = [
    ["Test Point", "1 Min.", "Units"],
    ["A-G", 2500, "MΩ"],
    ["B-G", 2600, "MΩ"],
]
UNKNOWN_BLOCK = [
    ["Megger readings"],
    ["Measured between", "Result"],
    ["Bus A to frame", 2500, "MΩ"],
    ["Bus B to frame", "", 26, "GΩ"],
]


def audit(result: ExtractionResult) -> tuple[Verdict | None, float | None, list[str]]:
    outcome = evaluate(result, load_profile(), as_of=dt.date(2026, 3, 1))
    return outcome.verdict, outcome.confidence_score, [f.rule_id for f in outcome.findings]


def test_a_block_the_reader_does_not_know_is_listed_by_its_cells() -> None:
    result = run(sheet_doc(*IDENTITY, *READ_TABLE, [], *UNKNOWN_BLOCK))
    assert [m.point for m in result.measurements] == ["A-G", "B-G"]
    assert [(r.where, r.text) for r in result.not_understood] == [
        ("Sheet1!A13:D14", "Bus A to frame 2500 MΩ / Bus B to frame 26 GΩ")
    ]
    verdict, confidence, rules = audit(result)
    assert confidence is not None and confidence < 0.8
    assert verdict is Verdict.REVIEW
    assert "DATA-017" in rules


def test_a_report_read_whole_keeps_its_confidence() -> None:
    result = run(sheet_doc(*IDENTITY, *READ_TABLE, ["Table 100.1 Criteria", "≥ 25", "MΩ"]))
    assert result.not_understood == []
    _, confidence, rules = audit(result)
    assert confidence is not None and confidence > 0.9
    assert "DATA-017" not in rules


def test_text_lines_are_named_by_page_and_line() -> None:
    result = read(
        "Insulation Resistance Test Report\n"
        "Equipment Tag: SWGR-1\n"
        "Voltage Rating: 480 V\n"
        "Bus A to frame was 2500 MΩ and then\n"
    )
    assert [r.where for r in result.not_understood] == ["page 1, line 4"]


def test_a_report_without_readings_names_the_table_it_expected() -> None:
    result = run(sheet_doc(*IDENTITY, *UNKNOWN_BLOCK))
    assert result.measurements == []
    outcome = evaluate(result, load_profile(), as_of=dt.date(2026, 3, 1))
    assert outcome.verdict is not Verdict.APPROVED
    missing = next(f for f in outcome.findings if f.rule_id == "DATA-005")
    assert "expected a table of test points" in missing.message
    assert "MΩ or GΩ" in missing.message
    assert missing.message.endswith("rows that could not be read: Sheet1!A9:D10")
