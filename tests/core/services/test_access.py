"""Every service function that takes an actor, tried by every role on another engineer's report
(by id, as a pasted link would name it): the owner and managers may read, re-run and download
it; another engineer gets PermissionDenied for each; only managers override; only managers see
Trends; only administrators manage users. `ROLE_CHECKS` is the table (bench/access.py counts it
for docs/reliability.md); the last test proves it names every service function taking an actor.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import inspect
import pkgutil
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from core.demo import demo_report
from core.enums import Role, Severity, TaskStatus
from core.services import (
    audit,
    evidence,
    overrides,
    package_reports,
    packages,
    reports,
    tasks,
    trends,
    users,
    views,
)
from core.services.context import ServiceContext
from core.services.errors import NotFound, PermissionDenied
from core.services.users import Actor

DAY = dt.date(2026, 3, 2)
ROLES = ("owner", "other_engineer", "manager", "admin")


@dataclass(frozen=True)
class World:
    ctx: ServiceContext
    people: dict[str, Actor]
    task_id: uuid.UUID
    finding_id: uuid.UUID
    victim_id: uuid.UUID
    """An account to change: the admin's tests act on it."""


Call = Callable[[World, Actor], Any]

READ = {"owner", "manager", "admin"}
MANAGERS = {"manager", "admin"}
ADMINS = {"admin"}


def _override_then_revoke(w: World, actor: Actor) -> None:
    overrides.override_finding(w.ctx, actor, w.finding_id, "Accepted by the owner's engineer")
    overrides.revoke_override(w.ctx, actor, w.finding_id)


def _not_a_package(call: Callable[..., Any], w: World, actor: Actor) -> None:
    """The report is a single one: past the access check the package functions say NotFound
    (tests/core/services/test_package_page.py tries them per role on a real package)."""
    with pytest.raises(NotFound):
        call(w.ctx, actor, w.task_id)


def _region_evidence(w: World, actor: Actor) -> None:
    """The access check comes before the lookup: an allowed role learns the demo report has no
    such region; a refused one is refused first."""
    with contextlib.suppress(NotFound):
        evidence.region_evidence(w.ctx, actor, w.task_id, 0)


def _get_task_for(w: World, actor: Actor) -> None:
    with w.ctx.session() as session:
        tasks.get_task_for(session, actor, w.task_id)


ROLE_CHECKS: list[tuple[str, Call, set[str]]] = [
    ("tasks.task_status", lambda w, a: tasks.task_status(w.ctx, a, w.task_id), READ),
    ("tasks.get_task_for", _get_task_for, READ),
    ("evidence.finding_evidence",
     lambda w, a: evidence.finding_evidence(w.ctx, a, w.task_id, w.finding_id), READ),
    ("evidence.measurement_evidence",
     lambda w, a: evidence.measurement_evidence(w.ctx, a, w.task_id, 0), READ),
    ("evidence.region_evidence", _region_evidence, READ),
    ("tasks.original_file", lambda w, a: tasks.original_file(w.ctx, a, w.task_id), READ),
    ("tasks.requeue", lambda w, a: tasks.requeue(w.ctx, a, w.task_id, "neta-ats-2025"), READ),
    ("views.get_analysis_view", lambda w, a: views.get_analysis_view(w.ctx, a, w.task_id), READ),
    ("reports.audit_report_pdf", lambda w, a: reports.audit_report_pdf(w.ctx, a, w.task_id), READ),
    ("packages.package_of", lambda w, a: packages.package_of(w.ctx, a, w.task_id), READ),
    ("audit.audit_trail", lambda w, a: audit.audit_trail(w.ctx, a, w.task_id), READ),
    ("audit.recent_events", lambda w, a: audit.recent_events(w.ctx, a), ADMINS),
    ("packages.package_page", lambda w, a: _not_a_package(packages.package_page, w, a), READ),
    ("package_reports.package_audit_pdf",
     lambda w, a: _not_a_package(package_reports.package_audit_pdf, w, a), READ),
    ("audit.record_link_opened", lambda w, a: audit.record_link_opened(w.ctx, a, w.task_id), READ),
    ("overrides.override_finding", _override_then_revoke, MANAGERS),
    ("overrides.revoke_override",
     lambda w, a: overrides.revoke_override(w.ctx, a, w.finding_id), MANAGERS),
    ("trends.trend_summary", lambda w, a: trends.trend_summary(w.ctx, a), MANAGERS),
    ("trends.export_rows", lambda w, a: list(trends.export_rows(w.ctx, a, None, "findings")),
     MANAGERS),
    ("users.list_users", lambda w, a: users.list_users(w.ctx, a), ADMINS),
    ("users.create_user", lambda w, a: users.create_user(
        w.ctx, a, email=f"{uuid.uuid4().hex[:8]}@example.com", password="tidal-ohm-meter-7",
        role=Role.ENGINEER), ADMINS),
    ("users.update_user", lambda w, a: users.update_user(w.ctx, a, w.victim_id, unlock=True),
     ADMINS),
    ("users.reset_password",
     lambda w, a: users.reset_password(w.ctx, a, w.victim_id, "tidal-ohm-meter-7"), ADMINS),
]  # fmt: skip


@pytest.fixture
def world(
    ctx: ServiceContext, admin: Actor, engineer: Actor, other_engineer: Actor, manager: Actor
) -> World:
    for seed in range(40):
        name, content = demo_report(random.Random(seed), DAY, "DC-North", 1.0)
        task_id = tasks.submit_report(ctx, engineer, filename=name, content=content).task_id
        assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
        view = views.get_analysis_view(ctx, engineer, task_id)
        if any(f.severity is Severity.CRITICAL for f in view.findings):
            break
    finding = next(f for f in view.findings if f.severity is Severity.CRITICAL)
    victim = users.create_user(
        ctx, admin, email="victim@example.com", password="password-123", role=Role.ENGINEER
    )
    people = {"owner": engineer, "other_engineer": other_engineer, "manager": manager}
    return World(ctx, people | {"admin": admin}, task_id, finding.id, victim.id)


@pytest.mark.parametrize(("name", "call", "allowed"), ROLE_CHECKS, ids=[c[0] for c in ROLE_CHECKS])
def test_each_role_may_do_only_what_its_role_allows(
    world: World, name: str, call: Call, allowed: set[str]
) -> None:
    if name == "overrides.revoke_override":  # needs a standing override to revoke
        overrides.override_finding(
            world.ctx, world.people["manager"], world.finding_id, "Accepted by the owner"
        )
    for role in ROLES:
        actor = world.people[role]
        if role in allowed:
            call(world, actor)
            if name == "tasks.requeue":  # back to finished, for the next role's re-run
                tasks.run_analysis(world.ctx, world.task_id, as_of=DAY)
            if name == "overrides.revoke_override":
                overrides.override_finding(
                    world.ctx, world.people["manager"], world.finding_id, "Accepted by the owner"
                )
        else:
            with pytest.raises(PermissionDenied):
                call(world, actor)


def test_another_engineers_report_is_not_in_lists_or_filters(world: World) -> None:
    ctx, people = world.ctx, world.people
    mine = {row.task_id for row in views.list_tasks(ctx, people["owner"])}
    theirs = {row.task_id for row in views.list_tasks(ctx, people["other_engineer"])}
    assert world.task_id in mine and world.task_id not in theirs
    assert world.task_id in {row.task_id for row in views.list_tasks(ctx, people["manager"])}
    assert views.filter_options(ctx, people["other_engineer"]).get("sites", []) == []
    assert views.filter_options(ctx, people["owner"])["sites"] == ["DC-North"]


def test_a_denied_attempt_changes_nothing(world: World) -> None:
    ctx, people = world.ctx, world.people
    before = views.get_analysis_view(ctx, people["manager"], world.task_id)
    trail = audit.audit_trail(ctx, people["manager"], world.task_id)
    for name, call, allowed in ROLE_CHECKS:
        if "other_engineer" not in allowed and name.startswith(("tasks.", "overrides.")):
            with pytest.raises(PermissionDenied):
                call(world, people["other_engineer"])
    with pytest.raises(PermissionDenied):
        overrides.override_finding(ctx, people["owner"], world.finding_id, "my own report is fine")
    assert views.get_analysis_view(ctx, people["manager"], world.task_id) == before
    assert audit.audit_trail(ctx, people["manager"], world.task_id) == trail


OWN_OR_SCOPED = {
    "tasks.submit_report": "creates the actor's own task",
    "sessions.end_sessions": "ends the actor's own sessions (logout)",
    "views.list_tasks": "scoped to what the actor may see (tested below)",
    "views.list_task_page": "the same scope as list_tasks, a page at a time",
    "views.filter_options": "scoped like list_tasks",
    "assets.list_assets": "scoped like list_tasks (tests/core/services/test_assets.py)",
    "assets.asset_detail": "scoped like list_tasks: None for an asset the actor sees no report of",
    "assets.asset_sites": "scoped like list_tasks",
}
"""Functions taking an actor that act only on the actor's own things or filter by the actor's
role instead of refusing; the list tests above cover the filtering."""


def _functions_taking_an_actor() -> set[str]:
    import core.services as services

    found = set()
    for module_info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"core.services.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
                and "actor" in inspect.signature(value).parameters
            ):
                found.add(f"{module_info.name}.{name}")
    return found


def test_the_role_table_covers_every_function_that_takes_an_actor() -> None:
    checked = {name for name, _, _ in ROLE_CHECKS}
    assert _functions_taking_an_actor() - checked - set(OWN_OR_SCOPED) == set()
    assert checked <= _functions_taking_an_actor()  # no stale rows
