"""Shared for the TTR- rules: a ratio's subject names its tap when the report gives one."""

from __future__ import annotations

from core.analysis.derived import TurnsRatio


def subject(item: TurnsRatio) -> str:
    return f"{item.point} (tap {item.tap})" if item.tap else item.point
