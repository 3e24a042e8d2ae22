"""Equipment, test conditions and instruments from the report's labelled fields.

The first occurrence of a field wins (the header comes before footers and remarks), except
instrument fields: a field the current instrument already has starts the next instrument, so a
report listing several instruments yields several. Every value kept gets a `FieldProvenance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from core.analysis.extraction.interpret.columns import INSTRUMENT_ROLES, classify
from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.convert import (
    CONVERTERS,
    Converted,
    clean,
    equipment_type_of,
    maker_of,
)
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.labels import FALLBACK_STATES, Label
from core.analysis.extraction.interpret.records import Record, Table
from core.analysis.extraction.interpret.tokens import normalize
from core.schemas import WarningCode

_OUT_OF_SCHEMA = frozenset({"equipment.secondary_voltage_v", "equipment.tertiary_voltage_v"})
_TABLE_LABEL = Label("instrument", weak=False)
_SERIAL_WORDS = frozenset({"sn", "serial", "serialno", "serialnumber", "sno"})


@dataclass(slots=True)
class Header:
    equipment: dict[str, Any] = field(default_factory=dict)
    test: dict[str, Any] = field(default_factory=dict)
    instruments: list[dict[str, Any]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    """Values read for the measurements, not stored as such (secondary voltage)."""
    tags: list[FieldHit] = field(default_factory=list)
    """Every tag field, in reading order, for the mismatch check."""


def _column_word(hit: FieldHit) -> bool:
    """The value is one column-header word of a table ("Results", "Comments"), no text."""
    tokens = hit.value_tokens
    if not tokens or any(ch.isdigit() for ch in hit.value):
        return False
    return len({token.segment for token in tokens}) == 1 and classify(list(tokens)) is not None


def read_header(hits: list[FieldHit], instrument_tables: list[Table], ctx: Context) -> Header:
    header = Header()
    # A fallback label ("Position: Cubicle 3") only gives what no other label gave.
    for hit in sorted(hits, key=lambda hit: hit.label.fallback):
        path = _resolve(hit)
        if path.startswith("instrument."):
            _instrument(header, path, hit, ctx)
            continue
        if hit.label.fallback and normalize(hit.value) in FALLBACK_STATES:
            continue  # "Position: Closed" is the breaker's state, not its tag
        if path == "equipment.description" and _column_word(hit):
            continue  # "NETA Section | Description | Results": a checklist's header row
        if path == "equipment.tag" and clean(hit.value) and not hit.label.fallback:
            header.tags.append(hit)
        converter = CONVERTERS.get(path)
        group, _, name = path.partition(".")
        target = header.extras if path in _OUT_OF_SCHEMA else _target(header, group)
        if converter is None or target is None or name in target:
            continue
        converted = converter(hit, ctx)
        if converted is not None:
            _keep(target, name, path, converted, hit, ctx)
    for table in instrument_tables:
        for record in table.records:
            _instrument_record(header, record, ctx)
    return header


def _resolve(hit: FieldHit) -> str:
    """`Equipment: Switchgear` names a type; `Equipment: SWGR-1A` names a tag."""
    if hit.field != "equipment.either":
        return hit.field
    tokens = hit.value_tokens
    kind = equipment_type_of(tokens)
    return "equipment.type" if kind is not None and len(tokens) <= 3 else "equipment.tag"


def _target(header: Header, group: str) -> dict[str, Any] | None:
    return {"equipment": header.equipment, "test": header.test}.get(group)


def _keep(
    target: dict[str, Any],
    name: str,
    path: str,
    converted: Converted,
    hit: FieldHit,
    ctx: Context,
) -> None:
    if converted.ambiguous:
        _warn_ambiguous(ctx, path, hit)
        return
    target[name] = converted.value
    ctx.provenance(
        path,
        hit.confidence,
        hit.source,
        clean(hit.value),
        weak_label=hit.label.weak,
        repaired=converted.repaired,
        unit_assumed=converted.unit_assumed,
        inferred=converted.inferred,
    )
    if converted.unit_assumed:
        ctx.warn(
            WarningCode.UNIT_ASSUMED,
            f"'{clean(hit.value)}' for {hit.label_text} states no unit; the usual one was assumed.",
            path=path,
            source=hit.source,
            raw=hit.value,
        )


def _warn_ambiguous(ctx: Context, path: str, hit: FieldHit | None, raw: str = "") -> None:
    text = clean(hit.value) if hit else raw
    ctx.warn(
        WarningCode.AMBIGUOUS_DATE,
        f"The date '{text}' reads both day-first and month-first and no other date in the "
        "report tells which; it was left empty rather than guessed.",
        path=path,
        source=hit.source if hit else None,
        raw=text,
    )


def _instrument(header: Header, path: str, hit: FieldHit, ctx: Context) -> None:
    name = path.split(".", 1)[1]
    if name == "model":
        hit, serial = split_serial(hit)
    converted = CONVERTERS[path](hit, ctx)
    if converted is None:
        return
    if not header.instruments or name in header.instruments[-1]:
        header.instruments.append({})
    index = len(header.instruments) - 1
    _keep(header.instruments[-1], name, f"instruments.{index}.{name}", converted, hit, ctx)
    if name == "model" and serial is not None:
        _keep(
            header.instruments[-1],
            "serial",
            f"instruments.{index}.serial",
            Converted(clean(serial.value)),
            serial,
            ctx,
        )


def split_serial(hit: FieldHit) -> tuple[FieldHit, FieldHit | None]:
    """The serial printed inside the instrument's name: "FLIR T540 SN 49001234"."""
    tokens = hit.value_tokens
    for index, token in enumerate(tokens[:-1]):
        if index and token.key in _SERIAL_WORDS:
            model = replace(hit, value_tokens=tokens[:index])
            serial = replace(hit, label_tokens=(token,), value_tokens=tokens[index + 1 :])
            return model, serial
    return hit, None


def _instrument_record(header: Header, record: Record, ctx: Context) -> None:
    """One row of an instrument table (model, serial, calibration dates)."""
    values: dict[str, Any] = {}
    index = len(header.instruments)
    if record.point:
        values["model"] = clean(record.point)
    for item in record.items:
        role = item.spec.role
        if role not in INSTRUMENT_ROLES:
            continue
        name = role.value.split(".", 1)[1]
        hit = FieldHit(role.value, _TABLE_LABEL, (), item.chunk.tokens, item.line)
        converted = CONVERTERS[role.value](hit, ctx)
        if converted is not None:
            _keep(values, name, f"instruments.{index}.{name}", converted, hit, ctx)
    if values:
        header.instruments.append(values)


def complete_instruments(header: Header, ctx: Context) -> None:
    """The maker printed in front of a model ("Fluke 1555") fills the manufacturer."""
    for index, values in enumerate(header.instruments):
        model = values.get("model")
        if model and "manufacturer" not in values and (maker := maker_of(model)):
            values["manufacturer"] = maker
            source = ctx.fields.get(f"instruments.{index}.model")
            if source is not None:
                ctx.fields[f"instruments.{index}.manufacturer"] = source
