"""The package page (`package?id=`): the reports of one upload with their verdicts, a filter kept
in the URL, the combined PDF and CSV built when clicked, the share link; the owner and managers
see it, another engineer is refused; the Upload page's one bar per package."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from core.enums import Role, TaskStatus
from core.services import tasks
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard.components.upload_status import FileStatus, package_progress_text
from samples.package_files import breaker, workbook
from tests.dashboard.helpers import make_user, open_page, seed_report, texts

PACKAGE = "app_pages/package.py"
DAY = dt.date(2026, 3, 15)


def _package(ctx: ServiceContext, actor: Actor) -> uuid.UUID:
    content = workbook(
        {
            "CB-1": breaker("CB-1"),
            "CB-2": breaker("CB-2", low_pole=2),
            "CB-3": breaker("CB-3"),
        }
    )
    upload = tasks.submit_report(ctx, actor, filename="breakers.xlsx", content=content).task_id
    assert tasks.run_analysis(ctx, upload, as_of=DAY) == TaskStatus.COMPLETED
    return upload


def test_the_package_page_lists_every_report_with_its_verdict(
    ctx: ServiceContext, engineer: Actor
) -> None:
    upload = _package(ctx, engineer)
    at = open_page(engineer, PACKAGE, {"id": str(upload)})
    assert not at.exception
    assert at.title[0].value == "breakers\\.xlsx"
    assert {m.label: m.value for m in at.metric} == {"Approved": "2", "Rejected": "1"}
    frame = at.dataframe[0].value
    assert list(frame["Tag"]) == ["CB-1", "CB-2", "CB-3"]
    assert list(frame["Verdict"]) == ["APPROVED", "REJECTED", "APPROVED"]
    assert frame["Open CRITICAL"][1] >= 1 and frame["Open CRITICAL"][0] == 0
    assert all(link.startswith("analysis?task=") for link in frame["Open"])
    labels = {b.label for b in at.get("download_button")}
    assert labels == {"Audit report (PDF)", "Reports (CSV)"}
    assert f"/package?id={upload}" in "".join(c.value for c in at.code)
    link = next(p for p in at.main.get("page_link") if p.proto.page == "tasks")
    assert link.proto.query_string == f"package={upload}"


def test_the_filter_comes_from_the_url_and_goes_back_to_it(
    ctx: ServiceContext, engineer: Actor
) -> None:
    upload = _package(ctx, engineer)
    at = open_page(engineer, PACKAGE, {"id": str(upload), "verdict": "REJECTED"})
    assert list(at.dataframe[0].value["Tag"]) == ["CB-2"]
    assert "1 of 3 reports" in texts(at)
    at.multiselect(key="package.verdict").set_value([]).run()
    at.text_input(key="package.q").set_value("cb-3").run()
    assert list(at.dataframe[0].value["Tag"]) == ["CB-3"]
    assert at.query_params["q"] == "cb-3" and "verdict" not in at.query_params
    assert at.query_params["id"] == str(upload)
    at.text_input(key="package.q").set_value("nothing like it").run()
    assert "No report of this package matches" in texts(at)


@pytest.mark.parametrize("role", ["nobody", "owner", "other_engineer", "manager", "admin"])
def test_package_page_access_per_role(
    ctx: ServiceContext, engineer: Actor, admin: Actor, role: str
) -> None:
    upload = _package(ctx, engineer)
    people: dict[str, Actor | None] = {
        "nobody": None,
        "owner": engineer,
        "other_engineer": make_user(ctx, admin, "other@example.com", Role.ENGINEER),
        "manager": make_user(ctx, admin, "boss@example.com", Role.MANAGER),
        "admin": admin,
    }
    at = open_page(people[role], PACKAGE, {"id": str(upload)})
    assert not at.exception
    shown = bool(at.dataframe) and "CB-2" in list(at.dataframe[0].value["Tag"])
    if role == "nobody":
        assert not shown and any(b.key == "login_submit" for b in at.button)
    elif role == "other_engineer":
        assert not shown and "belongs to another engineer" in texts(at)
    else:
        assert shown


def test_a_single_report_or_no_id_says_what_the_page_is_for(
    ctx: ServiceContext, engineer: Actor
) -> None:
    single = seed_report(ctx, engineer, tag="SWGR-1")
    at = open_page(engineer, PACKAGE, {"id": str(single)})
    assert not at.exception and not at.dataframe
    assert "single equipment report" in texts(at)
    at = open_page(engineer, PACKAGE)
    assert "several equipment reports" in texts(at) and not at.dataframe
    at = open_page(engineer, PACKAGE, {"id": "not-a-uuid"})
    assert not at.exception and not at.dataframe


def test_the_analysis_of_one_report_links_to_its_package(
    ctx: ServiceContext, engineer: Actor
) -> None:
    upload = _package(ctx, engineer)
    part = tasks_part(ctx, engineer, upload)
    at = open_page(engineer, "app_pages/analysis.py", {"task": str(part)})
    link = next(p for p in at.main.get("page_link") if p.proto.page == "package")
    assert link.proto.query_string == f"id={upload}"


def tasks_part(ctx: ServiceContext, actor: Actor, upload: uuid.UUID) -> uuid.UUID:
    from core.services.packages import package_page

    return package_page(ctx, actor, upload).parts[0].task_id


def test_the_tasks_list_of_a_package_names_it(ctx: ServiceContext, engineer: Actor) -> None:
    upload = _package(ctx, engineer)
    seed_report(ctx, engineer, tag="SWGR-ELSE")
    at = open_page(engineer, "app_pages/tasks.py", {"package": str(upload)})
    assert sorted(at.dataframe[0].value["Tag"]) == ["CB-1", "CB-2", "CB-3"]
    assert "Reports of the package" in texts(at)


def test_the_upload_bar_of_a_package_counts_its_reports() -> None:
    running = FileStatus(
        "f", "breakers.xlsx", uuid.uuid4(), "COMPLETED", reports_done=12, reports=40
    )
    assert package_progress_text(running) == "12 of 40 reports analysed"
    assert not running.finished and 0.3 < running.progress < 1
