"""Text formatting for the PDF audit report: numbers with units, dates, and a Latin-1 fallback."""

from __future__ import annotations

import datetime as dt
import math

from core.enums import Severity, Verdict
from core.schemas.extraction import Measurement, Quantity

MISSING = "—"
"""What an absent field shows as, so a reader can tell 'not reported' from an empty cell."""

RGB = tuple[int, int, int]

VERDICT_COLOURS: dict[Verdict, RGB] = {
    Verdict.APPROVED: (46, 125, 50),
    Verdict.REVIEW: (249, 168, 37),
    Verdict.REJECTED: (198, 40, 40),
}
NEUTRAL_COLOUR: RGB = (97, 97, 97)
SEVERITY_COLOURS: dict[Severity, RGB] = {
    Severity.CRITICAL: (198, 40, 40),
    Severity.MAJOR: (239, 108, 0),
    Severity.MINOR: (158, 105, 0),
    Severity.INFO: (21, 101, 192),
}

QUANTITY_LABELS: dict[Quantity, str] = {
    Quantity.INSULATION_RESISTANCE: "Insulation resistance",
    Quantity.POLARIZATION_INDEX: "Polarization index",
    Quantity.DIELECTRIC_ABSORPTION_RATIO: "Dielectric absorption ratio",
    Quantity.GROUND_RESISTANCE: "Ground resistance",
    Quantity.CONTINUITY_RESISTANCE: "Continuity resistance",
    Quantity.TEMPERATURE: "Temperature",
    Quantity.TEMPERATURE_RISE: "Temperature rise (ΔT)",
    Quantity.CONTACT_RESISTANCE: "Contact resistance",
    Quantity.TURNS_RATIO: "Turns ratio",
}

# Core PDF fonts only know Latin-1; these keep the meaning where the glyph is unavailable.
_TRANSLITERATION = {
    "Ω": "Ohm",
    "\u2126": "Ohm",  # OHM SIGN, which some readers produce instead of Greek capital omega
    "µ": "u",
    "μ": "u",
    "°": "deg",
    "Δ": "d",
    "≥": ">=",
    "≤": "<=",
    "∞": "inf",
    "—": "-",
    "–": "-",
    "·": "-",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "•": "*",
    "×": "x",
}


def transliterate(text: str) -> str:
    """Text a core (Latin-1) font can draw: known symbols spelled out, anything else as `?`."""
    for symbol, spelled in _TRANSLITERATION.items():
        text = text.replace(symbol, spelled)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def number(value: float) -> str:
    """About four significant digits, thousands separated, no trailing zeros: 2,200 · 12.35."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    decimals = max(0, 3 - math.floor(math.log10(abs(value))))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def voltage(volts: float | None) -> str:
    if volts is None:
        return MISSING
    if abs(volts) >= 1000:
        return f"{number(volts / 1000)} kV"
    return f"{number(volts)} V"


def _scaled_ohms(ohms: float, steps: list[tuple[float, str]]) -> str:
    """The value in the first unit (scale, symbol) whose reading stays below 10,000."""
    for scale, symbol in steps[:-1]:
        if abs(ohms) / scale < 10_000:
            return f"{number(ohms / scale)} {symbol}"
    scale, symbol = steps[-1]
    return f"{number(ohms / scale)} {symbol}"


def _with_unit(quantity: Quantity, value: float) -> str:
    if quantity is Quantity.INSULATION_RESISTANCE:
        # Megohmmeters print MΩ (`>2,200 MΩ`); GΩ only once MΩ would need five digits.
        return _scaled_ohms(value, [(1e6, "MΩ"), (1e9, "GΩ"), (1e12, "TΩ")])
    if quantity is Quantity.CONTACT_RESISTANCE:
        return _scaled_ohms(value, [(1e-6, "µΩ"), (1e-3, "mΩ"), (1.0, "Ω")])
    if quantity in (Quantity.GROUND_RESISTANCE, Quantity.CONTINUITY_RESISTANCE):
        return f"{number(value)} Ω"
    if quantity in (Quantity.TEMPERATURE, Quantity.TEMPERATURE_RISE):
        return f"{number(value)} °C"
    return number(value)  # ratios carry no unit


def measurement_value(measurement: Measurement) -> str:
    """The reading with a unit people expect: `> 2,200 MΩ`, `35 µΩ`, `∞` for an open reading."""
    if measurement.value is None:
        return "∞"
    text = _with_unit(measurement.quantity, measurement.value)
    return f"> {text}" if measurement.censored == ">" else text


def measurement_conditions(measurement: Measurement) -> str:
    """The attributes printed beside a reading (duration, test voltage, tap, references)."""
    parts: list[str] = []
    if measurement.duration_s is not None:
        parts.append(f"{measurement.duration_s} s")
    if measurement.test_voltage_v is not None:
        parts.append(f"at {voltage(measurement.test_voltage_v)}")
    if measurement.distance_pct is not None:
        parts.append(f"{number(measurement.distance_pct)} % distance")
    if measurement.tap is not None:
        parts.append(f"tap {measurement.tap}")
    if measurement.nameplate_ratio is not None:
        parts.append(f"nameplate {number(measurement.nameplate_ratio)}")
    if measurement.reference_temperature_c is not None:
        parts.append(f"reference {number(measurement.reference_temperature_c)} °C")
    if measurement.ambient_temperature_c is not None:
        parts.append(f"ambient {number(measurement.ambient_temperature_c)} °C")
    if measurement.reference is not None:
        parts.append(f"ΔT vs {measurement.reference}")
    if measurement.reference_point:
        parts.append(f"vs {measurement.reference_point}")
    if measurement.manufacturer_max_ohm is not None:
        limit = _with_unit(Quantity.CONTACT_RESISTANCE, measurement.manufacturer_max_ohm)
        parts.append(f"manufacturer max {limit}")
    if measurement.unit_assumed:
        parts.append("unit assumed")
    return ", ".join(parts) or MISSING


def measured(value: float | None, unit: str) -> str:
    return MISSING if value is None else f"{number(value)}{unit}"


def day(value: dt.date | None) -> str:
    return MISSING if value is None else value.isoformat()


def moment(value: dt.datetime) -> str:
    """Minutes are enough for people; aware times are shown in UTC so every reader agrees."""
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.strftime("%Y-%m-%d %H:%M")


def text_or_missing(value: object) -> str:
    if value is None or value == "":
        return MISSING
    return str(value)


def clipped(text: str, limit: int = 300) -> str:
    """Keeps a data-sheet value to a few lines: fpdf2 cannot split a table row across pages."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_ACRONYMS = {"UPS", "ATS", "PDU"}


def enum_label(value: object) -> str:
    """`INSULATION_RESISTANCE` → `Insulation resistance`; acronyms such as UPS stay as they are."""
    if value is None:
        return MISSING
    text = str(value)
    if text in _ACRONYMS:
        return text
    return text.replace("_", " ").capitalize()
