"""The XLSX reader reads the report's sheets only — never hidden ones or dropdown-list sources —
and knows where merged form boxes end."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core.analysis.extraction.document import Document
from core.analysis.extraction.interpret import interpret
from core.analysis.extraction.readers.xlsx import read_xlsx
from core.schemas import InputFormat, SourceInfo


def _report(workbook: Workbook) -> None:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Test Sheet"
    sheet["A1"] = "Equipment Tag:"
    sheet["B1"] = "TX-1"
    sheet["A2"] = "Visual Inspection"
    sheet["B2"] = "Satisfactory"


def _sheets(document: Document) -> set[str | None]:
    return {cell.source.sheet for row in document.rows for cell in row.cells}


def _save(workbook: Workbook, path: Path) -> bytes:
    workbook.save(path)
    return path.read_bytes()


def test_hidden_and_very_hidden_sheets_are_left_out(tmp_path: Path) -> None:
    workbook = Workbook()
    _report(workbook)
    for title, state in (("Old Readings", "hidden"), ("Calc", "veryHidden")):
        sheet = workbook.create_sheet(title)
        sheet["A1"] = "A-G"
        sheet["B1"] = 9999
        sheet.sheet_state = state
    document = read_xlsx(_save(workbook, tmp_path / "hidden.xlsx"))
    assert _sheets(document) == {"Test Sheet"}


def test_dropdown_list_sheets_are_left_out(tmp_path: Path) -> None:
    """A visible helper sheet feeding data validation, directly (`'Drop Downs'!$A$1:$A$3`) or
    through a defined name over it (`=Units` → `Lists!$A$1:$A$2`)."""
    workbook = Workbook()
    _report(workbook)
    report = workbook["Test Sheet"]
    drops = workbook.create_sheet("Drop Downs")
    for row, text in enumerate(("Satisfactory", "Unsatisfactory", "Not Applicable"), start=1):
        drops.cell(row, 1, text)
    lists = workbook.create_sheet("Lists")
    lists["A1"], lists["A2"] = "MΩ", "GΩ"
    lists["B1"] = 2200  # a number a list sheet holds is no reading
    workbook.defined_names["Units"] = DefinedName("Units", attr_text="Lists!$A$1:$A$2")
    result_list = DataValidation(type="list", formula1="'Drop Downs'!$A$1:$A$3")
    unit_list = DataValidation(type="list", formula1="=Units")
    report.add_data_validation(result_list)
    report.add_data_validation(unit_list)
    result_list.add("B2")
    unit_list.add("C3")
    document = read_xlsx(_save(workbook, tmp_path / "lists.xlsx"))
    assert _sheets(document) == {"Test Sheet"}
    assert [[cell.text for cell in row.cells] for row in document.rows] == [
        ["Equipment Tag:", "TX-1"],
        ["Visual Inspection", "Satisfactory"],
    ]


def test_sheet_validating_against_its_own_cells_is_kept(tmp_path: Path) -> None:
    workbook = Workbook()
    _report(workbook)
    report = workbook["Test Sheet"]
    report["Z1"], report["Z2"] = "MΩ", "GΩ"
    own = DataValidation(type="list", formula1="'Test Sheet'!$Z$1:$Z$2")
    report.add_data_validation(own)
    own.add("C2")
    document = read_xlsx(_save(workbook, tmp_path / "own.xlsx"))
    assert _sheets(document) == {"Test Sheet"}


def _form_row(ws: Worksheet, row: int, label: str, value: str | None, next_label: str) -> None:
    """A form row: label box B:F, value box G:X, then the next label box Z:AD."""
    ws[f"B{row}"] = label
    ws.merge_cells(f"B{row}:F{row}")
    if value is not None:
        ws[f"G{row}"] = value
    ws.merge_cells(f"G{row}:X{row}")
    ws[f"Z{row}"] = next_label
    ws.merge_cells(f"Z{row}:AD{row}")


def test_merged_cells_tell_an_empty_value_box_from_the_next_label(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet["B1"] = "Insulation Resistance Test Sheet"
    _form_row(sheet, 2, "Breaker Identifier", None, "Eqpt. Location")
    _form_row(sheet, 3, "Manufacturer", "Square D", "Circuit / Cell No.")
    sheet.append([None, "Test Point", "1 Min.", "Units"])
    sheet.append([None, "A-G", 2500, "MΩ"])
    document = read_xlsx(_save(workbook, tmp_path / "form.xlsx"))
    label = next(c for row in document.rows for c in row.cells if c.text == "Breaker Identifier")
    assert label.span_to == "F"
    source = SourceInfo(file_name="form.xlsx", sha256="0" * 64, format=InputFormat.XLSX)
    result = interpret(document, source)
    assert result.equipment.tag is None  # the box is empty: 'Eqpt. Location' is a label
    assert result.equipment.manufacturer == "Square D"
