"""User and report text is shown as text on every page: a file name, tag, site, point name,
instrument, justification or error sentence written as markdown or HTML never becomes a link, an
image, formatting or an icon, and a table's text never reaches a spreadsheet as a formula.

The pages run under AppTest, which hands back each element's markdown source: every body is
checked for markdown that would still be live once Streamlit renders it (`assert_inert`), and
for the hostile text in its escaped form (`md_text`). tests/e2e/test_markdown_rendering.py
renders the same escaping in a real browser.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from typing import Any

from streamlit.testing.v1 import AppTest

from core.services import overrides, views
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard import state
from dashboard.app_pages import trends_views
from dashboard.formatting import md_text
from tests.dashboard.helpers import (
    app,
    assert_inert,
    markdown_bodies,
    open_page,
    seed_failed,
    seed_report,
)

ANALYSIS = "app_pages/analysis.py"
TASKS = "app_pages/tasks.py"
TRENDS = "app_pages/trends.py"
LINK = "[Session expired - log in again](https://evil.example)"
IMAGE = "![x](https://evil.example/t.png)"
HTML = "<a href='https://evil.example'>HQ</a>"
DIRECTIVES = ":red[alarm] :material_warning: $x^2$ www.evil.example boss@evil.example"
FORMULA = "=cmd|' /C calc'!A0"
LOW = (2.5e9, 3.1e9, 5e6)  # C-G far below the minimum: IR-001 CRITICAL names its point


def hostile_report(doc: dict[str, Any]) -> None:
    doc["equipment"]["manufacturer"] = HTML
    doc["equipment"]["model"] = DIRECTIVES
    doc["test"]["technician"] = LINK
    doc["instruments"][0]["model"] = IMAGE
    low = doc["measurements"][2]
    low["point"] = f"C-G {LINK}"
    low["raw"] = IMAGE


def test_the_analysis_page_shows_report_and_user_text_as_text(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = seed_report(ctx, engineer, tag=LINK, site=HTML, readings_ohm=LOW, edit=hostile_report)
    critical = next(
        f for f in views.get_analysis_view(ctx, manager, task_id).findings if f.rule_id == "IR-001"
    )
    justification = f"Letter on file {IMAGE}\n# not a heading\n- nor a list {DIRECTIVES}"
    overrides.override_finding(ctx, manager, critical.id, justification)

    at = open_page(manager, ANALYSIS, {"task": str(task_id)})
    assert not at.exception
    bodies = markdown_bodies(at)
    for body in bodies:
        assert_inert(body)
    assert at.title[0].value == md_text(LINK)
    assert md_text(f"{LINK}.json") in at.caption[0].value  # the file name
    assert md_text(HTML) in at.caption[0].value  # the site
    finding = next(e for e in at.expander if "IR-001" in e.label)
    evidence = "\n".join(m.value for m in finding.markdown)
    assert md_text(f"C-G {LINK}") in evidence  # the point
    assert md_text(IMAGE) in evidence  # the text as found
    assert md_text(justification, multiline=True) in finding.info[0].value
    assert "\n#" not in finding.info[0].value and "\n-" not in finding.info[0].value
    # Tables draw their cells as text: the report's values are there as written.
    frames = [frame.value for frame in at.dataframe]
    equipment = next(frame for frame in frames if "Reading" not in frame.columns).to_string()
    assert HTML in equipment and DIRECTIVES in equipment


def test_the_analysis_of_a_failure_shows_its_sentence_as_text(
    ctx: ServiceContext, engineer: Actor
) -> None:
    task_id = seed_failed(ctx, engineer, filename=f"{IMAGE}.pdf")
    at = open_page(engineer, ANALYSIS, {"task": str(task_id)})
    assert not at.exception
    for body in markdown_bodies(at):
        assert_inert(body)
    assert at.title[0].value == md_text(f"{IMAGE}.pdf")


def test_the_upload_status_shows_a_hostile_file_name_as_text(engineer: Actor) -> None:
    at = app(engineer).run()
    name = f"{LINK}.pdf"
    at.file_uploader(key=state.UPLOADER).set_value([(name, b"%PDF-1.4 nothing", "application/pdf")])
    at = at.run()
    assert not at.exception
    bodies = markdown_bodies(at)
    for body in bodies:
        assert_inert(body)
    assert f"**{md_text(name)}**" in bodies


def test_the_tasks_table_and_its_download_hold_no_formula(
    ctx: ServiceContext, manager: Actor
) -> None:
    seed_report(ctx, manager, tag=FORMULA, site="-1+2")
    frame = open_page(manager, TASKS).dataframe[0].value
    assert list(frame["Tag"]) == ["'" + FORMULA]
    assert list(frame["Site"]) == ["'-1+2"]
    assert list(frame["File"]) == [f"'{FORMULA}.json"]
    assert frame["Compliance"].dtype.kind == "f"  # numbers stay numbers


def _by_site(at: AppTest) -> dict[str, Any]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(s for s in specs if s["layout"]["title"]["text"] == "Verdicts by site")


def test_a_site_named_in_html_is_text_in_the_trends_charts(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    seed_report(ctx, engineer, tag="SWGR-1", site=HTML)
    at = open_page(manager, TRENDS)
    assert not at.exception
    sites = _by_site(at)["data"][0]["y"]
    assert sites == ["&lt;a href='https://evil.example'&gt;HQ&lt;/a&gt;"]
    for body in markdown_bodies(at):
        assert_inert(body)
    # A click on the bar gives the escaped name back: the filter is the site as stored.
    event = {"selection": {"points": [{"y": sites[0]}]}}
    picked = trends_views.site_selection(type("Event", (), event)(), views.TaskFilters())
    assert picked is not None and picked.sites == (HTML,)


def test_the_audit_trail_is_listed_newest_first_as_text(
    ctx: ServiceContext, engineer: Actor, manager: Actor
) -> None:
    task_id = seed_report(ctx, engineer, tag="SWGR-T", readings_ohm=LOW)
    critical = next(
        f for f in views.get_analysis_view(ctx, manager, task_id).findings if f.rule_id == "IR-001"
    )
    overrides.override_finding(ctx, manager, critical.id, f"{FORMULA} {IMAGE}")
    for viewer in (engineer, manager):  # the owner and a manager
        at = open_page(viewer, ANALYSIS, {"task": str(task_id)})
        assert not at.exception
        trail = next(e for e in at.expander if e.label.startswith("Audit trail"))
        rows = trail.dataframe[0].value
        assert trail.label == f"Audit trail ({len(rows)} events)"
        events = list(zip(rows["What"], rows["Who"], strict=True))
        overridden = events.index(("Finding overridden", "boss@example.com"))
        assert overridden < events.index(("Uploaded", "eng@example.com"))  # newest first
        assert list(rows["When"]) == sorted(rows["When"], reverse=True)
        details = rows["Details"][overridden]
        assert IMAGE in details and "justification" in details  # as text, in a table cell
    other = open_page(manager, ANALYSIS, {"task": str(uuid.uuid4())})
    assert not [e for e in other.expander if e.label.startswith("Audit trail")]


def test_the_trends_downloads_hold_no_formula(ctx: ServiceContext, manager: Actor) -> None:
    seed_report(ctx, manager, tag=FORMULA, site="\n=1+2", readings_ohm=LOW)

    def download(kind: str) -> list[dict[str, str]]:
        content = trends_views.export(manager, views.TaskFilters(), kind)()  # the button's bytes
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))

    (analysis,) = download("analyses")
    assert analysis["equipment_tag"] == "'" + FORMULA
    assert analysis["site"] == "'\n=1+2"
    assert float(analysis["compliance_score"]) < 100  # a number, written as one
    findings = download("findings")
    assert findings and all(row["site"] == "'\n=1+2" for row in findings)
