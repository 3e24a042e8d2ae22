"""The reader's vocabularies as data: one TOML file per vocabulary, in this directory.

Each file maps meanings (a field key, a column role, an equipment type, a unit …) to the
phrases that name them, written as people print them; the module that matches them normalises
them once at import (`tokens.normalize`, or the unit spellings' own rules). Teaching the reader a
new spelling is a data entry: add the phrase to its file and run
`tests/core/analysis/extraction/interpret/test_vocabulary.py`, which fails when a phrase would
mean two things in vocabularies that are looked up together.

| file               | read by               | what it names                                 |
|--------------------|-----------------------|-----------------------------------------------|
| labels.toml        | interpret/labels.py   | field labels → field keys                     |
| sections.toml      | interpret/labels.py   | headings opening an equipment/instrument part |
| columns.toml       | interpret/columns.py  | column headers → column roles                 |
| equipment.toml     | interpret/vocab.py    | equipment type synonyms                       |
| insulation.toml    | interpret/vocab.py    | dry-type / liquid-filled cues                 |
| electrodes.toml    | interpret/vocab.py    | one rod vs a grounding system                 |
| windings.toml      | interpret/vocab.py    | form- / random-wound, field windings          |
| makers.toml        | interpret/vocab.py    | instrument makers                             |
| tests.toml         | interpret/vocab.py    | words naming a test type                      |
| neta_sections.toml | interpret/vocab.py    | ATS-2025 section numbers → equipment          |
| units.toml         | extraction/units.py   | unit spellings                                |

A file is read once (cached) and checked as it is read: an unknown or missing table, a meaning
the reader does not know, or a value of the wrong type raises `VocabularyError` at import,
naming the file and the entry. This package imports nothing from the interpreter, so the unit
table (`extraction/units.py`, imported by the interpreter's own modules) can read its file too.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

VOCABULARY_DIR = Path(__file__).resolve().parent

T = TypeVar("T")
M = TypeVar("M", bound=Hashable)
N = TypeVar("N", bound=Hashable)


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read as its vocabulary; the message names the entry."""


@cache
def _document(name: str) -> dict[str, object]:
    path = VOCABULARY_DIR / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise VocabularyError(f"{path.name}: {error}") from error


class Table:
    """One table of a vocabulary file, with getters that check what they return."""

    def __init__(self, file: str, path: str, data: Mapping[str, object]) -> None:
        self.file = file
        self.path = path
        self.data = data

    def where(self, key: str | None = None) -> str:
        """`labels.toml [fields] 'equipment.tga'`: the file, the table and the entry."""
        parts = [self.file]
        if self.path:
            parts.append(f"[{self.path}]")
        if key is not None:
            parts.append(repr(key))
        return " ".join(parts)

    def error(self, key: str | None, problem: str) -> VocabularyError:
        return VocabularyError(f"{self.where(key)}: {problem}")

    def expect(self, allowed: Collection[str], required: Collection[str] = ()) -> Table:
        """Fail on a key that is not `allowed`, or a `required` one that is missing."""
        for key in self.data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.error(key, f"unknown entry (known: {known})")
        for key in required:
            if key not in self.data:
                raise self.error(key, "missing")
        return self

    def table(self, key: str) -> Table:
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        name = f'"{key}"' if "." in key else key
        return Table(self.file, f"{self.path}.{name}" if self.path else name, value)

    def words(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self.data.get(key)
        if not isinstance(value, list):
            raise self.error(key, "must be a list of phrases")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.error(key, f"{item!r} is not a phrase (a non-empty string)")
        return tuple(value)

    def phrases(self, meanings: Collection[str]) -> dict[str, tuple[str, ...]]:
        """This table as meaning → phrases, in file order; every meaning must be known."""
        self.expect(meanings)
        return {meaning: self.words(meaning) for meaning in self.data}

    def value(self, key: str, convert: Callable[[object], T], what: str) -> T:
        """One entry, as `convert` reads it; a missing entry or one it rejects fails loudly."""
        if key not in self.data:
            raise self.error(key, "missing")
        value = self.data[key]
        try:
            return convert(value)
        except (TypeError, ValueError, ArithmeticError) as error:
            raise self.error(key, f"{value!r} is not {what}") from error

    def mapping(self, convert: Callable[[object], T], what: str) -> dict[str, T]:
        """This table as key → `convert(value)`; a value `convert` rejects fails loudly."""
        return {key: self.value(key, convert, what) for key in self.data}


def load(name: str, tables: Collection[str], optional: Collection[str] = ()) -> Table:
    """`<name>.toml`, read once; its top-level entries must be `tables` (and `optional`)."""
    return Table(f"{name}.toml", "", _document(name)).expect([*tables, *optional], tables)


def choice(allowed: Collection[str]) -> Callable[[object], str]:
    """A converter for `Table.mapping` accepting only one of `allowed`."""

    def convert(value: object) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(value)
        return value

    return convert


def integer(value: object) -> int:
    """A converter for `Table.mapping`: a whole number (a TOML bool is no number)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    return value


def first_wins(pairs: Iterable[tuple[str, M]], key: Callable[[str], str]) -> dict[str, M]:
    """The lookup table of (phrase, meaning) pairs by matching key. `test_vocabulary` makes sure
    no two phrases with one key mean different things, so which one wins never matters."""
    table: dict[str, M] = {}
    for phrase, meaning in pairs:
        table.setdefault(key(phrase), meaning)
    return table


def ambiguities(
    pairs: Iterable[tuple[str, M]], key: Callable[[str], str]
) -> dict[str, dict[M, list[str]]]:
    """Every matching key that phrases give two or more meanings: key → meaning → phrases."""
    found: dict[str, dict[M, list[str]]] = {}
    for phrase, meaning in pairs:
        found.setdefault(key(phrase), {}).setdefault(meaning, []).append(phrase)
    return {text: meanings for text, meanings in found.items() if len(meanings) > 1}


def disagreements(
    left: Iterable[tuple[str, M]],
    right: Iterable[tuple[str, N]],
    agree: Callable[[str, M, N], bool],
    key: Callable[[str], str],
) -> list[tuple[str, M, N]]:
    """Phrases of two vocabularies looked up on the same text whose meanings do not `agree`
    (called with the matching key and both meanings), as (key, left meaning, right meaning)."""
    right_meanings: dict[str, set[N]] = {}
    for phrase, other in right:
        right_meanings.setdefault(key(phrase), set()).add(other)
    found: dict[tuple[str, M, N], None] = {}
    for phrase, meaning in left:
        text = key(phrase)
        for other_meaning in right_meanings.get(text, ()):
            if not agree(text, meaning, other_meaning):
                found[(text, meaning, other_meaning)] = None
    return list(found)
