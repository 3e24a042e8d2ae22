"""Pydantic models shared by extraction, rules, scoring, storage and pages."""

from core.schemas.extraction import (
    CANONICAL_UNIT,
    Equipment,
    ExtractionResult,
    ExtractionWarning,
    FieldProvenance,
    InputFormat,
    Instrument,
    Measurement,
    Quantity,
    SourceInfo,
    SourceLocation,
    TestInfo,
    WarningCode,
)
from core.schemas.findings import Check, EngineError, Evidence, Finding, ValidationResult
from core.schemas.outcome import Outcome

__all__ = [
    "CANONICAL_UNIT",
    "Check",
    "EngineError",
    "Equipment",
    "Evidence",
    "ExtractionResult",
    "ExtractionWarning",
    "FieldProvenance",
    "Finding",
    "InputFormat",
    "Instrument",
    "Measurement",
    "Outcome",
    "Quantity",
    "SourceInfo",
    "SourceLocation",
    "TestInfo",
    "ValidationResult",
    "WarningCode",
]
