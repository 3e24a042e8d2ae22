"""The dashboard's plain helpers: URL filters, value formatting, read models, share links."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from core.schemas import Evidence
from core.services.context import ServiceContext
from core.services.rules import rule_catalogue
from core.services.views import TaskFilters
from dashboard import data, filters, formatting, read_models
from dashboard.components.findings import evidence_markdown
from tests.dashboard.helpers import visible


def test_filters_round_trip_through_query_parameters() -> None:
    chosen = TaskFilters(
        statuses=("FAILED", "QUEUED"),
        verdicts=("REJECTED",),
        equipment_types=("SWITCHGEAR",),
        test_types=("GROUNDING",),
        sites=("Plant A", ""),
        date_from=dt.date(2025, 1, 1),
        date_to=dt.date(2025, 1, 31),
        search="swgr",
    )
    query = filters.to_query(chosen)
    assert query["from"] == "2025-01-01" and query["site"] == ["Plant A", ""]
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    assert filters.from_query(as_lists) == chosen
    assert filters.to_query(TaskFilters()) == {}


def test_hand_edited_urls_are_read_leniently() -> None:
    read = filters.from_query(
        {"status": ["FAILED", "BOGUS", "FAILED"], "from": ["yesterday"], "q": ["  tag  "]}
    )
    assert read == TaskFilters(statuses=("FAILED",), search="tag")


@pytest.mark.parametrize(
    ("value", "unit", "censored", "shown"),
    [
        (2.5e9, "ohm", None, "2.5 GΩ"),
        (47e6, "ohm", None, "47 MΩ"),
        (2.2e9, "ohm", ">", ">2.2 GΩ"),
        (0.0021, "ohm", None, "2.1 mΩ"),
        (38e-6, "ohm", None, "38 µΩ"),
        (31.25, "degC", None, "31.25 °C"),
        (1.98, "ratio", None, "1.98"),
        (None, "ohm", None, "∞ / OL"),
        (1234567.0, "V", None, "1,234,567 V"),
    ],
)
def test_readings_read_with_their_units(
    value: float | None, unit: str, censored: str | None, shown: str
) -> None:
    assert formatting.reading(value, unit, censored) == shown


def test_verdict_words_are_coloured() -> None:
    assert formatting.verdict_word("APPROVED").startswith(":green[")
    assert formatting.verdict_word("REVIEW").startswith(":orange[")
    assert formatting.verdict_word("REJECTED").startswith(":red[")
    assert "**REJECTED**" in formatting.verdict_word("REJECTED")


def test_table_thresholds_become_rows() -> None:
    thresholds = {t.key: t for rule in rule_catalogue() for t in rule.thresholds}
    table = read_models.threshold_view(thresholds["ir.table_100_1"])
    assert table.rows[0]["label"] == "250 V" and "reference temperature (°C): 20" in table.summary
    correction = read_models.threshold_view(thresholds["ir.temperature_correction"])
    assert set(correction.rows[0]) == {"temperatures_c", "oil", "solid"}


def test_share_link_becomes_absolute_from_the_browsers_address(
    data_dir: Path, ctx: ServiceContext
) -> None:
    task_id = uuid.uuid4()
    assert data.share_link(task_id) == f"/analysis?task={task_id}"
    assert (
        data.share_link(task_id, "https://host:8501/audit/analysis")
        == f"https://host:8501/audit/analysis?task={task_id}"
    )


def test_a_clicked_site_bar_narrows_the_filters_to_that_site() -> None:
    from types import SimpleNamespace

    from dashboard.app_pages import trends_views

    chosen = TaskFilters(test_types=("GROUNDING",))
    event = SimpleNamespace(selection={"points": [{"x": "Plant A"}, {"x": "Unspecified"}]})
    picked = trends_views.site_selection(event, chosen)
    assert picked == TaskFilters(test_types=("GROUNDING",), sites=("Plant A", ""))
    assert trends_views.site_selection(SimpleNamespace(selection={"points": []}), chosen) is None


def test_evidence_shows_the_rules_further_details_as_text() -> None:
    evidence = Evidence(
        observed=28.74,
        unit="ratio",
        limit=49.8,
        comparator="≈",
        point="H1-H3 / X1-X0",
        clause="ANSI/NETA ATS-2025 7.2.1.1 D.3",
        details={
            "subject": "H1-H3 / X1-X0 (tap 3)",
            "connection": "Δ–Y",
            "rating_v": 13800.0,
            "notes": ["winding not named"],
            "reference_point": "[Session expired](https://evil.example)",
        },
    )
    text = evidence_markdown(evidence)
    assert "- Connection: Δ–Y" in visible(text)
    assert "- Rating (V): 13,800" in visible(text)
    assert "- Notes: winding not named" in visible(text)
    assert "Subject" not in text  # bookkeeping, not evidence
    # Report text is shown as text, never as a link.
    assert formatting.md_text("[Session expired](https://evil.example)") in text
    assert "](" not in text
