"""The findings list's evidence in place, Rules link and override form, drawn with AppTest from
plain data (the component takes the evidence loader the page passes it)."""

from __future__ import annotations

import uuid

from streamlit.testing.v1 import AppTest


def _script() -> None:
    import datetime as dt
    import io
    import uuid

    import streamlit as st
    from PIL import Image

    from core.enums import Severity
    from core.schemas import Evidence, NotUnderstood, SourceLocation
    from core.services.evidence import DocumentEvidence
    from core.services.evidence_render import CellTable
    from core.services.views import FindingView
    from dashboard.components.findings import findings_list
    from dashboard.components.report_data import not_understood_notice

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    png = buffer.getvalue()

    def finding(number: int, severity: Severity, *, overridden: bool = False) -> FindingView:
        return FindingView(
            id=uuid.UUID(int=number),
            rule_id=f"IR-00{number}",
            rule_name="insulation-resistance-below-minimum",
            severity=severity,
            message=f"Finding {number}",
            evidence=Evidence(
                observed=5.0,
                unit="MΩ",
                limit=100.0,
                comparator=">=",
                point="measurements.2" if number == 3 else "B-G",
                source=SourceLocation(page=1, line=4, box=(0.5, 0.1, 0.6, 0.12)),
            ),
            remediation="Retest.",
            overridden=overridden,
            override_justification="Letter." if overridden else None,
            overridden_by="boss@example.com" if overridden else None,
            overridden_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if overridden else None,
        )

    asked: list[uuid.UUID] = st.session_state.setdefault("asked", [])
    # Outside the app no page is registered with st.navigation: record the Rules link instead.
    real_link = st.page_link

    def recorded_link(page: str, *, label: str, icon: str, query_params: dict[str, str]) -> None:
        st.markdown(f"LINK {page} {sorted(query_params.items())} {label}")

    st.page_link = recorded_link  # type: ignore[assignment]

    def load(finding_id: uuid.UUID) -> DocumentEvidence:
        asked.append(finding_id)
        return DocumentEvidence(where="page 1, line 4", page_png=png, crop_png=png)

    findings_list(
        [
            finding(1, Severity.CRITICAL),
            finding(2, Severity.INFO),
            finding(3, Severity.MAJOR, overridden=True),
        ],
        can_override=True,
        on_override=lambda _id, _why: None,
        on_revoke=lambda _id: None,
        load_evidence=load,
        profile_id="neta-ats-2025",
    )
    table = CellTable(
        sheet="Test",
        columns=("A", "B"),
        rows=((40, ("Pole 1", "=HYPERLINK(1)")), (41, ("Pole 2", "35"))),
        marked=frozenset({(41, "B")}),
    )
    not_understood_notice(
        [NotUnderstood(where="Test!A40:B41", text="Pole 1 …", source=None)],
        lambda index: DocumentEvidence(where="Test!A40:B41", cells=table),
    )
    st.page_link = real_link  # type: ignore[assignment]


def test_show_in_the_document_draws_the_evidence_only_when_asked() -> None:
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception
    toggles = {t.key: t for t in at.toggle}
    assert set(toggles) >= {f"evidence-{uuid.UUID(int=1)}", "evidence-region-0"}
    assert not at.get("image") and at.session_state["asked"] == []  # nothing drawn unasked
    toggles[f"evidence-{uuid.UUID(int=1)}"].set_value(True)
    at.run()
    assert len(at.session_state["asked"]) >= 1
    assert at.get("image"), "the crop is shown"

    toggles = {t.key: t for t in at.toggle}
    toggles["evidence-region-0"].set_value(True)
    at.run()
    frame = at.dataframe[-1].value
    assert frame.loc[41, "B"] == "▶ 35" and frame.loc[40, "A"] == "Pole 1"
    assert not str(frame.loc[40, "B"]).startswith("=")  # a formula-like cell stays text


def test_override_form_only_where_a_manager_may_override_and_rules_link() -> None:
    at = AppTest.from_function(_script, default_timeout=30).run()
    submits = {b.key for b in at.button if str(b.key).startswith("override-submit-")}
    # Not on the INFO finding, not on the overridden one (it can only be revoked).
    assert submits == {f"override-submit-{uuid.UUID(int=1)}"}
    assert any(b.key == f"revoke-{uuid.UUID(int=3)}" for b in at.button)
    bodies = "\n".join(m.value for m in at.markdown)
    assert "LINK app_pages/rules.py [('profile', 'neta-ats-2025'), ('q', 'IR-001')]" in bodies
    assert "measurements.2" not in bodies and "reading 3" in bodies
