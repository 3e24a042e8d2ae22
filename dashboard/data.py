"""The one seam between the pages and core: cached engine, context and runner; plain-data calls.

Everything returned is plain data (dataclasses, Pydantic models, DataFrames), never ORM
objects. The actor is passed explicitly; cached loaders take it as an argument so one user's
cached answer is never served to another (`st.cache_data` is shared by all sessions).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from core.config import Settings, get_settings
from core.enums import Role
from core.services import first_run, login, packages, rules, sessions, tasks, trends, users, views
from core.services.audit import AuditEntry
from core.services.background import Background, live_workers, start_background
from core.services.context import ServiceContext, build_context
from core.services.packages import PackageSummary
from core.services.system import DatabaseStatus, prepare_database
from core.services.tasks import Submission
from core.services.users import Actor, UserRow
from core.services.views import AnalysisView, TaskFilters
from core.standards import DEFAULT_PROFILE_ID, list_profiles, load_profile
from dashboard import read_models
from dashboard.read_models import ProfileChoice, RuleEntry

if TYPE_CHECKING:
    from core.services.evidence import DocumentEvidence  # renders pages: imported when asked

TREND_TTL_S = 15
OPTIONS_TTL_S = 30


@st.cache_resource
def _prepared() -> DatabaseStatus:
    # Once per process: apply pending migrations on the embedded SQLite default; with no
    # account yet, make (or read) the first-run setup token and print it in the server log.
    status = prepare_database(context().engine)
    if status.ok and not users.has_users(context()):
        first_run.ensure_token(context().settings)
    return status


def database_status() -> DatabaseStatus:
    status = _prepared()
    if not status.ok:
        _prepared.clear()  # retry on the next run, e.g. after an operator migrates PostgreSQL
    return status


@st.cache_resource
def context() -> ServiceContext:
    """The services on the configured database (its engine made once per process)."""
    return build_context(get_settings())


@st.cache_resource
def runner() -> Background:
    """Where uploads go (`core.services.background`), started once per process: the job queue
    on PostgreSQL, the in-process pool on SQLite."""
    return start_background(context())


def settings() -> Settings:
    return get_settings()


def start() -> DatabaseStatus:
    """Database ready (migrated on SQLite) and the runner started; the status for the sidebar."""
    status = database_status()
    if status.ok:
        runner()
    return status


# Accounts ------------------------------------------------------------------------------------


def has_users() -> bool:
    return users.has_users(context())


def authenticate(email: str, password: str) -> Actor:
    return login.authenticate(context(), email=email, password=password)


def setup_token_needed(headers: dict[str, str] | None) -> bool:
    """Whether first-run setup asks for the token (the app is not served on localhost)."""
    return first_run.needs_token(headers, settings().public_url)


def create_first_admin(
    *, email: str, password: str, full_name: str | None, setup_token: str | None, require: bool
) -> Actor:
    return users.create_first_admin(
        context(),
        email=email,
        password=password,
        full_name=full_name,
        setup_token=setup_token,
        require_token=require,
    )


def session_actor(
    version: int | None, *, user_id: uuid.UUID | str | None = None, email: str | None = None
) -> Actor | None:
    """The active user now (role and active flag as the database says on this run), if the
    session (its version) has not ended since it began."""
    return sessions.session_actor(context(), version=version, user_id=user_id, email=email)


def end_sessions(actor: Actor) -> None:
    """Logout: this session and every copy of its cookie end."""
    sessions.end_sessions(context(), actor)


def record_link_opened(actor: Actor, task_id: uuid.UUID) -> None:
    from core.services import audit

    audit.record_link_opened(context(), actor, task_id)


def list_users(actor: Actor) -> list[UserRow]:
    return users.list_users(context(), actor)


def create_user(
    actor: Actor, *, email: str, password: str, role: Role, full_name: str | None
) -> Actor:
    return users.create_user(
        context(), actor, email=email, password=password, role=role, full_name=full_name
    )


def update_user(
    actor: Actor,
    user_id: uuid.UUID,
    *,
    role: Role | None = None,
    is_active: bool | None = None,
    unlock: bool = False,
) -> None:
    users.update_user(context(), actor, user_id, role=role, is_active=is_active, unlock=unlock)


def reset_password(actor: Actor, user_id: uuid.UUID, password: str) -> None:
    users.reset_password(context(), actor, user_id, password)


# Reports -------------------------------------------------------------------------------------


def submit(
    actor: Actor,
    *,
    filename: str,
    content: bytes,
    site: str | None,
    profile_id: str | None,
    allow_duplicate: bool = False,
    start: bool = True,
) -> Submission:
    """Store and queue one file; its analysis starts on the runner at once unless `start` is
    False (then `start_tasks` once the whole drop is stored: every file is listed at once and
    the analyses do not hold the database while the rest of the batch is written)."""
    submission = tasks.submit_report(
        context(),
        actor,
        filename=filename,
        content=content,
        site=site,
        profile_id=profile_id,
        allow_duplicate=allow_duplicate,
    )
    if not submission.duplicate:
        _data_changed()
        if start:
            start_tasks([submission.task_id])
    return submission


@st.cache_data(ttl=10, show_spinner=False)
def no_worker_running() -> bool:
    """True on PostgreSQL when no queue worker has beaten lately: uploads would only wait."""
    return live_workers(context()) == 0


def start_tasks(task_ids: list[uuid.UUID]) -> None:
    for task_id in task_ids:
        runner().enqueue(task_id)


def task_status(actor: Actor, task_id: uuid.UUID) -> tuple[str, str | None]:
    """(status, verdict) for a finished analysis, (FAILED, error sentence), or (status, None)."""
    return tasks.task_status(context(), actor, task_id)


def package_of(actor: Actor, task_id: uuid.UUID) -> PackageSummary | None:
    """The equipment reports of an upload that held several; None for a single report."""
    return packages.package_of(context(), actor, task_id)


def analysis_view(actor: Actor, task_id: uuid.UUID) -> AnalysisView:
    return views.get_analysis_view(context(), actor, task_id)


def rerun(actor: Actor, task_id: uuid.UUID, profile_id: str) -> None:
    tasks.requeue(context(), actor, task_id, profile_id)
    runner().enqueue(task_id)
    _data_changed()


def original_file(actor: Actor, task_id: uuid.UUID) -> tuple[str, bytes]:
    return tasks.original_file(context(), actor, task_id)


def audit_report(
    actor: Actor, task_id: uuid.UUID, browser_url: str | None = None
) -> tuple[str, bytes]:
    """The PDF audit report, its share link absolute (`share_link`)."""
    from core.services.reports import audit_report_pdf  # renders PDFs: imported when asked

    link = share_link(task_id, browser_url)
    return audit_report_pdf(context(), actor, task_id, share_url=link)


def finding_evidence(actor: Actor, task_id: uuid.UUID, finding_id: uuid.UUID) -> DocumentEvidence:
    """A finding's place in the document: the page with the reading outlined, or its cells."""
    from core.services import evidence  # renders pages: imported when asked

    return evidence.finding_evidence(context(), actor, task_id, finding_id)


def region_evidence(actor: Actor, task_id: uuid.UUID, index: int) -> DocumentEvidence:
    """A region the reader could not interpret, in the document."""
    from core.services import evidence

    return evidence.region_evidence(context(), actor, task_id, index)


def share_link(task_id: uuid.UUID, browser_url: str | None = None) -> str:
    """`AUDITENG_PUBLIC_URL/analysis?task=…`; without a public URL, the address the browser
    used (so the link can be pasted anywhere), else the relative link."""
    link = views.share_link(context(), task_id)
    if link.startswith("/") and browser_url:
        parts = urlsplit(browser_url)
        path = parts.path.rstrip("/")
        base = path.rsplit("/", 1)[0] if path else ""
        return f"{parts.scheme}://{parts.netloc}{base}{link}"
    return link


def package_page(actor: Actor, task_id: uuid.UUID) -> PackageSummary:
    """A package upload and its equipment reports (NotFound for a single report)."""
    return packages.package_page(context(), actor, task_id)


def package_audit_pdf(actor: Actor, task_id: uuid.UUID, share_url: str | None) -> tuple[str, bytes]:
    from core.services.package_reports import package_audit_pdf  # renders PDFs: when asked

    return package_audit_pdf(context(), actor, task_id, share_url=share_url)


def package_share_link(task_id: uuid.UUID, browser_url: str | None = None) -> str:
    """`AUDITENG_PUBLIC_URL/package?id=…`, else made absolute from the browser's address."""
    return _absolute(packages.package_share_link(context(), task_id), browser_url)


def _absolute(link: str, browser_url: str | None) -> str:
    if link.startswith("/") and browser_url:
        parts = urlsplit(browser_url)
        path = parts.path.rstrip("/")
        base = path.rsplit("/", 1)[0] if path else ""
        return f"{parts.scheme}://{parts.netloc}{base}{link}"
    return link


def audit_trail(actor: Actor, task_id: uuid.UUID) -> list[AuditEntry]:
    """The report's events (upload, re-runs, analyses, overrides, links opened), oldest first."""
    from core.services import audit

    return audit.audit_trail(context(), actor, task_id)


def recent_events(actor: Actor, actions: tuple[str, ...] = ()) -> list[AuditEntry]:
    """The latest events of every account and report (administrators)."""
    from core.services import audit

    return audit.recent_events(context(), actor, actions=actions)


def may_override(actor: Actor) -> bool:
    """Whether to offer override controls (the service still checks when one is saved)."""
    return actor.can(Role.MANAGER)


def override_finding(actor: Actor, finding_id: uuid.UUID, justification: str) -> None:
    from core.services import overrides

    overrides.override_finding(context(), actor, finding_id, justification)
    _data_changed()


def revoke_override(actor: Actor, finding_id: uuid.UUID) -> None:
    from core.services import overrides

    overrides.revoke_override(context(), actor, finding_id)
    _data_changed()


def task_page(
    actor: Actor,
    filters: TaskFilters,
    *,
    sort: str,
    descending: bool,
    after: tuple[object, ...] | None,
) -> views.TaskPage:
    # Not cached: statuses change while analyses run; one page is one indexed query.
    return views.list_task_page(
        context(), actor, filters, sort=sort, descending=descending, after=after
    )


@st.cache_data(ttl=OPTIONS_TTL_S, show_spinner=False)
def filter_options(actor: Actor) -> dict[str, list[str]]:
    return views.filter_options(context(), actor)


@st.cache_data(ttl=TREND_TTL_S, show_spinner=False, max_entries=64)
def trend_summary(
    actor: Actor, filters: TaskFilters, freq: str, basis: str = "test"
) -> trends.TrendSummary:
    """The database's aggregates: a few kilobytes whatever the number of analyses."""
    return trends.trend_summary(
        context(), actor, filters, "M" if freq == "M" else "W",
        "uploaded" if basis == "uploaded" else "test",
    )  # fmt: skip


def trend_export(actor: Actor, filters: TaskFilters, kind: str) -> pd.DataFrame:
    """Every analysis or finding the filters select, read when a download is clicked."""
    columns = trends.ANALYSIS_COLUMNS if kind == "analyses" else trends.FINDING_COLUMNS
    return pd.DataFrame(list(trends.export_rows(context(), actor, filters, kind)), columns=columns)


def _data_changed() -> None:
    trend_summary.clear()
    filter_options.clear()


# Standards -----------------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def profiles() -> list[ProfileChoice]:
    return [ProfileChoice(id=p, title=load_profile(p).title) for p in list_profiles()]


def default_profile_id() -> str:
    return DEFAULT_PROFILE_ID


@st.cache_data(show_spinner=False)
def rule_catalog(profile_id: str) -> list[RuleEntry]:
    return read_models.rule_entries(rules.rule_catalogue(profile_id))
