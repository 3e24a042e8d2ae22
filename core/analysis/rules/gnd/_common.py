"""Shared check for GND-001/GND-002: ground resistance readings against a maximum."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.analysis.rules.base import Result, RuleContext, evidence, fmt, ohms, shown
from core.schemas import Measurement
from core.standards import Limit

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|percent\b|pct\b)", re.IGNORECASE)
_GENERIC = re.compile(r"\b(?:fall[\s-]*of[\s-]*potential|fop|reading|system|test)\b", re.IGNORECASE)
_CONNECTORS = " \t-–—:;,.@()[]"
_CONNECTOR_WORDS = re.compile(r"^(?:at|of)\b|\b(?:at|of)$", re.IGNORECASE)


def judge_ground(
    ctx: RuleContext, limit: Limit, *, what: str, remediation: str
) -> Iterator[Result]:
    """Each judged reading (plain ones, and the 62 % one of a fall-of-potential series)."""
    assert limit.severity is not None
    for index in ctx.derived.ground_judged:
        m = ctx.extraction.measurements[index]
        subject = m.point
        over_range = m.value is None or m.censored is not None
        if not over_range and m.value is not None and limit.passes(m.value):
            against = evidence(
                observed=m.value,
                unit="Ω",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
            )
            yield ctx.passed(subject, index=index, against=against)
            continue
        yield from ctx.fail(
            subject,
            severity=limit.severity,
            message=(
                f"{reading_label(m)}: {shown(m, ohms(m.value or 0))} is above the "
                f"{ohms(limit.value)} maximum for {what}"
            ),
            evidence=evidence(
                observed=m.value,
                unit="Ω",
                limit=limit.value,
                comparator=limit.comparator,
                clause=limit.clause,
                measurement=m,
                distance_pct=m.distance_pct,
                censored=m.censored,
            ),
            remediation=remediation,
            index=index,
        )


def reading_label(m: Measurement) -> str:
    """The reading as a message names it: its point, and for a fall-of-potential reading its
    position, once — the point often states it already (`Fall of potential 62%`, `System 62%`,
    as reports and the readers name them), and then only the electrode is kept of it."""
    if m.distance_pct is None:
        return m.point
    position = f"fall-of-potential reading at {fmt(m.distance_pct)} % of the probe spacing"
    electrode = _electrode(m.point, m.distance_pct)
    return f"{electrode}, {position}" if electrode else position[0].upper() + position[1:]


def _electrode(point: str, distance_pct: float) -> str:
    """What of a point label is not its position nor the words for the method: `Grid B 62%`
    gives `Grid B`, `Fall of potential 62 %` and `System at 62%` nothing."""

    def position(match: re.Match[str]) -> str:
        same = float(match.group(1).replace(",", ".")) == distance_pct
        return " " if same else match.group(0)

    rest = _GENERIC.sub(" ", _PERCENT.sub(position, point))
    while True:
        trimmed = _CONNECTOR_WORDS.sub("", rest.strip(_CONNECTORS)).strip(_CONNECTORS)
        if trimmed == rest:
            return " ".join(rest.split())
        rest = trimmed
