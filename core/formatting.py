"""Numbers, readings and percentages as people read them, the same on the pages and in the PDF
audit report: 2,500,000,000 ohm → `2.5 GΩ`, 31.2 degC → `31.2 °C`, 93.46 → `93.5 %`."""

from __future__ import annotations

_OHM_PREFIXES = ((1e12, "TΩ"), (1e9, "GΩ"), (1e6, "MΩ"), (1e3, "kΩ"), (1.0, "Ω"), (1e-3, "mΩ"))
_UNIT_SYMBOL = {"degC": "°C", "delta_degC": "°C (ΔT)", "ratio": "", "pct": "%"}


def number(value: float) -> str:
    """Thousands separated at 1,000 and above; at most four significant digits below."""
    if abs(value) >= 1e3:
        return f"{value:,.0f}"
    text = f"{value:.4g}"
    return text if "e" not in text else f"{value:.6f}".rstrip("0").rstrip(".")


def reading(value: float | str | None, unit: str | None, censored: str | None = None) -> str:
    """A value with its unit for people: 2,500,000,000 ohm → `2.5 GΩ`, 31.2 degC → `31.2 °C`."""
    if value is None:
        return "∞ / OL" if censored is None else f"{censored} (no value)"
    if isinstance(value, str):
        return f"{value} {unit or ''}".strip()
    prefix = censored or ""
    if unit == "ohm":
        scale, symbol = next(((s, u) for s, u in _OHM_PREFIXES if abs(value) >= s), (1e-6, "µΩ"))
        return f"{prefix}{number(value / scale)} {symbol}"
    symbol = _UNIT_SYMBOL.get(unit or "", unit or "")
    return f"{prefix}{number(value)} {symbol}".strip()


_UNSHOWN_UNITS = ("", "ratio", "date")
"""Evidence units no reader needs spelled out: a ratio is a number, a date reads as one."""


def with_unit(value: float | str | None, unit: str | None, sep: str = " ") -> str:
    """An evidence value (already in the unit the rule chose) with that unit: `2,500 MΩ`,
    `0.5 %`; a ratio or a date without one (`1.0023`, `2026-05-15`)."""
    shown = "" if value is None else number(value) if isinstance(value, int | float) else str(value)
    if (unit or "") in _UNSHOWN_UNITS or not shown:
        return shown
    return f"{shown}{sep}{unit}"


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f} %"
