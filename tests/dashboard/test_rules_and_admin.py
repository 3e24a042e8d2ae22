"""Rules: the catalog from each rule's docs with the profile's thresholds. Admin: accounts are
listed, created, re-roled, deactivated, unlocked and given a new password; others get a
sentence, not the page."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from core.analysis.rules import all_rules
from core.enums import Role
from core.services import login, sessions, users
from core.services.context import ServiceContext
from core.services.errors import LoginError
from core.services.users import Actor
from tests.dashboard.helpers import PASSWORD, open_page, texts

RULES = "app_pages/rules.py"
ADMIN = "app_pages/admin.py"


def test_rules_page_renders_every_rule_with_its_docs_and_thresholds(engineer: Actor) -> None:
    at = open_page(engineer, RULES)
    assert not at.exception
    assert len(at.expander) == len(all_rules())
    ir001 = next(e for e in at.expander if "IR-001" in e.label)
    body = "\n".join(m.value for m in ir001.markdown)
    assert "#### What it checks" in body and "#### Remediation" in body
    assert "`ir.below_minimum` — raised when the condition is found · raises **CRITICAL**" in body
    assert ir001.dataframe  # Table 100.1 rows


def test_rules_page_follows_the_profile_in_the_url(engineer: Actor) -> None:
    at = open_page(engineer, RULES, {"profile": "datacenter-owner-example"})
    gnd = next(e for e in at.expander if "GND-001" in e.label)
    assert "`gnd.system_max` — passes when ≤ 1 Ω" in "\n".join(m.value for m in gnd.markdown)
    at.text_input[0].input("GND-001")
    at.run()
    assert len(at.expander) == 1


def test_admin_lists_and_changes_accounts(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    at = open_page(admin, ADMIN)
    assert not at.exception
    listed = at.dataframe[0].value
    assert list(listed["Email"]) == ["admin@example.com", "eng@example.com"]
    assert set(listed.columns) >= {"Role", "Active", "Locked", "Last login"}

    at.selectbox(key="admin-account").set_value("eng@example.com")
    at.run()
    at.selectbox(key=f"admin-role-{engineer.id}").set_value("manager")
    at.run()
    at.button(key="admin-save-role").click()
    at.run()
    assert "eng@example.com is now manager." in texts(at)
    assert users.get_actor(ctx, engineer.id).role is Role.MANAGER  # type: ignore[union-attr]

    at.button(key="admin-toggle-active").click()
    at.run()
    assert "eng@example.com is deactivated." in texts(at)
    assert users.get_actor(ctx, engineer.id) is None


def test_admin_unlocks_a_locked_account(ctx: ServiceContext, admin: Actor, engineer: Actor) -> None:
    for _ in range(5):
        with contextlib.suppress(LoginError):
            login.authenticate(ctx, email=engineer.email, password="wrong password")
    at = open_page(admin, ADMIN)
    at.selectbox(key="admin-account").set_value("eng@example.com")
    at.run()
    assert "locked" in at.caption[0].value or "locked" in texts(at)
    at.button(key="admin-unlock").click()
    at.run()
    assert "eng@example.com is unlocked." in texts(at)
    login.authenticate(ctx, email=engineer.email, password=PASSWORD, now=dt.datetime.now(dt.UTC))


def test_admin_creates_an_account(ctx: ServiceContext, admin: Actor) -> None:
    at = open_page(admin, ADMIN)
    at.text_input(key="new-email").input("new@example.com")
    at.text_input(key="new-name").input("Nina New")
    at.selectbox(key="new-role").set_value("manager")
    at.text_input(key="new-password").input("short")
    at.text_input(key="new-repeat").input("short")
    at.button(key="new-submit").click()
    at.run()
    assert "at least 10 characters" in texts(at)
    at.text_input(key="new-password").input(PASSWORD)
    at.text_input(key="new-repeat").input(PASSWORD)
    at.button(key="new-submit").click()
    at.run()
    assert "Created manager new@example.com." in texts(at)
    created = users.get_actor_by_email(ctx, "new@example.com")
    assert created is not None and created.full_name == "Nina New"


def test_admin_page_refuses_non_admins(manager: Actor) -> None:
    at = open_page(manager, ADMIN)
    assert "Only an administrator can see the users." in texts(at)
    assert not at.dataframe


def test_admin_sets_a_new_password_which_ends_the_users_sessions(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    for _ in range(5):
        with contextlib.suppress(LoginError):
            login.authenticate(ctx, email=engineer.email, password="wrong password")
    at = open_page(admin, ADMIN)
    at.selectbox(key="admin-account").set_value("eng@example.com")
    at.run()
    at.text_input(key="reset-password").input("password")
    at.text_input(key="reset-repeat").input("password")
    at.button(key="reset-submit").click()
    at.run()
    assert "at least 10 characters" in texts(at)
    at.text_input(key="reset-password").input("tidal-ohm-meter-7")
    at.text_input(key="reset-repeat").input("tidal-ohm-meter-7")
    at.button(key="reset-submit").click()
    at.run()
    assert "New password set for eng@example.com" in texts(at)
    assert (
        sessions.session_actor(ctx, user_id=engineer.id, version=engineer.session_version) is None
    )
    assert login.authenticate(ctx, email=engineer.email, password="tidal-ohm-meter-7")  # unlocked


def test_rules_family_and_search_live_in_the_url(engineer: Actor) -> None:
    at = open_page(engineer, "app_pages/rules.py", {"family": "IR", "q": "insulation"})
    assert not at.exception
    shown = " ".join(e.label for e in at.expander)
    assert "IR-001" in shown and "CR-001" not in shown
    at.text_input(key="rules.q").set_value("").run()
    assert at.query_params["family"] == "IR" and "q" not in at.query_params
    at.pills(key="rules.family").set_value("All").run()
    assert "family" not in at.query_params


def test_threshold_tables_have_worded_headers_and_blank_empty_cells() -> None:
    from dashboard.components.rule_card import header, threshold_frame

    assert header("min_test_voltage_v") == "Minimum test voltage (V)"
    assert header("max_rating_v") == "Rated up to (V)"
    assert header("some_new_value_pct") == "Some new value (%)"
    frame = threshold_frame([{"label": "A", "dry_min_mohm": 5.0}, {"label": "B"}])
    assert list(frame.columns) == ["Class", "Minimum, dry-type (MΩ)"]
    assert list(frame["Minimum, dry-type (MΩ)"]) == ["5", ""]


def test_admin_shows_failed_logins_lock_expiry_last_login_and_the_trail(
    ctx: ServiceContext, admin: Actor, engineer: Actor
) -> None:
    for _ in range(2):
        with pytest.raises(LoginError):
            login.authenticate(ctx, email=engineer.email, password="wrong password here")
    at = open_page(admin, "app_pages/admin.py")
    assert not at.exception
    users = at.dataframe[0].value.set_index("Email")
    assert users.loc[engineer.email, "Failed logins"] == 2
    assert users.loc[engineer.email, "Locked until"] == ""  # blank, not None
    assert "Last login" in users.columns
    events = at.dataframe[1].value
    assert "Login refused" in list(events["What"])
    at.segmented_control(key="admin-events").set_value("Accounts").run()
    assert set(at.dataframe[1].value["What"]) <= {
        "Account created",
        "Account changed",
        "Password reset",
    }


def test_recent_events_are_for_administrators(
    ctx: ServiceContext, admin: Actor, manager: Actor
) -> None:
    from core.services import audit
    from core.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        audit.recent_events(ctx, manager)
    newest = audit.recent_events(ctx, admin, limit=1)
    assert len(newest) == 1 and newest[0].action == "user.created"
