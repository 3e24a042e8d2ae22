"""JSON samples: `ExtractionResult` dumps, as saved (maybe hand-corrected) from an earlier upload.

Each one describes an original PDF that is not shipped: `source` names it, and its sha256 is a
stand-in digest of that name, since the original bytes do not exist.
"""

from __future__ import annotations

import hashlib
from typing import Any

from core.schemas import (
    Equipment,
    ExtractionResult,
    FieldProvenance,
    InputFormat,
    Instrument,
    Measurement,
    Quantity,
    SourceInfo,
    SourceLocation,
    TestInfo,
)


def measurement(
    quantity: Quantity,
    point: str,
    value: float | None,
    raw: str,
    line: int,
    *,
    unit: str,
    confidence: float = 0.98,
    **attributes: Any,
) -> Measurement:
    return Measurement(
        quantity=quantity,
        point=point,
        value=value,
        unit=unit,
        raw=raw,
        source=SourceLocation(page=1, line=line),
        confidence=confidence,
        **attributes,
    )


def _provenance(section: str, model: Any, start_line: int) -> dict[str, FieldProvenance]:
    out: dict[str, FieldProvenance] = {}
    line = start_line
    for name, value in model.model_dump(exclude_none=True).items():
        out[f"{section}.{name}"] = FieldProvenance(
            confidence=0.99, source=SourceLocation(page=1, line=line), raw=str(value)
        )
        line += 1
    return out


def extraction(
    original_name: str,
    *,
    equipment: Equipment,
    test: TestInfo,
    instrument: Instrument | None,
    measurements: list[Measurement],
    corrected_fields: tuple[str, ...] = (),
) -> ExtractionResult:
    """A dump as the JSON reader accepts it; `corrected_fields` were fixed by hand (conf. 1.0)."""
    fields = _provenance("equipment", equipment, 3) | _provenance("test", test, 12)
    if instrument is not None:
        fields |= _provenance("instruments[0]", instrument, 22)
    for name in corrected_fields:
        fields[name] = FieldProvenance(
            confidence=1.0, source=fields[name].source, raw="hand-corrected"
        )
    digest = hashlib.sha256(f"original report, not shipped: {original_name}".encode()).hexdigest()
    return ExtractionResult(
        source=SourceInfo(
            file_name=original_name, sha256=digest, format=InputFormat.PDF_TEXT, pages=1
        ),
        equipment=equipment,
        test=test,
        instruments=[instrument] if instrument is not None else [],
        measurements=measurements,
        fields=dict(sorted(fields.items())),
    )


def dump(result: ExtractionResult) -> bytes:
    return (result.model_dump_json(indent=2) + "\n").encode("utf-8")
