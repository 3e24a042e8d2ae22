"""The vocabularies under `interpret/vocabulary/`: every file loads and is read, no phrase means
two things — within a vocabulary, or across the vocabularies the reader consults on the same
text — and every meaning is one the reader knows. The checkers are shown to catch a conflict."""

from __future__ import annotations

import typing
from collections.abc import Hashable
from pathlib import Path

import pytest

from core.analysis.extraction import units
from core.analysis.extraction.interpret import columns, labels, testtype, vocab
from core.analysis.extraction.interpret.columns import INSTRUMENT_ROLES, Role
from core.analysis.extraction.interpret.convert import CONVERTERS
from core.analysis.extraction.interpret.equipment import _IMPLIED_TYPE
from core.analysis.extraction.interpret.labels import INSTRUMENT_ASSET, Label
from core.analysis.extraction.interpret.tokens import normalize
from core.analysis.extraction.interpret.vocabulary import (
    VOCABULARY_DIR,
    Table,
    VocabularyError,
    ambiguities,
    disagreements,
    load,
)
from core.enums import EquipmentType
from core.enums import TestType as Kind  # `Test…` would be collected by pytest
from core.schemas import Equipment

# -- every file loads, and every file is read ----------------------------------------------------

READ_BY = {
    "labels": labels.LABELS,
    "sections": labels.SECTIONS,
    "columns": columns.ROLES,
    "equipment": vocab.EQUIPMENT_TYPES,
    "insulation": vocab.INSULATION_FIELD_CUES,
    "electrodes": vocab.ELECTRODE_CUES,
    "windings": vocab.WINDING_CUES,
    "makers": vocab.INSTRUMENT_MAKERS,
    "tests": vocab.TEST_CUES,
    "neta_sections": vocab.NETA_SECTIONS,
    "units": dict(units._EXACT, **units._FOLDED),
}


def test_every_vocabulary_file_is_read_by_the_reader() -> None:
    assert {path.stem for path in VOCABULARY_DIR.glob("*.toml")} == set(READ_BY)
    assert all(READ_BY.values())


@pytest.mark.parametrize("name", sorted(READ_BY))
def test_each_file_starts_by_saying_what_it_means_and_how_to_add_a_phrase(name: str) -> None:
    text = (VOCABULARY_DIR / f"{name}.toml").read_text(encoding="utf-8")
    header = text.split("\n[", 1)[0]
    assert header.startswith("# ") and "To add" in header
    assert "test_vocabulary.py" in header


# -- no phrase means two things within a vocabulary ---------------------------------------------

VOCABULARIES: dict[str, tuple[tuple[str, Hashable], ...]] = {
    "labels": labels.LABEL_PHRASES,
    "sections": labels.SECTION_PHRASES,
    "columns": columns.ROLE_PHRASES,
    "equipment": vocab.EQUIPMENT_PHRASES,
    "insulation (a field reads both tables)": vocab.INSULATION_FIELD_PHRASES,
    "electrodes": vocab.ELECTRODE_PHRASES,
    "windings": vocab.WINDING_PHRASES,
    "makers": vocab.MAKER_PHRASES,
    "test cues": vocab.TEST_CUE_PHRASES,
}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_no_phrase_means_two_things(name: str) -> None:
    assert ambiguities(VOCABULARIES[name], normalize) == {}


def _unit_spellings(exact: bool) -> list[tuple[str, units.UnitSpec]]:
    return [
        (text, spec) for text, as_written, spec in units.unit_spellings() if as_written is exact
    ]


def test_no_unit_spelling_means_two_units() -> None:
    exact, folded = _unit_spellings(exact=True), _unit_spellings(exact=False)
    assert ambiguities(exact, str) == {}
    assert ambiguities(folded, str) == {}
    assert all(text == text.lower() for text, _ in folded)
    # `lookup_unit` tries a spelling as written, then in lower case: the two must agree.
    assert disagreements(exact, folded, lambda _, a, b: a == b, str.lower) == []


def test_the_checker_reports_a_phrase_that_means_two_things() -> None:
    conflicting = [
        ("Tag No.", "equipment.tag"),
        ("Serial", "equipment.serial"),
        ("TAG-NO", "test.tap"),  # the same phrase once normalized
        ("tag no", "equipment.tag"),
    ]
    assert ambiguities(conflicting, normalize) == {
        "tagno": {"equipment.tag": ["Tag No.", "tag no"], "test.tap": ["TAG-NO"]}
    }
    weak_and_strong = [
        ("Unit", Label("equipment.tag", weak=True)),
        ("UNIT", Label("equipment.tag", weak=False)),
    ]
    assert list(ambiguities(weak_and_strong, normalize)) == ["unit"]


# -- vocabularies consulted on the same text agree ----------------------------------------------

# Every line is tried as a section heading, then as a table header (column roles), then for
# field labels; a table row starting with a field label ends the table unless the label is one of
# its row headers; strong calibration and serial labels are column headers too. So a phrase that
# is both a label and a column must mean the same thing in both — or be listed here, with why the
# layout tells the two apart.
FIELD_ROLES: dict[str, frozenset[Role]] = {
    "test.ambient_temperature_c": frozenset({Role.AMBIENT}),
    "test.test_voltage_v": frozenset({Role.TEST_VOLTAGE}),
    "test.duration_s": frozenset({Role.DURATION}),
    "test.load_pct": frozenset({Role.LOAD}),
    "test.tap": frozenset({Role.TAP}),
    "test.standard": frozenset({Role.CRITERIA}),
    "measure.resistance": frozenset({Role.READING}),
    "measure.pi": frozenset({Role.PI}),
    "measure.dar": frozenset({Role.DAR}),
    "measure.nameplate_ratio": frozenset({Role.NAMEPLATE}),
    "measure.mfr_max": frozenset({Role.MFR_MAX}),
    "note": frozenset({Role.IGNORE}),
    "ignore": frozenset(Role),  # no field: nothing is read from it
    **{role.value: frozenset({role}) for role in INSTRUMENT_ROLES},
}
# An ownerless label heads an instrument table's column: the instrument's maker, model, serial.
OWNERLESS_IN_INSTRUMENT_TABLE = {
    "equipment.manufacturer": Role.INST_MAKER,
    "equipment.model": Role.INST_MODEL,
    "equipment.serial": Role.INST_SERIAL,
}
BY_LAYOUT = {
    "connection": "a field is the vector group ('Connection: Dyn11'), a column the test point",
    "connections": "a field is the vector group, a column the test point",
    "description": "a field describes the equipment, a column names the test point",
    "device": "a field is the equipment's tag or type, a column the device measured",
    "equipment": "a field is the equipment's tag or type, a column the item measured",
    "electrode": "a field describes the electrode (rod or grid), a column names the one measured",
    "insulation": "a field says dry or liquid, a column holds insulation readings",
    "kv": "a field is the rating, a column the test voltage of each reading",
    "voltage": "a field is the rating, a column the test voltage of each reading",
    "location": "a field is the site, a column the test point",
    "phases": "a field counts the phases, a column names the phase measured",
    "rating": "a field is the voltage rating, a rating column is not read",
    "reference": "a field is the standard referred to, a column the reference temperature",
    "specification": "a field is the standard, a column the manufacturer's limit",
    "temp": "a field is the ambient temperature, a column the hot spot",
    "temperature": "a field is the ambient temperature, a column the hot spot",
    "unit": "a field is the unit's tag (weak), a column the unit of the values",
    "winding": "a field is the winding construction, a column the winding measured",
    "position": "'Position: Cubicle 3' is a fallback tag; a Position column is the tap (or a "
    "breaker's state) and a header row is read as a table before any field",
    "circuit": "'Circuit: Feeder 12' is a fallback tag; a Circuit column names the test point",
}


def _label_agrees_with_role(text: str, label: Label, role: Role) -> bool:
    if text in BY_LAYOUT:
        return True
    if label.generic and OWNERLESS_IN_INSTRUMENT_TABLE.get(label.field) is role:
        return True
    return role in FIELD_ROLES.get(label.field, frozenset())


def test_a_label_that_is_also_a_column_header_means_the_same_or_is_told_apart_by_layout() -> None:
    found = disagreements(
        labels.LABEL_PHRASES, columns.ROLE_PHRASES, _label_agrees_with_role, normalize
    )
    assert found == []


def test_every_layout_exception_is_still_both_a_label_and_a_column() -> None:
    assert set(BY_LAYOUT) <= set(labels.LABELS) & set(columns.ROLES)


def test_the_label_and_column_checker_reports_a_clash() -> None:
    fake_labels = [("Test Voltage", Label("test.test_voltage_v", weak=False))]
    fake_roles = [("TEST VOLTAGE", Role.READING), ("Voltage", Role.TEST_VOLTAGE)]
    found = disagreements(fake_labels, fake_roles, _label_agrees_with_role, normalize)
    assert found == [("testvoltage", fake_labels[0][1], Role.READING)]


def _part_of(field: str) -> str:
    return "instrument" if field.startswith(("instrument.", INSTRUMENT_ASSET)) else "equipment"


def test_a_heading_that_is_also_a_label_or_column_names_the_same_part() -> None:
    found = disagreements(
        labels.SECTION_PHRASES,
        labels.LABEL_PHRASES,
        lambda _, part, label: _part_of(label.field) == part,
        normalize,
    )
    assert found == []
    found_roles = disagreements(
        labels.SECTION_PHRASES,
        columns.ROLE_PHRASES,
        lambda _, part, role: (role in INSTRUMENT_ROLES) == (part == "instrument"),
        normalize,
    )
    assert found_roles == []


def _same_test(_: str, cue: tuple[Kind, int], vote: Kind | None) -> bool:
    return vote is None or vote is cue[0]


def test_a_test_cue_that_is_also_a_column_or_label_votes_for_the_same_test() -> None:
    # testtype scores a table's column roles and a field's key as well as the cue words of the
    # same header or line: both votes must go to one test.
    role_votes = [
        (p, testtype._ROLE_CUES.get(role, (None,))[0]) for p, role in columns.ROLE_PHRASES
    ]
    field_votes = [
        (p, testtype._FIELD_CUES.get(label.field, (None,))[0]) for p, label in labels.LABEL_PHRASES
    ]
    assert disagreements(vocab.TEST_CUE_PHRASES, role_votes, _same_test, normalize) == []
    assert disagreements(vocab.TEST_CUE_PHRASES, field_votes, _same_test, normalize) == []
    clash = [("Hot Spot", Kind.GROUNDING)]
    assert disagreements([("Hot Spot", (Kind.THERMOGRAPHY, 3))], clash, _same_test, normalize) == [
        ("hotspot", (Kind.THERMOGRAPHY, 3), Kind.GROUNDING)
    ]


# The type and description fields and the titles are read for the equipment type and, in the same
# words, for the electrode, the insulation, the winding and the test: a phrase that is both must
# describe one piece of equipment.
CUE_EQUIPMENT: dict[str, tuple[tuple[tuple[str, Hashable], ...], frozenset[EquipmentType]]] = {
    "electrodes": (vocab.ELECTRODE_PHRASES, frozenset({EquipmentType.GROUNDING_SYSTEM})),
    "insulation": (vocab.INSULATION_FIELD_PHRASES, frozenset({EquipmentType.TRANSFORMER})),
    "windings": (
        vocab.WINDING_PHRASES,
        frozenset({EquipmentType.MOTOR, EquipmentType.GENERATOR}),
    ),
}


@pytest.mark.parametrize("name", sorted(CUE_EQUIPMENT))
def test_a_cue_that_is_also_an_equipment_type_names_that_equipment(name: str) -> None:
    phrases, kinds = CUE_EQUIPMENT[name]
    found = disagreements(phrases, vocab.EQUIPMENT_PHRASES, lambda _, __, k: k in kinds, normalize)
    assert found == []


def test_a_test_cue_that_is_also_an_equipment_type_names_the_tests_equipment() -> None:
    def agree(_: str, cue: tuple[Kind, int], kind: EquipmentType) -> bool:
        return _IMPLIED_TYPE.get(cue[0], kind) is kind

    assert disagreements(vocab.TEST_CUE_PHRASES, vocab.EQUIPMENT_PHRASES, agree, normalize) == []
    clash = [("Ground Rod", EquipmentType.CABLE)]
    assert disagreements(vocab.TEST_CUE_PHRASES, clash, agree, normalize) != []


# -- every meaning is one the reader knows -----------------------------------------------------

# Field keys without a converter, and what reads them.
READ_ELSEWHERE = {
    "equipment.either": "header._resolve: a tag or a type",
    "measure.resistance": "readings.field_measurements",
    "measure.pi": "readings.field_measurements",
    "measure.dar": "readings.field_measurements",
    "measure.nameplate_ratio": "defaults",
    "measure.mfr_min": "defaults",
    "measure.mfr_max": "defaults",
    "test.duration_s": "defaults",
    "test.tap": "defaults",
    "test.test_voltage_v": "defaults",
    "note": "defaults (values stated in the remarks)",
    INSTRUMENT_ASSET: "nobody: the report model keeps no asset number",
    "ignore": "nobody: no field",
}


def test_every_field_key_has_a_reader() -> None:
    assert set(labels.FIELD_KEYS) == set(CONVERTERS) | set(READ_ELSEWHERE)
    assert {label.field for _, label in labels.LABEL_PHRASES} <= labels.FIELD_KEYS


def _literal(field: str) -> set[str]:
    annotation = Equipment.model_fields[field].annotation
    return {arg for arg in typing.get_args(typing.get_args(annotation)[0])}


def test_every_meaning_is_a_known_key_or_enum() -> None:
    assert {role for _, role in columns.ROLE_PHRASES} <= set(Role)
    assert {kind for _, kind in vocab.EQUIPMENT_PHRASES} <= set(EquipmentType)
    assert {cue[0] for _, cue in vocab.TEST_CUE_PHRASES} == set(Kind)
    assert {part for _, part in labels.SECTION_PHRASES} == {"equipment", "instrument"}
    assert {m for _, m in vocab.INSULATION_FIELD_PHRASES} == _literal("insulation")
    assert {m for _, m in vocab.WINDING_PHRASES} == _literal("winding")
    assert {kind for kind, _ in vocab.NETA_SECTIONS.values()} <= set(EquipmentType)
    assert {i for _, i in vocab.NETA_SECTIONS.values()} - {None} <= _literal("insulation")
    assert all(spec.factor > 0 for _, _, spec in units.unit_spellings())


def test_ownerless_and_fallback_labels_are_what_they_say() -> None:
    by_key = dict(labels.LABELS)
    assert by_key["serialno"].generic and not by_key["equipmentserial"].generic
    assert by_key["asset"].generic and by_key["id"].generic  # "Asset #", "ID #"
    assert by_key["position"] == Label("equipment.tag", weak=True, fallback=True)
    assert by_key["circuit"].fallback and not by_key["circuitid"].fallback
    assert {"closed", "open", "connected", "test"} <= labels.FALLBACK_STATES


# -- the loader fails loudly, naming the file and the entry --------------------------------------


def test_an_unknown_meaning_names_the_file_and_the_entry() -> None:
    table = Table("labels.toml", "fields", {"equipment.tga": ["Tag"]})
    with pytest.raises(VocabularyError, match=r"labels\.toml \[fields\] 'equipment\.tga'"):
        table.phrases(labels.FIELD_KEYS)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"equipment.tag": "Tag"}, "must be a list of phrases"),
        ({"equipment.tag": ["Tag", 7]}, "7 is not a phrase"),
        ({"equipment.tag": ["Tag", " "]}, "is not a phrase"),
    ],
)
def test_a_value_of_the_wrong_type_names_the_entry(data: dict[str, object], problem: str) -> None:
    with pytest.raises(VocabularyError, match=rf"'equipment\.tag': .*{problem}"):
        Table("labels.toml", "fields", data).phrases(labels.FIELD_KEYS)


def test_a_broken_or_incomplete_file_fails_on_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.analysis.extraction.interpret import vocabulary

    monkeypatch.setattr(vocabulary, "VOCABULARY_DIR", tmp_path)
    (tmp_path / "broken_syntax.toml").write_text("[roles\n", encoding="utf-8")
    (tmp_path / "broken_tables.toml").write_text("[rolez]\n", encoding="utf-8")
    (tmp_path / "broken_factor.toml").write_text('[f]\nk = "kilo"\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"broken_syntax\.toml"):
        load("broken_syntax", ["roles"])
    with pytest.raises(VocabularyError, match=r"broken_tables\.toml 'rolez': unknown entry"):
        load("broken_tables", ["roles"])
    with pytest.raises(VocabularyError, match=r"broken_factor\.toml \[f\] 'k': 'kilo' is not"):
        units._factors(load("broken_factor", ["f"]), "f")
