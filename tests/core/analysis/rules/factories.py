"""Builders of ExtractionResults for rule tests: a clean report per test type, then small edits.

Every clean report passes every rule of the default profile (no findings at all), so a test
changes one thing and looks for one rule. Values are in canonical units (ohm, degC, ratio).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.analysis.evaluate import evaluate
from core.enums import EquipmentType, TestType
from core.schemas import (
    Equipment,
    ExtractionResult,
    Instrument,
    Measurement,
    Quantity,
    SourceInfo,
    SourceLocation,
    TestInfo,
)
from core.schemas.extraction import InputFormat
from core.schemas.outcome import Outcome
from core.standards import load_profile

AS_OF = dt.date(2026, 3, 1)
TEST_DATE = dt.date(2026, 2, 1)
MEG = 1e6
MICRO = 1e-6


def measurement(quantity: Quantity, point: str, value: float | None, **attrs: Any) -> Measurement:
    units = {
        Quantity.TEMPERATURE: "degC",
        Quantity.TEMPERATURE_RISE: "delta_degC",
        Quantity.TURNS_RATIO: "ratio",
        Quantity.POLARIZATION_INDEX: "ratio",
        Quantity.DIELECTRIC_ABSORPTION_RATIO: "ratio",
    }
    attrs.setdefault("raw", "" if value is None else f"{value:g}")
    attrs.setdefault("source", SourceLocation(page=1, line=10))
    attrs.setdefault("confidence", 0.98)
    return Measurement(
        quantity=quantity, point=point, value=value, unit=units.get(quantity, "ohm"), **attrs
    )


def ir(point: str, mohm: float | None, **attrs: Any) -> Measurement:
    attrs.setdefault("duration_s", 60)
    attrs.setdefault("test_voltage_v", 1000)
    value = None if mohm is None else mohm * MEG
    return measurement(Quantity.INSULATION_RESISTANCE, point, value, **attrs)


def report(
    test_type: TestType,
    equipment_type: EquipmentType,
    measurements: list[Measurement],
    *,
    tag: str = "EQ-1",
    voltage_rating_v: float | None = 480,
    **changes: Any,
) -> ExtractionResult:
    """A complete report; `changes` replace `equipment`, `test`, `instruments`, `warnings`…"""
    base = ExtractionResult(
        source=SourceInfo(file_name=f"{tag}.pdf", sha256="0" * 64, format=InputFormat.PDF_TEXT),
        equipment=Equipment(tag=tag, type=equipment_type, voltage_rating_v=voltage_rating_v),
        test=TestInfo(
            type=test_type,
            date=TEST_DATE,
            technician="J. Rivera",
            company="Volta Electrical Testing Services",
            ambient_temperature_c=20.0,
            humidity_pct=45.0,
        ),
        instruments=[
            Instrument(
                manufacturer="Megger",
                model="MIT1025",
                serial="22363",
                calibration_date=dt.date(2025, 8, 27),
                calibration_due_date=dt.date(2026, 8, 27),
            )
        ],
        measurements=measurements,
    )
    return base.model_copy(update=changes)


def edit(extraction: ExtractionResult, section: str, **values: Any) -> ExtractionResult:
    """A copy with fields of `equipment` or `test` changed."""
    part = getattr(extraction, section).model_copy(update=values)
    return extraction.model_copy(update={section: part})


def ir_report(readings: Mapping[str, float | None] | None = None, **kw: Any) -> ExtractionResult:
    """A clean 480 V switchgear IR report; `measurements=[…]` replaces the readings outright."""
    readings = readings or {"A-G": 2500, "B-G": 3100, "C-G": 2800}
    kw.setdefault("tag", "SWGR-1A")
    measurements = kw.pop("measurements", None)
    if measurements is None:
        measurements = [ir(point, value) for point, value in readings.items()]
    equipment_type = kw.pop("equipment_type", EquipmentType.SWITCHGEAR)
    return report(TestType.INSULATION_RESISTANCE, equipment_type, measurements, **kw)


def timed_ir_report(
    equipment_type: EquipmentType, by_duration: dict[int, float], **kw: Any
) -> ExtractionResult:
    """One point (`A-G`) read at several durations (s → MΩ), e.g. for PI and DAR."""
    kw.setdefault("tag", "EQ-T")
    readings = [ir("A-G", mohm, duration_s=s) for s, mohm in sorted(by_duration.items())]
    return report(TestType.INSULATION_RESISTANCE, equipment_type, readings, **kw)


def ground_report(
    fop: dict[float, float] | None = None,
    continuity: dict[str, float] | None = None,
    plain: dict[str, float] | None = None,
    **kw: Any,
) -> ExtractionResult:
    fop = {52: 1.9, 62: 2.0, 72: 2.1} if fop is None else fop
    continuity = (
        {"MGB to frame 1": 0.03, "MGB to frame 2": 0.05} if continuity is None else continuity
    )
    items = [
        measurement(Quantity.GROUND_RESISTANCE, "Fall of potential", v, distance_pct=d)
        for d, v in fop.items()
    ]
    items += [measurement(Quantity.GROUND_RESISTANCE, p, v) for p, v in (plain or {}).items()]
    items += [measurement(Quantity.CONTINUITY_RESISTANCE, p, v) for p, v in continuity.items()]
    kw.setdefault("tag", "GG-MAIN")
    kw.setdefault("voltage_rating_v", None)
    items = kw.pop("measurements", None) or items
    return report(TestType.GROUNDING, EquipmentType.GROUNDING_SYSTEM, items, **kw)


def thermography_report(
    hot_spots: list[Measurement] | None = None, load_pct: float | None = 62, **kw: Any
) -> ExtractionResult:
    hot_spots = hot_spots or [
        measurement(
            Quantity.TEMPERATURE,
            "Input breaker phase C",
            36.5,
            reference_temperature_c=36.0,
            reference_point="Input breaker phase A",
        ),
        measurement(Quantity.TEMPERATURE_RISE, "Input breaker phase C", 0.5, reference="similar"),
    ]
    kw.setdefault("tag", "PDU-12")
    extraction = report(TestType.THERMOGRAPHY, EquipmentType.PDU, hot_spots, **kw)
    return edit(extraction, "test", load_pct=load_pct, ambient_temperature_c=24.0)


def contact_report(poles: dict[str, float] | None = None, **attrs: Any) -> ExtractionResult:
    """Poles in µΩ; `attrs` go on every measurement (e.g. manufacturer_max_ohm)."""
    poles = poles or {"Pole A": 40, "Pole B": 44, "Pole C": 45}
    items = [
        measurement(Quantity.CONTACT_RESISTANCE, p, v * MICRO, **attrs) for p, v in poles.items()
    ]
    return report(
        TestType.CONTACT_RESISTANCE,
        EquipmentType.BREAKER,
        items,
        tag="CB-102",
        voltage_rating_v=480,
    )


def ttr_report(
    ratios: dict[str, float] | None = None, nameplate: float | None = 8.660, **kw: Any
) -> ExtractionResult:
    ratios = ratios or {"H1-H3 / X1-X3": 8.664, "H2-H1 / X2-X1": 8.665, "H3-H2 / X3-X2": 8.669}
    items = [
        measurement(Quantity.TURNS_RATIO, p, v, nameplate_ratio=nameplate, tap="3")
        for p, v in ratios.items()
    ]
    kw.setdefault("tag", "TX-2")
    extraction = report(TestType.TURNS_RATIO, EquipmentType.TRANSFORMER, items, **kw)
    return edit(extraction, "equipment", insulation="dry")


def run(
    extraction: ExtractionResult, profile: str = "neta-ats-2025", as_of: dt.date = AS_OF
) -> Outcome:
    return evaluate(extraction, load_profile(profile), as_of=as_of)


def rule_ids(outcome: Outcome) -> set[str]:
    return {finding.rule_id for finding in outcome.findings}


def severities(outcome: Outcome, rule_id: str) -> list[str]:
    return [f.severity.value for f in outcome.findings if f.rule_id == rule_id]


def instrument_report(**dates: Any) -> ExtractionResult:
    """The clean IR report with its instrument's calibration dates replaced."""
    base = ir_report()
    return base.model_copy(update={"instruments": [base.instruments[0].model_copy(update=dates)]})
