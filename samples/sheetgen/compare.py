"""How far an outcome agrees with a case's truth: verdict, tag, equipment type, test types, and
the readings — every expected one found (same quantity, value within 0.5 %, same over-range
mark) and none invented. Used by the tests and by bench/bench_reading.py."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.schemas import Measurement, Outcome

from .model import Reading, ReportTruth

TOLERANCE = 0.005


@dataclass
class Agreement:
    truth: ReportTruth
    verdict: str | None
    tag: str | None
    equipment_type: str | None
    test_types: frozenset[str]
    missing: list[Reading] = field(default_factory=list)
    invented: list[Measurement] = field(default_factory=list)
    error: str | None = None

    @property
    def verdict_ok(self) -> bool:
        return self.verdict == self.truth.verdict.value

    @property
    def tag_ok(self) -> bool:
        return self.tag == self.truth.tag

    @property
    def type_ok(self) -> bool:
        return self.equipment_type == self.truth.equipment_type.value

    @property
    def tests_ok(self) -> bool:
        return self.test_types == frozenset(t.value for t in self.truth.test_types)

    @property
    def found(self) -> int:
        return len(self.truth.readings) - len(self.missing)

    @property
    def readings_ok(self) -> bool:
        return not self.missing and not self.invented

    def problems(self) -> list[str]:
        """What differs, one plain line each (empty when everything agrees)."""
        out = [f"status FAILED: {self.error}"] if self.error else []
        pairs = (
            ("verdict", self.verdict_ok, self.verdict, self.truth.verdict.value),
            ("tag", self.tag_ok, self.tag, self.truth.tag),
            ("equipment type", self.type_ok, self.equipment_type, self.truth.equipment_type),
            ("test types", self.tests_ok, sorted(self.test_types), sorted(self.truth.test_types)),
        )
        out += [
            f"{name}: read {got!r}, expected {want!r}" for name, ok, got, want in pairs if not ok
        ]
        out += [f"missing reading: {describe(r)}" for r in self.missing]
        out += [f"invented reading: {describe_measurement(m)}" for m in self.invented]
        return out


def describe(reading: Reading) -> str:
    mark = ">" if reading.censored else ""
    return f"{reading.quantity.value} {mark}{reading.value:g} ({reading.hint})"


def describe_measurement(m: Measurement) -> str:
    mark = m.censored or ""
    where = f" at {m.source}" if m.source is not None else ""
    return f"{m.quantity.value} {mark}{m.value:g} {m.unit} '{m.point}'{where} raw {m.raw!r}"


def _close(reading: Reading, m: Measurement) -> bool:
    return (
        m.quantity is reading.quantity
        and m.value is not None
        and bool(m.censored) == reading.censored
        and math.isclose(m.value, reading.value, rel_tol=TOLERANCE)
    )


def match_readings(
    expected: Sequence[Reading], measurements: Sequence[Measurement]
) -> tuple[list[Reading], list[Measurement]]:
    """(expected readings not found, measurements that match no expected reading), each
    measurement used once, the closest one first."""
    left = list(measurements)
    missing: list[Reading] = []
    for reading in expected:
        candidates = [m for m in left if _close(reading, m)]
        if not candidates:
            missing.append(reading)
            continue
        best = min(candidates, key=lambda m: abs((m.value or 0) - reading.value))
        left.remove(best)
    return missing, left


def agreement(truth: ReportTruth, outcome: Outcome) -> Agreement:
    extraction = outcome.extraction
    measurements = extraction.measurements if extraction is not None else []
    missing, invented = match_readings(truth.readings, measurements)
    return Agreement(
        truth,
        outcome.verdict.value if outcome.verdict else None,
        outcome.equipment_tag,
        outcome.equipment_type.value if outcome.equipment_type else None,
        frozenset(t.value for t in outcome.test_types),
        missing,
        invented,
        outcome.error if outcome.status.value == "FAILED" else None,
    )


def same_part(truth_label: str | None, outcome_label: str | None) -> bool:
    """A part label as the truth writes it (`CB-2`, `pages 1-2`) against the reader's
    (`Sheet CB-2`, `pages 1-2`)."""

    def bare(label: str | None) -> str:
        text = (label or "").strip()
        for prefix in ("Sheets ", "Sheet "):
            text = text.removeprefix(prefix)
        return text.lower()

    return bare(truth_label) == bare(outcome_label)
