"""Shared for the TTR- rules: a ratio's subject names its tap; how the calculated ratio came."""

from __future__ import annotations

from typing import Any

from core.analysis.derived import TurnsRatio, TurnsSetup


def subject(item: TurnsRatio) -> str:
    return f"{item.point} (tap {item.tap})" if item.tap else item.point


def ratio_details(item: TurnsRatio, setup: TurnsSetup | None) -> dict[str, Any]:
    """The measured and calculated ratios and where the calculated one came from."""
    details: dict[str, Any] = {
        "measured_ratio": item.measured,
        "calculated_ratio": item.calculated,
        "calculated_from": item.calculated_source,
        "tap": item.tap,
        "tap_pct": item.tap_pct or None,
    }
    if setup is not None and setup.nominal_ratio is not None:
        details |= {
            "nameplate": f"{setup.high_v:,.0f} / {setup.low_v:,.0f} V",
            "connection": setup.connection,
            "connection_from": setup.connection_source,
            "nameplate_ratio": item.nameplate_calculated,
        }
    return details
