"""Rules: the catalog, each rule's documentation and the thresholds a profile gives it."""

import streamlit as st

from dashboard import auth, data, state
from dashboard.components.rule_card import rule_card
from dashboard.read_models import search_catalog

Q_FAMILY = "family"

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
# Family and search live in the URL (`?family=IR&q=megger`), so a filtered view can be shared.
if "rules.family" not in st.session_state:
    asked = st.query_params.get(Q_FAMILY, "")
    st.session_state["rules.family"] = asked if asked in families else "All"
if "rules.q" not in st.session_state:
    st.session_state["rules.q"] = st.query_params.get(state.Q_SEARCH, "")
family = st.pills("Family", ["All", *families], key="rules.family") or "All"
typed = st.text_input("Search", placeholder="id, name or words in the summary", key="rules.q")
search = typed.strip().lower()
in_url: dict[str, str] = {state.Q_PROFILE: profile_id}
if family != "All":
    in_url[Q_FAMILY] = family
if typed.strip():
    in_url[state.Q_SEARCH] = typed.strip()
if {key: st.query_params.get(key) for key in st.query_params} != in_url:
    st.query_params.from_dict(in_url)
shown = search_catalog(catalog, None if family == "All" else family, search)
st.caption(
    f"{len(shown)} of {len(catalog)} rules · {sum(r.enabled for r in catalog)} enabled in "
    f"{profile_id} · thresholds shown as this profile sets them"
)
for rule in shown:
    rule_card(rule)
