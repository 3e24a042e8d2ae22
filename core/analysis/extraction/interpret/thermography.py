"""Thermography records: a hot spot with its reference (a similar component, or ambient) and a
printed ΔT, checked against hot spot − reference."""

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
