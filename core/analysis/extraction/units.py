"""Unit spellings found in test reports, resolved to canonical units (pint for the long tail).

`values.py` asks `unit_at(text)` for the unit written at the start of the text after a
number. The common spellings (MΩ, Mohm, megohms, µΩ, °F, kV, min …) are data
(`interpret/vocabulary/units.toml`) built once into two tables, so the hot path never touches
pint; anything else is offered to a lazily created pint registry, and only units of a dimension
this product reads are accepted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from core.analysis.extraction.interpret.vocabulary import Table, choice, load

if TYPE_CHECKING:
    import pint

Dimension = Literal["resistance", "temperature", "voltage", "percent", "time"]


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """How to turn a number in this unit into the canonical unit of its dimension."""

    dimension: Dimension
    factor: Decimal
    offset: Decimal = Decimal(0)
    """Added after scaling; absolute temperatures only (a difference ignores it)."""
    noisy: bool = False
    """An OCR misreading such as `MQ` for `MΩ`; the value counts as repaired."""


_SCALES = {
    "celsius": UnitSpec("temperature", Decimal(1)),
    "fahrenheit": UnitSpec("temperature", Decimal(5) / Decimal(9), Decimal(-160) / Decimal(9)),
    "kelvin": UnitSpec("temperature", Decimal(1), Decimal("-273.15")),
}
_MICRO = Decimal("1e-6")
_UNITS = load("units", ["resistance", "temperature", "voltage", "percent", "time", "pint"])


def _decimal(value: object) -> Decimal:
    if not isinstance(value, str):
        raise TypeError(value)
    number = Decimal(value)
    if not number.is_finite() or number <= 0:
        raise ValueError(value)
    return number


def _factors(table: Table, key: str) -> dict[str, Decimal]:
    return table.table(key).mapping(_decimal, 'a factor written as a string ("1e-6")')


Spelling = tuple[str, bool, UnitSpec]
"""A spelling, whether it is matched as written (else in lower case), and its unit."""


def unit_spellings() -> Iterator[Spelling]:
    """Every spelling of `vocabulary/units.toml`, expanded (prefix × ohm …), in table order."""
    yield from _resistance(_UNITS.table("resistance"))
    yield from _temperature(_UNITS.table("temperature"))
    yield from _voltage(_UNITS.table("voltage"))
    percent = _UNITS.table("percent").expect(["exact", "folded"], ["exact", "folded"])
    for key in ("exact", "folded"):
        for name in percent.words(key):
            yield name, key == "exact", UnitSpec("percent", Decimal(1))
    time = _UNITS.table("time").expect(["exact", "folded"], ["exact", "folded"])
    for key in ("exact", "folded"):
        for name, seconds in _factors(time, key).items():
            yield name, key == "exact", UnitSpec("time", seconds)


def _resistance(table: Table) -> Iterator[Spelling]:
    lists = ["ohm", "ocr_ohm", "ocr_micro", "word_ohm", "letter_ohm"]
    factors = ["prefixes", "word_prefixes", "words", "letters"]
    table.expect([*lists, *factors], [*lists, *factors])
    for prefix, factor in _factors(table, "prefixes").items():
        for ohm in table.words("ohm"):
            yield prefix + ohm, True, UnitSpec("resistance", factor)
        if prefix:
            for noise in table.words("ocr_ohm"):
                yield prefix + noise, True, UnitSpec("resistance", factor, noisy=True)
    for name in table.words("ocr_micro"):
        yield name, True, UnitSpec("resistance", _MICRO, noisy=True)
    for word, factor in _factors(table, "word_prefixes").items():
        for ohm in table.words("word_ohm"):
            yield word + ohm, False, UnitSpec("resistance", factor)
    for name, factor in _factors(table, "words").items():
        yield name, False, UnitSpec("resistance", factor)
    for letter, factor in _factors(table, "letters").items():
        for ohm in table.words("letter_ohm"):
            yield letter + ohm, False, UnitSpec("resistance", factor)


def _temperature(table: Table) -> Iterator[Spelling]:
    table.expect(["exact", "degree_marks", "folded"], ["exact", "degree_marks", "folded"])
    scale = choice(list(_SCALES))
    for name, unit in table.table("exact").mapping(scale, "a scale").items():
        yield name, True, _SCALES[unit]
    for mark in table.words("degree_marks"):
        yield mark + "C", True, _SCALES["celsius"]
        yield mark + "F", True, _SCALES["fahrenheit"]
    for name, unit in table.table("folded").mapping(scale, "a scale").items():
        yield name, False, _SCALES[unit]


def _voltage(table: Table) -> Iterator[Spelling]:
    keys = ["prefixes", "volt", "exact", "word_prefixes", "word_volt", "folded"]
    table.expect(keys, keys)
    for prefix, factor in _factors(table, "prefixes").items():
        for volt in table.words("volt"):
            yield prefix + volt, True, UnitSpec("voltage", factor)
    for name, factor in _factors(table, "exact").items():
        yield name, True, UnitSpec("voltage", factor)
    for word, factor in _factors(table, "word_prefixes").items():
        for volt in table.words("word_volt"):
            yield word + volt, False, UnitSpec("voltage", factor)
    for name, factor in _factors(table, "folded").items():
        yield name, False, UnitSpec("voltage", factor)


def _build_tables() -> tuple[dict[str, UnitSpec], dict[str, UnitSpec]]:
    """Case-sensitive spellings (where m/M matter) and case-folded words."""
    exact: dict[str, UnitSpec] = {}
    folded: dict[str, UnitSpec] = {}
    for name, as_written, spec in unit_spellings():
        (exact if as_written else folded).setdefault(name, spec)
    return exact, folded


_EXACT, _FOLDED = _build_tables()

# Joins spellings written in two words ("deg C", "micro-ohms", "V DC") before the lookup.
_JOIN = (
    (re.compile(r"^(°|deg\.?|degrees?)\s+([CF])\b", re.IGNORECASE), r"\1\2"),
    (re.compile(r"^(micro|meg|mega|giga|kilo|milli|tera|nano)[\s-]+(ohms?)", re.I), r"\1\2"),
    (re.compile(r"^([kKm]?V)\s+(DC|AC|dc|ac)\b"), r"\1\2"),
)
_TOKEN = re.compile(r"[°%％℃℉A-Za-zΩµ]+(?:\.(?=[CF]\b))?")
_SYMBOL_END = frozenset("°%％℃℉Ω")


def normalize_unit_text(text: str) -> str:
    """One spelling for characters that look alike: Ω (ohm sign), µ (Greek mu), ° (º, ˚)."""
    return (
        text.replace("\u2126", "Ω")
        .replace("\u03bc", "µ")
        .replace("º", "°")
        .replace("˚", "°")
        .replace("\u00a0", " ")
    )


def unit_at(text: str) -> tuple[UnitSpec, str] | None:
    """The unit written at the very start of `text` (already normalized) and its spelling."""
    tail = text.lstrip()
    if tail.startswith("-") and tail[1:2].isalpha():  # "1-min", "10-minute"
        tail = tail[1:]
    for pattern, replacement in _JOIN:
        tail = pattern.sub(replacement, tail, count=1)
    match = _TOKEN.match(tail)
    if match is None:
        return None
    run = match.group().replace(".", "")
    for end in range(len(run), 0, -1):
        token = run[:end]
        # A prefix of a longer word ("Ohm" in "Ohmmeter") is not a unit; one ending in a
        # symbol ("%" in "%RH") is.
        if end < len(run) and token[-1] not in _SYMBOL_END:
            continue
        spec = lookup_unit(token)
        if spec is not None:
            return spec, token
    return None


@functools.lru_cache(maxsize=1024)
def lookup_unit(token: str) -> UnitSpec | None:
    """The unit a single spelling stands for, or None when it is not one this product reads."""
    token = normalize_unit_text(token.strip()).replace(" ", "")
    spec = _EXACT.get(token) or _FOLDED.get(token.lower())
    if spec is None and len(token) > 1 and _PINT_WORTHY.search(token):
        spec = _pint_lookup(token)
    return spec


# Only words that could be a unit of ours go to pint: creating its registry costs ~0.3 s, and
# "Pole", "phase" or "Hall" after a number should not pay for it.
_PINT_WORTHY = re.compile(
    r"ohm|volt|sec|min|hour|hr|deg|kelvin|celsius|fahrenheit|rankine|Ω|°|^[a-zA-Zµ]?V", re.I
)
_PINT_CANONICAL: dict[Dimension, str] = {
    "resistance": "ohm",
    "voltage": "volt",
    "time": "second",
    "temperature": "degC",
}


@functools.cache
def registry() -> pint.UnitRegistry[Any]:
    """The one pint registry, created on first use (it costs ~0.3 s) with our extra spellings."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry()
    for definition in _UNITS.table("pint").expect(["definitions"]).words("definitions"):
        ureg.define(definition)
    return ureg


def _pint_lookup(token: str) -> UnitSpec | None:
    ureg = registry()
    try:
        unit = ureg.parse_units(token)
        for dimension, canonical in _PINT_CANONICAL.items():
            target = ureg.parse_units(canonical)
            if unit.dimensionality != target.dimensionality:
                continue
            zero = Decimal(repr(float(ureg.Quantity(0.0, unit).to(target).magnitude)))
            one = Decimal(repr(float(ureg.Quantity(1.0, unit).to(target).magnitude)))
            return UnitSpec(dimension, one - zero, zero)
    except Exception:  # pint raises many kinds of errors on text that is not a unit
        return None
    return None
