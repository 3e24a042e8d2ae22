"""Column headers → roles: what each column of a measurement or instrument table holds.

A header cell ("Reading (1 min)", "Insulation Resistance (MΩ)", "ΔT over ambient", "Phase B")
becomes a `ColumnSpec`: its role, plus the unit, duration, ΔT reference, tap or point it states.
The same classification reads the row labels of tables printed with phases as columns
("1 min", "PI", "Resistance (µΩ)"). The phrases are data (`vocabulary/columns.toml`), normalized
once at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from core.analysis.extraction.interpret.labels import LABEL_PHRASES
from core.analysis.extraction.interpret.tokens import Token, find_phrases, join, normalize
from core.analysis.extraction.interpret.vocabulary import first_wins, integer, load
from core.analysis.extraction.values import parse_value, unit_of_header


class Role(StrEnum):
    POINT = "point"
    """The column (or row label) naming the test point."""
    POINT_NAME = "point_name"
    """A column that *is* a point (phases as columns): `ColumnSpec.point` names it."""
    READING = "reading"
    TEST_VOLTAGE = "test_voltage"
    DURATION = "duration"
    PI = "pi"
    DAR = "dar"
    DISTANCE = "distance"
    HOT_SPOT = "hot_spot"
    REFERENCE = "reference"
    AMBIENT = "ambient"
    DELTA = "delta"
    LOAD = "load"
    TAP = "tap"
    NAMEPLATE = "nameplate"
    MFR_MAX = "mfr_max"
    UNIT = "unit"
    IGNORE = "ignore"
    CORRECTED = "corrected"
    """A temperature-corrected value: derived by the report, never a measurement."""
    CRITERIA = "criteria"
    """An acceptance criterion or a verdict ("≥ 500 MΩ", "PASS"): never a reading."""
    INST_MODEL = "instrument.model"
    INST_MAKER = "instrument.manufacturer"
    INST_SERIAL = "instrument.serial"
    CAL_DATE = "instrument.calibration_date"
    CAL_DUE = "instrument.calibration_due_date"


VALUE_ROLES = frozenset(
    {Role.READING, Role.PI, Role.DAR, Role.HOT_SPOT, Role.DELTA, Role.NAMEPLATE, Role.CAL_DUE}
)
TEXT_ROLES = frozenset(
    {Role.INST_MODEL, Role.INST_MAKER, Role.INST_SERIAL, Role.TAP, Role.REFERENCE}
)
"""Columns whose values are names, kept even without a number in them."""
SKIPPED_ROLES = frozenset({Role.IGNORE, Role.CORRECTED, Role.CRITERIA})
"""Columns whose cells are never read; numbers in their headers ("Table 100.5 Criteria",
"Corrected to 20 °C") are no sign of a data row."""
INSTRUMENT_ROLES = frozenset(
    {Role.INST_MODEL, Role.INST_MAKER, Role.INST_SERIAL, Role.CAL_DATE, Role.CAL_DUE}
)

_COLUMNS = load("columns", ["roles", "timed_readings"])
_TIMED_READINGS: dict[str, int] = {
    normalize(name): seconds
    for name, seconds in _COLUMNS.table("timed_readings").mapping(integer, "seconds").items()
}


def _role_phrases() -> Iterator[tuple[str, Role]]:
    for role, phrases in _COLUMNS.table("roles").phrases([role.value for role in Role]).items():
        for phrase in phrases:
            yield phrase, Role(role)
    # Strong calibration and instrument-serial labels head an instrument table's columns too.
    for phrase, label in LABEL_PHRASES:
        if label.field in (Role.CAL_DATE, Role.CAL_DUE, Role.INST_SERIAL) and not label.weak:
            yield phrase, Role(label.field)


ROLE_PHRASES: tuple[tuple[str, Role], ...] = tuple(_role_phrases())
"""Every column phrase as written with its role, for `test_vocabulary`."""


def _build() -> dict[str, Role]:
    table = first_wins(ROLE_PHRASES, normalize)
    for key in _TIMED_READINGS:
        table[key] = Role.READING
    return table


ROLES: dict[str, Role] = _build()

_POINT_NAME = re.compile(
    r"""^(?:
        (?:phase|ph|Ø|φ|Φ)\s*[-.]?\s*[ABCRSTXYZabc123]
      | [ABC]\s*[-–]?\s*(?:phase|ph)
      | pole\s*[-#]?\s*(?:\d{1,2}|[ABC])
      | (?:phase\s*)?[ABCN]\s*(?:[-–/]|\sto\s)\s*
        (?:G|GND|Gnd|GRD|Ground|N|Neutral|(?:phase\s*)?[ABC])
      | [HX]\d?\s*[-–/]\s*[HXG]\d?(?:\s*/\s*[HX]\d?\s*[-–]\s*[HX]\d?)?
      | L[123](?:\s*[-–]\s*(?:L[123]|N|PE|G))?
      | [ABC]
      | (?:HV|LV|Pri|Primary|Sec|Secondary)\s*[-–/]\s*(?:LV|G|Gnd|Ground|Sec|Secondary)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_DURATION = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|minutes?|mins?|min)\b", re.IGNORECASE
)
_SIMILAR = re.compile(r"similar|adjacent|phase|reference|ref\b|comparison", re.IGNORECASE)
_AMBIENT = re.compile(r"ambient|air", re.IGNORECASE)
_EXPECTED = re.compile(r"calculated|nameplate|theoretical|expected|nominal|\bcalc\b", re.I)
_OCR_OHM = re.compile(r"[(\[]\s*([kKMGmµu]?)[QO0]\s*[)\]]")
_PERCENT = re.compile(r"%|percent|pct", re.IGNORECASE)

Reference = Literal["similar", "ambient"]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    role: Role
    text: str
    unit: str | None = None
    duration_s: int | None = None
    reference: Reference | None = None
    point: str | None = None
    """The point a point column is (`Phase B`), or what a reading column adds to its row's
    point (`IR Pole to Ground (MΩ)`: "Pole to Ground")."""
    tap: str | None = None
    percent: bool = False
    """The header says the column is a percentage (`Distance (% of C2)`)."""
    repaired: bool = False
    """The header's unit was an OCR misreading put right (`(Q)` for `(Ω)`)."""


def is_point_name(text: str) -> bool:
    """True for phase/pole designators such as `A-G`, `Phase B`, `Pole 2`, `H1-H2`, `X1-X0`."""
    return bool(_POINT_NAME.match(text.strip()))


def without_durations(text: str) -> str:
    return _DURATION.sub(" ", text)


def duration_in(text: str) -> int | None:
    """The reading time a header names ("30 s", "(1 min)", "10-minute"), in seconds."""
    match = _DURATION.search(text)
    if match is None:
        return None
    parsed = parse_value(match.group(0).replace("-", " "), "duration")
    return round(parsed.value) if parsed is not None and parsed.value is not None else None


_TO_LOAD = re.compile(r"\b(?:line|source|supply)[\s-]*(?:to[\s-]*)?load\b", re.IGNORECASE)


def classify(tokens: Sequence[Token]) -> ColumnSpec | None:
    """What a header cell (or a row label) holds, or None when it names nothing we know."""
    text = join(tokens)
    if not text:
        return None
    name = join(token for token in tokens if not token.paren)
    if is_point_name(name):  # "Pole A (mΩ)": a point, and the unit of its values
        return ColumnSpec(Role.POINT_NAME, text, unit=unit_of_header(text), point=name)
    phrases = find_phrases(tokens, ROLES)
    duration = duration_in(text)
    if not phrases:  # "1 Min (MΩ)", "R60": a timed reading named by its time alone
        duration = _TIMED_READINGS.get(normalize(text), duration)
        unit = unit_of_header(without_durations(text))
        return ColumnSpec(Role.READING, text, unit, duration) if duration else None
    role = phrases[0][2]
    if role is Role.LOAD and _TO_LOAD.search(name):  # "Line to Load": a breaker's test point
        return ColumnSpec(Role.POINT, text, unit=unit_of_header(text))
    key = "".join(token.key for token in tokens[phrases[0][0] : phrases[0][1]])
    duration = _TIMED_READINGS.get(key, duration)
    percent = bool(_PERCENT.search(text))
    unit = unit_of_header(without_durations(text))
    spec = ColumnSpec(role, text, unit, duration, percent=percent)
    if unit is None and role in (Role.READING, Role.MFR_MAX):
        spec = _ocr_ohm(spec, text)
    if role is Role.READING:
        spec = replace(spec, point=_reading_point(tokens, phrases[1:], name))
    return _refine(spec, text)


def _reading_point(
    tokens: Sequence[Token], phrases: list[tuple[int, int, Role]], name: str
) -> str | None:
    """The test point a reading's header names after its quantity: "IR Pole to Ground (MΩ)",
    "IR Line to Load (MΩ)" — two readings per row, told apart by their columns."""
    for start, _end, role in phrases:
        if role is Role.POINT:  # "Pole" and the words after it, up to the unit
            return join(token for token in tokens[start:] if not token.paren) or None
        if role is Role.LOAD and (match := _TO_LOAD.search(name)):
            return match.group(0)
    return None


def _ocr_ohm(spec: ColumnSpec, text: str) -> ColumnSpec:
    """Tesseract's Ω in a resistance header ("Resistance (Q)", "(MO)"): read, and marked."""
    match = _OCR_OHM.search(text)
    if match is None:
        return spec
    return replace(spec, unit=f"{match.group(1)}Ω", repaired=True)


def _refine(spec: ColumnSpec, text: str) -> ColumnSpec:
    """Qualifiers that change a role: ΔT's reference, a load given in amps, a voltage unit."""
    if spec.role is Role.DELTA:
        reference: Reference | None = None
        if _AMBIENT.search(text):
            reference = "ambient"
        elif _SIMILAR.search(text):
            reference = "similar"
        return replace(spec, reference=reference)
    if spec.role is Role.LOAD and spec.unit not in (None, "pct", "%") and not spec.percent:
        return replace(spec, role=Role.IGNORE)
    if spec.role is Role.READING and _EXPECTED.search(text):
        return replace(spec, role=Role.NAMEPLATE)  # "Ratio (Calculated)"
    return spec
