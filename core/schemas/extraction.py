"""ExtractionResult: everything read from one report, with where and how surely it was found.

This is the contract between the readers and the rules, and the JSON input format
(docs/json-format.md): `ExtractionResult.model_validate_json(dump)` must give back an equal object.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from core.enums import EquipmentType, TestType

SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InputFormat(StrEnum):
    PDF_TEXT = "pdf_text"
    PDF_SCAN = "pdf_scan"
    IMAGE = "image"
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"


class Quantity(StrEnum):
    """Canonical measured quantities (DESIGN.md §3); their units are fixed below."""

    INSULATION_RESISTANCE = "insulation_resistance"
    POLARIZATION_INDEX = "polarization_index"
    DIELECTRIC_ABSORPTION_RATIO = "dielectric_absorption_ratio"
    GROUND_RESISTANCE = "ground_resistance"
    CONTINUITY_RESISTANCE = "continuity_resistance"
    TEMPERATURE = "temperature"
    TEMPERATURE_RISE = "temperature_rise"
    CONTACT_RESISTANCE = "contact_resistance"
    TURNS_RATIO = "turns_ratio"


CANONICAL_UNIT: dict[Quantity, str] = {
    Quantity.INSULATION_RESISTANCE: "ohm",
    Quantity.POLARIZATION_INDEX: "ratio",
    Quantity.DIELECTRIC_ABSORPTION_RATIO: "ratio",
    Quantity.GROUND_RESISTANCE: "ohm",
    Quantity.CONTINUITY_RESISTANCE: "ohm",
    Quantity.TEMPERATURE: "degC",
    Quantity.TEMPERATURE_RISE: "delta_degC",
    Quantity.CONTACT_RESISTANCE: "ohm",
    Quantity.TURNS_RATIO: "ratio",
}


Fraction = Annotated[float, Field(ge=0, le=1)]
Box = tuple[Fraction, Fraction, Fraction, Fraction]
"""A region of a page as fractions (0..1) of its width and height: left, top, right, bottom,
measured from the page's top-left corner as it is displayed (independent of dpi and points)."""


class SourceLocation(_Model):
    """Where a value was found: page and line for documents, sheet and cell for workbooks;
    for PDF text and OCR also the region of the page the text covers (`box`)."""

    page: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    json_path: str | None = None
    box: Box | None = None
    """The text's region on the page (PDF text layer, OCR), when the reader knows it; absent
    in extractions stored before boxes were recorded."""

    @model_serializer(mode="wrap")
    def _without_unknown_box(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Left out when unknown, so a dump made before boxes existed round-trips unchanged.
        data: dict[str, Any] = handler(self)
        if data.get("box", ...) is None:
            del data["box"]
        return data

    def __str__(self) -> str:
        if self.json_path:
            return self.json_path
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell or '?'}"
        if self.cell is not None:
            # CSV: a line number and a cell reference without a sheet.
            column = self.cell.rstrip("0123456789") or self.cell
            return f"line {self.line}, column {column}" if self.line else f"cell {self.cell}"
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "unknown"


class FieldProvenance(_Model):
    """How one scalar field (e.g. `equipment.tag`) was found."""

    confidence: float = Field(ge=0, le=1)
    source: SourceLocation | None = None
    raw: str | None = None


class SourceInfo(_Model):
    file_name: str
    sha256: str
    format: InputFormat
    pages: int | None = None
    part: str | None = None
    """For one report of a package: its sheets ('Sheet CB-2') or pages ('pages 3-4')."""


WindingRole = Literal["H", "X", "Y"]
"""H: the highest-voltage winding (primary), X: the next (secondary), Y: a tertiary."""
Connection = Literal["delta", "wye", "grounded_wye"]
MeasuredWinding = Literal["H", "X", "Y", "H-X", "H-Y", "X-Y"]
"""The winding a transformer reading belongs to: one winding to ground, or winding to winding."""


class Winding(_Model):
    """One transformer winding from the nameplate: its role, line-to-line volts, connection."""

    role: WindingRole
    voltage_v: float = Field(gt=0)
    """Line-to-line (system) voltage: the coil rating Table 100.5 is keyed by."""
    connection: Connection | None = None
    """As stated on the nameplate (`Δ`, `Y`, `GrdY`); None when it does not say."""


class Equipment(_Model):
    tag: str | None = None
    type: EquipmentType | None = None
    description: str | None = None
    insulation: Literal["dry", "liquid"] | None = None
    """Transformers only: dry-type or liquid-filled (selects the Table 100.5 column)."""
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    voltage_rating_v: float | None = None
    """The highest winding's line-to-line voltage for transformers (`windings` has them all)."""
    windings: list[Winding] = []
    """Transformers only: every winding the nameplate gives, highest voltage first."""
    vector_group: str | None = None
    """Transformers only: the IEC vector group as printed (`Dyn1`, `YNd11`)."""
    phases: int | None = None
    """1 for a single-phase unit, 3 for three-phase, when the report says."""
    site: str | None = None
    winding: Literal["form_wound", "random_wound", "field"] | None = None
    """Rotating machines only (Table 100.11): `field` for a field winding."""
    manufactured_year: int | None = None
    single_electrode: bool | None = None
    """Grounding only: True when the report covers one rod, pipe or plate, not a system."""


class TestInfo(_Model):
    type: TestType | None = None
    date: dt.date | None = None
    standard: str | None = None
    technician: str | None = None
    company: str | None = None
    ambient_temperature_c: float | None = None
    apparatus_temperature_c: float | None = None
    """Winding or apparatus temperature; preferred over ambient for IR temperature correction."""
    humidity_pct: float | None = None
    load_pct: float | None = None


class Instrument(_Model):
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    calibration_date: dt.date | None = None
    calibration_due_date: dt.date | None = None


class Measurement(_Model):
    quantity: Quantity
    point: str
    value: float | None
    """The reading as measured, in the canonical unit; null for `∞`/`OL` readings."""
    unit: str
    censored: Literal[">"] | None = None
    duration_s: int | None = None
    test_voltage_v: float | None = None
    distance_pct: float | None = None
    reference_temperature_c: float | None = None
    ambient_temperature_c: float | None = None
    reference: Literal["similar", "ambient"] | None = None
    reference_point: str | None = None
    manufacturer_max_ohm: float | None = None
    manufacturer_min_ohm: float | None = None
    """Cables: the manufacturer's minimum insulation resistance printed in the report."""
    winding: MeasuredWinding | None = None
    """Transformers: the winding (or winding pair) the reading belongs to."""
    nameplate_ratio: float | None = None
    """The calculated ratio as the report prints it (never computed by the reader)."""
    tap: str | None = None
    unit_assumed: bool = False
    raw: str = ""
    source: SourceLocation | None = None
    confidence: float = Field(default=1.0, ge=0, le=1)


class WarningCode(StrEnum):
    """Machine-readable reasons for extraction warnings; DATA- rules read these."""

    MISSING_FIELD = "missing_field"
    IMPOSSIBLE_VALUE = "impossible_value"
    UNIT_ASSUMED = "unit_assumed"
    AMBIGUOUS_DATE = "ambiguous_date"
    TAG_MISMATCH = "tag_mismatch"
    INSULATION_ASSUMED = "insulation_assumed"
    PRINTED_VALUE_MISMATCH = "printed_value_mismatch"
    UNREADABLE_VALUE = "unreadable_value"
    OTHER = "other"


class ExtractionWarning(_Model):
    code: WarningCode
    message: str
    field: str | None = None
    source: SourceLocation | None = None
    raw: str | None = None


class NotUnderstood(_Model):
    """A region of the report holding readings the reader could not interpret: check by hand."""

    where: str
    """Its cells or lines: 'Test Sheet!B40:F52', 'page 2, lines 14-20', 'lines 12-14'."""
    text: str
    """What it says, shortened."""
    source: SourceLocation | None = None


class ExtractionResult(_Model):
    schema_version: int = SCHEMA_VERSION
    source: SourceInfo
    equipment: Equipment = Equipment()
    test: TestInfo = TestInfo()
    instruments: list[Instrument] = []
    measurements: list[Measurement] = []
    fields: dict[str, FieldProvenance] = {}
    """Per-field confidence and origin, keyed by dotted path (`equipment.tag`, `test.date` …)."""
    warnings: list[ExtractionWarning] = []
    not_understood: list[NotUnderstood] = []
    """Regions with readings the reader could not interpret; they lower the confidence."""
