"""How a Finding is kept in the `findings` table and read back, and the one reader of a task's
stored analysis (`read_analysis`) that the Analysis page, overrides and the PDF report share.

Findings are read back in one order everywhere: `Finding.sort_key` — severity (CRITICAL
first), then rule id, then point, then message — the order the engine produces them in
(DESIGN §4); two stored findings equal in all four are kept in id order, so every read of an
analysis lists them alike.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from core.enums import EquipmentType, Severity, TaskStatus, TestType, Verdict
from core.models import Analysis, Task
from core.models import Finding as FindingRow
from core.repositories.stored_analyses import stored_rows
from core.schemas import Evidence, ExtractionResult, Finding, Outcome, ValidationResult
from core.standards import DEFAULT_PROFILE_ID

_RULE_NAME = "rule_name"  # kept inside the evidence JSON: the seed's table has no column for it
EnumT = TypeVar("EnumT", bound=StrEnum)


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


def finding_counts(findings: Iterable[tuple[str, bool]]) -> dict[str, int]:
    """The count columns of an analysis from its findings' (severity, overridden) pairs: the
    findings per severity, and the CRITICAL ones not overridden."""
    pairs = list(findings)
    severities = [str(severity) for severity, _ in pairs]
    return {
        "critical_count": severities.count(Severity.CRITICAL.value),
        "major_count": severities.count(Severity.MAJOR.value),
        "minor_count": severities.count(Severity.MINOR.value),
        "info_count": severities.count(Severity.INFO.value),
        "critical_open": sum(
            str(severity) == Severity.CRITICAL.value and not overridden
            for severity, overridden in pairs
        ),
    }


def keep_counts(analysis: Analysis, rows: Iterable[FindingRow]) -> None:
    """The analysis's finding counts, kept beside it so the dashboards sum columns instead of
    counting findings."""
    counts = finding_counts((row.severity, row.overridden_at is not None) for row in rows)
    for column, value in counts.items():
        setattr(analysis, column, value)


def stored_test_types(analysis: Analysis) -> list[str]:
    """Every test of a stored analysis; a row from before the column holds its one test."""
    if analysis.test_types is not None:
        return list(analysis.test_types)
    return [analysis.test_type] if analysis.test_type in set(TestType) else []


@dataclass(frozen=True)
class Override:
    """A manager's decision that a finding does not apply."""

    justification: str
    at: dt.datetime
    by_id: uuid.UUID | None
    by_email: str | None
    """None when the manager's account no longer exists."""


@dataclass(frozen=True)
class StoredFinding:
    id: uuid.UUID
    finding: Finding
    override: Override | None = None


@dataclass(frozen=True)
class StoredAnalysis:
    """A task's stored analysis as it stands: the machine's outcome, its findings in report
    order with the overrides on them, and the emails of the people involved."""

    task_id: uuid.UUID
    file: str
    owner_email: str
    analysis_id: uuid.UUID | None = None
    """None while the task has no analysis (queued, failed, or the upload of a package)."""
    profile_id: str = DEFAULT_PROFILE_ID
    """The profile the analysis was judged with."""
    equipment_type: str | None = None
    test_type: str | None = None
    test_types: tuple[str, ...] = ()
    equipment_tag: str | None = None
    verdict: str | None = None
    """After overrides; `machine_verdict` is the engine's."""
    machine_verdict: str | None = None
    compliance_score: float | None = None
    machine_compliance_score: float | None = None
    confidence_score: float | None = None
    extraction: ExtractionResult | None = None
    validation: ValidationResult | None = None
    findings: tuple[StoredFinding, ...] = ()
    """Every finding, overridden or not, in report order (`Finding.sort_key`)."""

    @property
    def overridden(self) -> set[int]:
        """Indexes of the overridden findings in `findings` (and in `machine_outcome()`)."""
        return {i for i, stored in enumerate(self.findings) if stored.override is not None}

    @property
    def counts(self) -> dict[str, int]:
        return finding_counts((f.finding.severity, f.override is not None) for f in self.findings)

    def machine_outcome(self) -> Outcome:
        """The engine's Outcome rebuilt from storage: its verdict and score, every finding."""
        return Outcome(
            file=self.file,
            status=TaskStatus.COMPLETED,
            equipment_type=_member(EquipmentType, self.equipment_type),
            test_type=_member(TestType, self.test_type),
            test_types=[kind for t in self.test_types if (kind := _member(TestType, t))],
            equipment_tag=self.equipment_tag,
            verdict=_member(Verdict, self.machine_verdict),
            compliance_score=self.machine_compliance_score,
            confidence_score=self.confidence_score,
            findings=[stored.finding for stored in self.findings],
            extraction=self.extraction,
            validation=self.validation,
        )

    def standing_outcome(self) -> Outcome:
        """The Outcome as it stands: the verdict and score after overrides, the findings that
        still count."""
        return self.machine_outcome().model_copy(
            update={
                "findings": [f.finding for f in self.findings if f.override is None],
                "verdict": _member(Verdict, self.verdict),
                "compliance_score": self.compliance_score,
            }
        )


def read_analysis(session: Session, task: Task) -> StoredAnalysis:
    """Task `task`'s stored analysis (the caller has checked who may see it), in at most three
    statements (`core.repositories.stored_analyses`)."""
    rows = stored_rows(session=session, task_id=task.id)
    stored = StoredAnalysis(
        task_id=task.id, file=task.original_filename, owner_email=rows.owner_email
    )
    analysis = rows.analysis
    if analysis is None:
        return stored
    findings = sorted(
        (_stored_finding(row, rows.emails) for row in rows.findings),
        key=lambda item: (*item.finding.sort_key, item.id),
    )
    return replace(
        stored,
        analysis_id=analysis.id,
        profile_id=analysis.profile_id or DEFAULT_PROFILE_ID,
        equipment_type=analysis.equipment_type,
        test_type=analysis.test_type,
        test_types=tuple(stored_test_types(analysis)),
        equipment_tag=analysis.equipment_tag,
        verdict=analysis.verdict,
        machine_verdict=analysis.machine_verdict,
        compliance_score=analysis.compliance_score,
        machine_compliance_score=analysis.machine_compliance_score,
        confidence_score=analysis.confidence_score,
        extraction=ExtractionResult.model_validate(analysis.extraction_result)
        if analysis.extraction_result
        else None,
        validation=ValidationResult.model_validate(analysis.validation_result)
        if analysis.validation_result
        else None,
        findings=tuple(findings),
    )


def _stored_finding(row: FindingRow, emails: dict[uuid.UUID, str]) -> StoredFinding:
    override = None
    if row.overridden_at is not None:
        override = Override(
            justification=row.override_justification or "",
            at=row.overridden_at,
            by_id=row.overridden_by,
            by_email=emails.get(row.overridden_by) if row.overridden_by else None,
        )
    return StoredFinding(id=row.id, finding=from_row(row), override=override)


def _member(kind: type[EnumT], value: str | None) -> EnumT | None:
    """The stored string as a member of `kind`; None for a value it does not know (a test type
    stored as 'None' when the report named none)."""
    return kind(value) if value in set(kind) else None
