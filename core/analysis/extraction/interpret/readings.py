"""Per test type: which quantity each value of a record is, and what stands beside it.

Each table is read by the test it holds (`testtype.table_test`); within a record, a reading
whose own unit names the other resistance family (µΩ met by the insulation handler, MΩ by the
contact one) is read as that quantity, never scaled into a nonsense value of this one.

Insulation readings take their duration from the column ("1 min") and their test voltage from
the row or the report; fall-of-potential readings their probe distance; hot spots their
reference and ambient (`thermography`); turns ratios their nameplate ratio and tap; contact
resistances the manufacturer's maximum. A resistance printed as a field ("Ground Resistance:
2.1 Ω") counts when no table gave that quantity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from core.analysis.extraction.interpret.chunks import Chunk, is_numeric
from core.analysis.extraction.interpret.columns import ColumnSpec, Role, duration_in
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.measurements import (
    Builder,
    column_point,
    is_continuity,
    point_name,
    readings,
)
from core.analysis.extraction.interpret.records import Item, Record
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.testtype import reading_test, table_test
from core.analysis.extraction.interpret.thermography import thermography, thermography_records
from core.analysis.extraction.values import unit_of_header
from core.enums import TestType
from core.schemas import Quantity

Q = Quantity
_LOST_DECIMAL = (10, 100, 1000, 10000)
_LOST_DECIMAL_TOLERANCE = 0.02


def _insulation(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Reading {index + 1}")
    for item in readings(record):
        where = column_point(point, item)
        if not _other_family(b, record, where, item, TestType.INSULATION_RESISTANCE):
            _insulation_reading(b, record, where, item)
    for item in record.items:
        if item.spec.role is Role.PI:
            b.add(Q.POLARIZATION_INDEX, point, item)
        elif item.spec.role is Role.DAR:
            b.add(Q.DIELECTRIC_ABSORPTION_RATIO, point, item)


def _insulation_reading(b: Builder, record: Record, point: str, item: Item) -> None:
    voltage = b.attribute(record.first(Role.TEST_VOLTAGE), "voltage", "V")
    duration = b.attribute(record.first(Role.DURATION), "duration", "min")
    timed = item.spec.duration_s or (round(duration) if duration else b.defaults.duration_s)
    b.add(
        Q.INSULATION_RESISTANCE,
        point,
        item,
        duration_s=timed,
        test_voltage_v=voltage or b.defaults.test_voltage_v,
        manufacturer_min_ohm=b.defaults.mfr_min_ohm,
    )


def _other_family(b: Builder, record: Record, point: str, item: Item, test: TestType) -> bool:
    """Read a reading whose own unit names another resistance family than `test`'s as that
    quantity ("39 µΩ" beside insulation readings is a pole, not 0 MΩ; "2,200 MΩ" beside a
    ratio is no ratio of 2200); False when the reading is `test`'s. Grounding readings are left
    alone: its bonds are printed in mΩ, its electrodes in Ω."""
    family = reading_test(item)
    if family is None or family is test:
        return False
    read = _insulation_reading if family is TestType.INSULATION_RESISTANCE else _contact_reading
    read(b, record, point, item)
    return True


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
    for item in readings(record):
        where = column_point(point, item)
        if not _other_family(b, record, where, item, TestType.CONTACT_RESISTANCE):
            _contact_reading(b, record, where, item)


def _contact_reading(b: Builder, record: Record, point: str, item: Item) -> None:
    # A "Max" column of a contact-resistance table can only be the manufacturer's limit.
    limit_item = record.first(Role.MFR_MAX) or record.first(Role.HOT_SPOT)
    limit = b.attribute(limit_item, "resistance", "µΩ") or b.defaults.mfr_max_ohm
    b.add(Q.CONTACT_RESISTANCE, point, item, manufacturer_max_ohm=limit)


def _turns_ratio(b: Builder, record: Record, index: int) -> None:
    point = point_name(record, f"Winding {index + 1}")
    tap_item = record.first(Role.TAP)
    nameplate = b.attribute(record.first(Role.NAMEPLATE), "ratio") or b.defaults.nameplate_ratio
    for item in readings(record):
        if _other_family(b, record, point, item, TestType.TURNS_RATIO):
            continue
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


Handler = Callable[[Builder, Record, int], None]
HANDLERS: dict[TestType, Handler] = {
    TestType.INSULATION_RESISTANCE: _insulation,
    TestType.GROUNDING: _grounding,
    TestType.THERMOGRAPHY: thermography,
    TestType.CONTACT_RESISTANCE: _contact,
    TestType.TURNS_RATIO: _turns_ratio,
}
_FIELD_QUANTITY: dict[TestType, Quantity] = {
    TestType.INSULATION_RESISTANCE: Q.INSULATION_RESISTANCE,
    TestType.GROUNDING: Q.GROUND_RESISTANCE,
    TestType.CONTACT_RESISTANCE: Q.CONTACT_RESISTANCE,
}


def build_measurements(b: Builder, test_type: TestType, found: Scan) -> set[TestType]:
    """Each table read by the test it holds (`table_test`), loose readings by the report's;
    returns the tests read. A point's fallback name counts records across all of them."""
    runs = [
        (table_test(table, found, test_type), table.records)
        for table in found.tables
        if not table.instruments
    ]
    runs.append((test_type, found.loose))
    index = 0
    for kind, records in runs:
        if kind is TestType.THERMOGRAPHY:
            thermography_records(b, records, index)
            index += len(records)
            continue
        for record in records:
            HANDLERS[kind](b, record, index)
            index += 1
    return {kind for kind, records in runs if records} | {test_type}


def field_item(hit: FieldHit, role: Role) -> Item:
    """A printed field seen as a one-value record item (its label may state the unit)."""
    spec = ColumnSpec(role, hit.label_text, unit=unit_of_header(hit.label_text))
    return Item(spec, Chunk(hit.value_tokens, "value"), hit.line)


def field_measurements(
    b: Builder, test_type: TestType, hits: Iterable[FieldHit], tests: set[TestType]
) -> None:
    """PI, DAR (when an insulation test was read) and a single resistance of the report's test
    printed as fields, unless a table already gave them."""
    have = {m.quantity for m in b.measurements}
    insulation = TestType.INSULATION_RESISTANCE in tests
    for hit in hits:
        if not hit.value_tokens:
            continue
        quantity = _field_quantity(hit, test_type, insulation=insulation)
        if quantity is None or quantity in have or _formula(hit):
            continue
        point = "System" if quantity is Q.GROUND_RESISTANCE else "Overall"
        b.add(quantity, point, field_item(hit, Role.READING))
        have.add(quantity)


def _formula(hit: FieldHit) -> bool:
    """ "Dielectric Absorption Ratio | 1 Min. / 0.5 Min. Values | 1.15": the field's value says
    how the ratio is calculated, and the numbers after it are the form's own results —
    derived values, no reported ratio. Its digits ("1 Min.") are no reading either."""
    return not is_numeric(hit.value_tokens[0]) or duration_in(hit.value) is not None


def _field_quantity(hit: FieldHit, test_type: TestType, *, insulation: bool) -> Quantity | None:
    if hit.field == "measure.pi" and insulation:
        return Q.POLARIZATION_INDEX
    if hit.field == "measure.dar" and insulation:
        return Q.DIELECTRIC_ABSORPTION_RATIO
    if hit.field != "measure.resistance":
        return None
    if test_type is TestType.GROUNDING and is_continuity(hit.label_text):
        return Q.CONTINUITY_RESISTANCE
    return _FIELD_QUANTITY.get(test_type)
