"""Findings, checks and the validation result the rules produce."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from core.enums import Severity
from core.schemas.extraction import SourceLocation


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """Observed vs. expected, as great_expectations results carry them."""

    observed: float | str | None = None
    unit: str | None = None
    corrected: float | None = None
    """The observed value after a correction (e.g. to 20 °C), when one applies."""
    limit: float | str | None = None
    comparator: str | None = None
    """How observed relates to the limit for a pass, e.g. `>=`."""
    point: str | None = None
    clause: str | None = None
    source: SourceLocation | None = None
    raw: str | None = None
    details: dict[str, Any] = {}


class Finding(_Model):
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    evidence: Evidence
    remediation: str

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        """The one order of findings — engine, storage, pages, JSON and the PDF alike: severity
        (CRITICAL first), then rule id, then point, then message (DESIGN §4)."""
        return (self.severity.rank, self.rule_id, self.evidence.point or "", self.message)


class Check(_Model):
    """One rule applied to one subject (a point, or the report for CAL-/DATA-), pass or fail."""

    rule_id: str
    subject: str
    passed: bool
    weight: int
    """The weight of the rule's highest possible severity."""
    severity: Severity | None = None
    """The severity actually raised when the check failed."""
    deducted: int = 0
    measurement_index: int | None = None
    """The measurement judged (its index in `ExtractionResult.measurements`), when one was."""
    against: Evidence | None = None
    """What it was measured against, passed or failed: observed, unit, corrected, limit and
    comparator (no source or details: the finding carries those), so the Analysis page can show
    every reading's limit and margin, not only the failed ones'."""


class EngineError(_Model):
    rule_id: str
    message: str


class ValidationResult(_Model):
    threshold_set_id: str
    threshold_set_version: str
    profile_id: str
    checks: list[Check] = []
    engine_errors: list[EngineError] = []
    derived: dict[str, Any] = {}
    """Derived values (corrections, PI/DAR, ΔT, ratio deviations) keyed by name, for display."""
