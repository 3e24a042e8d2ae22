"""Grounding samples: fall-of-potential (IEEE 81, 62 %, 52/72 % plateau), NEC 250.53, continuity."""

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
    Cell,
    CsvStyle,
    Document,
    NumberStyle,
    Scan,
    Scenario,
    Table,
    fmt_date,
    reading,
)

GR = Quantity.GROUND_RESISTANCE
CONT = Quantity.CONTINUITY_RESISTANCE
T = TestType.GROUNDING
TITLE = "Ground Resistance Test Report"


def fop(
    points: dict[int, float],
    unit: str = "Ω",
    *,
    decimals: int = 2,
    style: NumberStyle = US,
    in_header: bool = False,
    method: str = "Fall of potential",
) -> Table:
    """Fall-of-potential readings, one row per potential-probe position."""
    rows: list[list[Cell]] = [
        [
            method,
            f"{pct}%" if not in_header else str(pct),
            reading(GR, r, unit, decimals=decimals, style=style, unit_in_cell=not in_header),
        ]
        for pct, r in points.items()
    ]
    distance = "Distance (% of C2)" if not in_header else "Distance (%)"
    resistance = "Resistance" if not in_header else f"Resistance ({unit})"
    return Table(["Measurement", distance, resistance], rows)


def continuity(
    pairs: list[tuple[str, float]],
    unit: str = "Ω",
    *,
    decimals: int = 3,
    style: NumberStyle = US,
    in_header: bool = False,
) -> Table:
    rows: list[list[Cell]] = [
        [
            f"Main ground bar to {name}",
            reading(CONT, r, unit, decimals=decimals, style=style, unit_in_cell=not in_header),
        ]
        for name, r in pairs
    ]
    header = "Resistance" if not in_header else f"Resistance ({unit})"
    return Table(["Point-to-point (two-point) continuity", header], rows)


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


def _header(tag: str, day: dt.date, style: str = "iso", **kw: object) -> Header:
    base = Header(
        tag=tag,
        type="Ground Grid",
        voltage=None,
        date=fmt_date(day, style),  # type: ignore[arg-type]
        instrument="Megger DET4TC2",
        instrument_serial="DET4-22704",
        cal_date=fmt_date(day - dt.timedelta(days=120), style),  # type: ignore[arg-type]
        cal_due=fmt_date(day + dt.timedelta(days=245), style),  # type: ignore[arg-type]
        site="DC-North Substation",
        ambient="18.0 °C",
        humidity="62 %",
    )
    return base.but(**kw)


NOTE = "Three-point fall-of-potential, current probe C2 at 120 m; soil dry."


def g01() -> Scenario:
    h = _header("GG-SUB-A", dt.date(2025, 4, 10))
    tables = [
        fop({52: 2.0, 62: 2.1, 72: 2.2}, decimals=1),
        continuity(
            [
                ("transformer TX-MV-1 tank", 0.028),
                ("SWGR-2A ground bus", 0.041),
                ("fence post F-12", 0.035),
            ]
        ),
    ]
    return Scenario(
        "gnd_grid_kvtable",
        "pdf_text",
        T,
        E.GROUNDING_SYSTEM,
        "GG-SUB-A",
        "APPROVED",
        "Ground grid: 2.1 Ω at 62 % (52 %: 2.0, 72 %: 2.2 agree within 10 %) vs 5 Ω; "
        "continuity 28–41 mΩ",
        document=_doc(h, tables, [NOTE]),
        layout="kv_table",
    )


def g02() -> Scenario:
    day = dt.date(2025, 5, 15)
    h = _header("GRID-B2", day, natives=(("date", day),)).but(type="Grounding System")
    tables = [
        fop({52: 6.5, 62: 6.8, 72: 7.1}, decimals=1, in_header=True),
        continuity([("generator GEN-1 frame", 0.045), ("UPS-1A cabinet", 0.052)], in_header=True),
    ]
    return Scenario(
        "gnd_system_xlsx",
        "xlsx",
        T,
        E.GROUNDING_SYSTEM,
        "GRID-B2",
        "REJECTED",
        "Grounding system 6.8 Ω at 62 % (plateau valid) vs 5 Ω; native numbers, units in headers",
        document=_doc(h, tables, ["Rocky fill; supplemental rods recommended."], "asset"),
        xlsx_native=True,
        critical_families=("GND",),
    )


def g03() -> Scenario:
    h = _header("GND-DC2", dt.date(2025, 6, 24), "dmy_dot", ambient="24,0 °C", humidity="58 %")
    tables = [
        fop({52: 1.62, 62: 2.41, 72: 3.55}, style=EU),
        continuity([("PDU-7 frame", 0.031), ("PDU-9 frame", 0.029)], style=EU),
    ]
    return Scenario(
        "gnd_grid_csv_semicolon_bom_no_plateau",
        "csv",
        T,
        E.GROUNDING_SYSTEM,
        "GND-DC2",
        "REVIEW",
        "Ground grid 2,41 Ω at 62 % but 52 %/72 % read 1,62/3,55 Ω: no plateau, probes "
        "too close (MAJOR); decimal commas, UTF-8 with BOM",
        document=_doc(h, tables, ["C2 at 40 m only (parking lot)."], "tagno"),
        csv=CsvStyle(delimiter=";", encoding="utf-8-sig"),
    )


def g04() -> Scenario:
    def build(_name: str) -> ExtractionResult:
        points = {52: 30.2, 62: 31.5, 72: 32.6}
        return extraction(
            "Rod R-7 ground test 2025-07-22.pdf",
            equipment=Equipment(
                tag="GR-ROD-7",
                type=E.GROUNDING_SYSTEM,
                description="Single 3/4 in x 10 ft copper-clad ground rod, lighting pole LP-7",
                site="DC-North parking lot",
                single_electrode=True,
            ),
            test=TestInfo(
                type=T,
                date=dt.date(2025, 7, 22),
                standard="IEEE Std 81",
                technician="M. Okafor",
                company="Volta Electrical Testing Services",
                ambient_temperature_c=29.0,
                humidity_pct=35.0,
            ),
            instrument=Instrument(
                manufacturer="AEMC",
                model="6472",
                serial="AEMC-6472-1187",
                calibration_date=dt.date(2025, 3, 4),
                calibration_due_date=dt.date(2026, 3, 4),
            ),
            measurements=[
                measurement(
                    GR,
                    f"Fall of potential {pct}%",
                    r,
                    f"{r} Ω",
                    30 + i,
                    unit="ohm",
                    distance_pct=float(pct),
                )
                for i, (pct, r) in enumerate(points.items())
            ],
        )

    return Scenario(
        "gnd_single_rod_json",
        "json",
        T,
        E.GROUNDING_SYSTEM,
        "GR-ROD-7",
        "REVIEW",
        "Single rod electrode 31.5 Ω at 62 %: above 25 Ω, needs a supplemental electrode "
        "(NEC 250.53(A)(2), MAJOR), not the 5 Ω system limit",
        extraction=build,
    )


def g05() -> Scenario:
    h = _header("GG-GEN-1", dt.date(2025, 8, 14), "us")
    curve = {20: 1.10, 40: 1.32, 52: 1.41, 62: 1.45, 72: 1.49, 80: 1.62, 90: 2.05}
    tables = [
        fop(curve),
        continuity(
            [("GEN-1 frame", 820), ("GEN-1 neutral", 35), ("ATS-EM-2 enclosure", 41)],
            "mΩ",
            decimals=0,
        ),
    ]
    return Scenario(
        "gnd_grid_form_curve_continuity",
        "pdf_text",
        T,
        E.GROUNDING_SYSTEM,
        "GG-GEN-1",
        "REVIEW",
        "Full fall-of-potential curve (1.45 Ω at 62 %, flat 52–72 %) but GEN-1 frame "
        "continuity 820 mΩ > 0.5 Ω (MAJOR)",
        document=_doc(h, tables, [NOTE, "GEN-1 frame bond found loose; retorque and retest."]),
        layout="form",
    )


def g06() -> Scenario:
    h = _header("GG-SITE-4", dt.date(2025, 9, 16))
    tables = [
        fop({52: 0.85, 62: 0.90, 72: 0.95}, in_header=True),
        continuity([("MSB ground bus", 0.021), ("TX-2B tank", 0.030)], in_header=True),
    ]
    return Scenario(
        "gnd_grid_scan_pdf",
        "pdf_scan",
        T,
        E.GROUNDING_SYSTEM,
        "GG-SITE-4",
        "NOT_REJECTED",
        "Ground grid 0.90 Ω at 62 % (plateau valid) vs 5 Ω; image-only PDF",
        document=_doc(h, tables, [NOTE], "designation"),
        layout="grid4",
        scan=Scan(dpi=200, angle_deg=-0.7, noise_sigma=3.5, jpeg_quality=70),
        seed=2601,
    )


def g07() -> Scenario:
    h = _header("GG-PV-3", dt.date(2025, 10, 14)).but(type="Ground Grid (PV array)")
    tables = [
        fop({52: 8.0, 62: 8.4, 72: 8.9}, "ohms", decimals=1),
        continuity([("inverter INV-3 frame", 0.044)], "ohms"),
    ]
    return Scenario(
        "gnd_grid_scan_png",
        "png",
        T,
        E.GROUNDING_SYSTEM,
        "GG-PV-3",
        "REJECTED",
        "PV array ground grid 8.4 ohms at 62 % (plateau valid) vs 5 Ω",
        document=_doc(h, tables, [NOTE], "tagno"),
        layout="lines",
        scan=Scan(dpi=200, angle_deg=0.5, noise_sigma=4.0, jpeg_quality=60),
        critical_families=("GND",),
        seed=2701,
    )


def g08() -> Scenario:
    h = _header("GG-WH-1", dt.date(2025, 5, 20), cal_date="2023-12-10", cal_due=None)
    tables = [
        fop({52: 3.1, 62: 3.2, 72: 3.3}, decimals=1),
        continuity([("rack row A ground bar", 0.062)]),
    ]
    return Scenario(
        "gnd_grid_csv_comma_cal_stale",
        "csv",
        T,
        E.GROUNDING_SYSTEM,
        "GG-WH-1",
        "REJECTED",
        "Ground grid 3.2 Ω passes, but the tester was calibrated 2023-12-10, more than "
        "12 months before the 2025-05-20 test, and no due date is given",
        document=_doc(h, tables, [NOTE]),
        csv=CsvStyle(delimiter=",", encoding="utf-8"),
        critical_families=("CAL",),
    )


def g09() -> Scenario:
    h = _header("GG-CUP-2", dt.date(2025, 11, 18), "dmy_name")
    tables = [fop({52: 3.2, 62: 4.1, 72: 5.6}, decimals=1, in_header=True)]
    return Scenario(
        "gnd_grid_scan_jpeg_no_plateau",
        "jpeg",
        T,
        E.GROUNDING_SYSTEM,
        "GG-CUP-2",
        "NOT_APPROVED",
        "Ground grid 4.1 Ω at 62 % but 52 %/72 % read 3.2/5.6 Ω: result not valid (MAJOR)",
        document=_doc(h, tables, ["Current probe only 30 m out (building in the way)."]),
        layout="form",
        scan=Scan(dpi=200, angle_deg=0.9, noise_sigma=4.5, jpeg_quality=60),
        seed=2901,
    )


def g10() -> Scenario:
    h = _header("GG-LAB-1", dt.date(2025, 3, 27), "long")
    tables = [
        fop({52: 1.4, 62: 1.5, 72: 1.6}, decimals=1, in_header=True),
        continuity([("lab bench ground bar", 0.018), ("UPS-L1 frame", 0.024)], in_header=True),
    ]
    return Scenario(
        "gnd_grid_scan_tiff",
        "tiff",
        T,
        E.GROUNDING_SYSTEM,
        "GG-LAB-1",
        "NOT_REJECTED",
        "Ground grid 1.5 Ω at 62 % (plateau valid) vs 5 Ω; grey TIFF (deflate)",
        document=_doc(h, tables, [NOTE], "asset"),
        layout="kv_table",
        scan=Scan(dpi=200, angle_deg=-0.2, noise_sigma=3.5, jpeg_quality=70),
        seed=3001,
    )


SCENARIOS = [g01, g02, g03, g04, g05, g06, g07, g08, g09, g10]
