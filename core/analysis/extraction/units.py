"""Unit spellings found in test reports, resolved to canonical units (pint for the long tail).

`values.py` asks `unit_at(text)` for the unit written at the start of the text after a
number. The common spellings (MΩ, Mohm, megohms, µΩ, °F, kV, min …) come from a table built
once, so the hot path never touches pint; anything else is offered to a lazily created pint
registry, and only units of a dimension this product reads are accepted.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

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


_RESISTANCE_PREFIXES = {
    "T": "1e12",
    "G": "1e9",
    "g": "1e9",
    "M": "1e6",
    "k": "1e3",
    "K": "1e3",
    "": "1",
    "m": "1e-3",
    "u": "1e-6",
    "U": "1e-6",
    "µ": "1e-6",
    "n": "1e-9",
}
_OHM_SPELLINGS = ("Ω", "ohm", "ohms", "Ohm", "Ohms", "OHM", "OHMS")
# Tesseract reads Ω as Q or O; only trusted after a prefix, where neither makes sense alone.
_OHM_NOISE = ("Q", "O")
_WORD_PREFIXES = {
    "tera": "1e12",
    "giga": "1e9",
    "gig": "1e9",
    "mega": "1e6",
    "meg": "1e6",
    "kilo": "1e3",
    "kil": "1e3",
    "": "1",
    "milli": "1e-3",
    "micro": "1e-6",
    "nano": "1e-9",
}
_NINE = Decimal(9)
_CELSIUS = UnitSpec("temperature", Decimal(1))
_FAHRENHEIT = UnitSpec("temperature", Decimal(5) / _NINE, Decimal(-160) / _NINE)
_KELVIN = UnitSpec("temperature", Decimal(1), Decimal("-273.15"))


def _build_tables() -> tuple[dict[str, UnitSpec], dict[str, UnitSpec]]:
    """Case-sensitive spellings (where m/M matter) and case-folded words."""
    exact: dict[str, UnitSpec] = {}
    folded: dict[str, UnitSpec] = {}
    for prefix, factor in _RESISTANCE_PREFIXES.items():
        for ohm in _OHM_SPELLINGS:
            exact[prefix + ohm] = UnitSpec("resistance", Decimal(factor))
        if prefix:
            for noise in _OHM_NOISE:
                exact[prefix + noise] = UnitSpec("resistance", Decimal(factor), noisy=True)
    # Tesseract reads µΩ as pQ, pO, yQ or µo; nobody reports pico-ohms, so these mean micro.
    for prefix in ("p", "y", "µ", "u"):
        for noise in ("Ω", "Q", "O", "o"):
            exact.setdefault(prefix + noise, UnitSpec("resistance", Decimal("1e-6"), noisy=True))
    for word, factor in _WORD_PREFIXES.items():
        for ohm in ("ohm", "ohms", "aohm", "aohms", "oohm", "oohms"):
            folded[word + ohm] = UnitSpec("resistance", Decimal(factor))
    for name in ("meg", "megs"):
        folded[name] = UnitSpec("resistance", Decimal("1e6"))
    # Case carries no meaning for these prefixes (there is no milli/mega clash).
    for prefix in ("u", "µ", "k", "g", "t"):
        factor = _RESISTANCE_PREFIXES.get(prefix, "1e12")
        for ohm in ("ohm", "ohms", "ω"):
            folded[prefix + ohm] = UnitSpec("resistance", Decimal(factor))
    exact.update(_temperature_spellings())
    folded.update(
        {
            "°c": _CELSIUS,
            "°f": _FAHRENHEIT,
            "degc": _CELSIUS,
            "degf": _FAHRENHEIT,
            "celsius": _CELSIUS,
            "centigrade": _CELSIUS,
            "fahrenheit": _FAHRENHEIT,
            "kelvin": _KELVIN,
        }
    )
    _add_simple(exact, folded)
    return exact, folded


def _temperature_spellings() -> dict[str, UnitSpec]:
    table = {"C": _CELSIUS, "F": _FAHRENHEIT, "K": _KELVIN, "℃": _CELSIUS, "℉": _FAHRENHEIT}
    for symbol in ("°", "o", "deg", "Deg", "DEG", "degree", "degrees", "Degrees"):
        table[symbol + "C"] = _CELSIUS
        table[symbol + "F"] = _FAHRENHEIT
    return table


def _add_simple(exact: dict[str, UnitSpec], folded: dict[str, UnitSpec]) -> None:
    """Voltage, percent and time spellings."""
    for prefix, factor in (("", "1"), ("k", "1e3"), ("K", "1e3"), ("m", "1e-3")):
        for volt in ("V", "VDC", "Vdc", "VAC", "Vac", "Vrms"):
            exact[prefix + volt] = UnitSpec("voltage", Decimal(factor))
    exact["v"] = UnitSpec("voltage", Decimal(1))
    for word, factor in (("", "1"), ("kilo", "1e3"), ("milli", "1e-3")):
        for volt in ("volt", "volts"):
            folded[word + volt] = UnitSpec("voltage", Decimal(factor))
    for name in ("kv", "kvdc", "kvac"):
        folded[name] = UnitSpec("voltage", Decimal("1e3"))
    for name in ("vdc", "vac", "vrms"):
        folded[name] = UnitSpec("voltage", Decimal(1))
    exact["%"] = exact["％"] = UnitSpec("percent", Decimal(1))
    for name in ("pct", "percent"):
        folded[name] = UnitSpec("percent", Decimal(1))
    exact["s"] = UnitSpec("time", Decimal(1))
    exact["h"] = UnitSpec("time", Decimal(3600))
    for names, seconds in (
        (("sec", "secs", "second", "seconds"), 1),
        (("min", "mins", "minute", "minutes"), 60),
        (("hr", "hrs", "hour", "hours"), 3600),
    ):
        for name in names:
            folded[name] = UnitSpec("time", Decimal(seconds))


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
    for definition in (
        "megohm = 1e6 * ohm",
        "gigohm = 1e9 * ohm",
        "kilohm = 1e3 * ohm",
        "Ohm = ohm",
        "OHM = ohm",
    ):
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
