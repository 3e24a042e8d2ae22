"""The shell: a fresh embedded database is migrated, every page is registered, logged-out
visitors see only the gate, and the sidebar says where the database stands."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.services.users import Actor
from dashboard import navigation
from tests.dashboard.helpers import APP, TIMEOUT_S, app, texts


def test_first_run_migrates_the_database_and_asks_for_the_first_admin(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    assert not at.exception
    assert (data_dir / "auditeng.db").exists()
    assert "Create the first administrator" in texts(at)
    assert not at.sidebar.get("page_link")  # no menu before login
    assert str(data_dir) not in texts(at) + "".join(c.value for c in at.sidebar.caption)
    assert not any("SQLite" in c.value for c in at.sidebar.caption)  # nor where the database is


def test_the_login_page_says_nothing_about_the_server(admin: Actor, data_dir: Path) -> None:
    at = app().run()
    assert at.button(key="login_submit").label == "Log in"
    shown = texts(at) + "".join(c.value for c in at.sidebar.caption)
    assert str(data_dir) not in shown and "SQLite" not in shown and "migration" not in shown


def test_every_page_is_registered_with_its_title_and_url_path() -> None:
    assert [(p.title, p.url_path) for p in navigation.PAGES] == [
        ("Upload", "upload"),
        ("Analysis", "analysis"),
        ("Tasks", "tasks"),
        ("Assets", "assets"),
        ("Trends", "trends"),
        ("Rules", "rules"),
        ("Admin", "admin"),
        ("Package", "package"),
    ]


def test_menu_shows_each_role_the_pages_it_may_use(
    engineer: Actor, manager: Actor, admin: Actor
) -> None:
    def menu(actor: Actor) -> list[str]:
        at = app(actor).run()
        assert not at.exception
        return [link.value for link in at.sidebar.get("page_link")]

    assert menu(engineer) == ["Upload", "Analysis", "Tasks", "Assets", "Rules"]
    assert menu(manager) == ["Upload", "Analysis", "Tasks", "Assets", "Trends", "Rules"]
    assert menu(admin) == ["Upload", "Analysis", "Tasks", "Assets", "Trends", "Rules", "Admin"]


def test_sidebar_names_the_user_and_role(admin: Actor) -> None:
    at = app(admin).run()
    sidebar = "\n".join(t.value for t in at.sidebar.text) + "\n".join(
        c.value for c in at.sidebar.caption
    )
    assert "admin@example.com" in sidebar
    assert "Role: admin" in sidebar
    assert "up to date" in sidebar  # where the database is and how it stands: admins only
    assert at.sidebar.button(key="auditeng.logout_button").label == "Log out"


def test_only_admins_see_where_the_database_is(engineer: Actor, manager: Actor) -> None:
    for actor in (engineer, manager):
        at = app(actor).run()
        captions = "\n".join(c.value for c in at.sidebar.caption)
        assert "Role:" in captions and "Database" not in captions and "SQLite" not in captions
