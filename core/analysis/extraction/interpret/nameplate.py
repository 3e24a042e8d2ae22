"""A transformer's nameplate from the report: every winding, its connection, the vector group.

The voltage fields come first (`Voltage Rating: 13800-480Y/277`, or `Primary` and `Secondary`,
or a form's `High Voltage | 480 | / | 277 | Wye` row); the description, model or title completes
them when it names the same rating. Parsing a nameplate's text is `core.analysis.windings`'.
"""

from __future__ import annotations

import re

from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.convert import clean
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.header import Header
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.testtype import title_lines
from core.analysis.extraction.values import unit_of_header
from core.analysis.windings import (
    merge_windings,
    parse_windings,
    phases_stated,
    vector_connections,
    vector_group,
)
from core.schemas import Winding

_WINDING_FIELDS = frozenset(
    {"equipment.voltage_rating_v", "equipment.secondary_voltage_v", "equipment.tertiary_voltage_v"}
)


def complete_windings(header: Header, scan: Scan, ctx: Context, describing: list[str]) -> None:
    """Every winding of a transformer from its voltage fields (`Voltage: 13800-480Y/277`, or
    `Primary` + `Secondary`), completed from its description, model or title; the connection
    from the vector group or delta/wye words; the rating is then the highest winding."""
    parts: list[list[Winding]] = []
    texts: list[str] = []
    first: FieldHit | None = None
    for hit in scan.hits:
        if hit.field in _WINDING_FIELDS and hit.value_tokens:
            texts.append(_with_label_unit(hit, _rest_of_field(hit, scan)))
            parts.append(parse_windings(texts[-1]))
            first = first or hit
    windings = merge_windings(parts)
    if len(windings) < 2:
        # "Model: 2000 kVA 13800D - 480Y/277", "XFMR-T1 (12.47 kV - 480Y/277 V)": the
        # description may give what the voltage fields leave out, if it names their rating.
        described = _described_windings(scan, describing)
        if described and (not windings or described[0].voltage_v == windings[0].voltage_v):
            windings = merge_windings([described, windings])
    group = header.equipment.get("vector_group") or _printed_vector_group(scan)
    if group and "vector_group" not in header.equipment:
        header.equipment["vector_group"] = group
    if len(windings) >= 2 and group:
        connections = vector_connections(group)
        if connections:
            windings[0] = windings[0].model_copy(update={"connection": connections[0]})
            windings[1] = windings[1].model_copy(update={"connection": connections[1]})
    if windings:
        header.equipment["windings"] = windings
        header.equipment["voltage_rating_v"] = windings[0].voltage_v
        if first is not None and "equipment.windings" not in ctx.fields:
            ctx.provenance("equipment.windings", first.confidence, first.source, clean(first.value))
    if "phases" not in header.equipment:
        texts += [*describing, *(line.text for line in title_lines(scan))]
        phases = next((p for p in map(phases_stated, texts) if p), None)
        if phases:
            header.equipment["phases"] = phases


def _described_windings(scan: Scan, describing: list[str]) -> list[Winding]:
    best: list[Winding] = []
    for text in [*describing, *(line.text for line in title_lines(scan))]:
        found = parse_windings(text, stated_only=True)
        if len(found) > len(best):
            best = found
    return best


def _rest_of_field(hit: FieldHit, scan: Scan) -> str:
    """The value and what follows it up to the next label on the line: a form prints a winding
    over several cells (`High Voltage | 480 | / | 277 | Wye`)."""
    tokens = hit.line.tokens
    start = tokens.index(hit.value_tokens[0])
    ends = [
        tokens.index(other.label_tokens[0])
        for other in scan.hits
        if other.line is hit.line and other.label_tokens and other is not hit
    ]
    end = min((e for e in ends if e > start), default=len(tokens))
    return " ".join(token.text for token in tokens[start:end])


def _with_label_unit(hit: FieldHit, text: str) -> str:
    """The value with the label's unit when it states none itself: `Primary (kV): 13.8`."""
    unit = unit_of_header(hit.label_text)
    if unit and unit.lower() in ("kv", "v") and not re.search(r"\d\s*k?V\b", text, re.I):
        return f"{text} {unit}"
    return text


def _printed_vector_group(scan: Scan) -> str | None:
    for line in scan.lines:
        group = vector_group(line.text)
        if group and vector_connections(group):
            return group
    return None
