"""Thermography samples (ATS-2025 Table 100.18: ΔT to a similar component, else over ambient)."""

from __future__ import annotations

import datetime as dt

from core.enums import EquipmentType as E
from core.enums import TestType
from core.schemas import Equipment, ExtractionResult, Instrument, Quantity, TestInfo
from generator.header import Header
from generator.jsondump import extraction, measurement
from generator.model import (
    EU,
    US,
    CsvStyle,
    Document,
    NumberStyle,
    Reading,
    Scan,
    Scenario,
    Table,
    fmt_date,
    reading,
)

TEMP = Quantity.TEMPERATURE
RISE = Quantity.TEMPERATURE_RISE
T = TestType.THERMOGRAPHY
TITLE = "Infrared Thermography Report"


def similar(
    rows: list[tuple[str, float, str, float]],
    *,
    unit: str = "°C",
    style: NumberStyle = US,
    in_header: bool = False,
    load: str | None = None,
) -> Table:
    """Component | hot spot | reference component | reference temp | Delta-T (as printed)."""
    cell = not in_header

    def fmt(v: float) -> str:
        return reading(TEMP, v, unit, decimals=1, style=style, unit_in_cell=cell).text

    out: list[list[str | Reading]] = []
    for component, hot, ref_name, ref in rows:
        rise = reading(RISE, hot - ref, unit, decimals=1, style=style, unit_in_cell=cell)
        row: list[str | Reading] = [
            component,
            reading(TEMP, hot, unit, decimals=1, style=style, unit_in_cell=cell),
            ref_name,
            fmt(ref),
            rise,
        ]
        if load is not None:
            row.append(load)
        out.append(row)
    suffix = f" ({unit})" if in_header else ""
    columns = [
        "Component",
        f"Hot Spot{suffix}",
        "Reference (similar component)",
        f"Reference Temp.{suffix}",
        f"Delta-T{suffix}",
    ]
    if load is not None:
        columns.append("Load (%)")
    return Table(columns, out)


def _doc(
    h: Header, tables: list[Table], notes: list[str], labels: str = "neta", **kw: str
) -> Document:
    return Document(
        TITLE,
        h.fields(labels, **kw),
        tables,
        letterhead=h.company,
        notes=notes,
        footer=f"Report for equipment {h.tag} — page 1 of 1" if h.tag else None,
    )


def _header(tag: str, kind: str, day: dt.date, style: str = "iso", **kw: object) -> Header:
    base = Header(
        tag=tag,
        type=kind,
        voltage="480 V",
        date=fmt_date(day, style),  # type: ignore[arg-type]
        instrument="Fluke Ti480 PRO",
        instrument_serial="Ti480-96374",
        cal_date=fmt_date(day - dt.timedelta(days=90), style),  # type: ignore[arg-type]
        cal_due=fmt_date(day + dt.timedelta(days=275), style),  # type: ignore[arg-type]
        site="DC-North Hall 1",
        ambient="23.5 °C",
        humidity="40 %",
    )
    return base.but(**kw)


NOTE = "Emissivity 0.95, reflected temperature 22 °C; covers removed, viewed through IR windows."


def t01() -> Scenario:
    h = _header("SWGR-5B", "Switchgear", dt.date(2025, 2, 11))
    table = similar(
        [
            ("Feeder F3 load lug, phase C", 61.5, "F3 load lug, phase A", 39.5),
            ("Feeder F5 line lug, phase A", 41.1, "F5 line lug, phase B", 40.6),
        ],
        load="68",
    )
    return Scenario(
        "thm_swgr_form",
        "pdf_text",
        T,
        E.SWITCHGEAR,
        "SWGR-5B",
        "REJECTED",
        "F3 phase C lug 61.5 °C vs 39.5 °C on phase A: 22 °C over a similar component (> 15 °C)",
        document=_doc(h, [table], [NOTE]),
        layout="form",
        critical_families=("THM",),
    )


def t02() -> Scenario:
    h = _header("PP-2A", "Panelboard", dt.date(2025, 3, 19), "us", load="55 %")
    table = similar(
        [
            ("Main lug, phase A", 33.8, "Main lug, phase C", 33.4),
            ("Main lug, phase B", 34.1, "Main lug, phase C", 33.4),
        ]
    )
    return Scenario(
        "thm_panel_lines",
        "pdf_text",
        T,
        E.PANELBOARD,
        "PP-2A",
        "APPROVED",
        "Panelboard main lugs within 0.7 °C of each other at 55 % load",
        document=_doc(h, [table], ["No anomalies found."], "designation"),
        layout="lines",
    )


def t03() -> Scenario:
    day = dt.date(2025, 4, 29)
    h = _header(
        "UPS-2B",
        "UPS",
        day,
        ambient="75.2",
        load="72 %",
        natives=(("date", day), ("ambient", 75.2)),
    )
    table = similar(
        [
            ("Output breaker line lug, phase B", 113.0, "Output breaker line lug, phase A", 98.6),
            ("Input breaker line lug, phase A", 99.5, "Input breaker line lug, phase C", 98.6),
        ],
        unit="°F",
        in_header=True,
    )
    return Scenario(
        "thm_ups_xlsx_fahrenheit",
        "xlsx",
        T,
        E.UPS,
        "UPS-2B",
        "REVIEW",
        "Readings in °F: 113.0 °F vs 98.6 °F on a similar lug = 8 °C rise (14.4 °F printed), "
        "4–15 °C band (MAJOR)",
        document=_doc(h, [table], [NOTE], "asset", ambient="Ambient Temp. (°F)"),
        xlsx_native=True,
    )


def t04() -> Scenario:
    h = _header(
        "XFMR-T3",
        "Dry-Type Transformer",
        dt.date(2025, 5, 27),
        "dmy_dot",
        ambient="24,5 °C",
        load="45 %",
        company="Thermo Inspektion AG",
    )
    hot = reading(TEMP, 48.5, "°C", decimals=1, style=EU)
    rise = reading(RISE, 24.0, "°C", decimals=1, style=EU)
    table = Table(
        ["Component", "Temperature", "Ambient", "Rise over ambient"],
        [["X2 secondary terminal lug", hot, "24,5 °C", rise]],
    )
    return Scenario(
        "thm_xfmr_csv_semicolon_latin1_ambient",
        "csv",
        T,
        E.TRANSFORMER,
        "XFMR-T3",
        "REVIEW",
        "No similar component given: X2 lug 48,5 °C is 24 °C over ambient (11–40 °C band, "
        "MAJOR); Latin-1 with °C",
        document=_doc(h, [table], ["Nur eine Auffälligkeit; X1 und X3 nicht einsehbar."], "tagno"),
        csv=CsvStyle(delimiter=";", encoding="latin-1"),
    )


def t05() -> Scenario:
    def build(_name: str) -> ExtractionResult:
        lugs = [
            ("Normal source lug, phase A", 36.6),
            ("Normal source lug, phase B", 36.2),
            ("Normal source lug, phase C", 36.9),
        ]
        ref = 36.0
        return extraction(
            "ATS-2 IR survey 2025-06-11.pdf",
            equipment=Equipment(
                tag="ATS-2",
                type=E.ATS,
                manufacturer="ASCO",
                model="7000 Series 1200 A",
                voltage_rating_v=480.0,
                site="DC-North Hall 2",
            ),
            test=TestInfo(
                type=T,
                date=dt.date(2025, 6, 11),
                standard="ANSI/NETA ATS-2025",
                technician="S. Lindqvist",
                company="Volta Electrical Testing Services",
                ambient_temperature_c=24.0,
                humidity_pct=41.0,
                load_pct=30.0,
            ),
            instrument=Instrument(
                manufacturer="FLIR",
                model="T540",
                serial="T540-79311",
                calibration_date=dt.date(2025, 1, 8),
                calibration_due_date=dt.date(2026, 1, 8),
            ),
            measurements=[
                measurement(
                    TEMP,
                    name,
                    t,
                    f"{t} °C",
                    30 + i,
                    unit="degC",
                    reference_temperature_c=ref,
                    ambient_temperature_c=24.0,
                    reference="similar",
                    reference_point="Emergency source lugs",
                )
                for i, (name, t) in enumerate(lugs)
            ],
        )

    return Scenario(
        "thm_ats_json_low_load",
        "json",
        T,
        E.ATS,
        "ATS-2",
        "APPROVED",
        "ATS lugs 0.2–0.9 °C over similar; surveyed at 30 % load (< 40 %: INFO only)",
        extraction=build,
    )


def t06() -> Scenario:
    h = _header(
        "SWGR-MV-2", "Metal-Clad Switchgear", dt.date(2025, 7, 15), voltage="13.8 kV", load="60 %"
    )
    table = similar([("Breaker 52-M1 bus stab, phase B", 58.9, "52-M1 bus stab, phase A", 40.4)])
    return Scenario(
        "thm_mv_swgr_scan_pdf",
        "pdf_scan",
        T,
        E.SWITCHGEAR,
        "SWGR-MV-2",
        "REJECTED",
        "52-M1 phase B stab 58.9 °C vs 40.4 °C on phase A: 18.5 °C over similar (> 15 °C)",
        document=_doc(h, [table], [NOTE]),
        layout="kv_table",
        scan=Scan(dpi=200, angle_deg=0.3, noise_sigma=4.0, jpeg_quality=62),
        critical_families=("THM",),
        seed=3601,
    )


def t07() -> Scenario:
    h = _header("BUS-1", "Busway", dt.date(2025, 8, 19), "long", load="64 %")
    table = similar(
        [
            ("Joint J4, phase A", 31.2, "Joint J4, phase B", 31.0),
            ("Joint J4, phase C", 31.6, "Joint J4, phase B", 31.0),
        ]
    )
    return Scenario(
        "thm_busway_scan_tiff",
        "tiff",
        T,
        E.BUSWAY,
        "BUS-1",
        "NOT_REJECTED",
        "Busway joint J4 within 0.6 °C across phases at 64 % load; bilevel G4 TIFF",
        document=_doc(h, [table], ["No anomalies found."]),
        layout="form",
        scan=Scan(dpi=300, angle_deg=0.4, blur_radius=0.5, noise_sigma=4.0, bilevel=True),
        seed=3701,
    )


def t08() -> Scenario:
    h = _header("PDU-9", "PDU", dt.date(2025, 9, 23), load="58 %")
    temps = {"Phase A": 41.2, "Phase B": 40.8, "Phase C": 52.9}
    coolest = min(temps.values())
    hot_row: list[str | Reading] = ["Hot spot (°C)"]
    hot_row += [reading(TEMP, v, "°C", decimals=1, unit_in_cell=False) for v in temps.values()]
    ref_row: list[str | Reading] = ["Reference: coolest similar phase (°C)"]
    ref_row += [f"{coolest:.1f}"] * 3
    rise_row: list[str | Reading] = ["Delta-T (°C)"]
    rise_row += [
        reading(RISE, v - coolest, "°C", decimals=1, unit_in_cell=False) for v in temps.values()
    ]
    table = Table(["Output breaker CB-3 line lugs", *temps], [hot_row, ref_row, rise_row])
    return Scenario(
        "thm_pdu_grid4_phase_columns",
        "pdf_text",
        T,
        E.PDU,
        "PDU-9",
        "REVIEW",
        "Phases as columns: phase C 52.9 °C vs 40.8 °C coolest similar phase = 12.1 °C (MAJOR)",
        document=_doc(h, [table], [NOTE], "tagno"),
        layout="grid4",
    )


def t09() -> Scenario:
    h = _header(
        "CBL-TERM-5",
        "Cable",
        dt.date(2025, 10, 8),
        voltage="4.16 kV",
        ambient="25.0 °C",
        load="70 %",
    )
    hot = reading(TEMP, 71.5, "°C", decimals=1)
    table = Table(
        ["Component", "Max. Temperature", "Ambient", "Rise over ambient"],
        [
            [
                "Cable termination, phase A (pothead)",
                hot,
                "25.0 °C",
                reading(RISE, 46.5, "°C", decimals=1),
            ]
        ],
    )
    return Scenario(
        "thm_cable_csv_comma_ambient",
        "csv",
        T,
        E.CABLE,
        "CBL-TERM-5",
        "REJECTED",
        "Termination 71.5 °C, 46.5 °C over ambient with no similar reference (> 40 °C)",
        document=_doc(h, [table], ["Phases B and C terminations hidden behind barrier."]),
        csv=CsvStyle(delimiter=",", encoding="utf-8"),
        critical_families=("THM",),
    )


def t10() -> Scenario:
    h = _header("PNL-H4", "Panelboard", dt.date(2025, 11, 5), "dmy_name", load="50 %")
    table = similar([("Branch breaker 14 load lug", 46.0, "Branch breaker 16 load lug", 38.5)])
    return Scenario(
        "thm_panel_scan_png",
        "png",
        T,
        E.PANELBOARD,
        "PNL-H4",
        "NOT_APPROVED",
        "Branch breaker 14 lug 7.5 °C over a similar breaker (4–15 °C, MAJOR)",
        document=_doc(h, [table], [NOTE], "asset"),
        layout="grid4",
        scan=Scan(dpi=200, angle_deg=-0.6, noise_sigma=3.5, jpeg_quality=70),
        seed=4001,
    )


def t11() -> Scenario:
    h = _header("GEN-2", "Gen set", dt.date(2025, 12, 16), "us", load="75 %")
    table = similar(
        [("Output breaker line lug, phase C", 64.0, "Output breaker lug, phase A", 42.0)]
    )
    return Scenario(
        "thm_genset_scan_jpeg",
        "jpeg",
        T,
        E.GENERATOR,
        "GEN-2",
        "REJECTED",
        "Generator output breaker phase C 22 °C over phase A (> 15 °C)",
        document=_doc(h, [table], ["Load bank at 75 %."], "designation"),
        layout="lines",
        scan=Scan(dpi=200, angle_deg=-0.9, noise_sigma=4.5, jpeg_quality=62),
        critical_families=("THM",),
        seed=4101,
    )


SCENARIOS = [t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11]
