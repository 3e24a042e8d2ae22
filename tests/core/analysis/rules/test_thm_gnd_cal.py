"""Thermography over a similar reference, single fall-of-potential readings, calibration dates.

THM: with a similar reference the top over-ambient band still applies (equally hot phases are
not healthy); GND: one reading is judged against the limit whatever its probe position says;
CAL: a calibration dated after the test is an impossible record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.schemas import Measurement, Quantity
from core.schemas.outcome import Outcome
from tests.core.analysis.rules.factories import (
    TEST_DATE,
    edit,
    ground_report,
    instrument_report,
    measurement,
    run,
    thermography_report,
)

CRIT, MAJ, MIN = "CRITICAL", "MAJOR", "MINOR"
AMBIENT_C = 20.0
INSTRUMENT = "Megger MIT1025 s/n 22363"


def _found(outcome: Outcome, family: str) -> list[tuple[str, str | None, str]]:
    """(rule, point, severity) of the family's findings, in the outcome's order."""
    return [
        (f.rule_id, f.evidence.point, f.severity.value)
        for f in outcome.findings
        if f.rule_id.startswith(f"{family}-")
    ]


def _checks(outcome: Outcome, rule_id: str) -> list[tuple[str, bool]]:
    assert outcome.validation is not None
    return [(c.subject, c.passed) for c in outcome.validation.checks if c.rule_id == rule_id]


def _verdict(outcome: Outcome) -> str:
    assert outcome.verdict is not None
    return outcome.verdict.value


def _survey(*hot_spots: Measurement) -> Outcome:
    """A thermographic survey at the ambient of this module (20 °C)."""
    extraction = thermography_report(list(hot_spots))
    return run(edit(extraction, "test", ambient_temperature_c=AMBIENT_C))


def _lug(point: str, hot_c: float, **attrs: Any) -> Measurement:
    return measurement(Quantity.TEMPERATURE, point, hot_c, **attrs)


# --- Thermography ----------------------------------------------------------------------------

EQUALLY_HOT = {
    "named reference (A is the reference of B and C)": [
        _lug("Lug A", 90.0),
        _lug("Lug B", 90.0, reference_point="Lug A"),
        _lug("Lug C", 90.0, reference_point="Lug A"),
    ],
    "each the next one's reference": [
        _lug("Lug A", 90.0, reference_point="Lug B"),
        _lug("Lug B", 90.0, reference_point="Lug C"),
        _lug("Lug C", 90.0, reference_point="Lug A"),
    ],
    "reference temperature printed": [
        _lug("Lug A", 90.0, reference_temperature_c=90.0),
        _lug("Lug B", 90.0, reference_temperature_c=90.0),
        _lug("Lug C", 90.0, reference_temperature_c=90.0),
    ],
}


@pytest.mark.parametrize("hot_spots", EQUALLY_HOT.values(), ids=list(EQUALLY_HOT))
def test_equally_hot_lugs_far_over_ambient_are_rejected(hot_spots: list[Measurement]) -> None:
    outcome = _survey(*hot_spots)
    assert _found(outcome, "THM") == [
        ("THM-001", "Lug A", CRIT),
        ("THM-001", "Lug B", CRIT),
        ("THM-001", "Lug C", CRIT),
    ]
    assert _verdict(outcome) == "REJECTED"
    for finding in outcome.findings:
        assert finding.evidence.details["ambient_delta_c"] == 70.0
        assert finding.evidence.details["ambient_band"] == "> 40 °C"
        assert finding.evidence.clause == "ANSI/NETA ATS-2025 Table 100.18 (ΔT over ambient air)"


def test_a_hot_phase_is_judged_by_its_similar_band_only() -> None:
    """10 °C above its neighbours and 35 °C over ambient: the similar MAJOR, once; the
    neighbours, 25 °C over ambient, are not flagged by the lower ambient bands."""
    outcome = _survey(
        _lug("Lug A", 45.0),
        _lug("Lug B", 45.0, reference_point="Lug A"),
        _lug("Lug C", 55.0, reference_point="Lug A"),
    )
    assert _found(outcome, "THM") == [("THM-001", "Lug C", MAJ)]
    (finding,) = outcome.findings
    assert finding.evidence.observed == 10.0
    assert finding.evidence.details["similar_band"] == "[4, 15] °C"
    assert finding.evidence.details["ambient_delta_c"] == 35.0
    assert "ambient_band" not in finding.evidence.details
    assert _checks(outcome, "THM-002") == []
    assert _verdict(outcome) == "REVIEW"


def test_one_finding_carries_the_worse_judgement_and_both_delta_ts() -> None:
    outcome = _survey(_lug("Lug C", 65.0, reference_temperature_c=63.0))
    assert _found(outcome, "THM") == [("THM-001", "Lug C", CRIT)]
    (finding,) = outcome.findings
    details = finding.evidence.details
    assert (finding.evidence.observed, finding.evidence.unit) == (45.0, "°C")
    assert (details["similar_delta_c"], details["similar_band"]) == (2.0, "[1, 4) °C")
    assert details["similar_severity"] == MIN
    assert (details["ambient_delta_c"], details["ambient_band"]) == (45.0, "> 40 °C")
    assert details["ambient_severity"] == CRIT
    assert "2 °C" in finding.message and "45 °C" in finding.message


@pytest.mark.parametrize(
    ("hot_c", "expected"),
    [(60.0, []), (60.1, [("THM-001", "Lug C", CRIT)])],
    ids=["40.0 over ambient", "40.1 over ambient"],
)
def test_top_ambient_band_edge_with_a_similar_reference(
    hot_c: float, expected: list[tuple[str, str, str]]
) -> None:
    outcome = _survey(_lug("Lug C", hot_c, reference_temperature_c=hot_c))
    assert _found(outcome, "THM") == expected


@pytest.mark.parametrize(
    ("hot_c", "expected"),
    [(60.0, []), (60.1, [("THM-001", "Lug A", CRIT)])],
    ids=["40.0 over ambient", "40.1 over ambient"],
)
def test_a_reference_component_does_not_escape_the_top_ambient_band(
    hot_c: float, expected: list[tuple[str, str, str]]
) -> None:
    outcome = _survey(_lug("Lug A", hot_c), _lug("Lug B", 20.5, reference_point="Lug A"))
    assert _found(outcome, "THM") == expected


def test_without_a_similar_reference_every_ambient_band_applies() -> None:
    outcome = _survey(_lug("Lug A", 45.0))  # 25 °C over ambient
    assert _found(outcome, "THM") == [("THM-002", "Lug A", MAJ)]
    assert _checks(outcome, "THM-001") == []


# --- Grounding: fall-of-potential --------------------------------------------------------------

POINT = "Fall of potential"


def _single(ohm: float, distance_pct: float | None) -> Outcome:
    if distance_pct is None:
        return run(ground_report({}, plain={POINT: ohm}))
    return run(ground_report({distance_pct: ohm}))


@pytest.mark.parametrize("distance_pct", [62, 60, 55, None])
def test_a_single_reading_within_the_limit_passes(distance_pct: float | None) -> None:
    outcome = _single(3.0, distance_pct)
    assert _found(outcome, "GND") == []
    assert _checks(outcome, "GND-001") == [(POINT, True)]
    assert _checks(outcome, "GND-003") == []
    assert _verdict(outcome) == "APPROVED"


@pytest.mark.parametrize("distance_pct", [62, 60, 55, None])
def test_a_single_reading_above_the_limit_is_critical(distance_pct: float | None) -> None:
    outcome = _single(7.0, distance_pct)
    assert _found(outcome, "GND") == [("GND-001", POINT, CRIT)]
    assert _checks(outcome, "GND-003") == []
    assert _verdict(outcome) == "REJECTED"


@pytest.mark.parametrize("ohm", [3.0, 5.0, 5.01, 7.0])
def test_documenting_the_probe_position_is_never_judged_more_harshly(ohm: float) -> None:
    plain = _single(ohm, None)
    for distance_pct in (62, 60, 55):
        located = _single(ohm, distance_pct)
        assert _found(located, "GND") == _found(plain, "GND")
        assert _verdict(located) == _verdict(plain)


def test_a_three_point_series_still_gets_the_plateau_check() -> None:
    outcome = run(ground_report({52: 1.5, 62: 2.0, 72: 2.1}))
    assert _found(outcome, "GND") == [("GND-003", POINT, MAJ)]
    (finding,) = outcome.findings
    assert finding.evidence.details["position_pct"] == 52
    assert finding.evidence.observed == 25.0


def test_a_single_reading_beside_a_series() -> None:
    items = [
        measurement(Quantity.GROUND_RESISTANCE, "Grid A", 7.0, distance_pct=62),
        *(
            measurement(Quantity.GROUND_RESISTANCE, "Grid B", ohm, distance_pct=pct)
            for pct, ohm in ((52, 1.9), (62, 2.0), (72, 2.1))
        ),
    ]
    outcome = run(ground_report(measurements=items))
    assert _found(outcome, "GND") == [("GND-001", "Grid A", CRIT)]
    assert _checks(outcome, "GND-003") == [("Grid B", True)]


@pytest.mark.parametrize(("ohm", "expected"), [(0.5, []), (0.51, [("GND-004", "MGB", MAJ)])])
def test_point_to_point_continuity_above_half_an_ohm_is_major(
    ohm: float, expected: list[tuple[str, str, str]]
) -> None:
    outcome = run(ground_report(continuity={"MGB": ohm}))
    assert _found(outcome, "GND") == expected


# --- Calibration dated after the test ---------------------------------------------------------


def test_calibration_dated_after_the_test_is_major() -> None:
    extraction = instrument_report(calibration_date=dt.date(2026, 2, 10))
    outcome = run(edit(extraction, "test", date=dt.date(2026, 2, 1)))
    assert _found(outcome, "CAL") == [("CAL-005", INSTRUMENT, MAJ)]
    (finding,) = outcome.findings
    assert finding.evidence.observed == "2026-02-10"
    assert finding.evidence.limit == "2026-02-01"
    assert finding.evidence.clause == "ANSI/NETA ATS-2025 5.3"
    assert _checks(outcome, "CAL-002") == []  # not "calibrated within 12 months": CAL-005
    assert _verdict(outcome) == "REVIEW"


@pytest.mark.parametrize(
    ("calibrated", "expected"),
    [
        (TEST_DATE, []),
        (TEST_DATE - dt.timedelta(days=1), []),
        (TEST_DATE + dt.timedelta(days=1), [("CAL-005", INSTRUMENT, MAJ)]),
    ],
    ids=["same day", "day before", "day after"],
)
def test_calibration_date_against_the_test_date(
    calibrated: dt.date, expected: list[tuple[str, str, str]]
) -> None:
    outcome = run(instrument_report(calibration_date=calibrated))
    assert _found(outcome, "CAL") == expected
    assert _checks(outcome, "CAL-005") == [("report", not expected)]
    assert _checks(outcome, "CAL-002") == ([] if expected else [("report", True)])


def test_no_calibration_date_is_not_judged_by_cal_005() -> None:
    outcome = run(instrument_report(calibration_date=None))
    assert _checks(outcome, "CAL-005") == []
    undated = edit(instrument_report(calibration_date=dt.date(2026, 2, 10)), "test", date=None)
    assert _found(run(undated), "CAL") == []  # no test date: DATA-003
