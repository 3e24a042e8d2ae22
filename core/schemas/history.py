"""An asset's history as an engine input: earlier readings of the same equipment (tag, and site
when known), each report's trended measurements normalised, for the HIST- rules to compare with.

The services gather it from the stored analyses; the engine only reads it (`analyze(...,
history=…)`), so the same report, profile, `as_of` and history give the same outcome.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from core.enums import Verdict


class TrendQuantity(StrEnum):
    """The quantities followed over an asset's life, each in one SI unit."""

    INSULATION_RESISTANCE = "insulation_resistance"
    """ohm; `corrected_20c_ohm` beside it where the engine corrects it to 20 °C."""
    CONTACT_RESISTANCE = "contact_resistance"
    """ohm, per pole or joint."""
    GROUND_RESISTANCE = "ground_resistance"
    """ohm, the reading judged against the limit (the 62 % one of a fall-of-potential test)."""
    TURNS_RATIO = "turns_ratio"
    """ratio, per phase and tap; `deviation_pct` from the calculated ratio beside it."""
    TEMPERATURE_RISE = "temperature_rise"
    """delta_degC, a hot spot's ΔT (`reference`: to a similar component or to ambient)."""


TREND_UNIT: dict[TrendQuantity, str] = {
    TrendQuantity.INSULATION_RESISTANCE: "ohm",
    TrendQuantity.CONTACT_RESISTANCE: "ohm",
    TrendQuantity.GROUND_RESISTANCE: "ohm",
    TrendQuantity.TURNS_RATIO: "ratio",
    TrendQuantity.TEMPERATURE_RISE: "delta_degC",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TrendReading(_Model):
    """One trended reading of a report: quantity and point name what is compared over time."""

    quantity: TrendQuantity
    point: str
    """The point as the report names it (`A-G`, `Pole B`, `H1-H3 / X1-X3 tap 3`, `Breaker 4`)."""
    value: float
    """As measured, in the quantity's unit (`TREND_UNIT`)."""
    unit: str
    censored: bool = False
    """An over-range reading: the true value is at least `value`."""
    corrected_20c_ohm: float | None = None
    """Insulation resistance corrected to 20 °C (Table 100.14.1), when the engine corrects it."""
    deviation_pct: float | None = None
    """Turns ratio: the deviation from the calculated ratio, when the engine knows it."""
    reference: str | None = None
    """Temperature rise: `similar` or `ambient`."""
    index: int | None = None
    """Its measurement's index in the report's `extraction.measurements`."""

    @property
    def key(self) -> tuple[str, str, str | None]:
        """What readings of different reports are compared by: quantity, point (case and
        spacing aside) and, for a ΔT, its reference."""
        return (self.quantity.value, " ".join(self.point.lower().split()), self.reference)

    @property
    def trend_value(self) -> float:
        """The value followed over time: at 20 °C for insulation resistance when corrected."""
        return self.corrected_20c_ohm if self.corrected_20c_ohm is not None else self.value


class PriorAnalysis(_Model):
    """One earlier analysis of the asset, as stored."""

    task_id: str
    test_date: dt.date
    verdict: Verdict | None
    """The standing verdict (a manager's overrides applied)."""
    machine_verdict: Verdict | None = None
    """The engine's own verdict, before any override."""
    readings: tuple[TrendReading, ...] = ()

    @property
    def accepted(self) -> bool:
        """APPROVED, by the engine or once a manager overrode its findings: a baseline."""
        return self.verdict == Verdict.APPROVED


class AssetHistory(_Model):
    """Earlier accepted and other readings of one asset, oldest first."""

    tag: str
    site: str | None = None
    analyses: tuple[PriorAnalysis, ...] = ()

    def matches(self, tag: str | None, site: str | None) -> bool:
        """The asset a report is of: the same tag (case and spacing aside), and the same site
        when both name one (the services choose the history by the upload's site too)."""
        if not _norm(tag) or _norm(tag) != _norm(self.tag):
            return False
        return not (site and self.site) or _norm(site) == _norm(self.site)

    def before(self, day: dt.date) -> tuple[PriorAnalysis, ...]:
        """The analyses tested strictly before `day`, oldest first (ties by task id)."""
        earlier = [a for a in self.analyses if a.test_date < day]
        return tuple(sorted(earlier, key=lambda a: (a.test_date, a.task_id)))


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


__all__ = ["TREND_UNIT", "AssetHistory", "PriorAnalysis", "TrendQuantity", "TrendReading"]
