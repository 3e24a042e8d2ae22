"""Field text → typed values: names, equipment types, voltage ratings, temperatures, dates.

Each converter takes a `FieldHit` and the document `Context` and returns a `Converted` value, or
None when the text holds nothing of that kind (the field then stays absent).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.tokens import Token, find_phrases, normalize
from core.analysis.extraction.interpret.vocab import (
    EQUIPMENT_TYPES,
    INSTRUMENT_MAKERS,
    INSULATION_FIELD_CUES,
    WINDING_CUES,
)
from core.analysis.extraction.values import unit_of_header
from core.analysis.windings import phases_stated, vector_group
from core.enums import EquipmentType

_EDGE = " \t.,;:|_-–—=~*#'\"‘’“”«»©®•"
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_VOLTAGE_SPLIT = re.compile(r"(?<=\d)\s*(?:/|Y\s*/?|∆\s*/?|Δ\s*/?)\s*(?=\d)", re.IGNORECASE)
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_MAX_VOLTAGE_V = 1_000_000


@dataclass(frozen=True, slots=True)
class Converted:
    value: Any
    repaired: bool = False
    unit_assumed: bool = False
    inferred: bool = False
    ambiguous: bool = False
    """A date that could be read day-first or month-first; `value` is None."""


Converter = Callable[[FieldHit, Context], Converted | None]


def clean(text: str) -> str:
    """Field text without OCR junk and leader dots at its edges."""
    return " ".join(text.split()).strip(_EDGE)


def text_value(hit: FieldHit, ctx: Context) -> Converted | None:
    value = clean(hit.value)
    return Converted(value) if value else None


def tag_value(hit: FieldHit, ctx: Context) -> Converted | None:
    """A tag keeps its spelling, but OCR's spaces around hyphens go ("TX- 2" → "TX-2")."""
    value = _SPACED_HYPHEN.sub("-", clean(hit.value))
    return Converted(value) if value else None


def equipment_type_of(tokens: tuple[Token, ...] | list[Token]) -> EquipmentType | None:
    found = find_phrases(tokens, EQUIPMENT_TYPES, in_brackets=True)
    if not found:
        return None
    # The longest phrase names the type best: "Dry-Type Transformer" over "Dry".
    return max(found, key=lambda hit: (hit[1] - hit[0], -hit[0]))[2]


def type_value(hit: FieldHit, ctx: Context) -> Converted | None:
    if not clean(hit.value):
        return None
    kind = equipment_type_of(hit.value_tokens)
    return Converted(kind if kind is not None else EquipmentType.OTHER)


def insulation_value(hit: FieldHit, ctx: Context) -> Converted | None:
    found = find_phrases(hit.value_tokens, INSULATION_FIELD_CUES, in_brackets=True)
    return Converted(found[0][2]) if found else None


def winding_value(hit: FieldHit, ctx: Context) -> Converted | None:
    found = find_phrases(hit.value_tokens, WINDING_CUES, in_brackets=True)
    if found:
        return Converted(found[0][2])
    key = normalize(hit.value)
    if "form" in key:
        return Converted("form_wound")
    return Converted("random_wound") if "random" in key else None


def year_value(hit: FieldHit, ctx: Context) -> Converted | None:
    match = _YEAR.search(hit.value)
    return Converted(int(match.group(1))) if match else None


def voltage_value(hit: FieldHit, ctx: Context) -> Converted | None:
    """A rating in volts; "4160/2400 V" and "480Y/277" give the higher (primary) winding."""
    text = hit.value
    last = _LAST_WORD.search(text)
    shared_unit = unit_of_header(hit.label_text) or (
        unit_of_header(f"({last.group(1)})") if last else None
    )
    best: Converted | None = None
    stated = False
    for part in _VOLTAGE_SPLIT.split(text):
        parsed = ctx.value(part, "voltage", header_unit=shared_unit, default_unit="V")
        if parsed is None or parsed.value is None or not 0 < parsed.value < _MAX_VOLTAGE_V:
            continue
        stated = stated or parsed.unit_found
        if best is None or parsed.value > best.value:
            best = Converted(parsed.value, repaired=parsed.repaired)
    if best is None:
        return None
    return Converted(best.value, repaired=best.repaired, unit_assumed=not stated)


def vector_group_value(hit: FieldHit, ctx: Context) -> Converted | None:
    group = vector_group(hit.value)
    return Converted(group) if group else None


def phases_value(hit: FieldHit, ctx: Context) -> Converted | None:
    text = hit.value.strip()
    if text in ("1", "3"):
        return Converted(int(text))
    phases = phases_stated(text) or phases_stated(f"{text} phase")
    return Converted(phases) if phases else None


def temperature_value(hit: FieldHit, ctx: Context) -> Converted | None:
    parsed = ctx.value(
        hit.value, "temperature", header_unit=unit_of_header(hit.label_text), default_unit="°C"
    )
    if parsed is None or parsed.value is None or parsed.value != parsed.value:
        return None
    return Converted(parsed.value, repaired=parsed.repaired, unit_assumed=not parsed.unit_found)


def percent_value(hit: FieldHit, ctx: Context) -> Converted | None:
    """Humidity and load: a bare number is a percentage anyway, so no unit is assumed."""
    parsed = ctx.value(hit.value, "percent", default_unit="%")
    if parsed is None or parsed.value is None or not 0 <= parsed.value <= 1000:
        return None
    return Converted(parsed.value, repaired=parsed.repaired)


def date_value(hit: FieldHit, ctx: Context) -> Converted | None:
    parsed = ctx.date(hit.value)
    if parsed is None:
        return None
    if parsed.value is None:
        return Converted(None, ambiguous=True)
    return Converted(parsed.value)


def instrument_model_value(hit: FieldHit, ctx: Context) -> Converted | None:
    return text_value(hit, ctx)


def maker_of(model: str) -> str | None:
    """The instrument maker named at the start of a model text ("Megger MIT1025" → Megger)."""
    words = model.split()
    for size in (2, 1):
        maker = INSTRUMENT_MAKERS.get(normalize(" ".join(words[:size])))
        if len(words) >= size and maker:
            return maker
    return None


CONVERTERS: dict[str, Converter] = {
    "equipment.tag": tag_value,
    "equipment.type": type_value,
    "equipment.description": text_value,
    "equipment.insulation": insulation_value,
    "equipment.manufacturer": text_value,
    "equipment.model": text_value,
    "equipment.serial": text_value,
    "equipment.voltage_rating_v": voltage_value,
    "equipment.secondary_voltage_v": voltage_value,
    "equipment.tertiary_voltage_v": voltage_value,
    "equipment.vector_group": vector_group_value,
    "equipment.phases": phases_value,
    "equipment.site": text_value,
    "equipment.winding": winding_value,
    "equipment.manufactured_year": year_value,
    "test.date": date_value,
    "test.standard": text_value,
    "test.technician": text_value,
    "test.company": text_value,
    "test.ambient_temperature_c": temperature_value,
    "test.apparatus_temperature_c": temperature_value,
    "test.humidity_pct": percent_value,
    "test.load_pct": percent_value,
    "instrument.manufacturer": text_value,
    "instrument.model": instrument_model_value,
    "instrument.serial": text_value,
    "instrument.calibration_date": date_value,
    "instrument.calibration_due_date": date_value,
}
