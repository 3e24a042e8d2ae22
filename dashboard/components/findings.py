"""Findings of one analysis, worst first: message, evidence, remediation, and overrides."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.enums import Severity
from core.schemas import Evidence, SourceLocation
from core.services.evidence import DocumentEvidence
from core.services.views import FindingView
from dashboard import formatting as fmt
from dashboard.components.evidence import evidence_toggle
from dashboard.state import Q_PROFILE, Q_SEARCH

OverrideFn = Callable[[uuid.UUID, str], str | None]
"""Save an override or revoke one: returns an error sentence, or None when it worked."""
RevokeFn = Callable[[uuid.UUID], str | None]
FindingEvidenceFn = Callable[[uuid.UUID], DocumentEvidence]
"""A finding id → its place in the document (`dashboard.data.finding_evidence`)."""
RULES_PAGE = "app_pages/rules.py"
_COMPARATOR_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def findings_list(
    findings: Sequence[FindingView],
    *,
    can_override: bool,
    on_override: OverrideFn,
    on_revoke: RevokeFn,
    load_evidence: FindingEvidenceFn | None = None,
    profile_id: str | None = None,
) -> None:
    """The findings, worst first. `load_evidence` (a finding id → its place in the document)
    gives each located finding a "Show in the document" switch; `profile_id` is the profile
    the Rules page link opens with."""
    if not findings:
        st.success("No findings: every check passed.", icon=":material/check_circle:")
        return
    standing = [f for f in findings if not f.overridden]
    st.caption(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}, "
        f"{len(findings) - len(standing)} overridden · worst first"
    )
    for finding in findings:
        _finding(finding, can_override, on_override, on_revoke, load_evidence, profile_id)


def _title(finding: FindingView) -> str:
    badge = fmt.severity_badge(finding.severity.value)
    crossed = "~~" if finding.overridden else ""
    message = fmt.md_text(finding.message)
    return f"{badge} **{finding.rule_id}** · {crossed}{message}{crossed}" + (
        " — overridden" if finding.overridden else ""
    )


def may_be_overridden(finding: FindingView) -> bool:
    """Whether a manager is offered the override form: a standing finding that counts (INFO
    findings weigh nothing; an overridden one can only be revoked)."""
    return not finding.overridden and finding.severity is not Severity.INFO


def _finding(
    finding: FindingView,
    can_override: bool,
    on_override: OverrideFn,
    on_revoke: RevokeFn,
    load_evidence: FindingEvidenceFn | None,
    profile_id: str | None,
) -> None:
    expanded = finding.severity.value == "CRITICAL" and not finding.overridden
    with st.expander(_title(finding), expanded=expanded):
        st.markdown(evidence_markdown(finding.evidence))
        st.markdown(f"**Remediation:** {fmt.md_text(finding.remediation or '—')}")
        if finding.evidence.source is not None and load_evidence is not None:
            evidence_toggle(str(finding.id), lambda: load_evidence(finding.id))
        if finding.rule_name:
            _rule_link(finding, profile_id)
        if finding.overridden:
            st.info(
                f"Overridden by {fmt.md_text(finding.overridden_by or 'a former user')} on "
                f"{fmt.when(finding.overridden_at)}: "
                f"“{fmt.md_text(finding.override_justification or '', multiline=True)}”"
            )
        if can_override:
            _override_controls(finding, on_override, on_revoke)


def _rule_link(finding: FindingView, profile_id: str | None) -> None:
    """The rule's documentation on the Rules page (its profile, the rule id as the search)."""
    query = {Q_SEARCH: finding.rule_id}
    if profile_id:
        query[Q_PROFILE] = profile_id
    st.page_link(
        RULES_PAGE,
        label=f"Rule {finding.rule_id}: what it checks and why",  # its slug is no reader's word
        icon=":material/menu_book:",
        query_params=query,
    )


def evidence_markdown(evidence: Evidence) -> str:
    """Observed vs. limit with the comparator, then point, clause, where and the raw text
    (markdown: what the report or the rule quoted is escaped, `fmt.md_text`)."""
    unit = evidence.unit
    lines = []
    if evidence.observed is not None:
        observed = fmt.with_unit(evidence.observed, unit)
        if evidence.corrected is not None and evidence.corrected != evidence.observed:
            observed += f" (corrected: {fmt.with_unit(evidence.corrected, unit)})"
        lines.append(f"- **Observed:** {fmt.md_text(observed)}")
    if evidence.limit is not None:
        comparator = _COMPARATOR_WORDS.get(evidence.comparator or "", evidence.comparator or "")
        limit = f"{comparator} {fmt.with_unit(evidence.limit, unit)}".strip()
        lines.append(f"- **Limit (to pass):** {fmt.md_text(limit)}")
    if evidence.point:
        lines.append(f"- **Point:** {fmt.md_text(field_words(evidence.point))}")
    if evidence.clause:
        lines.append(f"- **Clause:** {fmt.md_text(evidence.clause)}")
    if evidence.source is not None:
        lines.append(f"- **Where in the document:** {fmt.md_text(where_words(evidence.source))}")
    if evidence.raw:
        lines.append(f"- **Text as found:** “{fmt.md_text(evidence.raw)}”")
    lines += [f"- {name}: {fmt.md_text(text)}" for name, text in detail_lines(evidence.details)]
    return "\n".join(lines) or "No evidence recorded."


_HIDDEN_DETAILS = frozenset({"subject", "unjudged"})
_FIELD_PATH = re.compile(r"^(measurements|instruments|windings)[.\[](\d+)\]?(?:\.(\w+))?$")
_DOTTED = re.compile(r"^(equipment|test|source|instrument)\.(\w+)$")
_FIELD_NOUNS = {"measurements": "reading", "instruments": "instrument", "windings": "winding"}


def field_words(text: str) -> str:
    """An extraction's field path in words, never its internal name: `measurements.2` →
    `reading 3`, `equipment.tag` → `Equipment tag`, `instruments.0.serial` → `instrument 1
    serial`; any other text as it is."""
    if match := _FIELD_PATH.match(text):
        noun, index, attribute = match.groups()
        words = f"{_FIELD_NOUNS[noun]} {int(index) + 1}"
        return f"{words} {attribute.replace('_', ' ')}" if attribute else words
    if match := _DOTTED.match(text):
        group, name = match.groups()
        return f"{group.capitalize()} {name.replace('_', ' ')}"
    return text


def where_words(source: SourceLocation) -> str:
    """A location for people: 'page 2, line 14', 'Sheet1!B40', 'line 18, column B'; a JSON
    upload's path as a field in words ('JSON: reading 3 value')."""
    if source.json_path:
        return f"JSON: {field_words(source.json_path.replace('[', '.').replace(']', ''))}"
    return str(source)


def detail_lines(details: dict[str, Any]) -> list[tuple[str, str]]:
    """The finding's further evidence (table row, winding, calculated ratio and how it was
    found, both ΔTs …) as (label, text), in the order the rule gave them."""
    rows = []
    for key, value in details.items():
        if key in _HIDDEN_DETAILS or value is None or value == [] or value == {}:
            continue
        if isinstance(value, list):
            text = "; ".join(
                _value(item) if isinstance(item, int | float) else str(item) for item in value
            )
        elif isinstance(value, dict):
            text = ", ".join(f"{name} {_value(item)}" for name, item in value.items())
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        else:
            text = _value(value)
        rows.append((_label(key), text))
    return rows


_UNIT_SUFFIXES = (("_mohm", "MΩ"), ("_ohm", "Ω"), ("_pct", "%"), ("_c", "°C"), ("_v", "V"))


def _label(key: str) -> str:
    """`rating_v` → `Rating (V)`, `similar_delta_c` → `Similar delta (°C)`."""
    for suffix, unit in _UNIT_SUFFIXES:
        if key.endswith(suffix):
            return f"{key.removesuffix(suffix).replace('_', ' ').capitalize()} ({unit})"
    return key.replace("_", " ").capitalize()


def _value(value: float | str) -> str:
    return fmt.number(value) if isinstance(value, int | float) else str(value)


def _override_controls(finding: FindingView, on_override: OverrideFn, on_revoke: RevokeFn) -> None:
    if finding.overridden:
        if st.button("Revoke override", key=f"revoke-{finding.id}"):
            _done(on_revoke(finding.id))
        return
    if not may_be_overridden(finding):
        return
    # The form opens only when asked: a popover, so a reviewer reading findings sees none.
    with (
        st.popover("Override…", icon=":material/gavel:"),
        st.form(f"override-{finding.id}"),
    ):
        reason = st.text_area(
            "Override this finding — justification (required)",
            key=f"justification-{finding.id}",
            placeholder="Why this finding does not apply, e.g. the manufacturer's letter "
            "accepts this reading.",
        )
        if st.form_submit_button("Override finding", key=f"override-submit-{finding.id}"):
            if not reason.strip():
                st.error("Write a justification: an override needs a written reason.")
                return
            _done(on_override(finding.id, reason))


def _done(error: str | None) -> None:
    if error:
        st.error(fmt.md_text(error))
    else:
        st.rerun()  # score and verdict were recomputed: draw the page again
