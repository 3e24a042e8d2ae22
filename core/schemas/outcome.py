"""Outcome: what analysing one file produced, the one thing every door (CLI, app, worker) shows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from core.enums import EquipmentType, TaskStatus, TestType, Verdict
from core.schemas.extraction import ExtractionResult
from core.schemas.findings import Finding, ValidationResult


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    part: str | None = None
    """For one report of a package: its sheets ('Sheet CB-2') or pages ('pages 3-4')."""
    status: TaskStatus
    """COMPLETED or FAILED."""
    error: str | None = None
    """One plain sentence when the file could not be analysed."""
    equipment_type: EquipmentType | None = None
    test_type: TestType | None = None
    """The test with most readings (the single column the seed's schema has)."""
    test_types: list[TestType] = []
    """Every test the report holds (a breaker sheet: insulation and contact resistance)."""
    equipment_tag: str | None = None
    verdict: Verdict | None = None
    compliance_score: float | None = None
    confidence_score: float | None = None
    findings: list[Finding] = []
    extraction: ExtractionResult | None = None
    validation: ValidationResult | None = None
