"""Tolerant reading of a measured value from report text: number, unit, censoring and OCR repairs.

`parse_value("> 2,200 MΩ", "resistance")` gives 2.2e9 ohm, censored ">". Units resolve through
`units.py` (a table of common spellings, pint for the rest); the number is read with Decimal so
`1.9 kΩ` is 1900.0 exactly, and the document's decimal convention is decided once by
`detect_decimal_comma` and passed in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from core.analysis.extraction.numbers import NUMBER, detect_decimal_comma, digits
from core.analysis.extraction.units import (
    Dimension,
    UnitSpec,
    lookup_unit,
    normalize_unit_text,
    unit_at,
)

ValueKind = Literal[
    "resistance",
    "temperature",
    "temperature_difference",
    "ratio",
    "voltage",
    "percent",
    "duration",
    "number",
]

KIND_UNIT: dict[str, str] = {  # the canonical unit of each ValueKind
    "resistance": "ohm",
    "temperature": "degC",
    "temperature_difference": "delta_degC",
    "ratio": "ratio",
    "voltage": "V",
    "percent": "pct",
    "duration": "s",
    "number": "",
}
_DIMENSION: dict[str, Dimension] = {
    "resistance": "resistance",
    "temperature": "temperature",
    "temperature_difference": "temperature",
    "voltage": "voltage",
    "percent": "percent",
    "duration": "time",
}
__all__ = [
    "KIND_UNIT",
    "ParsedValue",
    "ValueKind",
    "detect_decimal_comma",
    "parse_value",
    "unit_of_header",
]
_WEAK_TOKENS = frozenset({"C", "F", "K", "s", "h", "v"})
_MAX_TEXT = 400  # a value cell is short; a longer text is a paragraph, read only its start


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: float | None
    """In the canonical unit of the kind; None for ∞ / OL / over range; math.nan for NaN text."""
    unit: str
    censored: Literal[">"] | None
    unit_found: bool
    repaired: bool
    raw: str


_OVER_RANGE = re.compile(
    r"^\W*(?:>=?|≥)?\s*(?:∞|O\.?L\.?(?![A-Za-z])|0L\b|over[\s-]?(?:range|load)|overrange"
    r"|overload|OFL\b|over\W*$|-+OL-+)",
    re.IGNORECASE,
)
_NOT_A_NUMBER = re.compile(r"^\W*[-+]?(?:nan|inf(?:inity)?)\b", re.IGNORECASE)
_CENSOR_BEFORE = re.compile(
    r"(?:>=?|≥|＞|\bover|\babove|\bgreater than|\bmore than)\s*$", re.IGNORECASE
)
_REPAIRS = (
    (re.compile(r"(?<=\d)[Oo]+(?=\d)"), lambda m: "0" * len(m.group())),
    (re.compile(r"(?<=\d[.,])[Oo](?![A-Za-z])"), lambda m: "0"),
    (re.compile(r"(?<![\w.])[Oo](?=[.,]\d)"), lambda m: "0"),
    (re.compile(r"(?<=\d)(?: \.|\. )(?=\d)"), lambda m: "."),
)
# "13:8 kV": OCR reads a decimal point as a colon; trusted only when a unit follows.
_COLON_DECIMAL = re.compile(r"(?<=\d):(?=\d{1,3}\s*[A-Za-zΩµ°%])")
_RATIO = re.compile(r"^\s*([^:/]*\d[^:/]*)[:/]([^:/]*\d[^:/]*)$")
_CLOCK = re.compile(r"(?<!\d)(\d{1,3}):([0-5]\d)(?::([0-5]\d))?(?!\d)")


def parse_value(
    text: str,
    kind: ValueKind,
    *,
    header_unit: str | None = None,
    default_unit: str | None = None,
    decimal_comma: bool | None = None,
) -> ParsedValue | None:
    """Read one value of `kind` from `text`, converted to the kind's canonical unit.

    Returns None when the text holds no number (and is no over-range mark) or only numbers
    carrying a unit of another kind ("480 V" read as a resistance). A bare number takes
    `header_unit`, else `default_unit` (unit_found False), else the canonical unit (unit_found
    False); dimensionless kinds (ratio, number) always report unit_found True. "NaN"/"inf" text
    and numbers too large for a float give value=math.nan, and negative numbers stay negative:
    the caller drops impossible values with a warning. `decimal_comma=None` reads "2,500" as
    2500 and "0,85" as 0.85. Never raises on odd input.
    """
    raw = text
    text = normalize_unit_text(text[:_MAX_TEXT]).replace("\u2212", "-").replace("’", "'")
    text = text.replace("\u202f", " ").replace("\u2009", " ")
    if _NOT_A_NUMBER.match(text):
        return ParsedValue(math.nan, KIND_UNIT[kind], None, kind in ("ratio", "number"), False, raw)
    over = _OVER_RANGE.match(text)
    if over and not NUMBER.search(text[over.end() :].split("@")[0]):
        return _over_range(text[over.end() :], kind, header_unit, raw)
    text, repaired = _repair(text, kind)
    if kind == "ratio" and (ratio := _ratio(text, decimal_comma)) is not None:
        return ParsedValue(ratio, "ratio", None, True, repaired, raw)
    if kind == "duration" and (clock := _CLOCK.search(text)) is not None:
        parts = [int(part or 0) for part in clock.groups()]
        seconds = (
            parts[0] * 3600 + parts[1] * 60 + parts[2]
            if clock.group(3)
            else parts[0] * 60 + parts[1]
        )
        return ParsedValue(float(seconds), "s", None, True, repaired, raw)
    return _read_number(text, kind, header_unit, default_unit, decimal_comma, repaired, raw)


def _read_number(
    text: str,
    kind: ValueKind,
    header_unit: str | None,
    default_unit: str | None,
    decimal_comma: bool | None,
    repaired: bool,
    raw: str,
) -> ParsedValue | None:
    dimension = _DIMENSION.get(kind)
    fallback: tuple[Decimal, bool] | None = None
    for match in NUMBER.finditer(text):
        number = _number(match, decimal_comma)
        if number is None:
            continue
        censored = (
            bool(_CENSOR_BEFORE.search(text[: match.start()]))
            or text[match.end() : match.end() + 1] == "+"
        )
        found = unit_at(text[match.end() :].lstrip("+"))
        if dimension is None or found is None:
            fallback = fallback or (number, censored)
            if dimension is None:
                break
            continue
        spec, token = found
        if spec.dimension == dimension:
            value = _convert(number, spec, kind)
            return ParsedValue(
                value,
                KIND_UNIT[kind],
                ">" if censored else None,
                True,
                repaired or spec.noisy,
                raw,
            )
        if token in _WEAK_TOKENS:  # "Phase C 58": a lone letter of another kind names no unit
            fallback = fallback or (number, censored)
    if fallback is None:
        return None
    number, censored = fallback
    assumed, unit_found = _assumed_unit(kind, header_unit, default_unit)
    value = float(number) if assumed is None else _convert(number, assumed, kind)
    return ParsedValue(
        _finite(value), KIND_UNIT[kind], ">" if censored else None, unit_found, repaired, raw
    )


def _over_range(rest: str, kind: ValueKind, header_unit: str | None, raw: str) -> ParsedValue:
    """∞ / OL: censored with no number; a unit after the mark or in the header counts as stated."""
    dimension = _DIMENSION.get(kind)
    found = unit_at(rest)
    stated = dimension is None or (found is not None and found[0].dimension == dimension)
    if not stated and header_unit is not None:
        header = lookup_unit(header_unit)
        stated = header is not None and header.dimension == dimension
    return ParsedValue(None, KIND_UNIT[kind], ">", stated, False, raw)


def _assumed_unit(
    kind: ValueKind, header_unit: str | None, default_unit: str | None
) -> tuple[UnitSpec | None, bool]:
    """The unit for a bare number and whether the document stated it."""
    dimension = _DIMENSION.get(kind)
    if dimension is None:
        return None, True
    for candidate, stated in ((header_unit, True), (default_unit, False)):
        if candidate is not None:
            spec = lookup_unit(candidate)
            if spec is not None and spec.dimension == dimension:
                return spec, stated
    return None, False


def _convert(number: Decimal, spec: UnitSpec, kind: ValueKind) -> float:
    scaled = number * spec.factor
    if kind == "temperature":  # a difference (temperature_difference) takes no offset
        scaled += spec.offset
    return _finite(float(scaled))


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


def _repair(text: str, kind: ValueKind) -> tuple[str, bool]:
    """Undo common OCR misreadings inside numbers; say whether anything changed."""
    original = text
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    if kind not in ("duration", "ratio"):
        text = _COLON_DECIMAL.sub(".", text)
    return text, text != original


def _ratio(text: str, decimal_comma: bool | None) -> float | None:
    """'8.664:1', '13800/480 V', '13.8 kV : 480 V' read as one ratio."""
    match = _RATIO.match(text)
    if match is None:
        return None
    sides = []
    for side in match.groups():
        parsed = parse_value(side, "voltage", decimal_comma=decimal_comma)
        if parsed is None or parsed.value is None:
            return None
        sides.append(parsed.value)
    if sides[1] == 0:
        return None
    return _finite(sides[0] / sides[1])


def _number(match: re.Match[str], decimal_comma: bool | None) -> Decimal | None:
    plain = digits(match.group("body"), decimal_comma)
    if plain is None:
        return None
    try:
        number = Decimal(plain)
        exponent = match.group("exp")
        if exponent:
            power = re.sub(r"^\s?[eEx×]\s?(?:10\^)?", "", exponent)
            number = number.scaleb(int(power))
    except (InvalidOperation, ValueError):
        return None
    return -number if match.group("sign") == "-" else number


_HEADER_BRACKETS = re.compile(r"[(\[{]\s*([^()\[\]{}]+?)\s*[)\]}]")
_HEADER_TAIL = re.compile(r"(?:^|[\s,/:–-])([^\s,/:–()\[\]-]+)\s*$")


def unit_of_header(text: str) -> str | None:
    """The unit stated in a label or column header: 'Resistance (µΩ)' -> 'µΩ'.

    A unit in brackets may be a single letter or carry a remark ('Temp (F)', '(MΩ @ 20 °C)');
    one trailing the label must be a symbol or a longer spelling ('Reading MOhm', 'Load %'),
    so 'Phase C' names no unit. The spelling returned is one `parse_value` accepts as
    `header_unit`.
    """
    for match in _HEADER_BRACKETS.finditer(text):
        head = re.split(r"[@,;]", match.group(1))[0].strip()
        found = unit_at(normalize_unit_text(head))
        if found is not None and re.sub(r"[\s.-]", "", head) == found[1]:
            return head
    tail = _HEADER_TAIL.search(text.strip())
    if tail is not None:
        token = tail.group(1)
        if (len(token) > 1 or not token.isalpha()) and lookup_unit(token) is not None:
            return token
    return None
