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
        st.dataframe(threshold_frame(threshold.rows), hide_index=True, width="stretch")


_HEADERS = {
    "label": "Class",
    "max_rating_v": "Rated up to (V)",
    "min_test_voltage_v": "Minimum test voltage (V)",
    "max_test_voltage_v": "Maximum test voltage (V)",
    "min_resistance_mohm": "Minimum resistance (MΩ)",
    "liquid_min_mohm": "Minimum, liquid-filled (MΩ)",
    "dry_min_mohm": "Minimum, dry-type (MΩ)",
    "temperatures_c": "Temperature (°C)",
    "lower_inclusive": "Lower included",
    "upper_inclusive": "Upper included",
}
_WORDS = {"max": "maximum", "min": "minimum"}


def header(name: str) -> str:
    """A threshold table's column as words: `min_test_voltage_v` → `Minimum test voltage (V)`."""
    if name in _HEADERS:
        return _HEADERS[name]
    text = " ".join(_WORDS.get(word, word) for word in label(name).split(" "))
    return text[:1].upper() + text[1:]


def threshold_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The rows with worded headers; a value a row does not set is a blank cell, not `None`."""
    frame = pd.DataFrame(rows)
    frame.columns = [header(str(c)) for c in frame.columns]
    for column in frame.columns:
        if frame[column].isna().any():
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
            frame[column] = frame[column].map(lambda v: f"{v:g}" if isinstance(v, float) else v)
    return frame
