"""The calculated turns ratio of a transformer, by connection and tap, and the deviations from it.

Part of the derived values (see `derived.py`). A three-phase TTR measures one high-voltage coil
against the low-voltage coil on the same leg, so the calculated ratio is the ratio of the two
coil voltages: a delta coil carries the line-to-line voltage, a wye coil line-to-neutral
(line-to-line / √3). The connection comes from the vector group (`Dyn1`), else the Δ/Y marks of
the nameplate (a plain voltage beside a wye one is a delta, as ANSI C57.12.00 writes them), else
from a printed calculated ratio that fits one connection, else Δ–Y is assumed and said so. A
printed calculated ratio is the one judged against (cross-checked with the nameplate). Taps
change the ratio by their percentage. A measured set that misses the calculated ratio but fits
another connection is marked as a likely connection mix-up rather than a failed transformer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import median
from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_comparisons import PERCENT, clean
from core.analysis.point_names import normalize
from core.analysis.windings import SQRT3, vector_connections
from core.schemas import Connection, ExtractionResult, Measurement, Quantity
from core.standards import ThresholdSet

ConnectionPair = tuple[Connection, Connection]
CANDIDATES: dict[str, ConnectionPair] = {
    "Δ–Y": ("delta", "wye"),
    "Y–Δ": ("wye", "delta"),
    "Δ–Δ": ("delta", "delta"),
    "Y–Y": ("wye", "wye"),
}
_TAP_PERCENT = re.compile(r"([+-−]?\s*\d+(?:[.,]\d+)?)\s*%")
_TAP_NUMBER = re.compile(r"^(?:TAP|POS(?:ITION)?|NO\.?|#)?\s*(\d{1,2})$")
_TAP_LETTER = re.compile(r"^(?:TAP\s*)?([A-E])$")
_LETTERS = "ABCDE"
_NOMINAL = re.compile(r"^(?:TAP\s*)?(?:NOM(?:INAL)?|N|RATED)$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TurnsSetup(_Frozen):
    """How the calculated ratio was worked out from the nameplate."""

    high_v: float | None = None
    low_v: float | None = None
    connection: str | None = None
    """`Δ–Y`, `Y–Δ`, `Δ–Δ`, `Y–Y` or `single-phase`."""
    connection_source: (
        Literal["vector group", "nameplate", "printed ratio", "single-phase", "assumed"] | None
    ) = None
    nominal_ratio: float | None = None
    """Coil voltage ratio at the nominal tap; None without two winding voltages."""
    line_ratio: float | None = None
    """V_H / V_X: the line-voltage ratio some three-phase test sets print as "calculated"."""
    alternatives: dict[str, float] = {}
    """The nominal ratio each other connection would give."""


class TurnsRatio(_Frozen):
    index: int
    point: str
    tap: str | None
    tap_pct: float | None = None
    """The tap's change of the nameplate ratio (+5 % at tap 1 of 5); None when not read."""
    measured: float
    calculated: float | None
    """The ratio judged against: the printed one, else the nameplate's at this tap."""
    calculated_source: Literal["printed", "nameplate"] | None = None
    nameplate_calculated: float | None = None
    line_calculated: float | None = None
    """The line-voltage ratio at this tap, the other convention a printed ratio may follow."""
    printed_mismatch_pct: float | None = None
    """How far a printed ratio is from the nameplate's, in the convention it is closest to
    (coil ratio, or line-voltage ratio), when both exist."""
    nameplate_deviation_pct: float | None
    phase_deviation_pct: float | None
    """Deviation from the phases at the same tap: from their median (this one included) with
    three or more, from the other one with two."""
    phase_reference: float | None
    """That median: with three phases, one bad phase does not drag the good ones into failing."""
    phase_reference_points: tuple[str, ...] = ()
    fits_connection: str | None = None
    """The measured set misses `calculated` but fits this connection: a likely mix-up."""
    fits_ratio: float | None = None


def _coil(volts: float, connection: Connection | None) -> float:
    return volts / SQRT3 if connection in ("wye", "grounded_wye") else volts


def _pair_ratio(high_v: float, low_v: float, pair: ConnectionPair) -> float:
    return clean(_coil(high_v, pair[0]) / _coil(low_v, pair[1]))


def _label(pair: tuple[Connection | None, Connection | None]) -> str:
    def mark(connection: Connection | None) -> str:
        return "Y" if connection in ("wye", "grounded_wye") else "Δ"

    return f"{mark(pair[0])}–{mark(pair[1])}"


def _deviation(value: float, reference: float) -> float:
    return clean(abs(value - reference) / reference * PERCENT)


def setup(extraction: ExtractionResult, printed: list[float], ts: ThresholdSet) -> TurnsSetup:
    """The connection and nominal ratio from the vector group, the nameplate marks, a printed
    ratio or, failing all, the common Δ–Y."""
    equipment = extraction.equipment
    windings = sorted(equipment.windings, key=lambda w: -w.voltage_v)
    if len(windings) < 2:
        return TurnsSetup(high_v=windings[0].voltage_v if windings else None)
    high, low = windings[0], windings[1]
    stated = (high.connection, low.connection)
    grouped = vector_connections(equipment.vector_group) if equipment.vector_group else None
    source: str
    if grouped is not None:
        pair, source = grouped, "vector group"
    elif equipment.phases == 1:
        single = _pair_ratio(high.voltage_v, low.voltage_v, (stated[0] or "delta", "delta"))
        return TurnsSetup(
            high_v=high.voltage_v,
            low_v=low.voltage_v,
            connection="single-phase",
            connection_source="single-phase",
            nominal_ratio=single,
        )
    elif stated[0] is not None or stated[1] is not None:
        # ANSI C57.12.00 marks a wye (Y, GrdY); a plain voltage beside a marked one is a delta.
        pair, source = (stated[0] or "delta", stated[1] or "delta"), "nameplate"
    else:
        fitting = [
            candidate
            for candidate in CANDIDATES.values()
            if printed
            and all(
                ts.ttr.connection_mismatch.passes(
                    _deviation(value, _pair_ratio(high.voltage_v, low.voltage_v, candidate))
                )
                for value in printed
            )
        ]
        pair, source = (fitting[0], "printed ratio") if fitting else (CANDIDATES["Δ–Y"], "assumed")
    nominal = _pair_ratio(high.voltage_v, low.voltage_v, pair)
    line_ratio = clean(high.voltage_v / low.voltage_v)
    label = _label(pair)
    by_ratio: dict[float, list[str]] = defaultdict(list)
    for name, candidate in CANDIDATES.items():
        if name != label:
            by_ratio[_pair_ratio(high.voltage_v, low.voltage_v, candidate)].append(name)
    alternatives = {" or ".join(names): ratio for ratio, names in by_ratio.items()}
    return TurnsSetup(
        high_v=high.voltage_v,
        low_v=low.voltage_v,
        connection=label,
        connection_source=source,
        nominal_ratio=nominal,
        line_ratio=line_ratio,
        alternatives={
            name: ratio
            for name, ratio in alternatives.items()
            if _deviation(ratio, nominal) > 0.01  # Δ–Δ and Y–Y are the same ratio
        },
    )


def tap_percent(tap: str | None, ts: ThresholdSet) -> float | None:
    """How far the tap moves the ratio: `+2.5 %` as printed; tap n of a numbered (or lettered
    A–E) changer (nominal − n) × the step; 0 for nominal or no tap; None when unreadable."""
    if tap is None or not tap.strip():
        return 0.0
    settings = ts.ttr.connection
    text = " ".join(tap.upper().split())
    percent = _TAP_PERCENT.search(text)
    if percent:
        return float(re.sub(r"\s", "", percent.group(1)).replace("−", "-").replace(",", "."))
    number, letter = _TAP_NUMBER.match(text), _TAP_LETTER.match(text)
    position = None
    if number:
        position = int(number.group(1))
    elif letter:
        position = _LETTERS.index(letter.group(1)) + 1
    if position is not None:
        return (settings.nominal_tap - position) * settings.tap_step_pct
    return 0.0 if _NOMINAL.match(text) else None


def turns_ratios(
    extraction: ExtractionResult, ts: ThresholdSet
) -> tuple[TurnsSetup | None, tuple[TurnsRatio, ...]]:
    measured = [
        (i, m)
        for i, m in enumerate(extraction.measurements)
        if m.quantity == Quantity.TURNS_RATIO and m.value is not None
    ]
    if not measured:
        return None, ()
    printed = [m.nameplate_ratio for _, m in measured if m.nameplate_ratio]
    plan = setup(extraction, printed, ts)
    by_tap: dict[str, list[tuple[int, Measurement]]] = defaultdict(list)
    for i, m in measured:
        by_tap[normalize(m.tap or "")].append((i, m))
    items = [_item(i, m, plan, ts, by_tap[normalize(m.tap or "")]) for i, m in measured]
    return plan, tuple(_mark_mixups(items, plan, ts))


def _item(
    i: int,
    m: Measurement,
    plan: TurnsSetup,
    ts: ThresholdSet,
    same_tap: list[tuple[int, Measurement]],
) -> TurnsRatio:
    value = m.value or 0
    tap_pct = tap_percent(m.tap, ts)
    nameplate = line = None
    if plan.nominal_ratio is not None and tap_pct is not None:
        nameplate = clean(plan.nominal_ratio * (1 + tap_pct / PERCENT))
        line = clean((plan.line_ratio or plan.nominal_ratio) * (1 + tap_pct / PERCENT))
    printed = m.nameplate_ratio
    mismatch = None
    if printed and nameplate and line:
        mismatch = min(_deviation(printed, nameplate), _deviation(printed, line))
    calculated = printed or nameplate
    others = [(o.value, o.point) for j, o in same_tap if j != i and o.value]
    # Three phases or more: the median of all of them, so one bad phase is the one flagged;
    # two: each against the other.
    values = [value, *(v for v, _ in others)]
    reference = median(values) if len(values) > 2 else (others[0][0] if others else None)
    return TurnsRatio(
        index=i,
        point=m.point,
        tap=m.tap,
        tap_pct=tap_pct,
        measured=value,
        calculated=calculated,
        calculated_source="printed" if m.nameplate_ratio else ("nameplate" if nameplate else None),
        nameplate_calculated=nameplate,
        line_calculated=line,
        printed_mismatch_pct=mismatch,
        nameplate_deviation_pct=_deviation(value, calculated) if calculated else None,
        phase_deviation_pct=_deviation(value, reference) if reference else None,
        phase_reference=reference,
        phase_reference_points=tuple(point for _, point in others),
    )


def _mark_mixups(items: list[TurnsRatio], plan: TurnsSetup, ts: ThresholdSet) -> list[TurnsRatio]:
    """Per tap: when every phase misses the calculated ratio but all fit one other connection
    within the limit, the set is a connection mix-up, not a failed transformer."""
    limit = ts.ttr.connection_mismatch
    by_tap: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_tap[normalize(item.tap or "")].append(n)
    marked = list(items)
    for members in by_tap.values():
        group = [items[n] for n in members]
        if any(
            item.calculated is None
            or item.nameplate_deviation_pct is None
            or ts.ttr.nameplate_deviation_max.passes(item.nameplate_deviation_pct)
            for item in group
        ):
            continue
        for name, ratio in _alternatives(group[0], plan).items():
            if all(limit.passes(_deviation(item.measured, ratio)) for item in group):
                for n in members:
                    marked[n] = items[n].model_copy(
                        update={"fits_connection": name, "fits_ratio": ratio}
                    )
                break
    return marked


def _alternatives(item: TurnsRatio, plan: TurnsSetup) -> dict[str, float]:
    """Ratios of the other connections at this item's tap; around a printed ratio without a
    nameplate, the ratio × √3 and ÷ √3 (a wye taken for a delta, or the reverse)."""
    scale = 1 + (item.tap_pct or 0) / PERCENT
    if plan.alternatives and item.calculated_source == "nameplate":
        return {name: clean(ratio * scale) for name, ratio in plan.alternatives.items()}
    assert item.calculated is not None
    found = {name: clean(ratio * scale) for name, ratio in plan.alternatives.items()}
    found.setdefault("a wye coil taken for a delta", clean(item.calculated / SQRT3))
    found.setdefault("a delta coil taken for a wye", clean(item.calculated * SQRT3))
    return found
