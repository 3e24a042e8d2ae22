"""Packages: a workbook with a sheet per breaker, a PDF of test sheets one after another — one
analysis per equipment report; a single report, however many sheets or pages, stays one."""

from __future__ import annotations

import datetime as dt

from core.analysis import analyze, analyze_parts
from core.enums import TaskStatus, TestType, Verdict
from core.schemas import Outcome, Quantity
from core.standards import load_profile
from samples.package_files import (
    breaker,
    breaker_identity,
    contact_rows,
    insulation_rows,
    pdf,
    workbook,
)

AS_OF = dt.date(2026, 3, 15)


def run(content: bytes, name: str) -> list[Outcome]:
    return analyze_parts(content, name, load_profile(), as_of=AS_OF)


def summary(outcomes: list[Outcome]) -> list[tuple[str | None, str | None, Verdict | None]]:
    return [(o.part, o.equipment_tag, o.verdict) for o in outcomes]


def test_a_workbook_with_a_sheet_per_breaker_is_one_report_per_sheet() -> None:
    content = workbook(
        {"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2), "CB-3": breaker("CB-3")}
    )
    outcomes = run(content, "breakers.xlsx")
    assert summary(outcomes) == [
        ("Sheet CB-1", "CB-1", Verdict.APPROVED),
        ("Sheet CB-2", "CB-2", Verdict.REJECTED),
        ("Sheet CB-3", "CB-3", Verdict.APPROVED),
    ]
    for outcome in outcomes:
        assert outcome.extraction is not None
        assert outcome.extraction.source.part == outcome.part
        assert set(outcome.test_types) == {
            TestType.INSULATION_RESISTANCE,
            TestType.CONTACT_RESISTANCE,
        }
        # Each report holds its own readings only.
        readings = outcome.extraction.measurements
        assert {m.source.sheet for m in readings} == {outcome.part.removeprefix("Sheet ")}  # type: ignore[union-attr]
        assert len([m for m in readings if m.quantity is Quantity.CONTACT_RESISTANCE]) == 3


def test_one_breaker_over_several_sheets_stays_one_report() -> None:
    content = workbook(
        {
            "Nameplate": breaker_identity("CB-9"),
            "Insulation": insulation_rows(),
            "Contact": contact_rows(),
        }
    )
    outcomes = run(content, "cb9.xlsx")
    assert summary(outcomes) == [(None, "CB-9", Verdict.APPROVED)]


def test_a_pdf_of_sheets_one_after_another_splits_where_a_new_tag_starts() -> None:
    content = pdf(
        [
            [*breaker_identity("CB-1"), *insulation_rows()],
            contact_rows(),  # CB-1's second page: no tag of its own
            breaker("CB-2", low_pole=2),
            [["Comments"], ["All breakers cleaned and exercised."]],
        ]
    )
    outcomes = run(content, "package.pdf")
    assert summary(outcomes) == [
        ("pages 1-2", "CB-1", Verdict.APPROVED),
        ("pages 3-4", "CB-2", Verdict.REJECTED),
    ]
    first = outcomes[0].extraction
    assert first is not None and first.source.pages == 2
    assert {m.source.page for m in first.measurements} == {1, 2}


def test_a_multi_page_single_report_stays_one() -> None:
    content = pdf([[*breaker_identity("CB-1"), *insulation_rows()], contact_rows()])
    assert summary(run(content, "cb1.pdf")) == [(None, "CB-1", Verdict.APPROVED)]


def test_analyze_reads_one_part_of_a_package_by_its_label() -> None:
    content = workbook({"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2)})
    profile = load_profile()
    outcome = analyze(content, "b.xlsx", profile, as_of=AS_OF, part="Sheet CB-2")
    assert (outcome.part, outcome.equipment_tag, outcome.verdict) == (
        "Sheet CB-2",
        "CB-2",
        Verdict.REJECTED,
    )
    gone = analyze(content, "b.xlsx", profile, as_of=AS_OF, part="Sheet CB-7")
    assert gone.status is TaskStatus.FAILED
    assert gone.error is not None and "no longer holds the report 'Sheet CB-7'" in gone.error


def test_a_broken_file_is_one_failed_outcome() -> None:
    outcomes = run(b"%PDF-1.7 truncated", "broken.pdf")
    assert [o.status for o in outcomes] == [TaskStatus.FAILED]


def test_the_firms_transformer_sheet_names_each_winding_pair() -> None:
    """The NETA firm's dry-type sheet prints "Winding Under Test" above a header of durations
    only; each row's label before its values is its point, not "Reading 1"."""
    from samples.sheetgen.catalog import XFMR_JOB
    from samples.sheetgen.packages import pdf_package

    case = pdf_package(XFMR_JOB)
    outcomes = analyze_parts(case.content, case.name, load_profile(), as_of=dt.date(2026, 6, 1))
    transformer = next(o for o in outcomes if o.equipment_tag == "TX-L3A")
    assert transformer.extraction is not None
    points = {
        m.point
        for m in transformer.extraction.measurements
        if m.quantity == Quantity.INSULATION_RESISTANCE
    }
    assert points == {"Primary to Ground", "Secondary to Ground", "Primary to Secondary"}
