"""The pages (title, URL path, who sees them in the menu) and the sidebar around them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.enums import Role
from core.services.system import DatabaseStatus
from core.services.users import Actor
from dashboard.formatting import md_text


@dataclass(frozen=True)
class PageSpec:
    script: str
    """Relative to dashboard/app.py, as st.Page and st.page_link want it."""
    title: str
    url_path: str
    icon: str
    menu_role: Role
    """The least role that sees it in the menu; services still refuse on their own."""
    in_menu: bool = True
    """False for a page that only makes sense opened from a link (`package?id=…`)."""


UPLOAD = PageSpec(
    "app_pages/upload.py", "Upload", "upload", ":material/upload_file:", Role.ENGINEER
)
ANALYSIS = PageSpec(
    "app_pages/analysis.py", "Analysis", "analysis", ":material/fact_check:", Role.ENGINEER
)
TASKS = PageSpec("app_pages/tasks.py", "Tasks", "tasks", ":material/list_alt:", Role.ENGINEER)
TRENDS = PageSpec("app_pages/trends.py", "Trends", "trends", ":material/insights:", Role.MANAGER)
ASSETS = PageSpec(
    "app_pages/assets.py", "Assets", "assets", ":material/inventory_2:", Role.ENGINEER
)
RULES = PageSpec("app_pages/rules.py", "Rules", "rules", ":material/rule:", Role.ENGINEER)
ADMIN = PageSpec(
    "app_pages/admin.py", "Admin", "admin", ":material/admin_panel_settings:", Role.ADMIN
)
PACKAGE = PageSpec(
    "app_pages/package.py", "Package", "package", ":material/folder_copy:", Role.ENGINEER,
    in_menu=False,
)  # fmt: skip
PAGES = (UPLOAD, ANALYSIS, TASKS, ASSETS, TRENDS, RULES, ADMIN, PACKAGE)
START = "app_pages/start.py"
"""The default page: Streamlit serves it at `/` whatever its url_path, so it forwards to Upload."""


def register() -> st.Page:
    """Every page, whoever is (not yet) logged in: a shared `/analysis?task=…` link must resolve
    to its page before the login gate runs (streamlit-authenticator issue #179)."""
    pages = [st.Page(START, title="AuditEng", url_path="start", default=True)]
    pages += [st.Page(p.script, title=p.title, url_path=p.url_path, icon=p.icon) for p in PAGES]
    # Hidden: the sidebar menu below shows each role only the pages it may use.
    return st.navigation(pages, position="hidden")


def sidebar(actor: Actor, status: DatabaseStatus, on_logout: Callable[[], None]) -> None:
    with st.sidebar:
        st.markdown("### ⚡ AuditEng")
        for page in PAGES:
            if page.in_menu and actor.can(page.menu_role):
                st.page_link(page.script, label=page.title, icon=page.icon)
        st.divider()
        if actor.full_name:
            st.markdown(f"**{md_text(actor.full_name)}**")
        st.text(actor.email)  # not markdown: it would turn the address into a mailto link
        st.caption(f"Role: {actor.role.value}")
        st.button(
            "Log out", key="auditeng.logout_button", on_click=on_logout, icon=":material/logout:"
        )
        if actor.can(Role.ADMIN):  # where the database lives is for administrators only
            database_line(status)


def database_line(status: DatabaseStatus) -> None:
    if status.ok:
        st.caption(f"Database: {status.summary}")
    else:
        st.error(f"Database: {status.summary}")
