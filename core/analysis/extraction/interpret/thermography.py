"""Thermography records: a hot spot with its reference (a similar component, or ambient) and a
printed ΔT, checked against hot spot − reference.

A table with phases as columns (`Component | Phase A (°C) | Phase B (°C) | Phase C (°C)`) prints
the similar components side by side: each phase is judged against the coolest phase of the same
component (Table 100.18's "similar components under similar load"), unless its row names a
reference of its own.
"""

from __future__ import annotations

import re

from core.analysis.extraction.interpret.chunks import dimension_of, is_numeric
from core.analysis.extraction.interpret.columns import Role
from core.analysis.extraction.interpret.convert import clean
from core.analysis.extraction.interpret.measurements import Builder, point_name
from core.analysis.extraction.interpret.records import Item, Record
from core.schemas import Quantity, WarningCode

Q = Quantity
_TEMPERATURE_WORD = re.compile(r"temp|°|deg", re.IGNORECASE)
_MISMATCH_C = 0.5


def thermography(b: Builder, record: Record, index: int) -> None:
    thermography_similar(b, record, index, None)


def thermography_records(b: Builder, records: list[Record], start: int) -> None:
    """A table's records, the phases of each component of a phases-as-columns table judged
    against their coolest phase."""
    coolest: dict[str, tuple[float, str]] = {}
    for record in records:
        if record.component is None or record.first(Role.REFERENCE) is not None:
            continue
        hot = b.attribute(_hot_item(record), "temperature", "°C")
        known = coolest.get(record.component)
        if hot is not None and (known is None or hot < known[0]):
            coolest[record.component] = (hot, point_name(record, ""))
    groups: dict[str, int] = {}
    for record in records:
        if record.component is not None:
            groups[record.component] = groups.get(record.component, 0) + 1
    for offset, record in enumerate(records):
        similar = coolest.get(record.component or "") if record.component is not None else None
        if similar is not None and groups[record.component or ""] < 2:
            similar = None
        thermography_similar(b, record, start + offset, similar)


def _hot_item(record: Record) -> Item | None:
    return record.first(Role.HOT_SPOT) or record.first(Role.READING)


def thermography_similar(
    b: Builder, record: Record, index: int, similar: tuple[float, str] | None
) -> None:
    """One record; `similar` is the coolest phase beside it (temperature, point) when the
    table prints phases as columns."""
    point = point_name(record, f"Component {index + 1}")
    reference, reference_point = _reference(b, record)
    if reference is None and similar is not None:
        reference, reference_point = similar
    ambient = b.attribute(record.first(Role.AMBIENT), "temperature", "°C") or b.defaults.ambient_c
    load_item = record.first(Role.LOAD)
    load = b.attribute(load_item, "percent", "%")
    if load is not None and load_item is not None:
        b.loads.append((load, load_item))
    hot_item = _hot_item(record)
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
