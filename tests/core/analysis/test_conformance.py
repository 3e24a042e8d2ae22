"""Conformance: every table of STANDARDS.md, row by row, at the limit, just inside, just outside.

The values here are transcribed from STANDARDS.md on their own (not read from the TOML), so a
wrong number in the threshold set fails here. Each case is a small change to one clean report
per class (tests/core/analysis/rules/factories.py) and names the rule, point and severity it
expects. The worked examples of the issue close the module.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core import enums
from core.analysis.derived import compute_derived
from core.enums import EquipmentType, Verdict
from core.schemas import ExtractionResult, Measurement, Quantity, Winding
from core.standards import load_threshold_set
from tests.core.analysis.rules.factories import (
    TEST_DATE,
    contact_report,
    edit,
    ground_report,
    instrument_report,
    ir,
    ir_report,
    measurement,
    report,
    run,
    thermography_report,
    timed_ir_report,
)

CRIT, MAJ, MIN, INFO = "CRITICAL", "MAJOR", "MINOR", "INFO"
TS = load_threshold_set("neta-ats-2025")
E = EquipmentType


def found(extraction: ExtractionResult, rule_id: str) -> list[tuple[str | None, str]]:
    """(point, severity) of every finding of one rule."""
    outcome = run(extraction)
    assert outcome.validation is not None and not outcome.validation.engine_errors
    return sorted(
        (f.evidence.point, f.severity.value) for f in outcome.findings if f.rule_id == rule_id
    )


def edge(limit: float, *, step: float) -> list[tuple[float, bool]]:
    """(value, fails) at a minimum: the limit passes, just above passes, just below fails."""
    return [(limit, False), (limit + step, False), (limit - step, True)]


# --- Table 100.1: apparatus other than machines and transformers -------------------------

TABLE_100_1 = [  # (a rating in the row, minimum test V, minimum MΩ)
    (250, 500, 25),
    (480, 1000, 100),  # 600 V row
    (1000, 1000, 100),
    (2400, 1000, 500),  # 2,500 V row
    (4160, 2500, 1500),  # 5,000 V row
    (7200, 2500, 2500),  # 8,000 V row
    (13800, 2500, 5000),  # 15,000 V row
    (24940, 5000, 10000),  # 25,000 V row
    (34500, 5000, 100000),
    (69000, 5000, 100000),  # 46,000 V and above
]
APPARATUS = [E.SWITCHGEAR, E.PANELBOARD, E.BUSWAY, E.BREAKER, E.ATS, E.UPS, E.PDU]


@pytest.mark.parametrize("kind", APPARATUS)
@pytest.mark.parametrize(("rating", "test_v", "minimum"), TABLE_100_1)
def test_table_100_1_rows(kind: E, rating: float, test_v: float, minimum: float) -> None:
    for mohm, fails in edge(minimum, step=minimum * 0.001):
        extraction = ir_report(
            measurements=[ir("A-G", mohm, test_voltage_v=test_v)],
            voltage_rating_v=rating,
            equipment_type=kind,
        )
        assert found(extraction, "IR-001") == ([("A-G", CRIT)] if fails else []), (kind, mohm)
    for volts, fails in edge(test_v, step=1):
        extraction = ir_report(
            measurements=[ir("A-G", minimum * 2, test_voltage_v=volts)],
            voltage_rating_v=rating,
            equipment_type=kind,
        )
        assert found(extraction, "IR-002") == ([("A-G", MAJ)] if fails else []), (kind, volts)


# --- Cables: Table 100.1 note 6 and 7.3.2 B.1 --------------------------------------------


def cable(mohm: float, rating: float = 480, **attrs: object) -> ExtractionResult:
    return ir_report(
        measurements=[ir("A-G", mohm, **attrs)], voltage_rating_v=rating, equipment_type=E.CABLE
    )


def test_cable_below_the_representative_value_is_major_never_critical() -> None:
    assert found(cable(100), "IR-001") == []
    assert found(cable(99.9), "IR-001") == [("A-G", MAJ)]
    assert found(cable(1), "IR-001") == [("A-G", MAJ)]
    (finding,) = [f for f in run(cable(50)).findings if f.rule_id == "IR-001"]
    assert "note 6" in finding.evidence.clause and "manufacturer" in finding.message


def test_cable_manufacturer_minimum_governs_when_printed() -> None:
    assert found(cable(400, manufacturer_min_ohm=500e6), "IR-001") == [("A-G", CRIT)]
    assert found(cable(500, manufacturer_min_ohm=500e6), "IR-001") == []
    assert found(cable(60, manufacturer_min_ohm=50e6), "IR-001") == []  # below Table 100.1


@pytest.mark.parametrize(
    ("rating", "test_v"), [(300, 500), (480, 1000), (600, 1000), (4160, 2500), (13800, 2500)]
)
def test_cable_test_voltage(rating: float, test_v: float) -> None:
    """7.3.2 B.1 for low-voltage cable (500 V for 300 V cable); Table 100.1 above 1 kV."""
    for volts, fails in edge(test_v, step=1):
        extraction = cable(200_000, rating=rating, test_voltage_v=volts)
        assert found(extraction, "IR-002") == ([("A-G", MAJ)] if fails else []), volts


# --- Table 100.5: transformers, per winding ----------------------------------------------

TABLE_100_5 = [  # (row, test V, liquid MΩ, dry MΩ)
    ("0–600", 1000, 100, 500),
    ("601–5,000", 2500, 1000, 5000),
    ("above 5,000", 5000, 5000, 25000),
]


def transformer(
    readings: list[Measurement],
    windings: tuple[float, ...] = (13800, 4160, 480),
    insulation: str | None = "dry",
) -> ExtractionResult:
    extraction = report(
        enums.TestType.INSULATION_RESISTANCE,
        E.TRANSFORMER,
        readings,
        tag="TX-1",
        voltage_rating_v=windings[0],
    )
    plate = [Winding(role=r, voltage_v=v) for r, v in zip("HXY", windings, strict=False)]
    return edit(extraction, "equipment", insulation=insulation, windings=plate)


POINT_OF_ROW = {"0–600": "Y-G", "601–5,000": "X-G", "above 5,000": "H-G"}


@pytest.mark.parametrize(("row", "test_v", "liquid", "dry"), TABLE_100_5)
@pytest.mark.parametrize("insulation", ["dry", "liquid", None])
def test_table_100_5_each_winding_by_its_coil_rating(
    row: str, test_v: float, liquid: float, dry: float, insulation: str | None
) -> None:
    """13,800 / 4,160 / 480 V: H-G the above-5,000 row, X-G 601–5,000, the 480 V one 0–600."""
    point = POINT_OF_ROW[row]
    cases = {
        "dry": [(dry, None), (dry - 0.5, CRIT)],
        "liquid": [(liquid, None), (liquid - 0.5, CRIT)],
        None: [(dry, None), (dry - 0.5, MAJ), (liquid, MAJ), (liquid - 0.5, CRIT)],
    }[insulation]
    for mohm, severity in cases:
        extraction = transformer([ir(point, mohm, test_voltage_v=test_v)], insulation=insulation)
        expected = [(point, severity)] if severity else []
        assert found(extraction, "IR-001") == expected, (insulation, mohm)
    too_low = transformer([ir(point, dry * 2, test_voltage_v=test_v - 1)], insulation=insulation)
    assert found(too_low, "IR-002") == [(point, MAJ)]
    assert found(transformer([ir(point, dry * 2, test_voltage_v=test_v)]), "IR-002") == []


def test_winding_to_winding_uses_the_higher_winding() -> None:
    extraction = transformer([ir("H-X", 24_999, test_voltage_v=5000)], windings=(13800, 480))
    assert found(extraction, "IR-001") == [("H-X", CRIT)]
    extraction = transformer([ir("X-G", 500, test_voltage_v=1000)], windings=(13800, 480))
    assert found(extraction, "IR-001") == []  # the 480 V winding's own row


def test_a_point_without_a_winding_is_judged_at_the_highest_with_a_note() -> None:
    extraction = transformer([ir("A-G", 600, test_voltage_v=5000)], windings=(13800, 480))
    assert found(extraction, "IR-001") == [("A-G", CRIT)]
    (reading,) = compute_derived(extraction, TS).ir_readings
    assert reading.basis.winding_assumed and reading.basis.rating_v == 13800


def test_old_json_without_windings_uses_the_rating() -> None:
    extraction = edit(transformer([ir("H-G", 600)]), "equipment", windings=[])
    extraction = edit(extraction, "equipment", voltage_rating_v=480)
    assert found(extraction, "IR-001") == []  # 480 V: the 0–600 V row, dry 500 MΩ


# --- Table 100.11: rotating machines ------------------------------------------------------

MACHINES = [  # (rating, changes, minimum at 40 °C, test V)
    (480, {}, 5, 500),
    (480, {"winding": "form_wound"}, 5, 500),
    (600, {"manufactured_year": 1965}, 5, 500),  # below 1 kV: 5 MΩ whatever the age
    (2400, {}, 100, 500),
    (4160, {}, 100, 1000),
    (6900, {}, 100, 2500),
    (13800, {}, 100, 5000),
    (4160, {"manufactured_year": 1965}, 5.16, 1000),  # kV + 1
    (13800, {"winding": "field"}, 14.8, 5000),
]


@pytest.mark.parametrize("kind", [E.MOTOR, E.GENERATOR])
@pytest.mark.parametrize(("rating", "changes", "minimum", "test_v"), MACHINES)
def test_table_100_11_rows(
    kind: E, rating: float, changes: dict[str, object], minimum: float, test_v: float
) -> None:
    for mohm, fails in edge(minimum, step=0.01):
        extraction = ir_report(
            measurements=[ir("A-G", mohm, test_voltage_v=test_v)],
            voltage_rating_v=rating,
            equipment_type=kind,
        )
        extraction = edit(
            edit(extraction, "equipment", **changes), "test", ambient_temperature_c=40.0
        )
        assert found(extraction, "IR-001") == ([("A-G", CRIT)] if fails else []), mohm
    slow = ir_report(
        measurements=[ir("A-G", 10_000, test_voltage_v=test_v - 1)],
        voltage_rating_v=rating,
        equipment_type=kind,
    )
    assert found(slow, "IR-002") == [("A-G", MAJ)]


def test_machines_correct_to_40_c_halving_every_10() -> None:
    # 480 V genset: 5 MΩ at 40 °C; 8 MΩ read at 30 °C is 4 MΩ at 40 °C.
    genset = ir_report(
        measurements=[ir("A-G", 8, test_voltage_v=500)],
        voltage_rating_v=480,
        equipment_type=E.GENERATOR,
    )
    genset = edit(genset, "test", ambient_temperature_c=30.0)
    assert found(genset, "IR-001") == [("A-G", CRIT)]
    assert compute_derived(genset, TS).ir_readings[0].corrected_mohm == pytest.approx(4.0)


# --- Table 100.14.1: every row ------------------------------------------------------------

ROWS_C = list(range(-10, 115, 5))
OIL = [0.125, 0.180, 0.25, 0.36, 0.50, 0.75, 1.00, 1.40, 1.98, 2.80, 3.95, 5.60, 7.85, 11.20,
       15.85, 22.40, 31.75, 44.70, 63.50, 89.79, 127.0, 180.0, 245.0, 359.15, 509.0]  # fmt: skip
SOLID = [0.25, 0.32, 0.40, 0.50, 0.63, 0.81, 1.00, 1.25, 1.58, 2.00, 2.50, 3.15, 3.98, 5.00,
         6.30, 7.90, 10.00, 12.60, 15.80, 20.00, 25.20, 31.60, 40.00, 50.40, 63.20]  # fmt: skip


@pytest.mark.parametrize(("celsius", "oil", "solid"), list(zip(ROWS_C, OIL, SOLID, strict=True)))
def test_table_100_14_1_every_row(celsius: int, oil: float, solid: float) -> None:
    switchgear = edit(ir_report({"A-G": 1000}), "test", ambient_temperature_c=float(celsius))
    assert compute_derived(switchgear, TS).ir_readings[0].factor == pytest.approx(solid)
    liquid = edit(transformer([ir("H-G", 100_000)], insulation="liquid"), "test",
                  ambient_temperature_c=float(celsius))  # fmt: skip
    assert compute_derived(liquid, TS).ir_readings[0].factor == pytest.approx(oil)
    assert found(switchgear, "DATA-014") == []


@pytest.mark.parametrize("celsius", [-10.5, -30.0, 110.5, 150.0])
def test_outside_table_100_14_1_judged_as_measured_with_a_minor_finding(celsius: float) -> None:
    extraction = edit(ir_report({"A-G": 99}), "test", ambient_temperature_c=celsius)
    (reading,) = compute_derived(extraction, TS).ir_readings
    assert reading.factor is None and reading.corrected_mohm is None  # never clamped
    assert found(extraction, "DATA-014") == [("test.ambient_temperature_c", MIN)]
    assert found(extraction, "IR-001") == [("A-G", CRIT)]  # 99 MΩ as measured < 100


# --- Over-range readings ------------------------------------------------------------------


@pytest.mark.parametrize(("shown", "severity"), [(100, None), (2200, None), (99, MAJ)])
def test_censored_readings(shown: float, severity: str | None) -> None:
    extraction = ir_report(measurements=[ir("A-G", shown, censored=">")])
    assert found(extraction, "IR-004") == ([("A-G", severity)] if severity else [])
    assert found(extraction, "IR-001") == []


# --- PI and DAR ---------------------------------------------------------------------------

RATIOS = [  # (class, changes, rule, {ratio: severity or None})
    (E.TRANSFORMER, {"insulation": "dry"}, "PI-001", {1.0: None, 0.99: CRIT}),
    (E.TRANSFORMER, {"insulation": "liquid"}, "PI-001", {1.0: None, 0.99: CRIT}),
    (E.TRANSFORMER, {"insulation": "dry"}, "DAR-001", {1.0: None, 0.99: CRIT}),
    (E.TRANSFORMER, {"insulation": None}, "DAR-001", {1.0: None, 0.99: MAJ}),
    (E.TRANSFORMER, {"insulation": "liquid"}, "DAR-001", {0.5: None}),  # shown, not judged
    (E.MOTOR, {}, "PI-002", {2.0: None, 1.99: CRIT, 1.0: CRIT}),
    (E.MOTOR, {}, "DAR-002", {1.4: None, 1.39: CRIT}),
    (E.GENERATOR, {}, "PI-002", {2.0: None, 1.99: CRIT}),
    (E.GENERATOR, {}, "DAR-002", {1.01: None, 1.0: CRIT}),
    (E.SWITCHGEAR, {}, "PI-003", {2.0: None, 1.99: MIN, 1.0: MIN, 0.99: MAJ}),
    (E.CABLE, {}, "PI-003", {2.0: None, 0.99: MAJ}),
    (E.SWITCHGEAR, {}, "DAR-003", {1.25: None, 1.24: MIN, 1.0: MIN, 0.99: MAJ}),
]


@pytest.mark.parametrize(("kind", "changes", "rule_id", "grades"), RATIOS)
def test_pi_and_dar_by_class(
    kind: E, changes: dict[str, object], rule_id: str, grades: dict[float, str | None]
) -> None:
    short, long = (60, 600) if rule_id.startswith("PI") else (30, 60)
    for value, severity in grades.items():
        extraction = timed_ir_report(kind, {short: 1000, long: 1000 * value}, voltage_rating_v=480)
        extraction = edit(extraction, "equipment", **changes)
        assert found(extraction, rule_id) == ([("A-G", severity)] if severity else []), value


def test_pi_exemption_above_5000_megohm_is_for_machines_only() -> None:
    dry = edit(
        timed_ir_report(E.TRANSFORMER, {60: 30_000, 600: 24_000}, voltage_rating_v=480),
        "equipment",
        insulation="dry",
    )
    assert found(dry, "PI-001") == [("A-G", CRIT)]
    assert run(dry).verdict == Verdict.REJECTED
    motor = timed_ir_report(E.MOTOR, {60: 30_000, 600: 24_000}, voltage_rating_v=480)
    assert found(motor, "PI-002") == []


# --- Grounding ----------------------------------------------------------------------------


@pytest.mark.parametrize(("ohm", "severity"), [(5.0, None), (4.99, None), (5.01, CRIT)])
def test_grounding_system_limit(ohm: float, severity: str | None) -> None:
    extraction = ground_report({}, plain={"Grid": ohm})
    assert found(extraction, "GND-001") == ([("Grid", severity)] if severity else [])


@pytest.mark.parametrize(("ohm", "severity"), [(25.0, None), (25.01, MAJ)])
def test_single_electrode_limit(ohm: float, severity: str | None) -> None:
    extraction = edit(ground_report({}, plain={"Rod": ohm}), "equipment", single_electrode=True)
    assert found(extraction, "GND-002") == ([("Rod", severity)] if severity else [])


@pytest.mark.parametrize("distance", [62, 60, None])
def test_a_single_reading_is_judged_with_or_without_its_position(distance: float | None) -> None:
    reading = measurement(Quantity.GROUND_RESISTANCE, "Grid", 7.0, distance_pct=distance)
    extraction = ground_report({}, measurements=[reading])
    assert [severity for _, severity in found(extraction, "GND-001")] == [CRIT]
    assert found(extraction, "GND-003") == []


@pytest.mark.parametrize(("at_72", "severity"), [(2.2, None), (2.21, MAJ)])
def test_fall_of_potential_plateau(at_72: float, severity: str | None) -> None:
    extraction = ground_report({52: 2.0, 62: 2.0, 72: at_72})
    expected = [("Fall of potential", severity)] if severity else []
    assert found(extraction, "GND-003") == expected


@pytest.mark.parametrize(("ohm", "severity"), [(0.5, None), (0.51, MAJ)])
def test_ground_continuity(ohm: float, severity: str | None) -> None:
    extraction = ground_report(continuity={"MGB to frame": ohm})
    assert found(extraction, "GND-004") == ([("MGB to frame", severity)] if severity else [])


# --- Table 100.18: thermography -----------------------------------------------------------


def hot(point: str, celsius: float, **attrs: object) -> Measurement:
    return measurement(Quantity.TEMPERATURE, point, celsius, **attrs)


@pytest.mark.parametrize(
    ("delta", "severity"),
    [(0.9, None), (1.0, MIN), (3.9, MIN), (4.0, MAJ), (15.0, MAJ), (15.1, CRIT)],
)
def test_table_100_18_similar_bands(delta: float, severity: str | None) -> None:
    # Ambient 24 °C, reference 30 °C: the rise over ambient stays below 40 °C.
    spot = hot("C", 30 + delta, reference_temperature_c=30.0, reference_point="A")
    extraction = thermography_report([spot, hot("A", 30.0)])
    points = [(p, s) for p, s in found(extraction, "THM-001") if p == "C"]
    assert points == ([("C", severity)] if severity else [])


@pytest.mark.parametrize(
    ("rise", "severity"),
    [
        (0.9, None),
        (1.0, MIN),
        (10.9, MIN),
        (11.0, MAJ),
        (20.9, MAJ),
        (21, MAJ),
        (40, MAJ),
        (40.1, CRIT),
    ],
)
def test_table_100_18_ambient_bands_without_a_reference(rise: float, severity: str | None) -> None:
    extraction = thermography_report([hot("Lug", 24 + rise)])
    assert found(extraction, "THM-002") == ([("Lug", severity)] if severity else [])


def test_equally_hot_lugs_70_over_ambient_are_rejected() -> None:
    lugs = [
        hot("A", 94.0),
        hot("B", 94.0, reference_temperature_c=94.0, reference_point="A"),
        hot("C", 94.0, reference_temperature_c=94.0, reference_point="A"),
    ]
    outcome = run(thermography_report(lugs))
    assert outcome.verdict == Verdict.REJECTED
    thm = [
        (f.evidence.point, f.severity.value)
        for f in outcome.findings
        if f.rule_id.startswith("THM-0")
    ]
    assert sorted(thm) == [("A", CRIT), ("B", CRIT), ("C", CRIT)]


@pytest.mark.parametrize(("load", "severity"), [(40, None), (39, INFO)])
def test_survey_load(load: float, severity: str | None) -> None:
    extraction = thermography_report(load_pct=load)
    assert [s for _, s in found(extraction, "THM-003")] == ([severity] if severity else [])


# --- Contact resistance -------------------------------------------------------------------


@pytest.mark.parametrize(("pole_c", "severity"), [(60.0, None), (60.1, MAJ)])
def test_contact_resistance_deviation_50_percent(pole_c: float, severity: str | None) -> None:
    extraction = contact_report({"Pole A": 40, "Pole B": 44, "Pole C": pole_c})
    assert found(extraction, "CR-001") == ([("Pole C", severity)] if severity else [])


@pytest.mark.parametrize(("pole", "severity"), [(100, None), (100.1, CRIT)])
def test_contact_resistance_manufacturer_maximum(pole: float, severity: str | None) -> None:
    poles = {"Pole A": pole, "Pole B": pole, "Pole C": pole}
    extraction = contact_report(poles, manufacturer_max_ohm=100e-6)
    assert [s for _, s in found(extraction, "CR-002")] == ([severity] * 3 if severity else [])


@pytest.mark.parametrize(("fuse_c", "severity"), [(115.0, None), (115.2, MAJ)])
def test_fuse_resistance_15_percent(fuse_c: float, severity: str | None) -> None:
    extraction = contact_report({"Fuse A": 100, "Fuse B": 101, "Fuse C": fuse_c})
    assert found(extraction, "CR-003") == ([("Fuse C", severity)] if severity else [])


# --- Turns ratio --------------------------------------------------------------------------

PHASES = ("H1-H3 / X1-X0", "H2-H1 / X2-X0", "H3-H2 / X3-X0")


def ttr(
    values: tuple[float, float, float],
    windings: list[Winding],
    *,
    tap: str = "3",
    **equipment: object,
) -> ExtractionResult:
    items = [
        measurement(Quantity.TURNS_RATIO, point, value, tap=tap)
        for point, value in zip(PHASES, values, strict=True)
    ]
    extraction = report(
        enums.TestType.TURNS_RATIO,
        E.TRANSFORMER,
        items,
        tag="TX-9",
        voltage_rating_v=windings[0].voltage_v,
    )
    return edit(extraction, "equipment", insulation="liquid", windings=windings, **equipment)


def w(role: str, volts: float, connection: str | None = None) -> Winding:
    return Winding(role=role, voltage_v=volts, connection=connection)  # type: ignore[arg-type]


DELTA_WYE = [w("H", 13800, "delta"), w("X", 480, "wye")]
DELTA_WYE_RATIO = 13800 / (480 / 3**0.5)  # 49.797


@pytest.mark.parametrize(
    ("windings", "extra", "ratio"),
    [
        (DELTA_WYE, {}, 49.797),  # Δ–Y: 13800 / (480/√3)
        ([w("H", 13800), w("X", 480, "wye")], {}, 49.797),  # plain beside a wye: delta
        ([w("H", 12470, "grounded_wye"), w("X", 480)], {}, 15.0),  # Y–Δ: 7200 / 480
        ([w("H", 4160, "delta"), w("X", 480, "delta")], {}, 8.667),  # Δ–Δ
        ([w("H", 4160, "wye"), w("X", 480, "wye")], {}, 8.667),  # Y–Y
        ([w("H", 13800), w("X", 480)], {"vector_group": "Dyn11"}, 49.797),
        ([w("H", 13800), w("X", 480)], {"vector_group": "YNd1"}, 16.599),
        ([w("H", 7200), w("X", 240)], {"phases": 1}, 30.0),  # single-phase
        ([w("H", 13800), w("X", 480)], {}, 49.797),  # nothing stated: Δ–Y assumed
    ],
)
def test_calculated_ratio_by_connection(
    windings: list[Winding], extra: dict[str, object], ratio: float
) -> None:
    extraction = ttr((ratio, ratio, ratio), windings, **extra)
    items = compute_derived(extraction, TS).turns
    assert [item.calculated for item in items] == [pytest.approx(ratio, abs=1e-3)] * 3
    assert found(extraction, "TTR-001") == [] and found(extraction, "TTR-003") == []
    assumed = found(extraction, "DATA-016")
    assert assumed == (
        [("equipment.windings", INFO)]
        if not extra and windings[0].connection is None and windings[1].connection is None
        else []
    )


@pytest.mark.parametrize(
    ("tap", "percent"), [("1", 5.0), ("2", 2.5), ("3", 0), ("5", -5.0), ("+2.5%", 2.5), ("E", -5.0)]
)
def test_taps_change_the_ratio_by_their_percentage(tap: str, percent: float) -> None:
    ratio = DELTA_WYE_RATIO * (1 + percent / 100)
    extraction = ttr((ratio, ratio, ratio), DELTA_WYE, tap=tap)
    assert found(extraction, "TTR-001") == []
    off = ttr((49.797, 49.797, 49.797), DELTA_WYE, tap=tap)
    assert len(found(off, "TTR-001")) == (0 if percent == 0 else 3)


@pytest.mark.parametrize(("deviation_pct", "severity"), [(0.5, None), (0.49, None), (0.51, CRIT)])
def test_turns_ratio_half_a_percent(deviation_pct: float, severity: str | None) -> None:
    off = DELTA_WYE_RATIO * (1 + deviation_pct / 100)
    # All phases off by the same amount: the between-phases check stays quiet.
    extraction = ttr((off, off, off), DELTA_WYE)
    assert found(extraction, "TTR-001") == (
        [(p, severity) for p in sorted(PHASES)] if severity else []
    )


def test_a_set_fitting_another_connection_is_a_mix_up_not_a_failure() -> None:
    extraction = ttr((28.75, 28.74, 28.76), [w("H", 13800), w("X", 480, "wye")])
    assert found(extraction, "TTR-001") == []
    assert found(extraction, "TTR-003") == [(p, MAJ) for p in sorted(PHASES)]
    assert run(extraction).verdict == Verdict.REVIEW


def test_one_bad_phase_is_a_failed_transformer() -> None:
    extraction = ttr((49.80, 50.40, 49.82), DELTA_WYE)
    assert found(extraction, "TTR-001") == [(PHASES[1], CRIT)]
    assert found(extraction, "TTR-003") == []


@pytest.mark.parametrize(
    ("printed", "measured", "mismatch"),
    [
        (49.80, 49.79, False),  # the coil ratio of Δ–Y
        (28.75, 28.74, False),  # the line-voltage ratio a three-phase set may print
        (29.50, 29.49, True),  # neither: a mistake on the sheet
    ],
)
def test_a_printed_ratio_is_judged_and_cross_checked(
    printed: float, measured: float, mismatch: bool
) -> None:
    items = [
        measurement(Quantity.TURNS_RATIO, p, measured, tap="3", nameplate_ratio=printed)
        for p in PHASES
    ]
    extraction = ttr((1, 1, 1), [w("H", 13800), w("X", 480, "wye")])
    extraction = extraction.model_copy(update={"measurements": items})
    assert found(extraction, "TTR-001") == []  # judged against the printed ratio
    expected = [(p, MIN) for p in sorted(PHASES)] if mismatch else []
    assert found(extraction, "DATA-015") == expected


# --- Calibration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "rule_id", "severity"),
    [
        ({"calibration_due_date": TEST_DATE - dt.timedelta(days=1)}, "CAL-001", CRIT),
        ({"calibration_due_date": TEST_DATE}, "CAL-001", None),
        ({"calibration_date": dt.date(2025, 2, 1), "calibration_due_date": None}, "CAL-002", None),
        ({"calibration_date": dt.date(2025, 1, 31), "calibration_due_date": None}, "CAL-002", CRIT),
        ({"calibration_date": None, "calibration_due_date": None}, "CAL-003", MAJ),
        ({"calibration_due_date": TEST_DATE + dt.timedelta(days=30)}, "CAL-004", INFO),
        ({"calibration_due_date": TEST_DATE + dt.timedelta(days=31)}, "CAL-004", None),
        ({"calibration_date": TEST_DATE + dt.timedelta(days=9)}, "CAL-005", MAJ),
        ({"calibration_date": TEST_DATE}, "CAL-005", None),
    ],
)
def test_calibration(dates: dict[str, object], rule_id: str, severity: str | None) -> None:
    extraction = instrument_report(**dates)
    assert [s for _, s in found(extraction, rule_id)] == ([severity] if severity else [])


# --- The worked examples ------------------------------------------------------------------


def test_worked_example_delta_wye_13800_480y277_at_49_80_passes() -> None:
    extraction = ttr((49.80, 49.79, 49.81), DELTA_WYE)
    assert run(extraction).verdict == Verdict.APPROVED


def test_worked_example_grounded_wye_12470_480_delta_at_15_0_passes() -> None:
    extraction = ttr((15.0, 15.01, 14.99), [w("H", 12470, "grounded_wye"), w("X", 480, "delta")])
    assert run(extraction).verdict == Verdict.APPROVED


def test_worked_example_480_v_genset_at_60_megohm_passes() -> None:
    genset = ir_report(
        {"A-G": 60, "B-G": 62, "C-G": 61},
        voltage_rating_v=480,
        equipment_type=E.GENERATOR,
    )
    genset = edit(genset, "test", ambient_temperature_c=40.0)
    genset = genset.model_copy(
        update={
            "measurements": [
                m.model_copy(update={"test_voltage_v": 500}) for m in genset.measurements
            ]
        }
    )
    outcome = run(genset)
    assert [f.rule_id for f in outcome.findings if f.rule_id.startswith("IR")] == []
    assert outcome.verdict == Verdict.APPROVED
