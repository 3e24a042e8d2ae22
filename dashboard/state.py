"""Session-state keys and URL query-parameter names: the dashboard's state, named in one place."""

from __future__ import annotations

# Session state (per browser tab).
USER_ID = "auditeng.user_id"
"""The logged-in user's id; the actor itself is re-read from the database on every run."""
SESSION_VERSION = "auditeng.session_version"
"""The account's session version at login: the session ends when the database's differs."""
LANDING = "auditeng.landing"
"""(page URL path, `task` query parameter) of the session's first logged-in run."""
LINK_RECORDED = "auditeng.link_recorded"
"""The landing report's `task.link_opened` event is recorded (once per session)."""
COOKIE_TOKEN = "auditeng.cookie_token"
"""(signed token, expiry) of the login cookie being written, drawn again until it is."""
ACTOR = "auditeng.actor"
"""This run's Actor, set by the login gate before the page runs (pages read it, never set it)."""
LOGIN_NOTICE = "auditeng.login_notice"
"""A sentence for the login form, e.g. why a session ended (account deactivated)."""
UPLOADS = "auditeng.uploads"
"""Upload page: {uploader file_id: UploadEntry}, so each dropped file is submitted once."""
UPLOADER = "auditeng.uploader"
UPLOAD_SITE = "auditeng.upload_site"
UPLOAD_PROFILE = "auditeng.upload_profile"
LOGOUT_REQUESTED = "auditeng.logout_requested"
"""Set by the Logout button's callback; the next run's gate logs out before drawing anything."""
COOKIE_PENDING = "auditeng.cookie_pending"
"""`set` or `delete` until the browser confirms the cookie call; also that component's key."""
FLASH = "auditeng.flash"
"""A one-time message shown after an action that reruns the page (override saved …)."""

# Keys streamlit-authenticator itself keeps in session state (kept consistent by dashboard/auth).
AUTHENTICATOR_USERNAME = "username"
AUTHENTICATOR_NAME = "name"
AUTHENTICATOR_STATUS = "authentication_status"
AUTHENTICATOR_LOGOUT = "logout"
"""True after its logout: it then ignores the (stale) cookie the page request carried."""

# URL query parameters: every view is a URL (DESIGN.md §7).
Q_TASK = "task"
Q_STATUS = "status"
Q_VERDICT = "verdict"
Q_EQUIPMENT = "equipment"
Q_TEST = "test"
Q_SITE = "site"
Q_FROM = "from"
Q_TO = "to"
Q_SEARCH = "q"
Q_TAG = "tag"
Q_PACKAGE = "package"
Q_PROFILE = "profile"

# Tasks page paging: the keyset where each page shown so far starts (page 1: None), for the
# filters and sort it was built under; reset when they change.
TASK_PAGES = "auditeng.task_pages"
TASKS_QUERY = "auditeng.tasks_query"
"""The Tasks page's query parameters as last shown: an analysis's Back link returns to them."""
