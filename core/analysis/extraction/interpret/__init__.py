"""Read a `Document` (rows of located cells from any reader) into an `ExtractionResult`.

The pipeline: tokenize rows → one scan sorting rows into fields and tables (`scan`) → header
fields to typed values (`header`, `convert`) → the report's test type (`testtype`) → what the
fields leave open (`equipment`) → measurements, each table by the test it holds (`readings`) →
warnings for what is missing or inconsistent. Conventions (decimal comma, day-first dates) are
decided once per document from all its cells.
"""

from __future__ import annotations

import re

from core.analysis.errors import ReportError
from core.analysis.extraction.dates import infer_day_first
from core.analysis.extraction.document import Document
from core.analysis.extraction.interpret.calibration_notes import link_calibration_notes
from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.defaults import read_defaults, warn_missing
from core.analysis.extraction.interpret.equipment import check_tags, complete_equipment
from core.analysis.extraction.interpret.header import Header, complete_instruments, read_header
from core.analysis.extraction.interpret.leftovers import not_understood
from core.analysis.extraction.interpret.measurements import Builder
from core.analysis.extraction.interpret.positions import snap_columns
from core.analysis.extraction.interpret.readings import build_measurements, field_measurements
from core.analysis.extraction.interpret.scan import Scan, scan
from core.analysis.extraction.interpret.testtype import decide
from core.analysis.extraction.interpret.tokens import tokenize
from core.analysis.extraction.values import detect_decimal_comma
from core.analysis.windings import assign_windings
from core.enums import EquipmentType, TestType
from core.schemas import (
    Equipment,
    ExtractionResult,
    Instrument,
    Measurement,
    Quantity,
    SourceInfo,
    TestInfo,
    WarningCode,
)

UNKNOWN_TEST = (
    "Could not tell which test this report holds (insulation resistance, grounding, "
    "thermography, contact resistance or turns ratio); check that it is a test report."
)

__all__ = ["UNKNOWN_TEST", "interpret"]


def interpret(document: Document, source: SourceInfo) -> ExtractionResult:
    """Everything the report says about its equipment, test, instruments and readings.

    Raises ReportError when the document holds no sign of a test this product reads.
    """
    texts = [cell.text for row in document.rows for cell in row.cells]
    ctx = Context(document.format, detect_decimal_comma(texts), _day_first(texts))
    rows = snap_columns(document.rows)
    found = scan([tokenize(index, row) for index, row in enumerate(rows)])
    header = read_header(found.hits, [t for t in found.tables if t.instruments], ctx)
    test_type = _test_type(found, header, ctx)
    complete_equipment(header, found, ctx, test_type)
    complete_instruments(header, ctx)
    link_calibration_notes(header, found, ctx)
    measurements = _measurements(found, header, ctx, test_type)
    if header.equipment.get("type") is EquipmentType.TRANSFORMER:
        measurements = assign_windings(measurements)
        _warn_unassigned(measurements, header, ctx)
    check_tags(header, found, ctx)
    warn_missing(header, ctx, test_type, measurements)
    for note in document.notes:
        ctx.warn(WarningCode.OTHER, note)
    return ExtractionResult(
        source=source.model_copy(update={"format": document.format, "pages": document.pages}),
        equipment=Equipment(**header.equipment),
        test=TestInfo(type=test_type, **header.test),
        instruments=[Instrument(**values) for values in header.instruments],
        measurements=measurements,
        fields=dict(sorted(ctx.fields.items())),
        warnings=ctx.warnings,
        not_understood=not_understood(found, measurements, ctx.warnings),
    )


_FAHRENHEIT = re.compile(r"°\s*F\b|\bdeg(?:rees)?\.?\s*F\b|\(F\)", re.IGNORECASE)


def _day_first(texts: list[str]) -> bool | None:
    """The document's date order from its unambiguous dates; when none tells, temperatures in
    °F mean a US report, whose dates are month first (06/12/2025 is June 12)."""
    day_first = infer_day_first(texts)
    if day_first is None and any(_FAHRENHEIT.search(text) for text in texts):
        return False
    return day_first


def _warn_unassigned(measurements: list[Measurement], header: Header, ctx: Context) -> None:
    """A transformer reading whose point names no winding is judged at the highest one."""
    if len(header.equipment.get("windings", [])) < 2:
        return
    unnamed = [
        m for m in measurements if m.quantity is Quantity.INSULATION_RESISTANCE and not m.winding
    ]
    for point in dict.fromkeys(m.point for m in unnamed):
        first = next(m for m in unnamed if m.point == point)
        ctx.warn(
            WarningCode.OTHER,
            f"The reading '{point}' does not say which winding it is; it is judged against "
            "the highest-rated winding.",
            path="measurements",
            source=first.source,
            raw=first.raw,
        )


def _measurements(
    found: Scan, header: Header, ctx: Context, test_type: TestType
) -> list[Measurement]:
    builder = Builder(ctx, read_defaults(found.hits, header, ctx, test_type))
    tests = build_measurements(builder, test_type, found)
    field_measurements(builder, test_type, found.hits, tests)
    if builder.loads and "load_pct" not in header.test:
        # The least-loaded component is the one whose ΔT understates a problem most.
        load, item = min(builder.loads, key=lambda pair: pair[0])
        header.test["load_pct"] = load
        ctx.provenance("test.load_pct", item.confidence, item.source, item.text)
    return builder.measurements


def _test_type(found: Scan, header: Header, ctx: Context) -> TestType:
    decision = decide(found, header.equipment.get("type"))
    if decision is None:
        raise ReportError(UNKNOWN_TEST)
    line = decision.line
    ctx.provenance("test.type", line.confidence_of(line.tokens), line.row.source, line.text)
    return decision.test_type
