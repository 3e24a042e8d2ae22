"""Every threshold at its edge: exactly at the limit, just above, just below."""

from __future__ import annotations

import datetime as dt

import pytest

from core.enums import EquipmentType
from core.schemas import Measurement, Quantity
from tests.core.analysis.rules.factories import (
    TEST_DATE,
    contact_report,
    edit,
    ground_report,
    instrument_report,
    ir,
    ir_report,
    measurement,
    run,
    severities,
    thermography_report,
    timed_ir_report,
    ttr_report,
)

CRIT, MAJ, MIN, INFO = "CRITICAL", "MAJOR", "MINOR", "INFO"


@pytest.mark.parametrize(
    ("rating_v", "mohm", "expected"),
    [
        (480, 100.0, []),  # 600 V row: 100 MΩ
        (480, 99.99, [CRIT]),
        (480, 100.01, []),
        (250, 25.0, []),  # 250 V row: 25 MΩ
        (250, 24.9, [CRIT]),
        (4160, 1499, [CRIT]),  # 5,000 V row: 1,500 MΩ
        (4160, 1500, []),
        (13800, 4999, [CRIT]),  # 15,000 V row: 5,000 MΩ
        (13800, 5000, []),
        (34500, 99_999, [CRIT]),
        (50_000, 100_000, []),  # "46,000 and above"
    ],
)
def test_ir_minimum_by_rating_row(rating_v: float, mohm: float, expected: list[str]) -> None:
    readings = {"A-G": mohm, "B-G": mohm, "C-G": mohm}
    outcome = run(ir_report(readings, voltage_rating_v=rating_v))
    assert severities(outcome, "IR-001") == expected * 3


@pytest.mark.parametrize(
    ("insulation", "rating_v", "mohm", "fails"),
    [
        ("dry", 480, 500, False),
        ("dry", 480, 499, True),
        ("liquid", 480, 100, False),
        ("liquid", 480, 99, True),
        ("dry", 4160, 4999, True),
        ("liquid", 13800, 5000, False),
        (None, 480, 499, True),  # unknown insulation: below the dry-type value, MAJOR
        (None, 480, 99, True),  # and below the liquid-filled one, CRITICAL
    ],
)
def test_transformer_column(
    insulation: str | None, rating_v: float, mohm: float, fails: bool
) -> None:
    extraction = ir_report(
        {"H-G": mohm}, equipment_type=EquipmentType.TRANSFORMER, voltage_rating_v=rating_v
    )
    extraction = edit(extraction, "equipment", insulation=insulation)
    outcome = run(extraction)
    assert bool(severities(outcome, "IR-001")) is fails
    if insulation is None:
        assert outcome.validation is not None
        (reading,) = outcome.validation.derived["ir_readings"]
        assert reading["basis"]["insulation_assumed"] is True
        assert severities(outcome, "IR-001") == [CRIT if mohm < 100 else MAJ]


@pytest.mark.parametrize(
    ("changes", "mohm_at_40c", "fails"),
    [
        ({}, 100, False),  # 1 kV and above, after 1970: 100 MΩ at 40 °C
        ({}, 99, True),
        ({"winding": "random_wound"}, 5, False),
        ({"winding": "random_wound"}, 4.9, True),
        ({"voltage_rating_v": 480}, 5, False),  # below 1 kV: 5 MΩ, whatever the winding
        ({"voltage_rating_v": 480}, 4.9, True),
        ({"winding": "form_wound", "voltage_rating_v": 480}, 5, False),
        ({"manufactured_year": 1965}, 5.16, False),  # 4.16 kV + 1
        ({"manufactured_year": 1965}, 5.15, True),
        ({"winding": "field"}, 5.16, False),  # a field winding: kV + 1 too
        ({"winding": "field"}, 5.15, True),
    ],
)
def test_rotating_machine_minimum(
    changes: dict[str, object], mohm_at_40c: float, fails: bool
) -> None:
    extraction = ir_report(
        {"A-G": mohm_at_40c}, equipment_type=EquipmentType.MOTOR, voltage_rating_v=4160
    )
    extraction = edit(extraction, "equipment", **changes)
    extraction = edit(extraction, "test", ambient_temperature_c=40.0)
    assert bool(severities(run(extraction), "IR-001")) is fails


@pytest.mark.parametrize(("volts", "fails"), [(1000, False), (999, True), (2500, False)])
def test_ir_test_voltage(volts: float, fails: bool) -> None:
    outcome = run(ir_report(measurements=[ir("A-G", 2000, test_voltage_v=volts)]))
    assert severities(outcome, "IR-002") == ([MAJ] if fails else [])


@pytest.mark.parametrize(("low", "fails"), [(1400, False), (1399.9, True), (1400.1, False)])
def test_ir_imbalance_half(low: float, fails: bool) -> None:
    outcome = run(ir_report({"A-G": 2800, "B-G": low}))
    assert severities(outcome, "IR-003") == ([MIN] if fails else [])


@pytest.mark.parametrize(
    ("shown_mohm", "fails"), [(5000, False), (4999, True), (5001, False), (2200, True)]
)
def test_ir_censored_reading_never_critical(shown_mohm: float, fails: bool) -> None:
    reading = ir("A-G", shown_mohm, censored=">", test_voltage_v=2500)
    outcome = run(ir_report(measurements=[reading], voltage_rating_v=13800))
    assert severities(outcome, "IR-004") == ([MAJ] if fails else [])
    assert not severities(outcome, "IR-001")
    assert outcome.verdict is not None
    assert (outcome.verdict.value == "REVIEW") is fails


@pytest.mark.parametrize(
    ("kind", "by_duration", "expected"),
    [
        (EquipmentType.TRANSFORMER, {60: 1000, 600: 1000}, ("PI-001", [])),
        (EquipmentType.TRANSFORMER, {60: 1000, 600: 999}, ("PI-001", [CRIT])),
        (EquipmentType.MOTOR, {60: 1000, 600: 2000}, ("PI-002", [])),
        (EquipmentType.MOTOR, {60: 1000, 600: 1999}, ("PI-002", [CRIT])),  # "shall" 2.0
        (EquipmentType.MOTOR, {60: 1000, 600: 999}, ("PI-002", [CRIT])),
        (EquipmentType.SWITCHGEAR, {60: 1000, 600: 1999}, ("PI-003", [MIN])),
        (EquipmentType.SWITCHGEAR, {60: 1000, 600: 999}, ("PI-003", [MAJ])),
        (EquipmentType.SWITCHGEAR, {60: 5000, 600: 4000}, ("PI-003", [MAJ])),  # 5,000 judged
        (EquipmentType.SWITCHGEAR, {60: 5001, 600: 4000}, ("PI-003", [MAJ])),  # machines only
        (EquipmentType.MOTOR, {60: 5001, 600: 4000}, ("PI-002", [])),  # IEEE 43: not judged
        (EquipmentType.MOTOR, {60: 5000, 600: 4000}, ("PI-002", [CRIT])),
        (EquipmentType.TRANSFORMER, {30: 1000, 60: 1000}, ("DAR-001", [])),
        (EquipmentType.TRANSFORMER, {30: 1000, 60: 999}, ("DAR-001", [MAJ])),  # type unknown
        (EquipmentType.MOTOR, {30: 1000, 60: 1400}, ("DAR-002", [])),
        (EquipmentType.MOTOR, {30: 1000, 60: 1399}, ("DAR-002", [CRIT])),
        (EquipmentType.GENERATOR, {30: 1000, 60: 1000}, ("DAR-002", [CRIT])),  # > 1.0 required
        (EquipmentType.GENERATOR, {30: 1000, 60: 1001}, ("DAR-002", [])),
        (EquipmentType.GENERATOR, {30: 1000, 60: 999}, ("DAR-002", [CRIT])),
        (EquipmentType.SWITCHGEAR, {30: 1000, 60: 1250}, ("DAR-003", [])),
        (EquipmentType.SWITCHGEAR, {30: 1000, 60: 1249}, ("DAR-003", [MIN])),
        (EquipmentType.SWITCHGEAR, {30: 1000, 60: 999}, ("DAR-003", [MAJ])),
    ],
)
def test_pi_and_dar(
    kind: EquipmentType, by_duration: dict[int, float], expected: tuple[str, list[str]]
) -> None:
    rule_id, wanted = expected
    outcome = run(timed_ir_report(kind, by_duration, voltage_rating_v=4160))
    assert severities(outcome, rule_id) == wanted


@pytest.mark.parametrize(
    ("ohm", "single", "expected"),
    [
        (5.0, False, ("GND-001", [])),
        (5.01, False, ("GND-001", [CRIT])),
        (4.99, False, ("GND-001", [])),
        (25.0, True, ("GND-002", [])),
        (25.01, True, ("GND-002", [MAJ])),
        (24.99, True, ("GND-002", [])),
        (6.0, True, ("GND-001", [])),  # a single electrode is not judged by the system limit
    ],
)
def test_ground_limits(ohm: float, single: bool, expected: tuple[str, list[str]]) -> None:
    extraction = edit(ground_report({}, plain={"Grid": ohm}), "equipment", single_electrode=single)
    rule_id, wanted = expected
    assert severities(run(extraction), rule_id) == wanted


def test_ground_judged_on_the_62_percent_reading() -> None:
    outcome = run(ground_report({52: 4.8, 62: 5.0, 72: 5.2, 100: 9.0}))
    assert severities(outcome, "GND-001") == []
    outcome = run(ground_report({52: 4.9, 62: 5.1, 72: 5.3}))
    assert severities(outcome, "GND-001") == [CRIT]


@pytest.mark.parametrize(
    ("r52", "r72", "fails"),
    [(1.8, 2.2, False), (1.79, 2.0, True), (2.0, 2.21, True), (1.81, 2.19, False)],
)
def test_plateau_ten_percent(r52: float, r72: float, fails: bool) -> None:
    outcome = run(ground_report({52: r52, 62: 2.0, 72: r72}))
    assert bool(severities(outcome, "GND-003")) is fails


@pytest.mark.parametrize(("ohm", "fails"), [(0.5, False), (0.51, True), (0.49, False)])
def test_continuity(ohm: float, fails: bool) -> None:
    outcome = run(ground_report(continuity={"MGB to frame": ohm}))
    assert severities(outcome, "GND-004") == ([MAJ] if fails else [])


def _hot_spot(delta: float, *, similar: bool) -> list[Measurement]:
    if similar:
        return [measurement(Quantity.TEMPERATURE, "C", 30.0 + delta, reference_temperature_c=30.0)]
    return [measurement(Quantity.TEMPERATURE, "C", 24.0 + delta)]  # ambient 24 °C


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (0.99, []),
        (1.0, [MIN]),
        (3.99, [MIN]),
        (4.0, [MAJ]),
        (15.0, [MAJ]),
        (15.01, [CRIT]),
    ],
)
def test_thermography_similar_bands(delta: float, expected: list[str]) -> None:
    outcome = run(thermography_report(_hot_spot(delta, similar=True)))
    assert severities(outcome, "THM-001") == expected
    assert severities(outcome, "THM-002") == []


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (0.99, []),
        (1.0, [MIN]),
        (10.99, [MIN]),
        (11.0, [MAJ]),
        (20.5, [MAJ]),
        (40.0, [MAJ]),
        (40.01, [CRIT]),
    ],
)
def test_thermography_ambient_bands(delta: float, expected: list[str]) -> None:
    outcome = run(thermography_report(_hot_spot(delta, similar=False)))
    assert severities(outcome, "THM-002") == expected


@pytest.mark.parametrize(("load", "expected"), [(40, []), (39.9, [INFO]), (40.1, [])])
def test_survey_load(load: float, expected: list[str]) -> None:
    assert severities(run(thermography_report(load_pct=load)), "THM-003") == expected


@pytest.mark.parametrize(("pole_b", "fails"), [(60, False), (60.1, True), (59.9, False)])
def test_contact_resistance_fifty_percent(pole_b: float, fails: bool) -> None:
    outcome = run(contact_report({"Pole A": 40, "Pole B": pole_b}))
    assert severities(outcome, "CR-001") == ([MAJ] if fails else [])


@pytest.mark.parametrize(("f2", "fails"), [(115, False), (115.1, True), (114.9, False)])
def test_fuse_fifteen_percent(f2: float, fails: bool) -> None:
    outcome = run(contact_report({"Fuse A": 100, "Fuse B": f2}))
    assert severities(outcome, "CR-003") == ([MAJ] if fails else [])
    assert severities(outcome, "CR-001") == []


@pytest.mark.parametrize(("pole", "fails"), [(100, False), (100.1, True), (99.9, False)])
def test_manufacturer_maximum(pole: float, fails: bool) -> None:
    outcome = run(contact_report({"Pole A": pole}, manufacturer_max_ohm=100e-6))
    assert severities(outcome, "CR-002") == ([CRIT] if fails else [])


@pytest.mark.parametrize(("ratio", "fails"), [(10.05, False), (10.051, True), (10.049, False)])
def test_turns_ratio_half_percent_from_nameplate(ratio: float, fails: bool) -> None:
    outcome = run(ttr_report({"H1-H3 / X1-X3": ratio}, nameplate=10.0))
    assert severities(outcome, "TTR-001") == ([CRIT] if fails else [])


@pytest.mark.parametrize(("ratio", "fails"), [(10.05, False), (10.0505, True), (10.045, False)])
def test_turns_ratio_half_percent_between_phases(ratio: float, fails: bool) -> None:
    outcome = run(ttr_report({"A": 10.0, "B": ratio}, nameplate=None))
    assert bool(severities(outcome, "TTR-002")) is fails


@pytest.mark.parametrize(
    ("calibrated", "tested", "fails"),
    [
        (dt.date(2025, 2, 1), dt.date(2026, 2, 1), False),  # exactly 12 months
        (dt.date(2025, 1, 31), dt.date(2026, 2, 1), True),  # a day more
        (dt.date(2025, 3, 1), dt.date(2026, 2, 1), False),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), False),  # leap day: month end
        (dt.date(2024, 2, 29), dt.date(2025, 3, 1), True),
    ],
)
def test_calibration_twelve_months(calibrated: dt.date, tested: dt.date, fails: bool) -> None:
    extraction = instrument_report(calibration_date=calibrated, calibration_due_date=None)
    outcome = run(edit(extraction, "test", date=tested), as_of=dt.date(2026, 3, 1))
    assert severities(outcome, "CAL-002") == ([CRIT] if fails else [])


@pytest.mark.parametrize(
    ("due_offset_days", "cal001", "cal004"),
    [(-1, [CRIT], []), (0, [], [INFO]), (30, [], [INFO]), (31, [], [])],
)
def test_calibration_due_date(due_offset_days: int, cal001: list[str], cal004: list[str]) -> None:
    due = TEST_DATE + dt.timedelta(days=due_offset_days)
    outcome = run(instrument_report(calibration_date=None, calibration_due_date=due))
    assert severities(outcome, "CAL-001") == cal001
    assert severities(outcome, "CAL-004") == cal004
