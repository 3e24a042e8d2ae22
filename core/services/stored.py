"""How a Finding is kept in the `findings` table and read back: one place for both directions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.enums import Severity, TestType
from core.models import Analysis
from core.models import Finding as FindingRow
from core.schemas import Evidence, Finding

_RULE_NAME = "rule_name"  # kept inside the evidence JSON: the seed's table has no column for it


def row_values(finding: Finding) -> dict[str, Any]:
    """Column values for storing `finding`."""
    return {
        "severity": finding.severity,
        "rule_id": finding.rule_id,
        "message": finding.message,
        "evidence": {_RULE_NAME: finding.rule_name, **finding.evidence.model_dump(mode="json")},
        "remediation": finding.remediation,
    }


def from_row(row: FindingRow) -> Finding:
    evidence = dict(row.evidence or {})
    rule_name = str(evidence.pop(_RULE_NAME, ""))
    return Finding(
        rule_id=row.rule_id,
        rule_name=rule_name,
        severity=Severity(row.severity),
        message=row.message,
        evidence=Evidence.model_validate(evidence),
        remediation=row.remediation or "",
    )


def in_report_order(rows: Iterable[FindingRow]) -> list[FindingRow]:
    """Severity (CRITICAL first), then rule id, then point: the order everywhere (DESIGN §4)."""
    return sorted(
        rows,
        key=lambda r: (Severity(r.severity).rank, r.rule_id, (r.evidence or {}).get("point") or ""),
    )


def keep_counts(analysis: Analysis, rows: Iterable[FindingRow]) -> None:
    """The analysis's finding counts per severity, and its CRITICAL ones not overridden: kept
    beside it so the dashboards sum columns instead of counting findings."""
    rows = list(rows)
    severities = [row.severity for row in rows]
    analysis.critical_count = severities.count(Severity.CRITICAL.value)
    analysis.major_count = severities.count(Severity.MAJOR.value)
    analysis.minor_count = severities.count(Severity.MINOR.value)
    analysis.info_count = severities.count(Severity.INFO.value)
    analysis.critical_open = sum(
        row.severity == Severity.CRITICAL.value and row.overridden_at is None for row in rows
    )


def stored_test_types(analysis: Analysis) -> list[str]:
    """Every test of a stored analysis; a row from before the column holds its one test."""
    if analysis.test_types is not None:
        return list(analysis.test_types)
    return [analysis.test_type] if analysis.test_type in set(TestType) else []
