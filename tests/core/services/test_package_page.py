"""The package page's services: the upload and its reports for the owner or a manager, the
filter, the CSV rows, the share link and the combined PDF audit report."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest

from core.enums import TaskStatus
from core.services import packages, tasks
from core.services.context import ServiceContext
from core.services.errors import NotFound, PermissionDenied
from core.services.package_reports import package_audit_pdf
from core.services.reports import audit_report_pdf
from core.services.users import Actor
from samples.package_files import breaker, workbook

DAY = dt.date(2026, 3, 15)


def _upload(ctx: ServiceContext, actor: Actor, sheets: dict[str, bool]) -> object:
    content = workbook(
        {name: breaker(name, low_pole=2 if bad else None) for name, bad in sheets.items()}
    )
    upload = tasks.submit_report(ctx, actor, filename="breakers.xlsx", content=content).task_id
    assert tasks.run_analysis(ctx, upload, as_of=DAY) == TaskStatus.COMPLETED
    return upload


def _pages(blob: bytes) -> int:
    return len(pdfium.PdfDocument(io.BytesIO(blob)))


def test_the_package_page_lists_the_reports_with_open_critical_and_major(
    ctx: ServiceContext, engineer: Actor
) -> None:
    upload = _upload(ctx, engineer, {"CB-1": False, "CB-2": True})
    page = packages.package_page(ctx, engineer, upload)  # type: ignore[arg-type]
    assert page.task_id == upload and page.original_filename == "breakers.xlsx"
    assert page.owner_email == engineer.email and page.finished
    assert [(p.equipment_tag, p.verdict) for p in page.parts] == [
        ("CB-1", "APPROVED"),
        ("CB-2", "REJECTED"),
    ]
    bad = page.parts[1]
    assert bad.open_critical >= 1 and bad.open_issues == bad.open_critical + bad.open_major
    assert page.counts == {"APPROVED": 1, "REJECTED": 1}


def test_the_filter_matches_verdict_and_text(ctx: ServiceContext, engineer: Actor) -> None:
    upload = _upload(ctx, engineer, {"CB-1": False, "CB-2": True, "TX-9": False})
    page = packages.package_page(ctx, engineer, upload)  # type: ignore[arg-type]
    tags = lambda rows: [r.equipment_tag for r in rows]  # noqa: E731
    assert tags(packages.filter_parts(page, outcomes={"REJECTED"})) == ["CB-2"]
    assert tags(packages.filter_parts(page, text="cb-")) == ["CB-1", "CB-2"]
    assert tags(packages.filter_parts(page, outcomes={"APPROVED"}, text="tx")) == ["TX-9"]
    assert tags(packages.filter_parts(page, outcomes={"REVIEW"})) == []
    assert tags(packages.filter_parts(page)) == ["CB-1", "CB-2", "TX-9"]


def test_csv_rows_neutralise_formulas() -> None:
    import uuid

    row = packages.PartRow(
        task_id=uuid.uuid4(), part="Sheet =cmd|x", status="COMPLETED", equipment_tag="@SUM(1)",
        equipment_type="BREAKER", test_types=("CONTACT_RESISTANCE",), verdict="APPROVED",
        findings=2, open_critical=0, error_message=None, open_major=1,
    )  # fmt: skip
    (written,) = packages.csv_rows([row])
    assert list(written) == list(packages.CSV_COLUMNS)
    assert written["part"] == "Sheet =cmd|x"  # not at the start: no formula
    assert written["equipment_tag"] == "'@SUM(1)"
    assert (written["open_critical"], written["open_major"], written["findings"]) == (0, 1, 2)


def test_a_single_report_is_not_a_package(ctx: ServiceContext, engineer: Actor) -> None:
    single = _upload(ctx, engineer, {"CB-1": False})
    with pytest.raises(NotFound):
        packages.package_page(ctx, engineer, single)  # type: ignore[arg-type]
    upload = _upload(ctx, engineer, {"CB-2": False, "CB-3": False})
    part = packages.package_page(ctx, engineer, upload).parts[0].task_id  # type: ignore[arg-type]
    with pytest.raises(NotFound):  # one report of a package is no package either
        packages.package_page(ctx, engineer, part)


@pytest.mark.parametrize("role", ["owner", "other_engineer", "manager", "admin"])
def test_package_access_per_role(
    ctx: ServiceContext,
    engineer: Actor,
    other_engineer: Actor,
    manager: Actor,
    admin: Actor,
    role: str,
) -> None:
    upload = _upload(ctx, engineer, {"CB-1": False, "CB-2": False})
    actor = {"owner": engineer, "other_engineer": other_engineer, "manager": manager}.get(
        role, admin
    )
    if role == "other_engineer":
        with pytest.raises(PermissionDenied):
            packages.package_page(ctx, actor, upload)  # type: ignore[arg-type]
        with pytest.raises(PermissionDenied):
            package_audit_pdf(ctx, actor, upload)  # type: ignore[arg-type]
    else:
        assert len(packages.package_page(ctx, actor, upload).parts) == 2  # type: ignore[arg-type]


def test_the_combined_pdf_is_a_cover_then_every_report(
    ctx: ServiceContext, engineer: Actor
) -> None:
    upload = _upload(ctx, engineer, {"CB-1": False, "CB-2": True})
    page = packages.package_page(ctx, engineer, upload)  # type: ignore[arg-type]
    now = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
    name, blob = package_audit_pdf(
        ctx,
        engineer,
        upload,
        share_url="https://audit.example/package?id=x",
        now=now,  # type: ignore[arg-type]
    )
    assert name == "breakers-package-audit.pdf" and blob.startswith(b"%PDF")
    singles = [audit_report_pdf(ctx, engineer, p.task_id, now=now)[1] for p in page.parts]
    document = pdfium.PdfDocument(io.BytesIO(blob))
    cover = document[0].get_textpage().get_text_range()
    assert "Package audit report" in cover and "CB-2" in cover and "REJECTED" in cover
    assert "https://audit.example/package?id=x" in cover
    assert len(document) >= 1 + sum(_pages(single) for single in singles)


def test_the_share_link_is_absolute_with_a_public_url(ctx: ServiceContext) -> None:
    import uuid

    some = uuid.uuid4()
    relative = packages.package_share_link(ctx, some)
    assert relative.endswith(f"/package?id={some}")
    if not ctx.settings.public_url:
        assert relative == f"/package?id={some}"
