"""Label synonyms → field keys, for the key/value part of a report.

Synonyms are written as people print them, in `vocabulary/labels.toml` (field labels) and
`vocabulary/sections.toml` (section headings), and normalized once at import (see
`tokens.normalize`), so matching a label is one dict lookup. A leading `~` marks a weak synonym
(a generic word such as "Date" or "Type"): it still counts, at a lower confidence
(`confidence.WEAK_LABEL`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from core.analysis.extraction.interpret.tokens import normalize
from core.analysis.extraction.interpret.vocabulary import Table, first_wins, load


@dataclass(frozen=True, slots=True)
class Label:
    field: str
    weak: bool
    generic: bool = False
    """Manufacturer / Model / Serial / Asset # with no owner: the instrument's in an instrument
    section (a tag label there is the instrument's asset number, `INSTRUMENT_ASSET`)."""
    fallback: bool = False
    """A tag only when no other label gives one, never a second tag ("Position: Cubicle 3")."""


_FIELD_NAMES = {
    "equipment": "tag either type description insulation manufacturer model serial "
    "voltage_rating_v secondary_voltage_v tertiary_voltage_v vector_group phases site winding "
    "manufactured_year",
    "test": "date standard technician company ambient_temperature_c apparatus_temperature_c "
    "humidity_pct load_pct test_voltage_v duration_s tap",
    "instrument": "model manufacturer serial calibration_date calibration_due_date",
    "measure": "resistance pi dar nameplate_ratio mfr_min mfr_max",
}
INSTRUMENT_ASSET = "instrument_asset"
"""An instrument's asset number ("AMP ID", "Asset #" in an instrument block): the report model
keeps none, and it is never the equipment tag nor the instrument's serial."""
FIELD_KEYS = frozenset(
    [f"{group}.{name}" for group, names in _FIELD_NAMES.items() for name in names.split()]
    + ["note", INSTRUMENT_ASSET, "ignore"]
)
"""The fields a label may name. Dotted keys: `equipment.*`, `test.*`, `instrument.*` mirror
ExtractionResult; `measure.*` are readings printed as fields; `equipment.either` is a tag or a
type ("Equipment: SWGR-1A"); `note` swallows remarks so their words are not taken for labels;
`ignore` is no field, named so that a shorter label inside it is not read ("Breaker Position")."""

_WEAK = "~"
_LABELS = load("labels", ["fields", "ownerless", "fallback", "tag_compounds"])
_FIELDS = _LABELS.table("fields").phrases(FIELD_KEYS)
_COMPOUNDS = _LABELS.table("tag_compounds").expect(["owners", "words"], ["owners", "words"])


def _phrase_set(table: Table, key: str, fields: frozenset[str]) -> frozenset[str]:
    """Normalized phrases of `table[key]`, each of which must be a label of one of `fields`."""
    known = {
        normalize(phrase.lstrip(_WEAK)) for field in fields for phrase in _FIELDS.get(field, ())
    }
    phrases = frozenset(normalize(phrase) for phrase in table.words(key))
    for phrase in table.words(key):
        if normalize(phrase) not in known:
            raise table.error(key, f"{phrase!r} is no label of {', '.join(sorted(fields))}")
    return phrases


_OWNERLESS = _phrase_set(_LABELS.table("ownerless").expect(["phrases"]), "phrases", FIELD_KEYS)
_FALLBACK_TABLE = _LABELS.table("fallback").expect(["phrases", "states"], ["phrases", "states"])
_FALLBACK = _phrase_set(_FALLBACK_TABLE, "phrases", frozenset({"equipment.tag"}))
FALLBACK_STATES = frozenset(normalize(state) for state in _FALLBACK_TABLE.words("states"))
"""Normalized values a fallback tag label never gives: a breaker's state ("Closed")."""


def _label(field: str, phrase: str, weak: bool) -> Label:
    key = normalize(phrase)
    return Label(field, weak, key in _OWNERLESS, key in _FALLBACK)


def _label_phrases() -> Iterator[tuple[str, Label]]:
    for field, phrases in _FIELDS.items():
        for phrase in phrases:
            printed = phrase.lstrip(_WEAK)
            yield printed, _label(field, printed, weak=phrase.startswith(_WEAK))
    # "Panel ID", "Xfmr Tag", "Breaker No." …: an equipment word and an identifier word.
    for owner in _COMPOUNDS.words("owners"):
        for word in _COMPOUNDS.words("words"):
            yield f"{owner} {word}", _label("equipment.tag", f"{owner} {word}", weak=False)


LABEL_PHRASES: tuple[tuple[str, Label], ...] = tuple(_label_phrases())
"""Every label as written (weak marks dropped) with what it means, for `test_vocabulary`."""
LABELS: dict[str, Label] = first_wins(LABEL_PHRASES, normalize)

SECTION_PHRASES: tuple[tuple[str, str], ...] = tuple(
    (phrase, part)
    for part, phrases in load("sections", ["sections"])
    .table("sections")
    .phrases(["equipment", "instrument"])
    .items()
    for phrase in phrases
)
SECTIONS: dict[str, str] = first_wins(SECTION_PHRASES, normalize)
"""A heading's normalized text → the part it opens: 'equipment' or 'instrument'."""
