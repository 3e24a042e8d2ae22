"""Every page, opened by every role and by nobody, on one engineer's report: what each may see
and what each is refused. `PAGE_CHECKS` is the table (one test per role over every page, counted
by bench/access.py for docs/reliability.md); the services behind the pages refuse on their own
(tests/core/services/test_access.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from core.enums import Role, TaskStatus
from core.services import tasks
from core.services.context import ServiceContext
from core.services.users import Actor
from samples.package_files import breaker, workbook
from tests.dashboard.helpers import make_user, open_page, seed_report, texts

ROLES = ("nobody", "owner", "other_engineer", "manager", "admin")
LOW = (2.5e9, 3.1e9, 5e6)  # an IR-001 CRITICAL, so a manager has something to override


@dataclass(frozen=True)
class Seeded:
    """What the owner uploaded: one report, and a package of two."""

    report: uuid.UUID
    package: uuid.UUID


@dataclass(frozen=True)
class Page:
    script: str
    query: Callable[[Seeded], dict[str, str]]
    allowed: frozenset[str]
    sees: Callable[[AppTest, Seeded], bool]
    """True when the page showed what the role may see (not a refusal)."""


def _no_query(_: Seeded) -> dict[str, str]:
    return {}


def _the_task(seeded: Seeded) -> dict[str, str]:
    return {"task": str(seeded.report)}


def _the_package(seeded: Seeded) -> dict[str, str]:
    return {"id": str(seeded.package)}


def _package_listed(at: AppTest, _: Seeded) -> bool:
    return bool(at.dataframe) and list(at.dataframe[0].value["Tag"]) == ["CB-1", "CB-2"]


def _logged_out(at: AppTest) -> bool:
    return any(b.key == "login_submit" for b in at.button)


def _analysis_shown(at: AppTest, _: Seeded) -> bool:
    return bool(at.tabs) and "SWGR-ACL" in texts(at)


def _override_form(at: AppTest, _: Seeded) -> bool:
    return any(str(b.key).startswith("override-submit-") for b in at.button)


def _uploader(at: AppTest, _: Seeded) -> bool:
    return bool(at.get("file_uploader"))


def _report_listed(at: AppTest, _: Seeded) -> bool:
    return bool(at.dataframe) and "SWGR-ACL.json" in list(at.dataframe[0].value["File"])


def _charts(at: AppTest, _: Seeded) -> bool:
    return bool(at.get("plotly_chart"))


def _users_table(at: AppTest, _: Seeded) -> bool:
    return bool(at.dataframe) and "owner@example.com" in at.dataframe[0].value.to_string()


def _the_asset(_: Seeded) -> dict[str, str]:
    return {"tag": "SWGR-ACL", "site": "Plant A"}


def _asset_history(at: AppTest, _: Seeded) -> bool:
    return any(m.label == "Analyses" for m in at.metric)


def _rules(at: AppTest, _: Seeded) -> bool:
    return "IR-001" in texts(at)


READERS = frozenset({"owner", "manager", "admin"})
EVERYONE = frozenset({"owner", "other_engineer", "manager", "admin"})
MANAGERS = frozenset({"manager", "admin"})

PAGE_CHECKS: dict[str, Page] = {
    "Upload": Page("app_pages/upload.py", _no_query, EVERYONE, _uploader),
    "Tasks (the report's row)": Page("app_pages/tasks.py", _no_query, READERS, _report_listed),
    "Analysis by link": Page("app_pages/analysis.py", _the_task, READERS, _analysis_shown),
    "Analysis override form": Page("app_pages/analysis.py", _the_task, MANAGERS, _override_form),
    "Asset history": Page("app_pages/assets.py", _the_asset, READERS, _asset_history),
    "Package": Page("app_pages/package.py", _the_package, READERS, _package_listed),
    "Trends": Page("app_pages/trends.py", _no_query, MANAGERS, _charts),
    "Rules": Page("app_pages/rules.py", _no_query, EVERYONE, _rules),
    "Admin": Page("app_pages/admin.py", _no_query, frozenset({"admin"}), _users_table),
}


@pytest.fixture
def people(ctx: ServiceContext, admin: Actor) -> dict[str, Actor | None]:
    return {
        "nobody": None,
        "owner": make_user(ctx, admin, "owner@example.com", Role.ENGINEER),
        "other_engineer": make_user(ctx, admin, "other@example.com", Role.ENGINEER),
        "manager": make_user(ctx, admin, "boss@example.com", Role.MANAGER),
        "admin": admin,
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_page_shows_each_role_only_what_it_may_see(
    ctx: ServiceContext, people: dict[str, Actor | None], role: str
) -> None:
    owner = people["owner"]
    assert owner is not None
    report = seed_report(ctx, owner, tag="SWGR-ACL", site="Plant A", readings_ohm=LOW)
    content = workbook({"CB-1": breaker("CB-1"), "CB-2": breaker("CB-2", low_pole=2)})
    package = tasks.submit_report(ctx, owner, filename="breakers.xlsx", content=content).task_id
    assert tasks.run_analysis(ctx, package, as_of=dt.date(2026, 3, 15)) == TaskStatus.COMPLETED
    seeded = Seeded(report=report, package=package)
    wrong: list[str] = []
    for page_name, page in PAGE_CHECKS.items():
        at = open_page(people[role], page.script, page.query(seeded))
        assert not at.exception, page_name
        if role == "nobody":
            held = _logged_out(at) and not page.sees(at, seeded)
        elif role in page.allowed:
            held = page.sees(at, seeded)
        else:
            held = not page.sees(at, seeded) and not _logged_out(at)
        if not held:
            wrong.append(page_name)
    assert wrong == [], f"{role}: {wrong}"
