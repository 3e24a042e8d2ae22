"""Admin (administrators): accounts — list (failed logins, lock expiry, last login), create,
change role, deactivate, unlock, reset a password — and the recent audit trail of every account
and report."""

import streamlit as st

from core.services.errors import ServiceError
from dashboard import auth, data
from dashboard.app_pages import admin_actions
from dashboard.auth import PASSWORD_RULE
from dashboard.components.users_table import users_table
from dashboard.formatting import md_text

actor = auth.current_actor()
st.title("Admin")
try:
    users = data.list_users(actor)
except ServiceError as error:
    st.warning(str(error), icon=":material/lock:")
    st.stop()
admin_actions.flash()
users_table(users)

change, create = st.columns(2)
with change, st.container(border=True):
    st.subheader("Change an account")
    by_email = {u.email: u for u in users}
    picked = by_email[st.selectbox("Account", list(by_email), key="admin-account")]
    status = (
        f"{'active' if picked.is_active else 'deactivated'}{', locked' if picked.locked else ''}"
    )
    st.caption(md_text(f"{picked.full_name or picked.email} · {picked.role.value} · {status}"))
    role = st.selectbox(
        "Role",
        admin_actions.ROLES,
        index=admin_actions.ROLES.index(picked.role.value),
        key=f"admin-role-{picked.id}",
    )
    save, active, unlock = st.columns(3)
    if save.button("Save role", key="admin-save-role", disabled=role == picked.role.value):
        admin_actions.update_user(actor, picked.id, picked.email, role=role)
    toggle = "Reactivate" if not picked.is_active else "Deactivate"
    if active.button(toggle, key="admin-toggle-active"):
        admin_actions.update_user(actor, picked.id, picked.email, is_active=not picked.is_active)
    if unlock.button("Unlock", key="admin-unlock", disabled=not picked.locked):
        admin_actions.update_user(actor, picked.id, picked.email, unlock=True)
    with st.form(f"admin-reset-{picked.id}", clear_on_submit=True, border=False):
        st.markdown("**Set a new password**")
        st.caption("Their sessions end (logged out everywhere) and any lockout is lifted.")
        new_password = st.text_input("New password", type="password", key="reset-password")
        new_repeat = st.text_input("Repeat new password", type="password", key="reset-repeat")
        if st.form_submit_button("Set password", key="reset-submit"):
            admin_actions.reset_password(
                actor, picked.id, picked.email, password=new_password, repeat=new_repeat
            )

with create, st.form("admin-create", clear_on_submit=False, border=True):
    st.subheader("Create an account")
    email = st.text_input("Email", key="new-email")
    name = st.text_input("Full name", key="new-name")
    new_role = st.selectbox("Role", admin_actions.ROLES, key="new-role")
    password = st.text_input("Password", type="password", key="new-password")
    repeat = st.text_input("Repeat password", type="password", key="new-repeat")
    st.caption(PASSWORD_RULE)
    if st.form_submit_button("Create account", type="primary", key="new-submit"):
        admin_actions.create_user(
            actor, email=email, name=name, role=new_role, password=password, repeat=repeat
        )

st.subheader("Audit trail", anchor=False)
admin_actions.audit_trail(actor)
