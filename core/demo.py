"""`python -m core demo`: demo users and a few hundred analyses over six months, made by running
the real engine on generated reports (the project's JSON format), so Trends shows real patterns;
testing companies with different defect rates; and (`core/demo_fleet.py`) assets re-tested
yearly over two years with drifting readings, and a package upload of breaker sheets."""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from core.enums import EquipmentType, Role, TestType
from core.schemas import (
    Equipment,
    ExtractionResult,
    InputFormat,
    Instrument,
    Measurement,
    Quantity,
    SourceInfo,
    TestInfo,
    Winding,
)
from core.services import tasks, users
from core.services.context import ServiceContext
from core.services.errors import InvalidInput

DEMO_PASSWORD = "auditeng-demo"
DEMO_USERS = [
    ("admin@auditeng.demo", "Avery Admin", Role.ADMIN),
    ("manager@auditeng.demo", "Morgan Manager", Role.MANAGER),
    ("eng1@auditeng.demo", "Eli Engineer", Role.ENGINEER),
    ("eng2@auditeng.demo", "Emma Engineer", Role.ENGINEER),
    ("eng3@auditeng.demo", "Ezra Engineer", Role.ENGINEER),
]
SITES = {"DC-North": 0.0, "DC-South": 0.08, "Plant-7": 0.15}
"""Sites and how much more often their reports carry defects."""
COMPANIES = ["Voltline Testing", "NETA Field Services", "GridCheck Inc."]
COMPANY_DEFECTS = {"Voltline Testing": -0.1, "NETA Field Services": 0.0, "GridCheck Inc.": 0.15}
"""How much more (or less) often each testing company's reports carry defects."""
FLEET_MIN_REPORTS = 100
"""`run_demo` adds the assets and the package from this many reports on (the CLI's 300)."""
TECHS = ["J. Ortiz", "P. Chen", "S. Novak", "R. Adeyemi"]


@dataclass(frozen=True)
class DemoSummary:
    users: int
    reports: int
    failed: int


def _measure(
    quantity: Quantity, point: str, value: float | None, unit: str, **extra: object
) -> Measurement:
    return Measurement(
        quantity=quantity,
        point=point,
        value=value,
        unit=unit,
        raw=_as_printed(value, unit),
        **extra,
    )


def _as_printed(value: float | None, unit: str) -> str:
    """The reading as a test set would print it, for the `raw` field."""
    if value is None:
        return "OL"
    if unit != "ohm":
        return f"{value:g}" + {"degC": " °C", "ratio": ""}.get(unit, f" {unit}")
    for factor, symbol in ((1e6, "MΩ"), (1.0, "Ω"), (1e-3, "mΩ"), (1e-6, "µΩ")):
        if value >= factor:
            return f"{value / factor:,.4g} {symbol}"
    return f"{value / 1e-6:.3g} µΩ"


def _ir(rng: random.Random, bad: bool) -> tuple[Equipment, list[Measurement], float]:
    kind, rating, voltage = rng.choice(
        [
            (EquipmentType.SWITCHGEAR, 480.0, 1000.0),
            (EquipmentType.PANELBOARD, 208.0, 500.0),
            (EquipmentType.BUSWAY, 480.0, 1000.0),
            (EquipmentType.CABLE, 15000.0, 2500.0),
            (EquipmentType.ATS, 480.0, 1000.0),
        ]
    )
    minimum = {208.0: 25e6, 480.0: 100e6, 15000.0: 5000e6}[rating]
    readings = [minimum * rng.uniform(8, 40) for _ in range(3)]
    if bad:
        readings[rng.randrange(3)] = minimum * rng.uniform(0.2, 0.9)
    points = ["A-G", "B-G", "C-G"]
    measurements = [
        _measure(
            Quantity.INSULATION_RESISTANCE,
            p,
            round(v, -4),
            "ohm",
            duration_s=60,
            test_voltage_v=voltage,
        )
        for p, v in zip(points, readings, strict=True)
    ]
    return Equipment(type=kind, voltage_rating_v=rating), measurements, rng.uniform(15, 30)


def _gnd(rng: random.Random, bad: bool) -> tuple[Equipment, list[Measurement], float]:
    base = rng.uniform(6, 9) if bad else rng.uniform(0.8, 3.5)
    points = [(52, 0.97), (62, 1.0), (72, 1.03)]
    measurements = [
        _measure(
            Quantity.GROUND_RESISTANCE,
            f"{pct} %",
            round(base * f, 2),
            "ohm",
            distance_pct=float(pct),
        )
        for pct, f in points
    ]
    return Equipment(type=EquipmentType.GROUNDING_SYSTEM), measurements, rng.uniform(5, 25)


def _thm(rng: random.Random, bad: bool) -> tuple[Equipment, list[Measurement], float]:
    ambient = rng.uniform(20, 28)
    reference = ambient + rng.uniform(5, 12)
    rise = rng.uniform(5, 25) if bad else rng.uniform(0, 0.9)
    measurements = [
        _measure(
            Quantity.TEMPERATURE,
            "Phase B lug",
            round(reference + rise, 1),
            "degC",
            reference_temperature_c=round(reference, 1),
            ambient_temperature_c=round(ambient, 1),
            reference="similar",
            reference_point="Phase A lug",
        )
    ]
    kind = rng.choice(
        [EquipmentType.PDU, EquipmentType.PANELBOARD, EquipmentType.SWITCHGEAR, EquipmentType.UPS]
    )
    return Equipment(type=kind, voltage_rating_v=480.0), measurements, ambient


def _cr(rng: random.Random, bad: bool) -> tuple[Equipment, list[Measurement], float]:
    values = [rng.uniform(38, 48) * 1e-6 for _ in range(3)]
    if bad:
        values[rng.randrange(3)] *= rng.uniform(1.6, 2.4)
    measurements = [
        _measure(Quantity.CONTACT_RESISTANCE, f"Pole {i + 1}", round(v, 8), "ohm")
        for i, v in enumerate(values)
    ]
    return (
        Equipment(type=EquipmentType.BREAKER, voltage_rating_v=480.0),
        measurements,
        rng.uniform(18, 26),
    )


def _ttr(rng: random.Random, bad: bool) -> tuple[Equipment, list[Measurement], float]:
    # 13,800 V Δ – 480Y/277 V (Dyn1): the coil ratio is 13,800 / 277.1 = 49.80.
    nameplate = 13800 / (480 / math.sqrt(3))
    ratios = [nameplate * (1 + rng.uniform(-0.002, 0.002)) for _ in range(3)]
    if bad:
        ratios[rng.randrange(3)] = nameplate * (1 + rng.choice([-1, 1]) * rng.uniform(0.007, 0.015))
    measurements = [
        _measure(
            Quantity.TURNS_RATIO,
            phase,
            round(r, 3),
            "ratio",
            tap="3",
        )
        for phase, r in zip(
            ["H1-H3 / X1-X0", "H2-H1 / X2-X0", "H3-H2 / X3-X0"], ratios, strict=True
        )
    ]
    insulation = rng.choice(["dry", "liquid"])
    return (
        Equipment(
            type=EquipmentType.TRANSFORMER,
            voltage_rating_v=13800.0,
            windings=[
                Winding(role="H", voltage_v=13800.0, connection="delta"),
                Winding(role="X", voltage_v=480.0, connection="grounded_wye"),
            ],
            vector_group="Dyn1",
            insulation=insulation,
        ),
        measurements,
        rng.uniform(10, 30),
    )


GENERATORS: dict[
    TestType, Callable[[random.Random, bool], tuple[Equipment, list[Measurement], float]]
] = {
    TestType.INSULATION_RESISTANCE: _ir,
    TestType.GROUNDING: _gnd,
    TestType.THERMOGRAPHY: _thm,
    TestType.CONTACT_RESISTANCE: _cr,
    TestType.TURNS_RATIO: _ttr,
}
_PREFIX = {
    EquipmentType.SWITCHGEAR: "SWGR",
    EquipmentType.PANELBOARD: "PNL",
    EquipmentType.BUSWAY: "BD",
    EquipmentType.CABLE: "FDR",
    EquipmentType.ATS: "ATS",
    EquipmentType.GROUNDING_SYSTEM: "GG",
    EquipmentType.PDU: "PDU",
    EquipmentType.UPS: "UPS",
    EquipmentType.BREAKER: "CB",
    EquipmentType.TRANSFORMER: "TX",
}


def demo_report(
    rng: random.Random,
    test_date: dt.date,
    site: str,
    defect_rate: float,
    company: str | None = None,
) -> tuple[str, bytes]:
    """One generated report as (file name, JSON bytes) in the project's input format; by
    `company` when given, else one drawn at random."""
    test_type = rng.choice(list(GENERATORS))
    equipment, measurements, ambient = GENERATORS[test_type](rng, rng.random() < defect_rate)
    prefix = _PREFIX.get(equipment.type or EquipmentType.OTHER, "EQ")
    tag = f"{prefix}-{rng.randint(1, 40)}{rng.choice('ABC')}"
    calibrated = test_date - dt.timedelta(days=rng.randint(20, 330))
    if rng.random() < defect_rate / 6:
        calibrated = test_date - dt.timedelta(days=rng.randint(380, 500))  # overdue instrument
    test = TestInfo(
        type=test_type,
        date=test_date,
        technician=rng.choice(TECHS),
        company=company or rng.choice(COMPANIES),
        ambient_temperature_c=round(ambient, 1),
        humidity_pct=float(rng.randint(25, 70)),
        load_pct=float(rng.randint(45, 90)) if test_type == TestType.THERMOGRAPHY else None,
    )
    return json_report(rng, tag, site, equipment, test, measurements, calibrated)


def json_report(
    rng: random.Random,
    tag: str,
    site: str,
    equipment: Equipment,
    test: TestInfo,
    measurements: list[Measurement],
    calibrated: dt.date,
) -> tuple[str, bytes]:
    """A demo report as (file name, JSON bytes) in the project's input format, measured with
    a Megger calibrated on `calibrated` for a year."""
    extraction = ExtractionResult(
        source=SourceInfo(file_name="demo.json", sha256="0" * 64, format=InputFormat.JSON),
        equipment=equipment.model_copy(update={"tag": tag, "site": site}),
        test=test,
        instruments=[
            Instrument(
                manufacturer="Megger",
                model="MIT1025",
                serial=f"SN{rng.randint(10000, 99999)}",
                calibration_date=calibrated,
                calibration_due_date=calibrated + dt.timedelta(days=365),
            )
        ],
        measurements=measurements,
    )
    name = f"{str(test.type).lower()}_{tag}_{test.date}.json"
    return name, extraction.model_dump_json(indent=2).encode()


def is_empty(ctx: ServiceContext) -> bool:
    """No user and no report: the only database demo data goes into without `--force`."""
    from core import repositories as repo

    with ctx.session() as session:
        return repo.users.count(session=session) == 0 and repo.tasks.count(session=session) == 0


def _ensure_users(ctx: ServiceContext) -> list[users.Actor]:
    """The demo accounts (the ones missing). Never the admin, whose password is published,
    in production mode."""
    actors = []
    for email, name, role in DEMO_USERS:
        if role is Role.ADMIN and ctx.settings.env == "production":
            continue
        existing = users.get_actor_by_email(ctx, email)
        if existing is None:
            try:
                existing = users.create_user(
                    ctx, None, email=email, password=DEMO_PASSWORD, role=role, full_name=name
                )
            except InvalidInput:
                continue
        actors.append(existing)
    return actors


def run_demo(
    ctx: ServiceContext,
    *,
    reports: int = 300,
    months: int = 6,
    seed: int = 7,
    today: dt.date | None = None,
    assets: bool | None = None,
) -> DemoSummary:
    """Create the demo users and `reports` analyses spread over the last `months` months; with
    `assets` (by default from FLEET_MIN_REPORTS reports on) also the yearly re-tested assets
    and the package upload, counted in `reports`."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    actors = _ensure_users(ctx)
    engineers = [a for a in actors if a.role is Role.ENGINEER] or actors
    span_days = months * 30
    failed = 0
    for index in range(reports):
        day = today - dt.timedelta(days=span_days - int(span_days * index / max(1, reports)))
        site = rng.choice(list(SITES))
        progress = index / max(1, reports)  # teams improve: fewer defects as months pass
        company = rng.choice(COMPANIES)
        defect_rate = 0.38 - 0.22 * progress + SITES[site] + COMPANY_DEFECTS[company]
        name, content = demo_report(rng, day, site, max(0.0, defect_rate), company)
        failed += _submit(ctx, rng.choice(engineers), name, content, site, day, rng)
    extra = 0
    if assets if assets is not None else reports >= FLEET_MIN_REPORTS:
        extra, fleet_failed = _fleet(ctx, engineers, today, rng)
        failed += fleet_failed
    return DemoSummary(users=len(actors), reports=reports + extra, failed=failed)


def _submit(
    ctx: ServiceContext,
    actor: users.Actor,
    name: str,
    content: bytes,
    site: str,
    day: dt.date,
    rng: random.Random,
) -> bool:
    """Submit, analyse and backdate one upload; True when it failed."""
    submission = tasks.submit_report(
        ctx, actor, filename=name, content=content, site=site, allow_duplicate=True
    )
    status = tasks.run_analysis(ctx, submission.task_id, as_of=day)
    _backdate(ctx, submission.task_id, day, rng)
    return status == "FAILED"


def _fleet(
    ctx: ServiceContext, engineers: list[users.Actor], today: dt.date, rng: random.Random
) -> tuple[int, int]:
    """The assets tested yearly over two years, oldest test first (so each later one is judged
    against its history), then the package upload: (analyses added, failed)."""
    from core import demo_fleet as fleet

    uploads: list[tuple[dt.date, str, str, bytes, users.Actor]] = []
    for number, asset in enumerate(fleet.FLEET):
        owner = engineers[number % len(engineers)]
        for year, days_back in enumerate(fleet.YEARS_BACK):
            day = today - dt.timedelta(days=days_back)
            name, content = fleet.fleet_report(rng, asset, year, day)
            uploads.append((day, asset.site, name, content, owner))
    last_year = today - dt.timedelta(days=fleet.YEARS_BACK[1])
    for tag, pole_1 in fleet.PACKAGE_HISTORY.items():
        name, content = fleet.breaker_report(rng, tag, fleet.PACKAGE_SITE, pole_1, last_year)
        uploads.append((last_year, fleet.PACKAGE_SITE, name, content, engineers[0]))
    failed = 0
    for day, site, name, content, owner in sorted(uploads, key=lambda upload: upload[0]):
        failed += _submit(ctx, owner, name, content, site, day, rng)
    package_day = today - dt.timedelta(days=fleet.PACKAGE_DAYS_BACK)
    workbook = fleet.package_workbook(package_day)
    name = f"breaker_package_{fleet.PACKAGE_SITE}_{package_day.isoformat()}.xlsx"
    failed += _submit(ctx, engineers[0], name, workbook, fleet.PACKAGE_SITE, package_day, rng)
    return len(uploads) + len(fleet.PACKAGE_BREAKERS), failed


def _backdate(ctx: ServiceContext, task_id: uuid.UUID, day: dt.date, rng: random.Random) -> None:
    from core import repositories as repo

    moment = dt.datetime.combine(
        day, dt.time(rng.randint(7, 18), rng.randint(0, 59)), tzinfo=dt.UTC
    )
    with ctx.session() as session:
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        task.created_at = moment
        if task.analysis is not None:
            task.analysis.created_at = moment
        for part in task.parts:  # a package's reports were uploaded with it
            part.created_at = moment
            if part.analysis is not None:
                part.analysis.created_at = moment
