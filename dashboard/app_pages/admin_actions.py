"""Admin page actions: create and change accounts, reset a password, each reported back as one
sentence."""

from __future__ import annotations

import uuid

import streamlit as st

from core.enums import Role
from core.services.errors import ServiceError
from core.services.users import Actor
from dashboard import data, state
from dashboard.components.users_table import events_table
from dashboard.formatting import md_text

ROLES = [r.value for r in Role]


def flash() -> None:
    """Show (once) what the last action did; actions rerun the page to redraw the table."""
    if message := st.session_state.pop(state.FLASH, None):
        st.success(md_text(message), icon=":material/check_circle:")


def _done(message: str) -> None:
    st.session_state[state.FLASH] = message
    st.rerun()


def create_user(
    actor: Actor, *, email: str, name: str, role: str, password: str, repeat: str
) -> None:
    if password != repeat:
        st.error("The two passwords differ; type the same password twice.")
        return
    try:
        created = data.create_user(
            actor, email=email, password=password, role=Role(role), full_name=name or None
        )
    except ServiceError as error:
        st.error(md_text(error))
        return
    _done(f"Created {created.role.value} {created.email}.")


def update_user(
    actor: Actor,
    user_id: uuid.UUID,
    email: str,
    *,
    role: str | None = None,
    is_active: bool | None = None,
    unlock: bool = False,
) -> None:
    try:
        data.update_user(
            actor, user_id, role=Role(role) if role else None, is_active=is_active, unlock=unlock
        )
    except ServiceError as error:
        st.error(md_text(error))
        return
    if role:
        _done(f"{email} is now {role}.")
    elif is_active is not None:
        _done(f"{email} is {'reactivated' if is_active else 'deactivated'}.")
    else:
        _done(f"{email} is unlocked.")


def reset_password(
    actor: Actor, user_id: uuid.UUID, email: str, *, password: str, repeat: str
) -> None:
    if password != repeat:
        st.error("The two passwords differ; type the same password twice.")
        return
    try:
        data.reset_password(actor, user_id, password)
    except ServiceError as error:
        st.error(md_text(error))
        return
    _done(f"New password set for {email}: their sessions have ended and any lockout is lifted.")


EVENT_GROUPS = {
    "Everything": (),
    "Logins": ("user.login", "user.login_failed", "user.locked", "user.logged_out"),
    "Accounts": ("user.created", "user.updated", "user.password_reset"),
    "Reports": ("task.submitted", "task.rerun", "analysis.finished", "task.link_opened"),
    "Overrides": (
        "finding.overridden", "finding.override_revoked", "finding.override_kept",
        "finding.override_dropped",
    ),
}  # fmt: skip


def audit_trail(actor: Actor) -> None:
    """The latest events (200), newest first, narrowed to a kind of event."""
    kind = st.segmented_control(
        "Events", list(EVENT_GROUPS), default="Everything", key="admin-events"
    )
    try:
        entries = data.recent_events(actor, EVENT_GROUPS[kind or "Everything"])
    except ServiceError as error:
        st.warning(md_text(error), icon=":material/lock:")
        return
    if not entries:
        st.info("No events of this kind yet.", icon=":material/history:")
        return
    st.caption(f"The latest {len(entries)} events, newest first.")
    events_table(entries)
