"""Rules: the catalog, each rule's documentation and the thresholds a profile gives it."""

import streamlit as st

from dashboard import auth, data, state
from dashboard.components.rule_card import rule_card
from dashboard.read_models import search_catalog

auth.current_actor()
st.title("Rules")
profiles = {p.id: p.title for p in data.profiles()}
wanted = st.query_params.get(state.Q_PROFILE, data.default_profile_id())
profile_id = st.selectbox(
    "Profile",
    list(profiles),
    index=list(profiles).index(wanted) if wanted in profiles else 0,
    format_func=profiles.__getitem__,
)
if st.query_params.get(state.Q_PROFILE) != profile_id:
    st.query_params[state.Q_PROFILE] = profile_id
catalog = data.rule_catalog(profile_id)
families = sorted({rule.family for rule in catalog})
family = st.pills("Family", ["All", *families], default="All")
search = st.text_input("Search", placeholder="id, name or words in the summary").strip().lower()
shown = search_catalog(catalog, None if family == "All" else family, search)
st.caption(
    f"{len(shown)} of {len(catalog)} rules · {sum(r.enabled for r in catalog)} enabled in "
    f"{profile_id} · thresholds shown as this profile sets them"
)
for rule in shown:
    rule_card(rule)
