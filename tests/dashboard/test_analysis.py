"""Analysis: a report link shows its verdict, scores, data, findings with evidence, downloads
and share link; managers override findings; unusable links and failures say so in a sentence."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from core.enums import Role, TaskStatus
from core.services import tasks, views
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard.app_pages import analysis_actions
from dashboard.formatting import md_text
from samples.package_files import breaker, workbook
from tests.dashboard.helpers import (
    make_user,
    open_page,
    report_json,
    seed_failed,
    seed_report,
    visible,
)
from tests.dashboard.helpers import texts as all_texts

ANALYSIS = "app_pages/analysis.py"
LOW = (2.5e9, 3.1e9, 5e6)  # C-G far below the 100 MΩ minimum: IR-001 CRITICAL


def show(actor: Actor, task_id: uuid.UUID | str | None) -> AppTest:
    at = open_page(actor, ANALYSIS, {"task": str(task_id)} if task_id is not None else {})
    assert not at.exception
    return at


def test_completed_analysis_shows_verdict_scores_data_findings_and_share_link(
    ctx: ServiceContext, engineer: Actor
) -> None:
    task_id = seed_report(ctx, engineer, tag="SWGR-LOW", readings_ohm=LOW)
    at = show(engineer, task_id)
    text = all_texts(at)
    assert at.title[0].value == md_text("SWGR-LOW")
    assert "**REJECTED**" in at.error[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Open critical": "1",
        "Open major": "0",
        "Minor": "1",
        "Confidence": "100.0 %",
    }
    assert "Compliance score" in all_texts(at)  # a caption, not a big number beside REJECTED
    assert [t.label for t in at.tabs] == [
        "Findings",
        "Measurements",
        "Equipment & test",
        "Warnings",
    ]
    finding = next(e for e in at.expander if "IR-001" in e.label)
    assert ":red-badge[CRITICAL]" in finding.label
    evidence = visible("\n".join(m.value for m in finding.markdown))
    assert "**Observed:** 5 MΩ" in evidence
    assert "**Limit (to pass):** ≥ 100 MΩ" in evidence
    assert "**Point:** C-G" in evidence
    assert "Table 100.1" in evidence
    assert "**Remediation:**" in evidence
    assert f"/analysis?task={task_id}" in at.code[0].value
    frames = [frame.value for frame in at.dataframe]
    assert any("Acme Switch" in frame.to_string() for frame in frames)  # equipment data
    readings = next(frame for frame in frames if "Reading" in frame.columns)
    assert list(readings["Reading"]) == ["2.5 GΩ", "3.1 GΩ", "5 MΩ"]
    assert readings[["Limit", "Result", "Margin"]].to_dict("records") == [
        {"Limit": "≥ 100 MΩ", "Result": "Pass · IR-001", "Margin": "25× the minimum"},
        {"Limit": "≥ 100 MΩ", "Result": "Pass · IR-001", "Margin": "31× the minimum"},
        {"Limit": "≥ 100 MΩ", "Result": "CRITICAL · IR-001", "Margin": "95 % below the minimum"},
    ]
    assert {b.label for b in at.get("download_button")} == {"Original file", "Audit report (PDF)"}
    assert "Override finding" not in text  # engineers do not override


def test_an_approved_report_with_only_notes_has_nothing_open(
    ctx: ServiceContext, engineer: Actor
) -> None:
    at = show(engineer, seed_report(ctx, engineer, tag="SWGR-OK"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open critical"] == metrics["Open major"] == "0"
    assert "Findings standing" not in metrics


def test_without_a_task_the_page_lists_the_users_recent_reports(
    ctx: ServiceContext, engineer: Actor
) -> None:
    mine = seed_report(ctx, engineer, tag="SWGR-MINE")
    at = show(engineer, None)
    [link] = [link.proto for link in at.get("page_link") if "MINE" in link.proto.label]
    assert visible(link.label).startswith("SWGR-MINE — Approved")
    assert link.page == "analysis" and link.query_string == f"task={mine}"


def test_findings_are_listed_worst_first(ctx: ServiceContext, engineer: Actor) -> None:
    at = show(engineer, seed_report(ctx, engineer, readings_ohm=LOW))
    badges = [e.label.split("]")[0] for e in at.expander if "-badge[" in e.label]
    ranks = [["CRITICAL", "MAJOR", "MINOR", "INFO"].index(b.split("[")[1]) for b in badges]
    assert ranks == sorted(ranks) and ranks


def test_a_manager_overrides_a_finding_with_a_justification(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = seed_report(ctx, engineer, tag="SWGR-OVR", readings_ohm=LOW)
    critical = next(
        f for f in views.get_analysis_view(ctx, manager, task_id).findings if f.rule_id == "IR-001"
    )
    at = show(manager, task_id)
    at.button(key=f"override-submit-{critical.id}").click()
    at.run()
    assert "Write a justification" in all_texts(at)

    at.text_area(key=f"justification-{critical.id}").input("Manufacturer letter accepts C-G.")
    at.button(key=f"override-submit-{critical.id}").click()
    at.run()
    assert not at.exception
    view = views.get_analysis_view(ctx, manager, task_id)
    assert view.machine_verdict == "REJECTED" and view.verdict != "REJECTED"
    text = all_texts(at)
    assert "Machine verdict: **REJECTED**" in text
    assert "Manufacturer letter accepts C-G." in text
    assert (
        "vs machine" in text
        and next(m for m in at.metric if m.label == "Open critical").value == "0"
    )

    at.button(key=f"revoke-{critical.id}").click()
    at.run()
    assert views.get_analysis_view(ctx, manager, task_id).verdict == "REJECTED"


def test_a_failed_analysis_shows_its_sentence(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = seed_failed(ctx, engineer)
    error = views.get_analysis_view(ctx, engineer, task_id).error_message
    at = show(engineer, task_id)
    assert error and md_text(error) in at.error[0].value
    assert "The analysis failed." in at.error[0].value
    assert at.button(key="rerun-submit").label == "Re-run analysis"


def test_a_json_report_analysed_by_the_service_shows_its_outcome(
    ctx: ServiceContext, engineer: Actor
) -> None:
    content = json.dumps(report_json(tag="SWGR-RUN")).encode()
    task_id = tasks.submit_report(ctx, engineer, filename="run.json", content=content).task_id
    status = tasks.run_analysis(ctx, task_id)
    at = show(engineer, task_id)
    if status == TaskStatus.COMPLETED:
        assert at.title[0].value == md_text("SWGR-RUN")
        banner = [*at.success, *at.warning, *at.error][0].value
        assert f"**{views.get_analysis_view(ctx, engineer, task_id).verdict}**" in banner
    else:  # the engine is not wired for JSON yet: the failure is a sentence, not a traceback
        assert "The analysis failed." in at.error[0].value


def test_an_empty_upload_is_not_offered_a_re_run(ctx: ServiceContext, engineer: Actor) -> None:
    submission = tasks.submit_report(ctx, engineer, filename="empty.pdf", content=b"")
    assert tasks.run_analysis(ctx, submission.task_id) == "FAILED"
    at = show(engineer, submission.task_id)
    assert "The file is empty" in at.error[0].value
    assert not [b for b in at.button if b.key == "rerun-submit"]
    assert "Upload the report again" in all_texts(at)


def test_a_queued_analysis_says_it_is_running(ctx: ServiceContext, engineer: Actor) -> None:
    content = json.dumps(report_json()).encode()
    task_id = tasks.submit_report(ctx, engineer, filename="q.json", content=content).task_id
    at = show(engineer, task_id)
    assert "this page refreshes by itself" in at.info[0].value
    assert at.get("progress")


def test_re_run_with_another_profile_queues_the_task_again(
    ctx: ServiceContext, engineer: Actor
) -> None:
    task_id = seed_report(ctx, engineer)
    at = show(engineer, task_id)
    at.selectbox(key="rerun-profile").set_value("datacenter-owner-example")
    at.button(key="rerun-submit").click()
    at.run()
    assert not at.exception
    from dashboard import data

    data.runner().wait(timeout_s=30)
    view = views.get_analysis_view(ctx, engineer, task_id)
    assert view.profile_id == "datacenter-owner-example"
    assert view.status in (TaskStatus.COMPLETED, TaskStatus.FAILED)


@pytest.mark.parametrize(
    ("task", "sentence"),
    [
        (None, analysis_actions.NO_TASK),
        ("not-a-uuid", analysis_actions.BAD_TASK),
        (uuid.uuid4(), "There is no report with this link"),
    ],
)
def test_unusable_links_say_why(
    ctx: ServiceContext, engineer: Actor, task: object, sentence: str
) -> None:
    at = show(engineer, task)  # type: ignore[arg-type]
    assert sentence in all_texts(at)
    assert not at.get("tab")


def test_another_engineers_report_is_refused_with_a_sentence(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    other = make_user(ctx, admin, "other@example.com", Role.ENGINEER)
    at = show(other, seed_report(ctx, engineer))
    assert "belongs to another engineer" in at.warning[0].value


def test_share_link_uses_the_public_url_when_set(
    monkeypatch: pytest.MonkeyPatch, ctx: ServiceContext, engineer: Actor
) -> None:
    monkeypatch.setattr(ctx.settings, "public_url", "https://audit.example.com")
    task_id = seed_report(ctx, engineer)
    at = show(engineer, task_id)
    assert at.code[0].value == f"https://audit.example.com/analysis?task={task_id}"


def test_downloads_serve_the_original_and_the_audit_report(
    ctx: ServiceContext, engineer: Actor
) -> None:
    from dashboard import data

    task_id = seed_report(ctx, engineer, tag="SWGR-DL")
    name, content = data.original_file(engineer, task_id)
    assert name == "SWGR-DL.json" and json.loads(content)["equipment"]["tag"] == "SWGR-DL"
    report_name, pdf = data.audit_report(engineer, task_id)
    assert report_name == "SWGR-DL-audit.pdf"  # the name the page's download button gives it
    assert pdf.startswith(b"%PDF")


def test_a_package_shows_its_reports_and_each_report_links_back(
    ctx: ServiceContext, engineer: Actor
) -> None:
    content = workbook({"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2)})
    upload = tasks.submit_report(ctx, engineer, filename="breakers.xlsx", content=content)
    tasks.run_analysis(ctx, upload.task_id, as_of=dt.date(2026, 3, 15))

    at = show(engineer, upload.task_id)
    assert at.title[0].value == md_text("breakers.xlsx")
    assert "2 equipment reports: 1 APPROVED, 1 REJECTED" in at.info[0].value
    assert {(m.label, m.value) for m in at.metric} == {("Approved", "1"), ("Rejected", "1")}
    reports = at.dataframe[0].value
    assert list(reports["Tag"]) == ["CB-1", "CB-2"]
    assert list(reports["Verdict"]) == ["APPROVED", "REJECTED"]
    second = views.get_analysis_view(ctx, engineer, upload.task_id).package
    assert second is not None

    part = show(engineer, second.parts[1].task_id)
    assert part.title[0].value == md_text("CB-2")
    assert "One equipment report of a package upload: Sheet CB-2." in all_texts(part)
    assert "**REJECTED**" in part.error[0].value


def test_rows_the_reader_could_not_interpret_are_listed_for_a_person(
    ctx: ServiceContext, engineer: Actor
) -> None:
    rows: list[list[object]] = [
        ["Insulation Resistance Test Report"],
        ["Equipment Tag", "SWGR-9"],
        ["Voltage Rating", "480 V"],
        ["Test Point", "1 Min.", "Units"],
        ["A-G", 2500, "MΩ"],
        [],
        ["Megger readings"],
        ["Measured between", "Result"],
        ["Bus A to frame", 2500, "MΩ"],
    ]
    upload = tasks.submit_report(
        ctx, engineer, filename="swgr9.xlsx", content=workbook({"Test Sheet": rows})
    )
    tasks.run_analysis(ctx, upload.task_id, as_of=dt.date(2026, 3, 15))
    at = show(engineer, upload.task_id)
    notice = next(w.value for w in at.warning if "could not interpret" in w.value)
    assert notice.startswith("1 part of this report holds readings")
    regions = at.dataframe[0].value
    assert list(regions["Where"]) == ["Test Sheet!A9:C9"]
    assert "**REVIEW**" in at.warning[0].value
