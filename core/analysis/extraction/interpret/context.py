"""What the interpreter knows about the whole document while it reads one value.

The decimal convention and the day-first convention are decided once per document; every value
and date is read through this context so they all follow the same convention. The context also
collects the warnings and the per-field provenance that end up in the ExtractionResult.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from core.analysis.extraction.dates import ParsedDate, parse_date
from core.analysis.extraction.interpret.confidence import confidence
from core.analysis.extraction.values import ParsedValue, ValueKind, parse_value
from core.schemas import (
    ExtractionWarning,
    FieldProvenance,
    InputFormat,
    SourceLocation,
    WarningCode,
)


@dataclass(slots=True)
class Context:
    format: InputFormat
    decimal_comma: bool | None = None
    day_first: bool | None = None
    warnings: list[ExtractionWarning] = field(default_factory=list)
    fields: dict[str, FieldProvenance] = field(default_factory=dict)

    def value(
        self,
        text: str,
        kind: ValueKind,
        *,
        header_unit: str | None = None,
        default_unit: str | None = None,
    ) -> ParsedValue | None:
        return parse_value(
            text,
            kind,
            header_unit=header_unit,
            default_unit=default_unit,
            decimal_comma=self.decimal_comma,
        )

    def date(self, text: str) -> ParsedDate | None:
        return parse_date(text, day_first=self.day_first)

    def warn(
        self,
        code: WarningCode,
        message: str,
        *,
        path: str | None = None,
        source: SourceLocation | None = None,
        raw: str | None = None,
    ) -> None:
        self.warnings.append(
            ExtractionWarning(code=code, message=message, field=path, source=source, raw=raw)
        )

    def provenance(
        self,
        path: str,
        text_confidence: float,
        source: SourceLocation | None,
        raw: str | None,
        **penalties: bool,
    ) -> float:
        """Record how a field was found; returns its confidence."""
        score = confidence(text_confidence, self.format, **penalties)
        self.fields[path] = FieldProvenance(confidence=score, source=source, raw=raw)
        return score


def impossible(value: float | None, *, signed: bool) -> bool:
    """NaN, infinite, or negative where the quantity cannot be (resistance, ratio)."""
    if value is None:
        return False
    return not math.isfinite(value) or (not signed and value < 0)
