"""Measurements per test type: table records and printed fields become `Measurement`s.

A reading keeps the value as measured, in the canonical unit; its attributes (duration, test
voltage, probe distance, reference temperature, nameplate ratio, manufacturer's maximum) come
from the same row, else from the document's fields (`Defaults`). Impossible values are dropped
and unreadable ones skipped, each with a warning; a value without any stated unit is read in the
quantity's usual unit and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.analysis.extraction.interpret.columns import Role
from core.analysis.extraction.interpret.confidence import confidence
from core.analysis.extraction.interpret.context import Context, impossible
from core.analysis.extraction.interpret.convert import clean
from core.analysis.extraction.interpret.records import Item, Record
from core.analysis.extraction.values import ParsedValue, ValueKind
from core.schemas import CANONICAL_UNIT, Measurement, Quantity, WarningCode

_KIND: dict[Quantity, ValueKind] = {
    Quantity.INSULATION_RESISTANCE: "resistance",
    Quantity.GROUND_RESISTANCE: "resistance",
    Quantity.CONTINUITY_RESISTANCE: "resistance",
    Quantity.CONTACT_RESISTANCE: "resistance",
    Quantity.POLARIZATION_INDEX: "ratio",
    Quantity.DIELECTRIC_ABSORPTION_RATIO: "ratio",
    Quantity.TURNS_RATIO: "ratio",
    Quantity.TEMPERATURE: "temperature",
    Quantity.TEMPERATURE_RISE: "temperature_difference",
}
# The unit a bare number is read in: what the instrument for that quantity displays.
_USUAL_UNIT: dict[Quantity, str] = {
    Quantity.INSULATION_RESISTANCE: "MΩ",
    Quantity.GROUND_RESISTANCE: "Ω",
    Quantity.CONTINUITY_RESISTANCE: "Ω",
    Quantity.CONTACT_RESISTANCE: "µΩ",
    Quantity.TEMPERATURE: "°C",
    Quantity.TEMPERATURE_RISE: "°C",
}
_SIGNED = frozenset({Quantity.TEMPERATURE, Quantity.TEMPERATURE_RISE})
_CONTINUITY = re.compile(
    r"point[\s-]*to[\s-]*point|continuity|two[\s-]*point|2[\s-]*point|\bbond|\bp2p\b", re.I
)
_GLUED_NUMBER = re.compile(r"\b(pole|phase|tap)(?=\d)", re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})


@dataclass(slots=True)
class Defaults:
    """Document-level values a row lacking its own takes."""

    test_voltage_v: float | None = None
    duration_s: int | None = None
    tap: str | None = None
    nameplate_ratio: float | None = None
    mfr_min_ohm: float | None = None
    mfr_max_ohm: float | None = None
    ambient_c: float | None = None


@dataclass(slots=True)
class Builder:
    ctx: Context
    defaults: Defaults
    measurements: list[Measurement] = field(default_factory=list)
    loads: list[tuple[float, Item]] = field(default_factory=list)
    """Load % printed per component; the report's load when it states none for the survey."""

    def read(self, item: Item, quantity: Quantity) -> ParsedValue | None:
        """The item's value as `quantity`, or None (with a warning) when it cannot be used."""
        parsed = self.ctx.value(
            item.text,
            _KIND[quantity],
            header_unit=item.spec.unit,
            default_unit=_USUAL_UNIT.get(quantity),
        )
        if parsed is None:
            self._warn(WarningCode.UNREADABLE_VALUE, "could not be read as a number", item)
            return None
        if impossible(parsed.value, signed=quantity in _SIGNED):
            self._warn(WarningCode.IMPOSSIBLE_VALUE, "is not a possible reading; dropped", item)
            return None
        return parsed

    def attribute(
        self, item: Item | None, kind: ValueKind, unit: str | None = None
    ) -> float | None:
        """A number beside a reading (test voltage, distance, reference temperature)."""
        if item is None:
            return None
        parsed = self.ctx.value(item.text, kind, header_unit=item.spec.unit, default_unit=unit)
        if parsed is None or impossible(parsed.value, signed=kind == "temperature"):
            return None
        return parsed.value

    def add(
        self,
        quantity: Quantity,
        point: str,
        item: Item,
        parsed: ParsedValue | None = None,
        *,
        repaired: bool = False,
        **attributes: Any,
    ) -> Measurement | None:
        parsed = parsed or self.read(item, quantity)
        if parsed is None:
            return None
        assumed = not parsed.unit_found
        measurement = Measurement(
            quantity=quantity,
            point=point,
            value=parsed.value,
            unit=CANONICAL_UNIT[quantity],
            censored=parsed.censored,
            unit_assumed=assumed,
            raw=item.text,
            source=item.source,
            confidence=confidence(
                item.confidence,
                self.ctx.format,
                unit_assumed=assumed,
                repaired=parsed.repaired or repaired or item.spec.repaired,
            ),
            **{key: value for key, value in attributes.items() if value is not None},
        )
        self.measurements.append(measurement)
        if assumed:
            self._warn(
                WarningCode.UNIT_ASSUMED,
                f"states no unit; read in {_USUAL_UNIT.get(quantity, measurement.unit)}",
                item,
            )
        return measurement

    def _warn(self, code: WarningCode, what: str, item: Item) -> None:
        index = len(self.measurements) - (1 if code is WarningCode.UNIT_ASSUMED else 0)
        self.ctx.warn(
            code,
            f"The value '{item.text}' ({item.spec.text or item.spec.role.value}) {what}.",
            path=f"measurements.{index}",
            source=item.source,
            raw=item.text,
        )


def point_name(record: Record, fallback: str) -> str:
    """The point as printed, tidied: one space, plain hyphens, no OCR junk at the edges,
    a space between a word and its number ("Pole3" → "Pole 3")."""
    text = clean((record.point or "").translate(_DASHES))
    return _GLUED_NUMBER.sub(r"\1 ", text) or fallback


def column_point(point: str, item: Item) -> str:
    """The row's point with what the reading's column adds: "Pole 1" under "IR Pole to Ground
    (MΩ)" is "Pole 1 to Ground", under "IR Line to Load (MΩ)" "Pole 1 Line to Load"."""
    qualifier = item.spec.point if item.spec.role is Role.READING else None
    if not qualifier:
        return point
    first, _, rest = qualifier.partition(" ")
    if rest and first.casefold() == point.partition(" ")[0].casefold():
        qualifier = rest
    return f"{point} {qualifier}"


def is_continuity(point: str) -> bool:
    return bool(_CONTINUITY.search(point))


def readings(record: Record) -> list[Item]:
    return [item for item in record.items if item.spec.role is Role.READING]
