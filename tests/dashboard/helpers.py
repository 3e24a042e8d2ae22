"""Helpers for the AppTest suite: run the app as someone, read what it drew, seed reports.

Seeding goes through core.services (the same engine the app caches), so pages are tested on
what the services store. A COMPLETED analysis is seeded from an ExtractionResult through the
engine's `evaluate` and `outcomes.store_outcome`, so these tests do not depend on the readers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from core.config import get_settings
from core.enums import Role, TaskStatus
from core.models import Task
from core.services import outcomes, tasks, users
from core.services.context import ServiceContext
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, load_profile
from dashboard import state

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "correct horse"
TIMEOUT_S = 30


def clear_caches() -> None:
    get_settings.cache_clear()
    st.cache_resource.clear()  # the cached engine and runner belong to one test's data dir
    st.cache_data.clear()


def make_user(ctx: ServiceContext, admin: Actor, email: str, role: Role) -> Actor:
    return users.create_user(ctx, admin, email=email, password=PASSWORD, role=role)


def app(actor: Actor | None = None) -> AppTest:
    """The app, logged in as `actor` (its session already holds the user id and session
    version, as after a login) or logged out."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    if actor is not None:
        at.session_state[state.USER_ID] = str(actor.id)
        at.session_state[state.SESSION_VERSION] = actor.session_version
    return at


def open_page(actor: Actor | None, script: str, query: dict[str, Any] | None = None) -> AppTest:
    """Run the app once (st.navigation registers its pages), then open `script` with `query`."""
    at = app(actor).run()
    at.switch_page(script)
    at.query_params.clear()
    at.query_params.update(query or {})
    return at.run()


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def visible(markdown: str) -> str:
    """Markdown as a person reads it, as far as `formatting.md_text` goes: backslash escapes
    and the invisible word joiners that break autolinks and shortcodes removed."""
    return _ESCAPED.sub(r"\1", markdown).replace("\u2060", "")


_LIVE_WHEN_UNESCAPED = re.compile(r"https?://|\bwww\.|@\w|:(?:material_\w+|streamlit):", re.I)


def assert_inert(body: str) -> None:
    """No markdown in `body` that came from data and would render: once the escaped characters
    are set aside, no link or image bracket, HTML or autolink angle, LaTeX dollar or Streamlit
    directive is left, and what Streamlit finds after unescaping (bare URLs, e-mail addresses,
    icon shortcodes) is broken."""
    live = _ESCAPED.sub("", body)
    for construct in ("](", "![", "<", "$", "[alarm"):
        assert construct not in live, (construct, body)
    unescaped = _ESCAPED.sub(lambda match: match.group()[1], body)
    assert not _LIVE_WHEN_UNESCAPED.search(unescaped), body


def markdown_bodies(at: AppTest) -> list[str]:
    """Every string of the last run that Streamlit renders as markdown."""
    bodies: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):  # fmt: skip
        bodies += [str(element.value) for element in at.get(kind)]
    bodies += [str(e.label) for e in at.expander]
    bodies += [str(t.label) for t in at.tabs]
    bodies += [str(m.label) for m in at.metric]
    bodies += [str(b.label) for b in at.button]
    bodies += [str(link.proto.label) for link in at.get("page_link")]
    return bodies


def texts(at: AppTest) -> str:
    """Every visible sentence of the last run, for `in` assertions (escapes removed: what a
    person reads; assert on the elements' `.value` to see the markdown itself)."""
    parts: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "text", "code", "info",
                 "warning", "error", "success", "exception"):  # fmt: skip
        parts += [str(element.value) for element in at.get(kind)]
    parts += [str(e.label) for e in at.get("expander")]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return visible("\n".join(parts))


def report_json(
    *,
    tag: str = "SWGR-9",
    site: str | None = "Plant A",
    readings_ohm: tuple[float, ...] = (2.5e9, 3.1e9, 2.8e9),
    equipment_type: str = "SWITCHGEAR",
) -> dict[str, Any]:
    """A small, valid ExtractionResult dump (the JSON input format) of an IR test."""
    points = ("A-G", "B-G", "C-G", "A-B", "B-C", "C-A")
    return {
        "source": {"file_name": f"{tag}.json", "sha256": "0" * 64, "format": "json"},
        "equipment": {
            "tag": tag,
            "type": equipment_type,
            "voltage_rating_v": 480,
            "site": site,
            "manufacturer": "Acme Switch",
        },
        "test": {
            "type": "INSULATION_RESISTANCE",
            "date": "2025-03-01",
            "technician": "J. Doe",
            "company": "Volt Testing",
            "ambient_temperature_c": 20,
            "humidity_pct": 40,
        },
        "instruments": [
            {
                "manufacturer": "Megger",
                "model": "MIT525",
                "serial": "101",
                "calibration_date": "2024-09-01",
                "calibration_due_date": "2025-09-01",
            }
        ],
        "measurements": [
            {
                "quantity": "insulation_resistance",
                "point": point,
                "value": value,
                "unit": "ohm",
                "duration_s": 60,
                "test_voltage_v": 1000,
                "raw": f"{value / 1e6:g} MΩ",
            }
            for point, value in zip(points, readings_ohm, strict=False)
        ],
    }


def seed_report(
    ctx: ServiceContext,
    actor: Actor,
    *,
    created_at: dt.datetime | None = None,
    edit: Callable[[dict[str, Any]], None] | None = None,
    **report: Any,
) -> uuid.UUID:
    """A COMPLETED task: the JSON report stored as the user's upload, judged by the engine;
    `edit` changes the report's JSON first (a hostile manufacturer, point names …)."""
    from core.analysis.evaluate import evaluate
    from core.schemas import ExtractionResult

    doc = report_json(**report)
    if edit is not None:
        edit(doc)
    submission = tasks.submit_report(
        ctx,
        actor,
        filename=doc["source"]["file_name"],
        content=json.dumps(doc).encode(),
        allow_duplicate=True,
    )
    assert tasks.claim(ctx, submission.task_id)
    outcome = evaluate(
        ExtractionResult.model_validate(doc), load_profile(), as_of=dt.date(2025, 3, 2)
    )
    with ctx.session() as session:
        task = session.get(Task, submission.task_id)
        assert task is not None
        outcomes.store_outcome(session, task, outcome, DEFAULT_PROFILE_ID)
        if created_at is not None:
            task.created_at = created_at
    return submission.task_id


FAILED_SENTENCE = (
    "The PDF is damaged and cannot be opened; export it again from the source program."
)


def seed_failed(ctx: ServiceContext, actor: Actor, filename: str = "garbage.pdf") -> uuid.UUID:
    """A FAILED task, stored as the engine stores a failure (the real path: test_upload)."""
    from core.schemas import Outcome

    submission = tasks.submit_report(
        ctx, actor, filename=filename, content=b"not a report at all", allow_duplicate=True
    )
    assert tasks.claim(ctx, submission.task_id)
    failed = Outcome(file=filename, status=TaskStatus.FAILED, error=FAILED_SENTENCE)
    with ctx.session() as session:
        task = session.get(Task, submission.task_id)
        assert task is not None
        outcomes.store_outcome(session, task, failed, DEFAULT_PROFILE_ID)
    return submission.task_id
