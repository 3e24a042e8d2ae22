"""Demo assets followed over two years: the same breakers, switchgear, transformer, grounding
grid and PDU re-tested yearly with readings drifting (a pole whose contact resistance doubles,
insulation that loses more than half), and a package upload — one workbook of breaker sheets —
so the Assets and Package pages and the HIST- rules show real patterns on a fresh install."""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from core.demo import json_report
from core.enums import EquipmentType, TestType
from core.schemas import (
    Equipment,
    Measurement,
    Quantity,
    TestInfo,
    Winding,
)

YEARS_BACK = (730, 365, 12)
"""Days before today of each yearly test: two years ago, last year, this month."""
PACKAGE_DAYS_BACK = 5


@dataclass(frozen=True)
class FleetAsset:
    tag: str
    site: str
    test_type: TestType
    drift: tuple[float, float, float]
    """Each yearly test's readings as a multiple of the first's (1.0: steady)."""
    company: str


FLEET = (
    FleetAsset(
        "CB-101", "DC-North", TestType.CONTACT_RESISTANCE, (1.0, 1.3, 2.1), "GridCheck Inc."
    ),
    FleetAsset(
        "CB-102", "DC-North", TestType.CONTACT_RESISTANCE, (1.0, 1.02, 1.05), "Voltline Testing"
    ),
    FleetAsset(
        "SWGR-1", "DC-North", TestType.INSULATION_RESISTANCE, (1.0, 0.7, 0.42), "GridCheck Inc."
    ),
    FleetAsset(
        "SWGR-2",
        "Plant-7",
        TestType.INSULATION_RESISTANCE,
        (1.0, 0.95, 0.97),
        "NETA Field Services",
    ),
    FleetAsset(
        "TX-1", "DC-South", TestType.TURNS_RATIO, (1.0, 1.001, 1.0035), "NETA Field Services"
    ),
    FleetAsset("GG-1", "DC-South", TestType.GROUNDING, (1.0, 1.3, 2.2), "GridCheck Inc."),
    FleetAsset("PDU-3", "DC-North", TestType.THERMOGRAPHY, (1.0, 2.0, 8.0), "Voltline Testing"),
)
PACKAGE_SITE = "Plant-7"
PACKAGE_BREAKERS = {"CB-301": 60.0, "CB-302": 41.0, "CB-303": 39.0, "CB-304": 95.0}
"""Breakers of the package upload and their pole 1 contact resistance (µΩ) this year."""
PACKAGE_HISTORY = {"CB-301": 28.0, "CB-302": 40.0}
"""Breakers of the package also tested a year before (JSON reports), pole 1 in µΩ then."""


def _measure(
    quantity: Quantity, point: str, value: float, unit: str, **extra: object
) -> Measurement:
    return Measurement(
        quantity=quantity, point=point, value=value, unit=unit, raw=f"{value:g}", **extra
    )


def _contact(rng: random.Random, drift: float) -> tuple[Equipment, list[Measurement]]:
    poles = [40.0, 42.0 * drift, 41.0 * (1 + (drift - 1) * 0.8)]
    items = [
        _measure(
            Quantity.CONTACT_RESISTANCE,
            f"Pole {i + 1}",
            round(v * rng.uniform(0.99, 1.01) * 1e-6, 8),
            "ohm",
        )
        for i, v in enumerate(poles)
    ]
    return Equipment(type=EquipmentType.BREAKER, voltage_rating_v=480.0), items


def _insulation(rng: random.Random, drift: float) -> tuple[Equipment, list[Measurement]]:
    items = [
        _measure(
            Quantity.INSULATION_RESISTANCE,
            p,
            round(base * drift * rng.uniform(0.98, 1.02), -6),
            "ohm",
            duration_s=60,
            test_voltage_v=1000.0,
        )
        for p, base in (("A-G", 4200e6), ("B-G", 3900e6), ("C-G", 4100e6))
    ]
    return Equipment(type=EquipmentType.SWITCHGEAR, voltage_rating_v=480.0), items


def _turns(rng: random.Random, drift: float) -> tuple[Equipment, list[Measurement]]:
    nameplate = 13800 / (480 / math.sqrt(3))
    phases = ("H1-H3 / X1-X0", "H2-H1 / X2-X0", "H3-H2 / X3-X0")
    ratios = [nameplate * 1.0005, nameplate * 0.9998 * drift, nameplate * 1.0002]
    items = [
        _measure(Quantity.TURNS_RATIO, p, round(r, 3), "ratio", tap="3")
        for p, r in zip(phases, ratios, strict=True)
    ]
    windings = [
        Winding(role="H", voltage_v=13800.0, connection="delta"),
        Winding(role="X", voltage_v=480.0, connection="grounded_wye"),
    ]
    equipment = Equipment(
        type=EquipmentType.TRANSFORMER,
        voltage_rating_v=13800.0,
        windings=windings,
        vector_group="Dyn1",
        insulation="liquid",
    )
    return equipment, items


def _grounding(rng: random.Random, drift: float) -> tuple[Equipment, list[Measurement]]:
    base = 1.5 * drift * rng.uniform(0.98, 1.02)
    items = [
        _measure(
            Quantity.GROUND_RESISTANCE,
            f"{pct} %",
            round(base * f, 2),
            "ohm",
            distance_pct=float(pct),
        )
        for pct, f in ((52, 0.97), (62, 1.0), (72, 1.03))
    ]
    return Equipment(type=EquipmentType.GROUNDING_SYSTEM), items


def _thermal(rng: random.Random, drift: float) -> tuple[Equipment, list[Measurement]]:
    reference = 34.0 + rng.uniform(-0.5, 0.5)
    rise = 0.6 * drift
    items = [
        _measure(
            Quantity.TEMPERATURE,
            "Phase B lug",
            round(reference + rise, 1),
            "degC",
            reference_temperature_c=round(reference, 1),
            ambient_temperature_c=24.0,
            reference="similar",
            reference_point="Phase A lug",
        )
    ]
    return Equipment(type=EquipmentType.PDU, voltage_rating_v=480.0), items


READINGS: dict[TestType, Callable[[random.Random, float], tuple[Equipment, list[Measurement]]]] = {
    TestType.CONTACT_RESISTANCE: _contact,
    TestType.INSULATION_RESISTANCE: _insulation,
    TestType.TURNS_RATIO: _turns,
    TestType.GROUNDING: _grounding,
    TestType.THERMOGRAPHY: _thermal,
}


def fleet_report(
    rng: random.Random, asset: FleetAsset, year: int, test_date: dt.date
) -> tuple[str, bytes]:
    """The asset's `year`-th test (0, 1, 2) as (file name, JSON bytes)."""
    equipment, measurements = READINGS[asset.test_type](rng, asset.drift[year])
    return _json_report(
        rng,
        asset.tag,
        asset.site,
        asset.test_type,
        equipment,
        measurements,
        test_date,
        asset.company,
    )


def breaker_report(
    rng: random.Random, tag: str, site: str, pole_1_uohm: float, test_date: dt.date
) -> tuple[str, bytes]:
    """A breaker's contact-resistance report as JSON (a package breaker's earlier test)."""
    poles = [pole_1_uohm, 41.0, 40.0]
    items = [
        _measure(Quantity.CONTACT_RESISTANCE, f"Pole {i + 1}", v * 1e-6, "ohm")
        for i, v in enumerate(poles)
    ]
    equipment = Equipment(type=EquipmentType.BREAKER, voltage_rating_v=480.0)
    return _json_report(
        rng,
        tag,
        site,
        TestType.CONTACT_RESISTANCE,
        equipment,
        items,
        test_date,
        "NETA Field Services",
    )


def _json_report(
    rng: random.Random,
    tag: str,
    site: str,
    test_type: TestType,
    equipment: Equipment,
    measurements: list[Measurement],
    test_date: dt.date,
    company: str,
) -> tuple[str, bytes]:
    calibrated = test_date - dt.timedelta(days=rng.randint(30, 200))
    test = TestInfo(
        type=test_type,
        date=test_date,
        technician="S. Novak",
        company=company,
        ambient_temperature_c=20.0,
        humidity_pct=40.0,
        load_pct=70.0 if test_type == TestType.THERMOGRAPHY else None,
    )
    return json_report(rng, tag, site, equipment, test, measurements, calibrated)


def package_workbook(test_date: dt.date, breakers: dict[str, float] | None = None) -> bytes:
    """One upload holding several breaker reports: a workbook with a sheet per breaker
    (identity, insulation resistance, contact resistance), as field crews send them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for tag, pole_1 in (breakers or PACKAGE_BREAKERS).items():
        sheet = book.create_sheet(tag)
        rows: list[list[object]] = [
            ["Circuit Breaker Test Report"],
            ["Breaker Identifier", tag],
            ["Equipment Type", "Low-Voltage Circuit Breaker"],
            ["Voltage Rating", "480 V"],
            ["Test Date", test_date.isoformat()],
            ["Technician", "R. Okafor"],
            ["Testing Company", "NETA Field Services"],
            [
                "Test Instrument",
                "Megger MIT525",
                "Calibration Due",
                (test_date + dt.timedelta(days=200)).isoformat(),
            ],
            [
                "Instrument",
                "Megger DLRO10HD",
                "Calibration Due",
                (test_date + dt.timedelta(days=220)).isoformat(),
            ],
            ["Insulation Resistance at 1000 V DC, 1 Min."],
            ["Test Point", "P1", "P2", "P3", "Units"],
            ["Pole to Ground", 2500, 2600, 2700, "MΩ"],
            ["Line to Load", 4000, 4100, 4200, "MΩ"],
            ["Contact Resistance"],
            ["Pole 1", "Pole 2", "Pole 3", "Units"],
            [pole_1, 41, 40, "µΩ"],
        ]
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
