"""Upload: dropping files submits each once and starts it; statuses end in a verdict word with a
link to the analysis, a failed file shows its sentence, an identical file is offered."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from core.services import views
from core.services.context import ServiceContext
from core.services.users import Actor
from dashboard import data, state
from tests.dashboard.helpers import app, report_json, texts

JSON_MIME = "application/json"


def drop(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key=state.UPLOADER).set_value([(n, c, JSON_MIME) for n, c in files])
    return at.run()


def finish(at: AppTest) -> AppTest:
    data.runner().wait(timeout_s=30)
    return at.run()


def links_to_analysis(at: AppTest) -> list[str]:
    return [
        link.proto.query_string
        for link in at.main.get("page_link")
        if link.proto.page == "analysis"
    ]


def test_uploader_accepts_any_file_up_to_the_size_limit(engineer: Actor) -> None:
    at = app(engineer).run()
    uploader = at.file_uploader(key=state.UPLOADER)
    assert uploader.accept_multiple_files
    # No extension filter: the content decides, and an unreadable file fails with a sentence.
    assert not uploader.allowed_type
    assert uploader.proto.max_upload_size_mb == 50


def test_dropping_files_submits_each_once_and_shows_how_it_ended(
    ctx: ServiceContext, engineer: Actor
) -> None:
    report = json.dumps(report_json(tag="SWGR-1")).encode()
    at = drop(app(engineer).run(), ("swgr.json", report), ("junk.pdf", b"%PDF-1.4 nothing"))
    assert not at.exception
    rows = views.list_tasks(ctx, engineer)
    assert sorted(r.original_filename for r in rows) == ["junk.pdf", "swgr.json"]

    at = finish(at)
    at = finish(at)  # a rerun keeps the files in the uploader: nothing is submitted twice
    assert len(views.list_tasks(ctx, engineer)) == 2
    by_name = {r.original_filename: r for r in views.list_tasks(ctx, engineer)}
    assert "2 of 2 files done" in texts(at)
    junk = by_name["junk.pdf"]
    assert junk.status == "FAILED" and junk.error_message
    assert junk.error_message in texts(at)
    swgr = by_name["swgr.json"]
    if swgr.status == "COMPLETED":  # the JSON reader analyses it; until then it fails too
        assert swgr.verdict in texts(at)
    assert sorted(links_to_analysis(at)) == sorted(f"task={r.task_id}" for r in by_name.values())


def test_an_identical_file_is_offered_then_analysed_again_on_request(
    ctx: ServiceContext, engineer: Actor
) -> None:
    report = json.dumps(report_json(tag="SWGR-2")).encode()
    at = finish(drop(app(engineer).run(), ("swgr.json", report)))
    first = views.list_tasks(ctx, engineer)
    # Same bytes under another name, dropped again later: a new uploader file id.
    at.file_uploader(key=state.UPLOADER).set_value(None)
    at.run()
    at = drop(at, ("copy.json", report))
    if first[0].status == "FAILED":
        # A failed analysis is not offered: the service queues the file again.
        assert len(views.list_tasks(ctx, engineer)) == 2
        return
    assert len(views.list_tasks(ctx, engineer)) == 1
    assert "You analysed this file before" in texts(at)
    offer = next(p for p in at.main.get("page_link") if p.value == "Already analysed — open it")
    assert offer.proto.query_string == f"task={first[0].task_id}"
    again = next(b for b in at.button if b.label == "Analyse again anyway")
    again.click()
    at = finish(at.run())
    assert len(views.list_tasks(ctx, engineer)) == 2
