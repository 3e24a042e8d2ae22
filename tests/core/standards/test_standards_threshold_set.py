"""The neta-ats-2025 threshold set holds every table and severity of STANDARDS.md, as data."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from core.enums import Severity
from core.standards import (
    BandTable,
    Condition,
    Limit,
    UnknownStandardError,
    list_threshold_sets,
    load_threshold_set,
    select_row,
)
from core.standards.entries import ApparatusRow

TS = load_threshold_set("neta-ats-2025")


def test_identity() -> None:
    assert (TS.id, TS.version, TS.edition) == ("neta-ats-2025", "2025.1", "ANSI/NETA ATS-2025")
    assert "Acceptance Testing" in TS.title
    assert list_threshold_sets() == ["neta-ats-2025"]


def test_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(UnknownStandardError, match="known threshold sets: neta-ats-2025"):
        load_threshold_set("neta-ats-2019")


def test_cached_and_frozen() -> None:
    assert load_threshold_set("neta-ats-2025") is TS
    with pytest.raises(ValidationError):
        TS.gnd.system_max.value = 10  # type: ignore[misc]


def test_table_100_1() -> None:
    rows = [
        (r.max_rating_v, r.min_test_voltage_v, r.min_resistance_mohm)
        for r in TS.ir.table_100_1.rows
    ]
    assert rows == [
        (250, 500, 25),
        (600, 1000, 100),
        (1000, 1000, 100),
        (2500, 1000, 500),
        (5000, 2500, 1500),
        (8000, 2500, 2500),
        (15000, 2500, 5000),
        (25000, 5000, 10000),
        (34500, 5000, 100000),
        (None, 5000, 100000),
    ]
    assert TS.ir.table_100_1.reference_temperature_c == 20


def test_table_100_5() -> None:
    rows = [
        (r.max_rating_v, r.min_test_voltage_v, r.liquid_min_mohm, r.dry_min_mohm)
        for r in TS.ir.table_100_5.rows
    ]
    assert rows == [(600, 1000, 100, 500), (5000, 2500, 1000, 5000), (None, 5000, 5000, 25000)]


def test_table_100_11() -> None:
    table = TS.ir.table_100_11
    assert (table.low_voltage_below_v, table.low_voltage_min_mohm) == (1000, 5)
    assert table.form_wound_min_mohm == 100
    assert table.reference_temperature_c == 40
    assert [(r.min_test_voltage_v, r.max_test_voltage_v) for r in table.test_voltage_rows] == [
        (500, 500),
        (500, 1000),
        (1000, 2500),
        (2500, 5000),
        (5000, 10000),
    ]


def test_table_100_14_1_columns() -> None:
    table = TS.ir.temperature_correction
    assert table.temperatures_c == tuple(range(-10, 115, 5))  # every row, −10 … 110 °C
    assert table.oil[table.temperatures_c.index(80)] == 63.5
    assert table.solid[table.temperatures_c.index(110)] == 63.2
    machines = TS.ir.machine_temperature_correction
    assert (machines.reference_c, machines.halving_c) == (40, 10)


@pytest.mark.parametrize(
    ("key", "value", "unit", "severity"),
    [
        ("gnd.system_max", 5.0, "ohm", Severity.CRITICAL),
        ("gnd.single_electrode_max", 25.0, "ohm", Severity.MAJOR),
        ("gnd.plateau_agreement", 10, "%", Severity.MAJOR),
        ("gnd.continuity_max", 0.5, "ohm", Severity.MAJOR),
        ("thm.load_min", 40, "%", Severity.INFO),
        ("cr.deviation_max", 50, "%", Severity.MAJOR),
        ("cr.fuse_deviation_max", 15, "%", Severity.MAJOR),
        ("ttr.nameplate_deviation_max", 0.5, "%", Severity.CRITICAL),
        ("ttr.phase_deviation_max", 0.5, "%", Severity.CRITICAL),
        ("cal.max_age", 12, "month", Severity.CRITICAL),
        ("cal.due_soon", 30, "day", Severity.INFO),
        ("pi.motor_min", 2.0, "ratio", Severity.CRITICAL),
        ("pi.generator_min", 2.0, "ratio", Severity.CRITICAL),
        ("dar.motor_min", 1.4, "ratio", Severity.CRITICAL),
        ("dar.generator_min", 1.0, "ratio", Severity.CRITICAL),
        ("dar.apparatus_recommended", 1.25, "ratio", Severity.MINOR),
        ("pi.machine_max_one_minute", 5000, "Mohm", None),
    ],
)
def test_limits(key: str, value: float, unit: str, severity: Severity | None) -> None:
    limit = TS.get(key)
    assert isinstance(limit, Limit)
    assert (limit.value, limit.unit, limit.severity) == (value, unit, severity)


def test_fall_of_potential_positions() -> None:
    method = TS.gnd.fall_of_potential
    assert (method.judged_position_pct, method.plateau_positions_pct) == (62, (52, 72))


def test_data_and_cal_severities() -> None:
    expected = {
        "cal.expired": Severity.CRITICAL,
        "cal.missing": Severity.MAJOR,
        "data.tag_missing": Severity.MAJOR,
        "data.tag_mismatch": Severity.MAJOR,
        "data.test_date_invalid": Severity.MAJOR,
        "data.voltage_rating_missing": Severity.MAJOR,
        "data.measurement_missing": Severity.MAJOR,
        "data.impossible_value": Severity.MAJOR,
        "data.unit_assumed": Severity.MINOR,
        "data.personnel_missing": Severity.MINOR,
        "data.ambient_missing": Severity.INFO,
    }
    for key, severity in expected.items():
        entry = TS.get(key)
        assert isinstance(entry, Condition) and entry.severity is severity, key


def test_every_entry_cites_a_clause() -> None:
    keys = TS.keys()  # the set's own method, not a mapping's
    for key in keys:
        entry = TS.get(key)
        assert isinstance(entry, BaseModel)
        assert getattr(entry, "clause", ""), f"{key} has no clause"


@pytest.mark.parametrize(
    ("key", "edges"),
    [
        (
            "thm.similar",
            [
                (0.99, None),
                (1, "MINOR"),
                (3.99, "MINOR"),
                (4, "MAJOR"),
                (15, "MAJOR"),
                (15.01, "CRITICAL"),
            ],
        ),
        (
            "thm.ambient",
            [
                (0.99, None),
                (1, "MINOR"),
                (10.99, "MINOR"),
                (11, "MAJOR"),
                (40, "MAJOR"),
                (40.01, "CRITICAL"),
            ],
        ),
    ],
)
def test_bands_are_half_open(key: str, edges: list[tuple[float, str | None]]) -> None:
    table = TS.get(key)
    assert isinstance(table, BandTable)
    for value, severity in edges:
        band = table.band_for(value)
        assert (band.severity.value if band else None) == severity, value


def test_overlapping_bands_are_rejected() -> None:
    with pytest.raises(ValidationError, match="overlap"):
        BandTable(
            clause="x",
            unit="degC",
            bands=(
                {"lower": 1, "upper": 5, "severity": "MINOR", "action": "a"},
                {"lower": 4, "severity": "MAJOR", "action": "b"},
            ),
        )


@pytest.mark.parametrize(
    ("rating", "label"),
    [(120, "250 V"), (250, "250 V"), (480, "600 V"), (4160, "5,000 V"), (13800, "15,000 V"),
     (34500, "34,500 V"), (40000, "46,000 V and above"), (69000, "46,000 V and above")],
)  # fmt: skip
def test_select_row_takes_the_next_higher(rating: float, label: str) -> None:
    row = select_row(TS.ir.table_100_1.rows, rating)
    assert isinstance(row, ApparatusRow) and row.label == label


def test_keys_resolve_and_unknown_keys_fail() -> None:
    assert len(TS.keys()) == len(set(TS.keys()))
    with pytest.raises(KeyError, match="no key"):
        TS.get("gnd.nonexistent")
