"""Transformer windings: read them from nameplate text, tell which winding a test point names.

A nameplate gives the windings in many spellings — `13800-480Y/277`, `13.8 kV Δ – 480Y/277 V`,
`12470GrdY/7200 - 480`, `480-208Y/120`, `4160 - 480Y/277`, or one field per winding
(`Primary 13,800 V`, `Secondary 480Y/277 V`). Each winding's line-to-line voltage is its coil
rating (ANSI/NETA ATS-2025 Table 100.5 is keyed by it). A connection is kept only where the text
states it: `Y`, `GrdY` or `Δ` (and `Delta`/`Wye` words); the ANSI C57.12 reading of a plain
voltage beside a wye one as delta is the turns-ratio step's, not the reader's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from core.schemas import Connection, MeasuredWinding, Measurement, Quantity, Winding

SQRT3 = math.sqrt(3)
_ROLES = ("H", "X", "Y")
_MAX_WINDING_V = 800_000
_MIN_WINDING_V = 100
"""No transformer winding is rated below 120 V: a smaller number is a phase count or a tap."""
_WYE_TOLERANCE = 0.03
"""`480/277`: the second number is the first over √3 within 3 %: a wye's line-to-neutral."""

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CONNECTION = r"GRD\.?\s*Y|GND\s*Y|GROUNDED\s*WYE|WYE|Y|DELTA|Δ|∆|D(?![A-Z])"
# One winding: a voltage, its unit, a connection mark, an optional /line-to-neutral part.
_NOT_A_VOLTAGE = (
    r"(?![\d.,])(?!\s*(?:K?VA(?!C)|MVA|HZ|%|A\b|KW|MW|KG|LBS?\b|MM|IN\b|°|DEG|PH|Ø|Φ|WIRE|POLE))"
)
_WINDING = re.compile(
    rf"(?<![\d.,\w])(?P<v>{_NUMBER}){_NOT_A_VOLTAGE}\s*(?P<unit>KV(?!A)|V(?!A(?!C)))?(?:AC\b)?\s*"
    rf"(?P<conn>{_CONNECTION})?"
    rf"(?:\s*/\s*(?P<ln>{_NUMBER})(?![\d.])\s*(?P<ln_unit>KV|V)?)?",
    re.IGNORECASE,
)
_VECTOR_GROUP = re.compile(r"(?<![A-Za-z])(YN|ZN|Y|D|Z)(yn|zn|y|d|z)\s?(\d{1,2})(?![\d])")
_VECTOR_GROUP_LOOSE = re.compile(r"^(YN|ZN|Y|D|Z)(YN|ZN|Y|D|Z)\s?(\d{1,2})$", re.IGNORECASE)
_CONNECTION_WORDS = re.compile(
    r"\b(delta|wye|star|grounded[\s-]*wye)\s*[-–—/]\s*(delta|wye|star|grounded[\s-]*wye)\b",
    re.IGNORECASE,
)
_CONNECTION_WORD = re.compile(r"\b(grounded[\s-]*wye|wye|star|delta)\b", re.IGNORECASE)
_NOT_WINDINGS = re.compile(
    rf"(?:{_NUMBER})\s*KV\s*(?:CLASS|BIL)\b|\bBIL\s*[:=]?\s*(?:{_NUMBER})\s*KV", re.IGNORECASE
)
_SINGLE_PHASE = re.compile(r"\b(?:single[\s-]*phase|1[\s-]*(?:phase|ph\b|Ø|φ))", re.IGNORECASE)
_THREE_PHASE = re.compile(r"\b(?:three[\s-]*phase|3[\s-]*(?:phase|ph\b|Ø|φ))", re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _connection(mark: str | None) -> Connection | None:
    if not mark:
        return None
    key = re.sub(r"[\s.]", "", mark.upper())
    if key in ("GRDY", "GNDY", "GROUNDEDWYE"):
        return "grounded_wye"
    if key in ("Y", "WYE"):
        return "wye"
    return "delta"


def _voltages(text: str, *, stated_only: bool) -> list[tuple[float, Connection | None]]:
    """(line-to-line volts, stated connection) for each winding in the text, in print order.

    `stated_only`: prose (a description, a title) names windings only between the first and
    the last voltage printed with its unit or a connection mark (`12470GrdY/7200`, `13800D`), so
    "XFMR-T1 (1500 kVA, 13.8 kV - 480Y/277 V)" gives two windings and no "1 V" one.
    """
    matches = list(_WINDING.finditer(text))
    if stated_only:
        stated = [i for i, m in enumerate(matches) if m["unit"] or m["ln_unit"] or m["conn"]]
        matches = matches[stated[0] : stated[-1] + 1] if stated else []
    found: list[tuple[float, str | None, Connection | None, str | None, float | None]] = []
    for match in matches:
        unit = (match["unit"] or match["ln_unit"] or "").upper() or None
        ln = _number(match["ln"]) if match["ln"] else None
        found.append((_number(match["v"]), unit, _connection(match["conn"]), match["ln"], ln))
    any_kv = any(unit == "KV" for _, unit, *_ in found)
    windings: list[tuple[float, Connection | None]] = []
    for value, unit, connection, _, ln in found:
        # "13.8-0.48 kV": a number without a unit shares the text's kV when it is that small.
        scale = 1000.0 if unit == "KV" or (unit is None and any_kv and value < 100) else 1.0
        volts = value * scale
        if ln is not None:
            ln_volts = ln * scale
            if connection in ("wye", "grounded_wye"):
                # 12470GrdY/7200 or 480Y/277: the first is line-to-line, the second line-to-neutral.
                pass
            elif abs(volts / SQRT3 - ln_volts) <= volts / SQRT3 * _WYE_TOLERANCE:
                connection = "wye"  # 480/277, 4160/2400: a wye written without its Y
            elif abs(volts / 2 - ln_volts) <= volts / 2 * _WYE_TOLERANCE or (
                abs(ln_volts / 2 - volts) <= ln_volts / 2 * _WYE_TOLERANCE
            ):
                volts = max(volts, ln_volts)  # 240/120 single-phase three-wire: the whole coil
            else:
                windings.append((volts, connection))  # 13800/480: two windings
                volts, connection = ln_volts, None
        windings.append((volts, connection))
    return [(v, c) for v, c in windings if _MIN_WINDING_V <= v < _MAX_WINDING_V]


def parse_windings(text: str, *, stated_only: bool = False) -> list[Winding]:
    """Every winding a nameplate voltage text gives, highest first as H, X, Y; [] for none.

    Delta/wye words (`Delta-Wye`) fill connections the voltages leave unstated; an insulation
    class (`15 kV class`) and a BIL are not windings.
    """
    voltages = _voltages(_NOT_WINDINGS.sub(" ", text), stated_only=stated_only)
    words = _CONNECTION_WORDS.search(text)
    if words and len(voltages) == 2:
        named = [_connection_word(words.group(1)), _connection_word(words.group(2))]
        voltages = [(v, c or named[i]) for i, (v, c) in enumerate(voltages)]
    word = [found.lower() for found in _CONNECTION_WORD.findall(text)]
    if len(voltages) == 1 and voltages[0][1] is None and len(set(word)) == 1:
        voltages = [(voltages[0][0], _connection_word(word[0]))]  # "480 / Delta" on a form
    ordered = sorted(voltages, key=lambda pair: -pair[0])[: len(_ROLES)]
    return [
        Winding(role=role, voltage_v=volts, connection=connection)
        for role, (volts, connection) in zip(_ROLES, ordered, strict=False)
    ]


def _connection_word(word: str) -> Connection:
    key = word.lower()
    if key.startswith("grounded"):  # "grounded wye"; "star" is a wye
        return "grounded_wye"
    return "delta" if key == "delta" else "wye"


def merge_windings(parts: Iterable[list[Winding]]) -> list[Winding]:
    """Windings from several fields (`Primary 13,800 V`, `Secondary 480Y/277 V`) as one list,
    highest first as H, X, Y; a voltage given twice keeps the connection that is stated."""
    chosen: dict[float, Connection | None] = {}
    for windings in parts:
        for winding in windings:
            if winding.voltage_v not in chosen or chosen[winding.voltage_v] is None:
                chosen[winding.voltage_v] = winding.connection
    ordered = sorted(chosen.items(), key=lambda pair: -pair[0])[: len(_ROLES)]
    return [
        Winding(role=role, voltage_v=volts, connection=connection)
        for role, (volts, connection) in zip(_ROLES, ordered, strict=False)
    ]


def describe(windings: Iterable[Winding], group: str | None = None) -> str:
    """A nameplate for people: `13,800 V Δ – 480Y/277 V (Dyn1)`; "" without windings."""
    parts = []
    for winding in windings:
        volts = f"{winding.voltage_v:,.0f}"
        if winding.connection in ("wye", "grounded_wye"):
            mark = "GrdY" if winding.connection == "grounded_wye" else "Y"
            parts.append(f"{volts}{mark}/{winding.voltage_v / SQRT3:,.0f} V")
        else:
            parts.append(f"{volts} V{' Δ' if winding.connection == 'delta' else ''}")
    text = " – ".join(parts)
    return f"{text} ({group})" if text and group else text


def vector_group(text: str) -> str | None:
    """An IEC vector group printed in the text (`Dyn1`, `YNd11`, `Dyn 11`), as printed."""
    strict = _VECTOR_GROUP.search(text)
    if strict:
        return strict.group(0).replace(" ", "")
    loose = _VECTOR_GROUP_LOOSE.match(text.strip())
    return loose.group(0).replace(" ", "") if loose else None


def vector_connections(group: str) -> tuple[Connection, Connection] | None:
    """(HV, LV) connections of a vector group: `Dyn1` → (delta, grounded_wye)."""
    match = _VECTOR_GROUP_LOOSE.match(group.strip())
    if not match:
        return None
    high, low = match.group(1).upper(), match.group(2).upper()

    def of(letter: str) -> Connection:
        if letter == "D":
            return "delta"
        return "grounded_wye" if letter.endswith("N") else "wye"

    return of(high), of(low)


def phases_stated(text: str) -> int | None:
    """1 or 3 when the text says single-phase or three-phase."""
    if _SINGLE_PHASE.search(text):
        return 1
    return 3 if _THREE_PHASE.search(text) else None


# Which winding a point names. Sides are split on "-", "to", "/"; a side names a winding by
# its terminal letter (H1, X2), its words (HV, LV, Primary, Secondary, Pri, Sec, Tertiary) or
# is ground. "H-X+G" (H to X and ground) is winding to winding.
_SIDE_SPLIT = re.compile(r"\s*(?:\bTO\b|–|—|-|/|\bVS\.?\b)\s*")
_SIDE_ROLE = (
    (re.compile(r"^(?:H\d?|HV|HIGH(?:\s*(?:SIDE|VOLTAGE))?|PRI(?:MARY)?|P)$"), "H"),
    (re.compile(r"^(?:X\d?|LV|LOW(?:\s*(?:SIDE|VOLTAGE))?|SEC(?:ONDARY)?|S)$"), "X"),
    (re.compile(r"^(?:Y\d?|TV|TER(?:TIARY)?|T)$"), "Y"),
)
_GROUND_SIDE = re.compile(r"^(?:G|GND|GRD|GROUND|E|EARTH|CORE|TANK|FRAME)$")


def _side_roles(side: str) -> set[str] | None:
    """Winding roles a side names (`X+G` → {X}); None when a part is not a winding or ground."""
    roles: set[str] = set()
    for part in re.split(r"\s*(?:\+|&|\bAND\b|,)\s*", side.strip("() ")):
        part = part.strip("() ")
        if not part:
            continue
        if _GROUND_SIDE.match(part):
            continue
        role = next((r for pattern, r in _SIDE_ROLE if pattern.match(part)), None)
        if role is None:
            return None
        roles.add(role)
    return roles


def winding_of_point(point: str) -> MeasuredWinding | None:
    """`H-G`, `HV to Ground`, `Primary-Ground` → H; `X-G`, `LV-G` → X; `H-X`, `Pri-Sec`,
    `H-X+G` → H-X; None when the name does not say."""
    name = " ".join(point.upper().replace("(", " ").replace(")", " ").split())
    sides = [side for side in _SIDE_SPLIT.split(name) if side]
    if not sides or len(sides) > 3:
        return None
    roles: set[str] = set()
    for side in sides:
        found = _side_roles(side)
        if found is None:
            return None
        roles |= found
    if not roles or len(roles) > 2:
        return None
    key = "-".join(sorted(roles, key=_ROLES.index))
    return key  # type: ignore[return-value]


_WINDING_QUANTITIES = frozenset(
    {
        Quantity.INSULATION_RESISTANCE,
        Quantity.POLARIZATION_INDEX,
        Quantity.DIELECTRIC_ABSORPTION_RATIO,
    }
)


def assign_windings(measurements: Iterable[Measurement]) -> list[Measurement]:
    """A transformer's insulation readings with the winding their point names, where it does."""
    assigned = []
    for m in measurements:
        winding = winding_of_point(m.point) if m.quantity in _WINDING_QUANTITIES else None
        if winding is not None and m.winding is None:
            m = m.model_copy(update={"winding": winding})
        assigned.append(m)
    return assigned
