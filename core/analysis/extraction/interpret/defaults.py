"""Report-wide values that apply to every reading lacking its own, and the missing-field warnings.

Defaults: the test voltage, reading time and tap printed once for the whole test, a printed
calculated ratio (the turns-ratio step works it out from the windings when none is printed), a
manufacturer's maximum contact resistance or minimum cable insulation resistance — also when it
sits in the remarks ("Mfr max 100 µΩ").
"""

from __future__ import annotations

from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.convert import clean
from core.analysis.extraction.interpret.fields import FieldHit
from core.analysis.extraction.interpret.header import Header
from core.analysis.extraction.interpret.labels import LABELS
from core.analysis.extraction.interpret.measurements import Defaults
from core.analysis.extraction.interpret.tokens import find_phrases
from core.enums import TestType
from core.schemas import Measurement, WarningCode

# Values a remark may state in passing: "Remarks: Mfr max 100 µΩ per pole."
_INLINE = frozenset(
    {"measure.mfr_max", "measure.mfr_min", "measure.nameplate_ratio", "test.test_voltage_v"}
)


def read_defaults(hits: list[FieldHit], header: Header, ctx: Context, test: TestType) -> Defaults:
    defaults = Defaults(ambient_c=header.test.get("ambient_temperature_c"))
    for path, text, label in _candidates(hits):
        _apply(defaults, path, text, label, ctx)
    return defaults


def _candidates(hits: list[FieldHit]) -> list[tuple[str, str, str]]:
    """(field, value text, label text) for labelled defaults and those inside remarks."""
    found = [
        (hit.field, hit.value, hit.label_text)
        for hit in hits
        if hit.value_tokens and not (hit.field == "test.tap" and _positions_row(hit))
    ]
    # "Tap Under Test: 3" names the tap tested; a bare "Tap" may name the nameplate's.
    found.sort(key=lambda item: not (item[0] == "test.tap" and "test" in item[2].lower()))
    for hit in hits:
        if hit.field != "note":
            continue
        tokens = hit.value_tokens
        for start, end, label in find_phrases(tokens, LABELS):
            if label.field in _INLINE:
                value = " ".join(t.text for t in tokens[end : end + 3])
                found.append((label.field, value, " ".join(t.text for t in tokens[start:end])))
    return found


_TAP_LIST = 3
"""This many numbers on a tap line make it the nameplate's list of taps."""


def _positions_row(hit: FieldHit) -> bool:
    """`Tap Position | 1 | 2 | 3 | 4 | 5`: the nameplate's list of taps, not the one tested."""
    return sum(token.text.isdigit() for token in hit.line.tokens) >= _TAP_LIST


def _apply(defaults: Defaults, path: str, text: str, label: str, ctx: Context) -> None:
    if path == "test.test_voltage_v" and defaults.test_voltage_v is None:
        parsed = ctx.value(text, "voltage", default_unit="V")
        defaults.test_voltage_v = parsed.value if parsed else None
    elif path == "test.duration_s" and defaults.duration_s is None:
        parsed = ctx.value(text, "duration", default_unit="min")
        defaults.duration_s = round(parsed.value) if parsed and parsed.value else None
    elif path == "test.tap" and defaults.tap is None:
        defaults.tap = clean(text) or None
    elif path == "measure.nameplate_ratio" and defaults.nameplate_ratio is None:
        parsed = ctx.value(text, "ratio")
        defaults.nameplate_ratio = parsed.value if parsed else None
    elif path == "measure.mfr_max" and defaults.mfr_max_ohm is None:
        parsed = ctx.value(text, "resistance", default_unit="µΩ")
        defaults.mfr_max_ohm = parsed.value if parsed else None
    elif path == "measure.mfr_min" and defaults.mfr_min_ohm is None:
        parsed = ctx.value(text, "resistance", default_unit="MΩ")
        defaults.mfr_min_ohm = parsed.value if parsed else None


_ALWAYS = ("equipment.tag", "equipment.type", "test.date", "test.technician", "test.company")
_CONDITIONS = ("test.ambient_temperature_c", "test.humidity_pct")


def warn_missing(
    header: Header, ctx: Context, test: TestType, measurements: list[Measurement]
) -> None:
    """A missing_field warning for every required field the report does not give."""
    wanted = list(_ALWAYS)
    if test is not TestType.GROUNDING:  # a ground grid has no voltage rating
        wanted.append("equipment.voltage_rating_v")
    wanted.extend(_CONDITIONS)
    if test is TestType.THERMOGRAPHY:
        wanted.append("test.load_pct")
    for path in wanted:
        group, name = path.split(".")
        values = header.equipment if group == "equipment" else header.test
        if values.get(name) is None:
            ctx.warn(WarningCode.MISSING_FIELD, f"The report gives no {_WORDS[path]}.", path=path)
    if not any(
        i.get("calibration_date") or i.get("calibration_due_date") for i in header.instruments
    ):
        ctx.warn(
            WarningCode.MISSING_FIELD,
            "The report gives no calibration date for its test instrument.",
            path="instruments.0.calibration_due_date",
        )
    if not measurements:
        ctx.warn(
            WarningCode.MISSING_FIELD, "No readings were found in the report.", path="measurements"
        )


_WORDS = {
    "equipment.tag": "equipment tag",
    "equipment.type": "equipment type",
    "equipment.voltage_rating_v": "voltage rating",
    "test.date": "test date",
    "test.technician": "technician",
    "test.company": "testing company",
    "test.ambient_temperature_c": "ambient temperature",
    "test.humidity_pct": "humidity",
    "test.load_pct": "load at the time of the survey",
}
