"""Pydantic models shared by extraction, rules, scoring, storage and pages."""

from core.schemas.extraction import (
    CANONICAL_UNIT,
    Connection,
    Equipment,
    ExtractionResult,
    ExtractionWarning,
    FieldProvenance,
    InputFormat,
    Instrument,
    MeasuredWinding,
    Measurement,
    NotUnderstood,
    Quantity,
    SourceInfo,
    SourceLocation,
    TestInfo,
    WarningCode,
    Winding,
)
from core.schemas.findings import Check, EngineError, Evidence, Finding, ValidationResult
from core.schemas.outcome import Outcome

__all__ = [
    "CANONICAL_UNIT",
    "Check",
    "Connection",
    "EngineError",
    "Equipment",
    "Evidence",
    "ExtractionResult",
    "ExtractionWarning",
    "FieldProvenance",
    "Finding",
    "InputFormat",
    "Instrument",
    "MeasuredWinding",
    "Measurement",
    "NotUnderstood",
    "Outcome",
    "Quantity",
    "SourceInfo",
    "SourceLocation",
    "TestInfo",
    "ValidationResult",
    "WarningCode",
    "Winding",
]
