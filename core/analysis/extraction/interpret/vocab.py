"""Words that name things: equipment types, transformer insulation, electrodes, instrument makers.

Each family maps normalized phrases (see `tokens.normalize`) to what they mean, so a value such as
"Dry-type Transformer" or "480V Distribution Panel" is read with `tokens.find_phrases`. The
phrases are data, one file per family under `vocabulary/` (equipment.toml, insulation.toml,
electrodes.toml, windings.toml, makers.toml, tests.toml, neta_sections.toml); this module reads
them once and builds the lookup tables. Each `*_PHRASES` tuple keeps the (phrase, meaning) pairs
as written, for `test_vocabulary`.
"""

from __future__ import annotations

import re

from core.analysis.extraction.interpret.tokens import normalize
from core.analysis.extraction.interpret.vocabulary import Table, choice, first_wins, load
from core.enums import EquipmentType, TestType

_INSULATIONS = ("dry", "liquid")
_WINDINGS = ("form_wound", "random_wound", "field")
_ELECTRODES = {"single": True, "system": False}


def _pairs(table: Table, meanings: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (phrase, meaning)
        for meaning, phrases in table.phrases(meanings).items()
        for phrase in phrases
    )


_EQUIPMENT = load("equipment", ["types"]).table("types")
EQUIPMENT_PHRASES: tuple[tuple[str, EquipmentType], ...] = tuple(
    (phrase, EquipmentType(kind))
    for kind, phrases in _EQUIPMENT.phrases([kind.value for kind in EquipmentType]).items()
    for phrase in phrases
)
EQUIPMENT_TYPES: dict[str, EquipmentType] = first_wins(EQUIPMENT_PHRASES, normalize)

# Dry-type vs liquid-filled transformers (Table 100.5). Short cooling classes (AN, OA) only count in
# an insulation/cooling field, where they cannot be an ordinary word.
_INSULATION = load("insulation", ["anywhere", "field"])
INSULATION_PHRASES = _pairs(_INSULATION.table("anywhere"), _INSULATIONS)
INSULATION_FIELD_PHRASES = INSULATION_PHRASES + _pairs(_INSULATION.table("field"), _INSULATIONS)
INSULATION_CUES: dict[str, str] = first_wins(INSULATION_PHRASES, normalize)
INSULATION_FIELD_CUES: dict[str, str] = first_wins(INSULATION_FIELD_PHRASES, normalize)

ELECTRODE_PHRASES: tuple[tuple[str, bool], ...] = tuple(
    (phrase, _ELECTRODES[kind])
    for kind, phrases in load("electrodes", ["electrodes"])
    .table("electrodes")
    .phrases(list(_ELECTRODES))
    .items()
    for phrase in phrases
)
ELECTRODE_CUES: dict[str, bool] = first_wins(ELECTRODE_PHRASES, normalize)
"""True for one rod, pipe or plate; False for a grounding system."""

WINDING_PHRASES = _pairs(load("windings", ["windings"]).table("windings"), _WINDINGS)
WINDING_CUES: dict[str, str] = first_wins(WINDING_PHRASES, normalize)

_MAKERS = load("makers", ["makers"]).table("makers").expect(["names"], ["names"])
MAKER_PHRASES: tuple[tuple[str, str], ...] = tuple((name, name) for name in _MAKERS.words("names"))
INSTRUMENT_MAKERS: dict[str, str] = first_wins(MAKER_PHRASES, normalize)

_CUE_WEIGHT = 3
# "Megger" names the test in the trade, but the brand also makes every other test set.
_BRAND_WEIGHT = 1
_TESTS = load("tests", ["tests", "brands"])
_TEST_TYPES = [kind.value for kind in TestType]
TEST_PHRASES: tuple[tuple[str, TestType], ...] = tuple(
    (phrase, TestType(kind))
    for kind, phrases in _TESTS.table("tests").phrases(_TEST_TYPES).items()
    for phrase in phrases
)
_BRANDS = _TESTS.table("brands").mapping(choice(_TEST_TYPES), "a test type")

# Cue phrases per test type, weighted: a title or a column header that names the test decides it.
TEST_CUE_PHRASES: tuple[tuple[str, tuple[TestType, int]], ...] = (
    *((brand, (TestType(kind), _BRAND_WEIGHT)) for brand, kind in _BRANDS.items()),
    *((phrase, (kind, _CUE_WEIGHT)) for phrase, kind in TEST_PHRASES),
)
TEST_CUES: dict[str, tuple[TestType, int]] = first_wins(TEST_CUE_PHRASES, normalize)


_SECTION_NUMBER = re.compile(r"7(?:\.\d{1,2}){1,5}")


def _neta_sections() -> dict[str, tuple[EquipmentType, str | None]]:
    table = load("neta_sections", ["sections"]).table("sections")
    kinds = choice([kind.value for kind in EquipmentType])
    sections: dict[str, tuple[EquipmentType, str | None]] = {}
    for number in table.data:
        if not _SECTION_NUMBER.fullmatch(number):
            raise table.error(number, "is not an ATS-2025 section 7 number such as 7.2.1")
        entry = table.table(number).expect(["equipment", "insulation"], ["equipment"])
        kind = EquipmentType(entry.value("equipment", kinds, "an equipment type"))
        insulation = None
        if "insulation" in entry.data:
            insulation = entry.value("insulation", choice(_INSULATIONS), "dry or liquid")
        sections[number] = (kind, insulation)
    return sections


# ANSI/NETA ATS-2025 section 7 numbers the equipment a test sheet is for ("7.6.1.1.1.A.2" in a
# checklist row): the longest matching prefix names it. Only sections whose equipment is certain.
NETA_SECTIONS: dict[str, tuple[EquipmentType, str | None]] = _neta_sections()
"""Section prefix → (equipment type, transformer insulation it implies)."""
