"""Per test type: which quantity each value of a record is, and what stands beside it.

Insulation readings take their duration from the column ("1 min") and their test voltage from
the row or the report; fall-of-potential readings their probe distance; hot spots their
reference and ambient; turns ratios their nameplate ratio and tap; contact resistances the
manufacturer's maximum. A resistance printed as a field ("Ground Resistance: 2.1 Ω") counts
when no table gave that quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from core.analysis.extraction.interpret.chunks import Chunk, dimension_of, is_numeric
from core.analysis.extraction.interpret.columns import ColumnSpec, Role
from core.analysis.extraction.interpret.convert import clean
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.measurements import (
    Builder,
    is_continuity,
    point_name,
    readings,
)
from core.analysis.extraction.interpret.records import Item, Record
from core.analysis.extraction.values import unit_of_header
from core.enums import TestType
from core.schemas import Quantity, WarningCode

Q = Quantity
_TEMPERATURE_WORD = re.compile(r"temp|°|deg", re.IGNORECASE)
_MISMATCH_C = 0.5
_LOST_DECIMAL = (10, 100, 1000, 10000)
_LOST_DECIMAL_TOLERANCE = 0.02


def _insulation(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Reading {index + 1}")
    voltage = b.attribute(record.first(Role.TEST_VOLTAGE), "voltage", "V")
    duration = b.attribute(record.first(Role.DURATION), "duration", "min")
    for item in readings(record):
        timed = item.spec.duration_s or (round(duration) if duration else b.defaults.duration_s)
        b.add(
            Q.INSULATION_RESISTANCE,
            point,
            item,
            duration_s=timed,
            test_voltage_v=voltage or b.defaults.test_voltage_v,
            manufacturer_min_ohm=b.defaults.mfr_min_ohm,
        )
    for item in record.items:
        if item.spec.role is Role.PI:
            b.add(Q.POLARIZATION_INDEX, point, item)
        elif item.spec.role is Role.DAR:
            b.add(Q.DIELECTRIC_ABSORPTION_RATIO, point, item)


def _grounding(b: Builder, record: Record, index: int) -> None:
    name = point_name(record, "")
    distances = (_distance(b, i) for i in record.items if i.spec.role is Role.DISTANCE)
    distance = next((d for d in distances if d is not None), None)
    continuity = is_continuity(name) or is_continuity(record.header)
    for item in readings(record):
        if continuity:
            b.add(Q.CONTINUITY_RESISTANCE, name, item)
            continue
        point = name or "System"
        if distance is not None and "%" not in point:
            point = f"{point} {distance:g}%"
        b.add(Q.GROUND_RESISTANCE, point, item, distance_pct=distance)


def _distance(b: Builder, item: Item | None) -> float | None:
    """The potential probe's position in % of the current probe distance (not metres)."""
    if item is None:
        return None
    parsed = b.ctx.value(item.text, "percent", header_unit=item.spec.unit)
    if parsed is None or parsed.value is None or not (parsed.unit_found or item.spec.percent):
        return None
    return parsed.value if 0 < parsed.value <= 100 else None


def _contact(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Pole {index + 1}")
    # A "Max" column of a contact-resistance table can only be the manufacturer's limit.
    limit_item = record.first(Role.MFR_MAX) or record.first(Role.HOT_SPOT)
    limit = b.attribute(limit_item, "resistance", "µΩ")
    limit = limit or b.defaults.mfr_max_ohm
    for item in readings(record):
        b.add(Q.CONTACT_RESISTANCE, point, item, manufacturer_max_ohm=limit)


def _turns_ratio(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Winding {index + 1}")
    tap_item = record.first(Role.TAP)
    nameplate = b.attribute(record.first(Role.NAMEPLATE), "ratio") or b.defaults.nameplate_ratio
    for item in readings(record):
        parsed = b.read(item, Q.TURNS_RATIO)
        if parsed is None:
            continue
        value, plate, repaired = restore_decimal(parsed.value, nameplate)
        tap = tap_item.text if tap_item else item.spec.tap or b.defaults.tap
        b.add(
            Q.TURNS_RATIO,
            point,
            item,
            replace(parsed, value=value),
            repaired=repaired,
            nameplate_ratio=plate,
            tap=tap,
        )


def restore_decimal(
    measured: float | None, nameplate: float | None
) -> tuple[float | None, float | None, bool]:
    """Put back a decimal point OCR lost: 8669 beside a nameplate of 8.667 is 8.669.

    The larger of the two is divided by the power of ten that brings it within 2 % of the other.
    """
    if not measured or not nameplate:
        return measured, nameplate, False
    big, small = max(measured, nameplate), min(measured, nameplate)
    for power in _LOST_DECIMAL:
        if abs(big / power - small) <= small * _LOST_DECIMAL_TOLERANCE:
            fixed = big / power
            return (fixed, nameplate, True) if big == measured else (measured, fixed, True)
    return measured, nameplate, False


def _thermography(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Component {index + 1}")
    reference, reference_point = _reference(b, record)
    ambient = b.attribute(record.first(Role.AMBIENT), "temperature", "°C") or b.defaults.ambient_c
    load_item = record.first(Role.LOAD)
    load = b.attribute(load_item, "percent", "%")
    if load is not None and load_item is not None:
        b.loads.append((load, load_item))
    hot_item = record.first(Role.HOT_SPOT) or record.first(Role.READING)
    hot = None
    if hot_item is not None:
        spot = b.add(
            Q.TEMPERATURE,
            point,
            hot_item,
            reference_temperature_c=reference,
            reference_point=reference_point,
            ambient_temperature_c=ambient,
        )
        hot = spot.value if spot else None
    for item in (i for i in record.items if i.spec.role is Role.DELTA):
        _printed_rise(b, point, item, hot, reference, ambient)


def _reference(b: Builder, record: Record) -> tuple[float | None, str | None]:
    """(reference temperature, reference component): a report may print both, in two columns
    ("Reference (similar component) | Reference Temp."), or only one of them."""
    temperature: float | None = None
    name: str | None = None
    for item in (i for i in record.items if i.spec.role is Role.REFERENCE):
        if temperature is None and _is_temperature(item):
            temperature = b.attribute(item, "temperature", "°C")
        elif name is None and not _is_temperature(item):
            name = clean(item.text) or None
    return temperature, name


def _is_temperature(item: Item) -> bool:
    """A number in °C/°F, or under a header saying temperature; "Main lug, phase C" is not."""
    if not is_numeric(item.chunk.tokens[0]):
        return False
    if dimension_of(item.chunk) == "temperature":
        return True
    if item.spec.unit is not None or _TEMPERATURE_WORD.search(item.spec.text):
        return True
    # A bare number under a plain "Reference" header is a temperature; words are a component.
    return len(item.chunk.tokens) == 1


def _printed_rise(
    b: Builder,
    point: str,
    item: Item,
    hot: float | None,
    reference: float | None,
    ambient: float | None,
) -> None:
    """A ΔT as printed, over a similar component when the row names one, else over ambient."""
    kind = item.spec.reference or ("similar" if reference is not None else "ambient")
    base = reference if kind == "similar" else ambient
    rise = b.add(
        Q.TEMPERATURE_RISE,
        point,
        item,
        reference=kind,
        reference_temperature_c=reference if kind == "similar" else None,
        ambient_temperature_c=ambient,
    )
    if rise and rise.value is not None and hot is not None and base is not None:
        _check_printed_rise(b, item, rise.value, hot - base)


def _check_printed_rise(b: Builder, item: Item, printed: float, computed: float) -> None:
    if abs(printed - computed) > _MISMATCH_C:
        b.ctx.warn(
            WarningCode.PRINTED_VALUE_MISMATCH,
            f"The printed ΔT {printed:g} °C disagrees with hot spot − reference = "
            f"{computed:.1f} °C by more than {_MISMATCH_C} °C.",
            path=f"measurements.{len(b.measurements) - 1}",
            source=item.source,
            raw=item.text,
        )


Handler = Callable[[Builder, Record, int], None]
HANDLERS: dict[TestType, Handler] = {
    TestType.INSULATION_RESISTANCE: _insulation,
    TestType.GROUNDING: _grounding,
    TestType.THERMOGRAPHY: _thermography,
    TestType.CONTACT_RESISTANCE: _contact,
    TestType.TURNS_RATIO: _turns_ratio,
}
_FIELD_QUANTITY: dict[TestType, Quantity] = {
    TestType.INSULATION_RESISTANCE: Q.INSULATION_RESISTANCE,
    TestType.GROUNDING: Q.GROUND_RESISTANCE,
    TestType.CONTACT_RESISTANCE: Q.CONTACT_RESISTANCE,
}


def build_measurements(b: Builder, test_type: TestType, records: Iterable[Record]) -> None:
    handler = HANDLERS[test_type]
    for index, record in enumerate(records):
        handler(b, record, index)


def field_item(hit: FieldHit, role: Role) -> Item:
    """A printed field seen as a one-value record item (its label may state the unit)."""
    spec = ColumnSpec(role, hit.label_text, unit=unit_of_header(hit.label_text))
    return Item(spec, Chunk(hit.value_tokens, "value"), hit.line)


def field_measurements(b: Builder, test_type: TestType, hits: Iterable[FieldHit]) -> None:
    """PI, DAR and a single resistance printed as fields, unless a table already gave them."""
    have = {m.quantity for m in b.measurements}
    for hit in hits:
        if not hit.value_tokens:
            continue
        quantity = _field_quantity(hit, test_type)
        if quantity is None or quantity in have:
            continue
        point = "System" if quantity is Q.GROUND_RESISTANCE else "Overall"
        b.add(quantity, point, field_item(hit, Role.READING))
        have.add(quantity)


def _field_quantity(hit: FieldHit, test_type: TestType) -> Quantity | None:
    if hit.field == "measure.pi" and test_type is TestType.INSULATION_RESISTANCE:
        return Q.POLARIZATION_INDEX
    if hit.field == "measure.dar" and test_type is TestType.INSULATION_RESISTANCE:
        return Q.DIELECTRIC_ABSORPTION_RATIO
    if hit.field != "measure.resistance":
        return None
    if test_type is TestType.GROUNDING and is_continuity(hit.label_text):
        return Q.CONTINUITY_RESISTANCE
    return _FIELD_QUANTITY.get(test_type)
