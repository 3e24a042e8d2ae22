"""One rule of the catalog: its documentation and the thresholds it reads under a profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import formatting as fmt
from dashboard.read_models import RuleEntry, ThresholdView, label


def rule_card(rule: RuleEntry) -> None:
    state = "" if rule.enabled or rule.retired else "disabled in this profile"
    badge = fmt.severity_badge(rule.max_severity) if not rule.retired else ":gray-badge[retired]"
    title = f"{badge} **{rule.id}** `{rule.name}` — {rule.summary}"
    with st.expander(f"{title} ({state})" if state else title):
        if rule.max_severity:
            st.caption(f"Raises at most {rule.max_severity} under this profile.")
        st.markdown(rule.doc)
        if rule.thresholds:
            st.markdown("#### Active thresholds")
            for threshold in rule.thresholds:
                _threshold(threshold)


def _threshold(threshold: ThresholdView) -> None:
    severity = f" · raises **{threshold.severity}**" if threshold.severity else ""
    st.markdown(f"`{threshold.key}` — {threshold.summary}{severity}")
    if threshold.clause or threshold.note:
        st.caption(" · ".join(p for p in (threshold.clause, threshold.note) if p))
    if threshold.rows:
        frame = pd.DataFrame(threshold.rows)
        frame.columns = [label(str(c)) for c in frame.columns]
        st.dataframe(frame, hide_index=True, width="stretch")
