"""What the fields leave open about the equipment: type from the title, insulation, electrode, tags.

Inferences are marked in the field's confidence (`confidence.INFERRED`); what cannot be told is
left absent with a warning, never guessed: a transformer with no dry/liquid statement keeps
`insulation=None` (the rules then judge it against both columns) and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from difflib import SequenceMatcher
from typing import TypeVar

from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.convert import clean, equipment_type_of
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.header import Header
from core.analysis.extraction.interpret.nameplate import complete_windings
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.testtype import title_lines
from core.analysis.extraction.interpret.tokens import Line, Token, find_phrases, normalize
from core.analysis.extraction.interpret.vocab import (
    ELECTRODE_CUES,
    EQUIPMENT_TYPES,
    INSULATION_CUES,
    NETA_SECTIONS,
    WINDING_CUES,
)
from core.enums import EquipmentType, TestType
from core.schemas import SourceLocation, WarningCode

V = TypeVar("V")

_IMPLIED_TYPE = {
    TestType.TURNS_RATIO: EquipmentType.TRANSFORMER,
    TestType.GROUNDING: EquipmentType.GROUNDING_SYSTEM,
}
_SAME_TAG_RATIO = 0.6  # "up-2c" vs "LP-2C"; unrelated tags score far lower
# The header's reading must be doubtful and the other print read far more surely; a footer's
# confidence is its whole line's, so it needs a wide margin.
_DOUBTFUL_BELOW = 0.5
_CLEARER_BY = 0.3
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_DESCRIBING_FIELDS = frozenset(
    {
        "equipment.type",
        "equipment.either",
        "equipment.description",
        "equipment.tag",
        "equipment.model",
    }
)
# A voltage with its unit, a wye rating's "Y/277" skipped: "480Y/277V", "12.47 kV", "4160 V".
# "VDC" is a test voltage and does not match (no word boundary after the V).
_STATED_VOLTAGE = re.compile(
    r"(?<![\w.,])(\d[\d.,]*)\s*(?:Y\s*/\s*\d{2,3}\s*)?(kV|V)(?:AC)?\b", re.IGNORECASE
)
_MAX_RATING_V = 800_000
_MENTION = re.compile(
    r"\b(?:equipment|asset|device|unit)\s*(?:id|tag|no\.?|#)?\s*[:#]?\s+"
    r"(?P<tag>[A-Z0-9]+(?:(?:\s?[-_./](?!\s)|[-_./]\s)[A-Z0-9]+)+|[A-Z]+\d+[A-Z0-9]*)",
    re.IGNORECASE,
)


def complete_equipment(header: Header, scan: Scan, ctx: Context, test_type: TestType) -> None:
    _equipment_type(header, scan, ctx, test_type)
    kind = header.equipment.get("type")
    if kind in (EquipmentType.MOTOR, EquipmentType.GENERATOR) and "winding" not in header.equipment:
        _cue(header, scan, ctx, "winding", WINDING_CUES)
    if kind is EquipmentType.TRANSFORMER:
        _insulation(header, scan, ctx)
        describing = [hit.value for hit in scan.hits if hit.field in _DESCRIBING_FIELDS]
        complete_windings(header, scan, ctx, describing)
    if test_type is TestType.GROUNDING or kind is EquipmentType.GROUNDING_SYSTEM:
        _electrode(header, scan, ctx)
    elif "voltage_rating_v" not in header.equipment:
        _rating_from_description(header, scan, ctx)


def _rating_from_description(header: Header, scan: Scan, ctx: Context) -> None:
    """No rating field, but the equipment is described with its voltage ("Main Switchboard
    480Y/277V", "XFMR-T1 (Oil-filled, 12.47 kV - 480Y/277 V)"): the highest voltage stated
    with its unit is the (primary) rating, marked as inferred."""
    describing = [
        (hit.line, hit.value_tokens) for hit in scan.hits if hit.field in _DESCRIBING_FIELDS
    ]
    best: tuple[float, Line, tuple[Token, ...] | list[Token]] | None = None
    for line, tokens in [*describing, *((line, line.tokens) for line in title_lines(scan))]:
        for match in _STATED_VOLTAGE.finditer(" ".join(t.text for t in tokens)):
            parsed = ctx.value(f"{match.group(1)} {match.group(2)}", "voltage")
            if parsed is None or parsed.value is None or not 0 < parsed.value < _MAX_RATING_V:
                continue
            if best is None or parsed.value > best[0]:
                best = (parsed.value, line, tokens)
    if best is not None:
        _infer(header, ctx, "voltage_rating_v", best[0], best[1], best[2])


def _type_hits(scan: Scan) -> list[FieldHit]:
    fields = ("equipment.type", "equipment.either", "equipment.description")
    return [hit for hit in scan.hits if hit.field in fields and hit.value_tokens]


def _equipment_type(header: Header, scan: Scan, ctx: Context, test_type: TestType) -> None:
    if "type" in header.equipment:
        # A type field that names nothing known ("Trip Type: LSI" read as a type) yields to the
        # NETA section the sheet's checklist is numbered by.
        if header.equipment["type"] is EquipmentType.OTHER:
            _section_type(header, scan, ctx)
        return
    for hit in _type_hits(scan):
        kind = equipment_type_of(hit.value_tokens)
        if kind is not None:
            _infer(header, ctx, "type", kind, hit.line, hit.value_tokens)
            return
    titles = [(line, line.tokens) for line in title_lines(scan)]
    for line, tokens in [*titles, *_bare_lines(scan)]:
        kind = equipment_type_of(tokens)
        if kind is not None:
            _infer(header, ctx, "type", kind, line, tokens)
            return
    if _section_type(header, scan, ctx):
        return
    implied = _IMPLIED_TYPE.get(test_type)
    if implied is not None and title_lines(scan):
        line = title_lines(scan)[0]
        _infer(header, ctx, "type", implied, line, line.tokens)


_SECTION_NUMBER = re.compile(r"^(7(?:\.\d{1,2}){1,5})(?:\.[A-Z](?:\.\d{1,2})*)?$")


def _section_type(header: Header, scan: Scan, ctx: Context) -> bool:
    """The equipment a NETA sheet's checklist names by section number ("7.6.1.1.1.A.1"):
    the section most of its numbered rows share, when ATS-2025 names one equipment for it."""
    found: Counter[str] = Counter()
    first: dict[str, tuple[Line, Token]] = {}
    for line in scan.lines:
        for token in line.tokens[:2]:
            match = _SECTION_NUMBER.match(token.text)
            if match is None:
                continue
            section = _known_section(match.group(1))
            if section is not None:
                found[section] += 1
                first.setdefault(section, (line, token))
    if not found:
        return False
    section = found.most_common(1)[0][0]
    kind, insulation = NETA_SECTIONS[section]
    line, token = first[section]
    _infer(header, ctx, "type", kind, line, (token,))
    if insulation is not None and "insulation" not in header.equipment:
        _infer(header, ctx, "insulation", insulation, line, (token,))
    return True


def _known_section(number: str) -> str | None:
    """The longest ATS section prefix of `7.6.1.1.1` that NETA_SECTIONS knows."""
    parts = number.split(".")
    for size in range(len(parts), 1, -1):
        prefix = ".".join(parts[:size])
        if prefix in NETA_SECTIONS:
            return prefix
    return None


def _bare_lines(scan: Scan) -> list[tuple[Line, tuple[Token, ...]]]:
    """Unlabelled text that is nothing but an equipment type ("Metal-Clad Switchgear" whose
    label OCR lost), alone on its line or before the line's first label."""
    first_label: dict[int, int] = {}
    for hit in scan.hits:
        starts = [i for i, t in enumerate(hit.line.tokens) if hit.label_tokens[:1] == (t,)]
        start = starts[0] if starts else 0  # a label row above its values: none on this line
        first_label[hit.line.index] = min(first_label.get(hit.line.index, start), start)
    bare = []
    for line in scan.lines:
        lead = line.tokens[: first_label.get(line.index, len(line.tokens))]
        found = find_phrases(lead, EQUIPMENT_TYPES, in_brackets=True) if lead else []
        if found and sum(end - start for start, end, _ in found) == len(lead):
            bare.append((line, lead))
    return bare


def _infer(
    header: Header,
    ctx: Context,
    name: str,
    value: object,
    line: Line,
    tokens: tuple[Token, ...] | list[Token],
) -> None:
    header.equipment[name] = value
    ctx.provenance(
        f"equipment.{name}",
        line.confidence_of(tokens),
        line.source_of(tokens),
        clean(" ".join(t.text for t in tokens)),
        inferred=True,
    )


def _first_cue(
    lines: Iterable[tuple[Line, tuple[Token, ...]]], cues: Mapping[str, V]
) -> tuple[V, Line, tuple[Token, ...]] | None:
    for line, tokens in lines:
        found = find_phrases(tokens, cues, in_brackets=True)
        if found:
            start, end, value = found[0]
            return value, line, tokens[start:end]
    return None


def _insulation(header: Header, scan: Scan, ctx: Context) -> None:
    if "insulation" in header.equipment:
        return
    typed = [(hit.line, hit.value_tokens) for hit in _type_hits(scan)]
    found = _first_cue([*typed, *((line, line.tokens) for line in scan.lines)], INSULATION_CUES)
    if found is None:
        ctx.warn(
            WarningCode.INSULATION_ASSUMED,
            "The report does not say whether the transformer is dry-type or liquid-filled; "
            "a reading between the liquid-filled and the dry-type minimum goes to review.",
            path="equipment.insulation",
        )
        return
    value, line, tokens = found
    header.equipment["insulation"] = value
    ctx.provenance(
        "equipment.insulation",
        line.confidence_of(tokens),
        line.source_of(tokens),
        clean(" ".join(t.text for t in tokens)),
    )


def _electrode(header: Header, scan: Scan, ctx: Context) -> None:
    """One rod, pipe or plate (NEC 250.53) or a grounding system, when the report says which."""
    _cue(header, scan, ctx, "single_electrode", ELECTRODE_CUES)


def _cue(header: Header, scan: Scan, ctx: Context, name: str, cues: Mapping[str, object]) -> None:
    """A value stated inside the type or description, or in the title."""
    typed = [(hit.line, hit.value_tokens) for hit in _type_hits(scan)]
    titles = [(line, line.tokens) for line in title_lines(scan)]
    found = _first_cue([*typed, *titles], cues)
    if found is None:
        return
    value, line, tokens = found
    header.equipment[name] = value
    ctx.provenance(
        f"equipment.{name}",
        line.confidence_of(tokens),
        line.source_of(tokens),
        clean(" ".join(t.text for t in tokens)),
    )


def check_tags(header: Header, scan: Scan, ctx: Context) -> None:
    """A tag printed differently elsewhere (a second tag field, a footer) is a warning; with no
    tag field at all, a footer naming the equipment gives the tag."""
    others = list(_other_tags(header, scan))
    tag = header.equipment.get("tag")
    if not tag and others:
        tag, source, raw, confidence = others[0]
        header.equipment["tag"] = tag
        ctx.provenance("equipment.tag", confidence, source, raw, inferred=True)
    if not tag:
        return
    misread = _better_reading(header, tag, others)
    if misread is not None:
        # The header's tag is an OCR misreading of the one printed elsewhere ("up-2c" for
        # "LP-2C" in the footer): the clearer print wins, marked as repaired.
        tag, source, raw, text_confidence = misread
        header.equipment["tag"] = tag
        ctx.provenance("equipment.tag", text_confidence, source, raw, repaired=True)
    seen = {normalize(tag)}
    for other, source, raw, _ in others:
        key = normalize(other)
        if key and key not in seen:
            seen.add(key)
            ctx.warn(
                WarningCode.TAG_MISMATCH,
                f"The report names the equipment '{tag}' in its header but '{other}' elsewhere.",
                path="equipment.tag",
                source=source,
                raw=raw,
            )


def _better_reading(
    header: Header, tag: str, others: list[tuple[str, SourceLocation, str, float]]
) -> tuple[str, SourceLocation, str, float] | None:
    """Another print of the tag that is nearly the same text but read far more surely."""
    if not header.tags or len({normalize(other) for other, *_ in others}) != 1:
        return None
    read_as = header.tags[0].confidence
    other = others[0]
    similar = SequenceMatcher(None, tag.lower(), other[0].lower()).ratio() >= _SAME_TAG_RATIO
    clearer = read_as < _DOUBTFUL_BELOW and other[3] - read_as >= _CLEARER_BY
    return other if similar and clearer and normalize(other[0]) != normalize(tag) else None


def _other_tags(header: Header, scan: Scan) -> Iterator[tuple[str, SourceLocation, str, float]]:
    for hit in header.tags[1:]:
        yield clean(hit.value), hit.source, hit.value, hit.confidence
    labelled = {hit.line.index for hit in scan.hits}
    for line in scan.lines:
        if line.index in labelled:
            continue
        for match in _MENTION.finditer(line.text):
            tag = _SPACED_HYPHEN.sub("-", match.group("tag"))
            if not any(ch.isdigit() for ch in tag):
                continue  # "Unit clean. Cleaned", "Asset No. Cal": words, never an equipment tag
            yield tag, line.row.source, line.text, line.confidence_of(line.tokens)
