"""Derived values: temperature correction, PI/DAR, ΔT, deviations, fall-of-potential, groups."""

from __future__ import annotations

import pytest

from core.analysis.derived import compute_derived
from core.analysis.point_names import insulation_group, is_fuse, similarity_key
from core.enums import EquipmentType
from core.schemas import Quantity
from core.standards import load_threshold_set
from tests.core.analysis.rules.factories import (
    contact_report,
    edit,
    ground_report,
    ir,
    ir_report,
    measurement,
    thermography_report,
    timed_ir_report,
    ttr_report,
)

TS = load_threshold_set("neta-ats-2025")


@pytest.mark.parametrize(
    ("temperature", "column", "factor"),
    [
        (20, "solid", 1.0),
        (30, "solid", 1.58),
        (30, "oil", 1.98),
        (22.5, "solid", 1.125),  # halfway between 1.00 and 1.25
        (22.5, "oil", 1.2),
        (62.5, "solid", 7.1),  # between the 60 and 65 rows
        (0, "oil", 0.25),
        (-10, "solid", 0.25),  # the first row
        (-7.5, "oil", 0.1525),
        (110, "oil", 509.0),  # the last row
        (-10.1, "solid", None),  # outside: no factor, never the end row's
        (110.5, "oil", None),
    ],
)
def test_table_100_14_1_interpolates_and_never_extrapolates(
    temperature: float, column: str, factor: float | None
) -> None:
    k = TS.ir.temperature_correction.factor(temperature, column)  # type: ignore[arg-type]
    assert k == (pytest.approx(factor) if factor is not None else None)


@pytest.mark.parametrize(
    ("temperature", "factor"), [(40, 1.0), (30, 0.5), (50, 2.0), (20, 0.25), (25, 0.3536)]
)
def test_rotating_machines_correct_to_40c_halving_every_10(
    temperature: float, factor: float
) -> None:
    assert TS.ir.machine_temperature_correction.factor(temperature) == pytest.approx(
        factor, abs=1e-4
    )


def test_correction_uses_apparatus_then_ambient_then_nothing() -> None:
    report = edit(ir_report({"A-G": 100}), "test", ambient_temperature_c=30.0)
    derived = compute_derived(report, TS)
    assert derived.ir_temperature_source == "ambient"
    assert derived.ir_readings[0].corrected_mohm == pytest.approx(158.0)

    report = edit(report, "test", apparatus_temperature_c=40.0)
    derived = compute_derived(report, TS)
    assert derived.ir_temperature_source == "apparatus"
    assert derived.ir_readings[0].corrected_mohm == pytest.approx(250.0)

    report = edit(report, "test", apparatus_temperature_c=None, ambient_temperature_c=None)
    derived = compute_derived(report, TS)
    assert derived.ir_readings[0].corrected_mohm is None
    assert derived.temperature_correction_missing


def test_liquid_transformer_uses_oil_column() -> None:
    report = ir_report({"H-G": 100}, equipment_type=EquipmentType.TRANSFORMER)
    report = edit(
        edit(report, "equipment", insulation="liquid"), "test", ambient_temperature_c=30.0
    )
    derived = compute_derived(report, TS)
    assert derived.ir_readings[0].basis.column == "oil"
    assert derived.ir_readings[0].corrected_mohm == pytest.approx(198.0)


def test_rating_rows_take_the_next_higher_row() -> None:
    for rating, row, minimum in [
        (480, "600 V", 100),
        (4160, "5,000 V", 1500),
        (13800, "15,000 V", 5000),
    ]:
        basis = compute_derived(ir_report(voltage_rating_v=rating), TS).ir_readings[0].basis
        assert (basis.row, basis.min_resistance_mohm) == (row, minimum)


def test_one_minute_reading_is_the_judged_one() -> None:
    report = timed_ir_report(EquipmentType.SWITCHGEAR, {30: 800, 60: 1000, 600: 2500})
    primary = compute_derived(report, TS).primary_ir()
    assert [(r.duration_s, r.measured_mohm) for r in primary] == [(60, 1000)]


def test_pi_and_dar_from_timed_readings() -> None:
    derived = compute_derived(
        timed_ir_report(EquipmentType.MOTOR, {30: 800, 60: 1000, 600: 2500}), TS
    )
    assert [(d.value, d.source, d.judged) for d in derived.pi] == [(2.5, "timed", True)]
    assert [(d.value, d.judged) for d in derived.dar] == [(1.25, True)]


def test_pi_not_judged_from_censored_or_very_high_readings() -> None:
    censored = ir_report(
        measurements=[ir("A-G", 2000), ir("A-G", 2200, duration_s=600, censored=">")]
    )
    assert not compute_derived(censored, TS).pi[0].judged
    high = timed_ir_report(EquipmentType.MOTOR, {60: 6000, 600: 9000})
    assert not compute_derived(high, TS).pi[0].judged


@pytest.mark.parametrize("kind", [EquipmentType.SWITCHGEAR, EquipmentType.TRANSFORMER])
def test_pi_above_5000_megohm_is_judged_except_for_machines(kind: EquipmentType) -> None:
    high = timed_ir_report(kind, {60: 30000, 600: 24000})
    (pi,) = compute_derived(high, TS).pi
    assert (pi.value, pi.judged) == (0.8, True)


def test_printed_pi_used_when_no_timed_readings() -> None:
    report = ir_report(
        measurements=[ir("A-G", 2000), measurement(Quantity.POLARIZATION_INDEX, "A-G", 1.8)]
    )
    (pi,) = compute_derived(report, TS).pi
    assert (pi.value, pi.source, pi.judged) == (1.8, "reported", True)


def test_delta_t_prefers_the_similar_component() -> None:
    hot = measurement(Quantity.TEMPERATURE, "C", 58.4, reference_point="A")
    ref = measurement(Quantity.TEMPERATURE, "A", 36.0)
    derived = compute_derived(thermography_report([hot, ref]), TS)
    by_point = {d.point: d for d in derived.thermal}
    assert by_point["C"].similar_delta_c == pytest.approx(22.4)
    assert by_point["C"].ambient_delta_c == pytest.approx(34.4)  # ambient 24 °C
    assert by_point["A"].is_reference  # never judged against ambient on its own


def test_printed_delta_t_alone_and_without_reference() -> None:
    printed = measurement(Quantity.TEMPERATURE_RISE, "Lug", 12.0)
    (delta,) = compute_derived(thermography_report([printed]), TS).thermal
    assert delta.similar_delta_c is None
    assert delta.ambient_delta_c == 12.0
    assert delta.reference_assumed


def test_printed_delta_t_is_a_cross_check() -> None:
    hot = measurement(Quantity.TEMPERATURE, "C", 40.0, reference_temperature_c=30.0)
    printed = measurement(Quantity.TEMPERATURE_RISE, "C", 12.0, reference="similar")
    (delta,) = compute_derived(thermography_report([hot, printed]), TS).thermal
    assert delta.similar_delta_c == 10.0  # computed wins
    assert delta.mismatch_c == 2.0


def test_contact_deviation_from_lowest_similar_pole() -> None:
    derived = compute_derived(contact_report({"Pole A": 40, "Pole B": 44, "Pole C": 71}), TS)
    assert [d.deviation_pct for d in derived.contact] == [0.0, 10.0, 77.5]
    assert {d.lowest_point for d in derived.contact} == {"Pole A"}


def test_turns_ratio_deviations() -> None:
    report = ttr_report({"A": 8.664, "B": 8.731, "C": 8.669}, nameplate=8.66)
    turns = {t.point: t for t in compute_derived(report, TS).turns}
    assert turns["B"].nameplate_deviation_pct == pytest.approx(0.8199, abs=1e-4)
    # The median of all three phases: the bad phase B does not pull the good ones with it.
    assert turns["B"].phase_reference == pytest.approx(8.669)
    assert turns["B"].phase_deviation_pct == pytest.approx(0.7152, abs=1e-4)
    assert turns["A"].phase_deviation_pct == pytest.approx(0.0577, abs=1e-4)


def test_turns_ratio_two_phases_compare_with_each_other() -> None:
    report = ttr_report({"A": 8.664, "B": 8.731}, nameplate=8.66)
    turns = {t.point: t for t in compute_derived(report, TS).turns}
    assert turns["A"].phase_reference == 8.731 and turns["B"].phase_reference == 8.664


def test_fall_of_potential_series_and_plateau() -> None:
    (series,) = compute_derived(ground_report({52: 1.9, 61: 2.0, 73: 2.1}), TS).fall_of_potential
    assert series.judged_ohm == 2.0 and series.judged_distance_pct == 61
    assert [p.agreement_pct for p in series.plateau] == [5.0, 5.0]


def test_fall_of_potential_points_named_by_distance_form_one_series() -> None:
    items = [
        measurement(Quantity.GROUND_RESISTANCE, f"{d} %", v, distance_pct=d)
        for d, v in ((52, 1.9), (62, 2.0), (72, 2.1))
    ]
    derived = compute_derived(ground_report(measurements=items), TS)
    assert [s.series for s in derived.fall_of_potential] == ["fall-of-potential"]


@pytest.mark.parametrize(
    ("point", "group"),
    [
        ("A-G", "P-G"),
        ("Phase B to Ground", "P-G"),
        ("ØC-GND", "P-G"),
        ("A-B", "P-P"),
        ("C-N", "P-N"),
        ("N-G", "N-G"),
        ("H-X", "H-X"),
        ("H1-H3 / X1-X3", "H1-H3 / X1-X3"),
    ],
)
def test_insulation_groups(point: str, group: str) -> None:
    assert insulation_group(point) == group


@pytest.mark.parametrize(
    ("point", "key", "fuse"),
    [
        ("Pole 2", "", False),
        ("CB-1 Pole A", "CB-1", False),
        ("CB-102", "CB-102", False),
        ("Main bus joint 3", "MAIN BUS JOINT", False),
        ("Fuse B", "", True),
        ("F2", "FUSE", True),
        ("Section 2 to Section 3 C-Phase", "SECTION 2 TO SECTION 3", False),
        ("Joint 4 A Phase", "JOINT 4", False),
        ("Bus B-Ph", "BUS", False),
    ],
)
def test_similarity_keys(point: str, key: str, fuse: bool) -> None:
    assert similarity_key(point) == key
    assert is_fuse(point) is fuse
