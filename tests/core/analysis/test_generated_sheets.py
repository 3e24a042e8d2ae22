"""Generated NETA-style test sheets (samples/sheetgen) are read and judged as a reviewer would.

Each single-report case is analysed once (session fixture) under the default profile with the
cases' `as_of`; verdict, tag, equipment type, test types, the expected readings (quantity, value
within 0.5 %, over-range mark) and the absence of invented readings are separate tests. Where
today's reader or engine falls short, the test is a strict xfail whose reason says what is read
against what the sheet holds: fixing the gap turns it into an XPASS failure, and the mark must
then go. Packages are checked through `analyze_parts` (one outcome per sheet or page range).
Nothing here reads ../shared/forms.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.analysis import analyze, analyze_parts
from core.schemas import Outcome, Quantity
from core.standards import load_profile
from samples.sheetgen import AS_OF, SheetCase, cases, write_all
from samples.sheetgen.catalog import PACKAGES, single_names
from samples.sheetgen.compare import Agreement, agreement, same_part
from samples.sheetgen.render_xlsx import FIXED_XLSX_TIME, FIXED_ZIP_TIME
from tests.core.analysis.generated_sheet_gaps import GAPS

ASPECTS = ("verdict", "tag", "equipment_type", "test_types", "readings_found", "no_invented")
TESTED = {
    Quantity.INSULATION_RESISTANCE,
    Quantity.CONTACT_RESISTANCE,
    Quantity.TURNS_RATIO,
    Quantity.TEMPERATURE,
}


@pytest.fixture(scope="session")
def generated() -> dict[str, SheetCase]:
    return {case.name: case for case in cases()}


@pytest.fixture(scope="session")
def outcomes(generated: dict[str, SheetCase]) -> dict[str, Outcome]:
    profile = load_profile()
    return {
        name: analyze(case.content, case.filename, profile, as_of=case.as_of)
        for name, case in generated.items()
        if not case.is_package
    }


@pytest.fixture(scope="session")
def part_outcomes(generated: dict[str, SheetCase]) -> dict[str, list[Outcome]]:
    profile = load_profile()
    return {
        name: analyze_parts(case.content, case.filename, profile, as_of=case.as_of)
        for name, case in generated.items()
        if case.is_package
    }


def _params(keys: list[str]) -> Iterator[object]:
    for key in keys:
        for aspect in ASPECTS:
            reason = GAPS.get((key, aspect))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(key, aspect, id=f"{key}-{aspect}", marks=marks)


def check(aspect: str, found: Agreement) -> None:
    assert found.error is None, f"analysis failed: {found.error}"
    if aspect == "verdict":
        assert found.verdict_ok, f"verdict {found.verdict}, expected {found.truth.verdict.value}"
    elif aspect == "tag":
        assert found.tag_ok, f"tag {found.tag!r}, expected {found.truth.tag!r}"
    elif aspect == "equipment_type":
        assert found.type_ok, (
            f"equipment {found.equipment_type}, expected {found.truth.equipment_type}"
        )
    elif aspect == "test_types":
        assert found.tests_ok, (
            f"tests {sorted(found.test_types)}, expected {sorted(found.truth.test_types)}"
        )
    elif aspect == "readings_found":
        assert not found.missing, "\n".join(p for p in found.problems() if p.startswith("missing"))
    else:
        assert not found.invented, "\n".join(
            p for p in found.problems() if p.startswith("invented")
        )


@pytest.mark.parametrize(("name", "aspect"), list(_params(single_names())))
def test_single_report(
    name: str, aspect: str, generated: dict[str, SheetCase], outcomes: dict[str, Outcome]
) -> None:
    truth = generated[name].truth
    assert truth is not None
    check(aspect, agreement(truth, outcomes[name]))


PART_KEYS = [f"{name}-part{index}" for name, count in PACKAGES.items() for index in range(count)]


@pytest.mark.parametrize(("key", "aspect"), list(_params(PART_KEYS)))
def test_package_part(
    key: str,
    aspect: str,
    generated: dict[str, SheetCase],
    part_outcomes: dict[str, list[Outcome]],
) -> None:
    name, index = key.rsplit("-part", 1)
    truth = generated[name].parts[int(index)]
    found = [o for o in part_outcomes[name] if same_part(truth.part, o.part)]
    assert len(found) == 1, f"part {truth.part!r} not among {[o.part for o in part_outcomes[name]]}"
    check(aspect, agreement(truth, found[0]))


@pytest.mark.parametrize("name", list(PACKAGES))
def test_package_is_split_into_its_reports(
    name: str, generated: dict[str, SheetCase], part_outcomes: dict[str, list[Outcome]]
) -> None:
    labels = [part.part for part in generated[name].parts]
    read = [outcome.part for outcome in part_outcomes[name]]
    assert len(read) == len(labels), f"parts {read}, expected {labels}"
    assert all(same_part(a, b) for a, b in zip(labels, read, strict=True)), read


def test_every_known_gap_names_a_test() -> None:
    """A gap entry with a misspelt case or aspect would mark nothing; none may."""
    keys = {(key, aspect) for key in [*single_names(), *PART_KEYS] for aspect in ASPECTS}
    assert not set(GAPS) - keys, sorted(set(GAPS) - keys)


# --- the generator itself -------------------------------------------------------------------


def test_catalog_names_every_case_once(generated: dict[str, SheetCase]) -> None:
    assert list(generated) == [*single_names(), *PACKAGES]
    assert len({case.filename for case in generated.values()}) == len(generated)
    for name, count in PACKAGES.items():
        parts = generated[name].parts
        assert len(parts) == count and generated[name].truth is None
        assert len({p.part for p in parts}) == count and len({p.tag for p in parts}) == count


def test_truths_are_consistent(generated: dict[str, SheetCase]) -> None:
    quantity_of = {
        "INSULATION_RESISTANCE": Quantity.INSULATION_RESISTANCE,
        "CONTACT_RESISTANCE": Quantity.CONTACT_RESISTANCE,
        "TURNS_RATIO": Quantity.TURNS_RATIO,
        "THERMOGRAPHY": Quantity.TEMPERATURE,
    }
    for case in generated.values():
        assert case.as_of == AS_OF
        for truth in case.reports:
            quantities = {reading.quantity for reading in truth.readings}
            assert quantities == {quantity_of[t.value] for t in truth.test_types}, case.name
            assert quantities <= TESTED
            assert all(reading.value > 0 for reading in truth.readings), case.name
            assert truth.why and (truth.part is None) == (not case.is_package), case.name


def test_generation_is_deterministic(generated: dict[str, SheetCase]) -> None:
    """Same bytes on a second run, and nothing in them from the clock: fixed zip times and
    workbook dates, reportlab's invariant PDF dates."""
    again = {case.name: case.content for case in cases()}
    changed = [name for name, case in generated.items() if again[name] != case.content]
    assert not changed, f"bytes differ between two runs: {changed}"
    for case in generated.values():
        if case.filename.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(case.content)) as zipped:
                assert {info.date_time for info in zipped.infolist()} == {FIXED_ZIP_TIME}
                core = zipped.read("docProps/core.xml").decode()
            assert core.count(FIXED_XLSX_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")) == 2, case.name
        else:
            assert re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{8})", case.content) == [
                b"20000101",
                b"20000101",
            ], case.name


def test_write_all_writes_every_file_and_the_truth(
    generated: dict[str, SheetCase], tmp_path: Path
) -> None:
    written = write_all(tmp_path, list(generated.values()))
    assert [p.name for p in written] == [c.filename for c in generated.values()] + ["truth.json"]
    truth = json.loads((tmp_path / "truth.json").read_text("utf-8"))
    assert [entry["name"] for entry in truth] == list(generated)
    assert (tmp_path / "lvcb_healthy.xlsx").read_bytes() == generated["lvcb_healthy_xlsx"].content


def test_workbooks_reproduce_the_form_structures(generated: dict[str, SheetCase]) -> None:
    from openpyxl import load_workbook

    breaker = load_workbook(io.BytesIO(generated["lvcb_healthy_xlsx"].content))["Test Sheet"]
    assert len(breaker.merged_cells.ranges) > 150
    assert (breaker["J47"].value, breaker["AB48"].value) == ("P1 (P1-P2)", "GΩ")
    assert (breaker["J50"].value, breaker["K50"].value) == (">", 2200)  # '>' in its own cell
    assert breaker["B18"].value == "7.6.1.1.1.A.1"
    xfmr = load_workbook(io.BytesIO(generated["xfmr_dry_healthy_xlsx"].content))["Test Sheet"]
    assert xfmr["Q39"].value == "#REF!" and xfmr["Q39"].data_type == "e"
    package = load_workbook(io.BytesIO(generated["pkg_breakers_workbook_xlsx"].content))
    states = {ws.title: ws.sheet_state for ws in package.worksheets}
    assert states == {
        "CB-UPS1-IN": "visible",
        "CB-UPS1-BYP": "visible",
        "CB-UPS1-OUT": "visible",
        "Blank Form": "hidden",
        "Lists": "visible",
    }
    formulas = {dv.formula1 for dv in package["CB-UPS1-IN"].data_validations.dataValidation}
    assert formulas and all(formula.startswith("Lists!$") for formula in formulas)


def test_pdfs_are_text_pdfs_with_the_pages_the_truth_names(
    generated: dict[str, SheetCase],
) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(generated["pkg_mixed_reports_pdf"].content)
    try:
        texts = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    assert len(texts) == 6 and all(len(text) > 200 for text in texts)
    labels = [part.part for part in generated["pkg_mixed_reports_pdf"].parts]
    assert labels == ["pages 1-2", "pages 3-4", "pages 5-6"]
    for first, part in zip((1, 3, 5), generated["pkg_mixed_reports_pdf"].parts, strict=True):
        assert part.tag and part.tag in texts[first - 1]
        assert part.tag not in texts[first]  # the tag is printed on a report's first page only
