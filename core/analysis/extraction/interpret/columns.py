"""Column headers → roles: what each column of a measurement or instrument table holds.

A header cell ("Reading (1 min)", "Insulation Resistance (MΩ)", "ΔT over ambient", "Phase B")
becomes a `ColumnSpec`: its role, plus the unit, duration, ΔT reference, tap or point it states.
The same classification reads the row labels of tables printed with phases as columns
("1 min", "PI", "Resistance (µΩ)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from core.analysis.extraction.interpret.labels import LABELS
from core.analysis.extraction.interpret.tokens import Token, find_phrases, join, normalize
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

_VOCABULARY: dict[Role, str] = {
    Role.POINT: (
        "Test Point; Point; Points; Phase; Phases; Pole; Poles; Component; Components; "
        "Location; Connection; Connections; Test Connection; Winding; Windings; Measurement; "
        "Measurement Point; Description; Circuit; Item; Between; Tested Between; Test; Terminal; "
        "Terminals; Bushing; Cable; Conductor; Electrode; Object; Device; Test Location; "
        "From To; Configuration; Test Lead; Leads; Measured Between; Joint; Connection Point; "
        "Pair; Phase Tested; Test Description; Point Tested; Circuit Tested; Equipment; "
        "Point-to-Point; Point to Point Continuity; Continuity; Two-Point; Bond; Bonding"
    ),
    Role.READING: (
        "Reading; Readings; Resistance; Insulation Resistance; IR; IR Value; Measured; "
        "Measured Value; Measured Values; Measured Resistance; Value; As Found; As-Found Reading; "
        "Megohms; MΩ; Mohm; Ground Resistance; Earth Resistance; Contact Resistance; "
        "Resistance to Ground; Micro Ohms; µΩ; Ohms; Ω; Resistance Value; Measured Ratio; Ratio; "
        "Actual Ratio; Test Ratio; Ratio Measured; TTR; Turns Ratio; Ratio Reading; "
        "IR Reading; Insulation; Megger Reading; Pole Resistance; Reading Value"
    ),
    Role.TEST_VOLTAGE: (
        "Test Voltage; Test Volts; Applied Voltage; Voltage Applied; DC Test Voltage; Test kV; "
        "VDC; kVDC; Test V; Voltage; Test Potential; kV"
    ),
    Role.DURATION: "Time; Duration; Test Time; Reading Time; Interval",
    Role.PI: "PI; Polarization Index; Polarisation Index; PI Ratio; P.I.",
    Role.DAR: "DAR; Dielectric Absorption Ratio; Dielectric Absorption; D.A.R.",
    Role.DISTANCE: (
        "Distance; Probe Distance; Probe Position; Potential Probe; P2 Distance; "
        "Distance of P2; Spacing; P2; P2 Position; Potential Probe Distance; P2 Location; "
        "Percent Distance; Potential Probe Position; Distance %; % of C2; % C2; "
        "% of Current Probe Distance; Percent of C2; % of D"
    ),
    Role.HOT_SPOT: (
        "Hot Spot; Hotspot; Hot Spot Temp; Hot Spot Temperature; Max Temp; Max Temperature; "
        "Maximum Temperature; Temperature; Temp; Spot Temp; Measured Temperature; Tmax; T Max; "
        "Problem Temp; Hottest Point; Object Temp; Component Temperature; Anomaly Temperature; "
        "Component Temp; Hot Spot °C; Max"
    ),
    Role.REFERENCE: (
        "Reference; Reference Temp; Reference Temperature; Ref Temp; Ref; Similar Component; "
        "Reference Component; Normal Temp; Baseline; Reference Point; Comparison Temp; Tref; "
        "T Ref; Similar; Similar Component Temp; Reference Component Temp"
    ),
    Role.AMBIENT: "Ambient; Ambient Temp; Ambient Temperature; Air Temp",
    Role.DELTA: (
        "ΔT; Delta T; DT; Rise; Temperature Rise; Temp Rise; Delta; Difference; "
        "Temperature Difference; Delta Temp; Temp Difference; ΔT Rise; Temp Diff; ΔTemp"
    ),
    Role.LOAD: "Load; Load %; Percent Load; Loading; Load Percent; % of Rated Load",
    Role.TAP: "Tap; Tap Position; Tap Setting; Tap No; Tap Changer; DETC; DETC Position; Position",
    Role.NAMEPLATE: (
        "Nameplate Ratio; Calculated Ratio; Theoretical Ratio; Expected Ratio; Nameplate; "
        "Calc Ratio; Nominal Ratio; Design Ratio; Rated Ratio; Calculated; Theoretical; Nominal"
    ),
    Role.MFR_MAX: (
        "Mfr Max; Manufacturer Max; Manufacturer Maximum; Max Allowed; Maximum Allowed; Limit; "
        "Max Limit; Acceptance Limit; Mfr Limit; Manufacturer Limit; Max Allowable; Spec; "
        "Specification; Allowable; Manufacturer's Max; Mfr Spec"
    ),
    Role.UNIT: "Unit; Units; UOM",
    Role.IGNORE: (
        "Test Current; Current; Amps; Injection Current; Deviation; % Deviation; Deviation %; "
        "Error; % Error; Ratio Error; % Diff; Status; Comments; Remarks; "
        "Notes; Condition; Priority; Severity; Recommendation; Action; Excitation Current; "
        "Exc Current; Iex; Exciting Current; Polarity; Phase Angle; Angle; Emissivity; Image; "
        "Image No; IR Image; Photo; Frequency; As Left; Rating; Frame; Trip; Comment; "
        "Test Current A; Value Deviation"
    ),
    Role.CORRECTED: (
        "Corrected; Corrected Value; Corrected Values; Corrected Reading; Corrected Readings; "
        "Corrected to 20 °C; Corrected to 20C; Corrected to 40 °C; Corrected @ 20 °C; "
        "Temperature Corrected; Temperature Corrected Value; Temperature Corrected Values; "
        "Temp Corrected; Temp Corrected Value; Temp Corr; Corr Value; Corr Values; Corr Reading; "
        "TC Value; Corrected Resistance; Value at 20 °C; Value @ 20 °C; IR Corrected"
    ),
    Role.CRITERIA: (
        "Criteria; Acceptance Criteria; Acceptance; Table Criteria; NETA Criteria; "
        "Min Value; Minimum Value; Min Acceptable; Minimum Acceptable; Minimum Required; "
        "Required Value; Result; Results; Test Result; Overall Result; Pass/Fail; Pass Fail; "
        "Pass; Fail; Acceptable; Assessment; Verdict"
    ),
    Role.INST_MODEL: "Instrument; Model; Test Set; Meter; Instrument Model; Test Instrument",
    Role.INST_MAKER: "Manufacturer; Make; Mfr",
    Role.INST_SERIAL: "Serial; Serial No; Serial Number; S/N; SN; Serial #",
}
_TIMED_READINGS = {"r30": 30, "r60": 60, "r1": 60, "r10": 600, "r600": 600, "r1min": 60}


def _build() -> dict[str, Role]:
    table: dict[str, Role] = {}
    for role, phrases in _VOCABULARY.items():
        for phrase in phrases.split(";"):
            table.setdefault(normalize(phrase), role)
    for key, label in LABELS.items():
        if label.field in (Role.CAL_DATE, Role.CAL_DUE, Role.INST_SERIAL) and not label.weak:
            table.setdefault(key, Role(label.field))
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
    return _refine(spec, text)


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
