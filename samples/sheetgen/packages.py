"""Packages: several equipment reports in one file, each judged on its own.

- a workbook with one sheet per breaker (the sheet named after its tag), their dropdowns taking
  their choices from a visible helper sheet `Lists`, and the firm's blank form kept as a hidden
  sheet;
- a text PDF of test sheets one after another (breaker, transformer, breaker), two pages each,
  the tag only on each report's first page and the page count running over the whole file.
"""

from __future__ import annotations

from dataclasses import replace

from core.enums import EquipmentType, TestType, Verdict

from . import breaker, transformer
from .blocks import Job
from .model import ReportTruth, Sheet, SheetCase, col
from .render_pdf import page_count, pdf_bytes
from .render_xlsx import workbook_bytes

IR, CR, TTR = TestType.INSULATION_RESISTANCE, TestType.CONTACT_RESISTANCE, TestType.TURNS_RATIO
TEMPLATE_DEFAULTS = frozenset({"PASS", 250})


def _breaker_truth(
    spec: breaker.BreakerSpec, verdict: Verdict, why: str, part: str
) -> tuple[Sheet, ReportTruth]:
    sheet, readings = breaker.build(spec)
    truth = ReportTruth(
        verdict, spec.tag, EquipmentType.BREAKER, frozenset({IR, CR}), tuple(readings), why, part
    )
    return sheet, truth


def helper_lists(sheets: list[Sheet], title: str = "Lists") -> dict[str, list[str]]:
    """Move every inline dropdown list of `sheets` onto one helper sheet: each distinct list
    becomes a column of `title`, and the validations point at it."""
    lists: dict[str, list[str]] = {}
    for sheet in sheets:
        moved = []
        for where, formula in sheet.validations:
            choices = formula.strip('"').split(",")
            name = next((k for k, v in lists.items() if v == choices), f"List {len(lists) + 1}")
            lists.setdefault(name, choices)
            letter = col(list(lists).index(name) + 1)
            moved.append((where, f"{title}!${letter}$2:${letter}${len(choices) + 1}"))
        sheet.validations = moved
    return lists


def blank_form(sheet: Sheet, title: str) -> Sheet:
    """The firm's blank form: labels kept, values emptied except the template's defaults."""
    cells = [
        c
        if c.shade or not c.box or c.value in TEMPLATE_DEFAULTS
        else replace(c, value=None, text=None)
        for c in sheet.cells
    ]
    return replace(sheet, title=title, cells=cells, hidden=True, validations=[])


def workbook_package(job: Job) -> SheetCase:
    low = replace(breaker.HEALTHY_IR[1], unit="MΩ", values=(3950, 2.9, 4020))
    specs = (
        (
            breaker.BreakerSpec("CB-UPS1-IN", "CB-UPS1-IN", job, lineup="SWBD-UPS1", cell="1"),
            Verdict.APPROVED,
            "UPS input breaker: IR ≥ 3.95 GΩ and >2,200 MΩ vs 100 MΩ, poles 39/41/40 µΩ.",
        ),
        (
            breaker.BreakerSpec(
                "CB-UPS1-BYP", "CB-UPS1-BYP", job, lineup="SWBD-UPS1", cell="2",
                ir=(breaker.HEALTHY_IR[0], low, breaker.HEALTHY_IR[2]),
            ),
            Verdict.REJECTED,
            "Bypass breaker: Pole to Ground P2 2.9 MΩ is below the 100 MΩ minimum (CRITICAL).",
        ),
        (
            breaker.BreakerSpec(
                "CB-UPS1-OUT", "CB-UPS1-OUT", job, lineup="SWBD-UPS1", cell="3",
                cr_uohm=(36, 58, 38), overall="FAIL",
            ),
            Verdict.REVIEW,
            "Output breaker: pole 2 58 µΩ is 61 % above pole 1's 36 µΩ (> 50 %, MAJOR).",
        ),
    )  # fmt: skip
    sheets, parts = [], []
    for spec, verdict, why in specs:
        sheet, truth = _breaker_truth(spec, verdict, why, spec.title)
        sheets.append(sheet)
        parts.append(truth)
    lists = helper_lists(sheets)
    hidden = blank_form(breaker.build(breaker.BreakerSpec("Blank", None, job))[0], "Blank Form")
    content = workbook_bytes([*sheets, hidden], lists=lists)
    return SheetCase(
        "pkg_breakers_workbook_xlsx",
        "pkg_breakers_workbook.xlsx",
        content,
        "own: workbook, a sheet per breaker + Lists helper + hidden blank form",
        parts=tuple(parts),
    )


def pdf_package(job: Job) -> SheetCase:
    first_spec = breaker.BreakerSpec("A", "CB-GEN1-M", job, lineup="GSB-1")
    xfmr_spec = transformer.TransformerSpec("B", "TX-L3A", job, ratios=(3.9952, 3.9987, 3.9621))
    third_spec = breaker.BreakerSpec(
        "C", "CB-GEN1-F2", job, lineup="GSB-1", cell="Cell 2", cr_uohm=(44, 47, 71)
    )
    second, xfmr_readings = transformer.build(xfmr_spec)
    first, _ = breaker.build(first_spec)
    third, _ = breaker.build(third_spec)
    sheets = [first, second, third]
    labels, page = [], 1
    for sheet in sheets:
        count = page_count(sheet)
        labels.append(f"page {page}" if count == 1 else f"pages {page}-{page + count - 1}")
        page += count
    _, a = _breaker_truth(
        first_spec,
        Verdict.APPROVED,
        "Generator main breaker: IR ≥ 3.95 GΩ and >2,200 MΩ, poles 39/41/40 µΩ.",
        labels[0],
    )
    b = ReportTruth(
        Verdict.REJECTED,
        "TX-L3A",
        EquipmentType.TRANSFORMER,
        frozenset({IR, TTR}),
        tuple(xfmr_readings),
        "H3-H1 / X3-X0 3.9621 is −0.87 % from the calculated 3.997 (> 0.5 %, CRITICAL).",
        labels[1],
    )
    _, c = _breaker_truth(
        third_spec,
        Verdict.REVIEW,
        "Feeder breaker: pole 3 71 µΩ is 61 % above pole 1's 44 µΩ (> 50 %, MAJOR).",
        labels[2],
    )
    content = pdf_bytes(sheets, title="Test sheets, job 26-0412", author="Northgate Power Testing")
    return SheetCase(
        "pkg_mixed_reports_pdf",
        "pkg_mixed_reports.pdf",
        content,
        "own: text PDF, breaker + transformer + breaker sheets, 2 pages each",
        parts=(a, b, c),
    )


__all__ = ["blank_form", "helper_lists", "pdf_package", "workbook_package"]
