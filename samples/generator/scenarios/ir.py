"""Insulation resistance samples (ATS-2025 Tables 100.1, 100.5, 100.11; correction 100.14.1)."""

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
    Field,
    NumberStyle,
    Reading,
    Scan,
    Scenario,
    Table,
    fmt_date,
    off_scale,
    reading,
)

IR = Quantity.INSULATION_RESISTANCE
T = TestType.INSULATION_RESISTANCE
TITLE = "Insulation Resistance Test Report"


def _r(x: float, unit: str, decimals: int = 0, style: NumberStyle = US, **kw: object) -> Reading:
    return reading(IR, x, unit, decimals=decimals, style=style, **kw)  # type: ignore[arg-type]


def by_point(
    points: list[str], volts: str, readings: list[Reading], *, reading_col: str = "Reading (1 min)"
) -> Table:
    """Phases as rows: point | test voltage | reading."""
    rows: list[list[Cell]] = [[p, volts, r] for p, r in zip(points, readings, strict=True)]
    return Table(["Test Point", "Test Voltage (VDC)", reading_col], rows)


def _doc(
    h: Header, tables: list[Table], notes: list[str], labels: str = "neta", **kw: str
) -> Document:
    return Document(
        title=TITLE,
        letterhead=h.company,
        fields=h.fields(labels, **kw),
        tables=tables,
        notes=notes,
        footer=f"Report for equipment {h.tag} — page 1 of 1" if h.tag else None,
    )


def ir01() -> Scenario:
    h = Header(
        tag="SWGR-2A",
        type="Switchgear",
        voltage="480 V",
        date=fmt_date(dt.date(2025, 3, 14), "iso"),
        instrument="Megger MIT1025",
        instrument_serial="101188874",
        cal_date="2024-11-05",
        cal_due="2025-11-05",
        manufacturer="Eaton",
        model="Magnum DS",
        serial="ED-40771-2",
        site="DC-North Hall 1",
        ambient="22.0 °C",
        humidity="45 %",
    )
    values = [2450, 3100, 2800, 3300, 3050, 2900]
    table = by_point(
        ["A-G", "B-G", "C-G", "A-B", "B-C", "C-A"], "1,000", [_r(v, "MΩ") for v in values]
    )
    doc = _doc(h, [table], ["Readings at 1 minute. All breakers racked out, PTs disconnected."])
    return Scenario(
        "ir_swgr_480v_form",
        "pdf_text",
        T,
        E.SWITCHGEAR,
        "SWGR-2A",
        "APPROVED",
        "480 V switchgear at 1,000 V: six readings 2,450–3,300 MΩ vs 100 MΩ minimum",
        document=doc,
        layout="form",
    )


def ir02() -> Scenario:
    h = Header(
        tag="DP-3B",
        type="Distribution Panel",
        voltage="208 V",
        date=fmt_date(dt.date(2025, 4, 22), "us"),
        instrument="Fluke 1587 FC",
        instrument_serial="48830121",
        cal_date="10/15/2024",
        cal_due="10/15/2025",
        manufacturer="Square D",
        model="NF430L1C",
        site="Building 4, Level 2 electrical room",
        ambient="25 °C",
        humidity="52 %",
    )
    readings = [_r(640, "megohms"), _r(18.5, "megohms", 1), _r(710, "megohms")]
    table = by_point(["A-G", "B-G", "C-G"], "500", readings, reading_col="Insulation Resistance")
    doc = _doc(h, [table], ["Phase B feeder found wet at the gland; reported to the GC."], "asset")
    return Scenario(
        "ir_panel_208v_kvtable",
        "pdf_text",
        T,
        E.PANELBOARD,
        "DP-3B",
        "REJECTED",
        "208 V panel at 500 V: B-G 18.5 megohms (23.1 at 20 °C) below the 25 MΩ minimum",
        document=doc,
        layout="kv_table",
        critical_families=("IR",),
    )


def ir03() -> Scenario:
    h = Header(
        tag="TX-MV-1",
        type="Liquid-Filled Transformer",
        voltage="13.8 kV",
        date=fmt_date(dt.date(2025, 5, 6), "iso"),
        instrument="Megger MIT525",
        instrument_serial="MIT525-2290",
        cal_date="2025-01-20",
        cal_due="2026-01-20",
        manufacturer="ABB",
        model="2500 kVA ONAN, 13.8 kV - 480Y/277 V",
        serial="ABB-7731904",
        site="DC-North Substation",
        ambient="20 °C",
        humidity="38 %",
    )
    points = ["HV-GND", "HV-LV", "HV-(LV+GND)"]
    grid = {
        "30 s": [14.2, 15.0, 13.8],
        "1 min": [17.5, 18.6, 17.1],
        "10 min": [26.0, 27.4, 25.3],
    }
    rows: list[list[str | Reading]] = [
        [time, *[_r(v, "GΩ", 1) for v in values]] for time, values in grid.items()
    ]
    pi = [round(b / a, 2) for a, b in zip(grid["1 min"], grid["10 min"], strict=True)]
    dar = [round(b / a, 2) for a, b in zip(grid["30 s"], grid["1 min"], strict=True)]
    rows.append(
        [
            "DAR (60 s / 30 s)",
            *[reading(Quantity.DIELECTRIC_ABSORPTION_RATIO, v, "ratio", decimals=2) for v in dar],
        ]
    )
    rows.append(
        [
            "PI (10 min / 1 min)",
            *[reading(Quantity.POLARIZATION_INDEX, v, "ratio", decimals=2) for v in pi],
        ]
    )
    table = Table(["Time", *points], rows)
    fields = h.fields("neta")
    fields.insert(3, Field("Test Voltage", "5,000 VDC"))
    doc = Document(
        TITLE,
        fields,
        [table],
        letterhead=h.company,
        notes=["Windings shorted; all readings at 5,000 VDC. Top-oil temperature 20 °C."],
        footer="Report for equipment TX-MV-1 — page 1 of 1",
    )
    return Scenario(
        "ir_xfmr_liquid_13kv_grid4_timed",
        "pdf_text",
        T,
        E.TRANSFORMER,
        "TX-MV-1",
        "APPROVED",
        "13.8 kV liquid-filled transformer, timed readings (points as columns) 13.8–27.4 GΩ "
        "vs 5,000 MΩ (liquid column; would fail the 25,000 MΩ dry column)",
        document=doc,
        layout="grid4",
    )


def ir04() -> Scenario:
    h = Header(
        tag="MVSG-03",
        type="Medium Voltage Switchgear",
        voltage="13,800 V",
        date=fmt_date(dt.date(2025, 3, 21), "dmy_name"),
        instrument="Biddle 5 kV insulation tester (range 2,000 Mohm)",
        instrument_serial="B-210774",
        cal_date=fmt_date(dt.date(2024, 9, 30), "dmy_name"),
        cal_due=fmt_date(dt.date(2025, 9, 30), "dmy_name"),
        manufacturer="Powell",
        site="Water Treatment Plant 2",
        ambient="20 C",
    )
    readings = [_r(2000, "Mohm", over=True) for _ in range(3)]
    table = by_point(["A-G", "B-G", "C-G"], "2,500", readings)
    doc = _doc(h, [table], ["All three phases over range on the 2,000 Mohm scale."], "tagno")
    return Scenario(
        "ir_mv_swgr_13kv_lines_overrange",
        "pdf_text",
        T,
        E.SWITCHGEAR,
        "MVSG-03",
        "REVIEW",
        "13.8 kV switchgear at 2,500 V: >2,000 Mohm on every phase, below the 5,000 MΩ "
        "minimum, so it cannot be judged (retest on a higher range)",
        document=doc,
        layout="lines",
    )


def ir05() -> Scenario:
    test_day = dt.date(2025, 6, 2)
    h = Header(
        tag="BD-4A",
        type="Bus Duct",
        voltage="480 V",
        date=test_day.isoformat(),
        instrument="Fluke 1555",
        instrument_serial="3329011",
        cal_date="2024-06-16",
        cal_due="2025-06-16",
        manufacturer="Siemens",
        model="Sentron XL-U 2000 A",
        site="DC-North Hall 1",
        ambient="68",
        humidity="41 %",
        natives=(
            ("date", test_day),
            ("cal_date", dt.date(2024, 6, 16)),
            ("cal_due", dt.date(2025, 6, 16)),
            ("ambient", 68.0),
        ),
    )
    readings = [_r(v, "MΩ", unit_in_cell=False) for v in (1850, 2050, 1920, 1610)]
    table = Table(
        ["Test Point", "Test Voltage (V)", "Reading (MΩ)"],
        [[p, "1000", r] for p, r in zip(["A-G", "B-G", "C-G", "N-G"], readings, strict=True)],
    )
    doc = _doc(
        h,
        [table],
        ["Calibration due in two weeks; instrument booked."],
        "neta",
        ambient="Ambient Temp. (°F)",
    )
    return Scenario(
        "ir_busway_480v_xlsx",
        "xlsx",
        T,
        E.BUSWAY,
        "BD-4A",
        "APPROVED",
        "480 V bus duct, native numbers under `Reading (MΩ)`, ambient in °F in the label, "
        "calibration due 14 days after the test (INFO only)",
        document=doc,
        xlsx_native=True,
    )


def ir06() -> Scenario:
    h = Header(
        tag="UPS-1A",
        type="Uninterruptible Power Supply",
        voltage="0.48 kV",
        date=fmt_date(dt.date(2025, 3, 3), "long"),
        instrument="Megger MIT1025",
        instrument_serial="101190233",
        cal_date=fmt_date(dt.date(2024, 8, 12), "long"),
        cal_due=fmt_date(dt.date(2025, 8, 12), "long"),
        manufacturer="Vertiv",
        model="Liebert EXL S1 500 kVA",
        site="DC-North Hall 1",
        ambient="21.5 °C",
        humidity="40 %",
    )
    readings = [_r(2.2, "GΩ", 1), _r(1950, "MΩ"), _r(2200, "MΩ", over=True)]
    table = by_point(["A-G", "B-G", "C-G"], "1,000", readings)
    doc = _doc(h, [table], ["Output isolated; rectifier and inverter disconnected."], "designation")
    return Scenario(
        "ir_ups_480v_csv_comma",
        "csv",
        T,
        E.UPS,
        "UPS-1A",
        "APPROVED",
        "UPS rated 0.48 kV: 2.2 GΩ, 1,950 MΩ and >2,200 MΩ (censored, passes 100 MΩ); "
        "long dates with commas, quoted fields",
        document=doc,
        csv=CsvStyle(delimiter=",", encoding="utf-8"),
    )


def ir07() -> Scenario:
    h = Header(
        tag="ATS-EM-2",
        type="Automatic Transfer Switch",
        voltage="480 V",
        date=fmt_date(dt.date(2025, 6, 18), "dmy_dot"),
        instrument="Megger MIT430/2",
        instrument_serial="MIT-430-88120",
        cal_date=fmt_date(dt.date(2024, 5, 2), "dmy_dot"),
        cal_due=fmt_date(dt.date(2025, 5, 2), "dmy_dot"),
        company="Elektro Prüfdienst GmbH",
        manufacturer="ASCO",
        model="7000 Series 800 A",
        site="Werk Süd, Halle 3",
        ambient="22,5 °C",
        humidity="55 %",
    )
    readings = [_r(v, "Mohm", style=EU) for v in (1250, 1310, 1180)]
    table = by_point(["A-G", "B-G", "C-G"], "1.000", readings)
    doc = _doc(h, [table], ["Messung nach 60 s; Schalter in Stellung Normal."], "neta")
    return Scenario(
        "ir_ats_480v_csv_semicolon_latin1_cal_expired",
        "csv",
        T,
        E.ATS,
        "ATS-EM-2",
        "REJECTED",
        "ATS, good readings (1.250 Mohm in decimal-comma style = 1,250 MΩ) but the megger's "
        "calibration expired 02.05.2025, before the 18.06.2025 test",
        document=doc,
        csv=CsvStyle(delimiter=";", encoding="latin-1"),
        critical_families=("CAL",),
    )


def ir08() -> Scenario:
    def build(_name: str) -> ExtractionResult:
        points = ["T1-G", "T2-G", "T3-G"]
        values = [850e6, 920e6, 880e6]
        return extraction(
            "GEN-1 stator IR 2025-07-09.pdf",
            equipment=Equipment(
                tag="GEN-1",
                type=E.GENERATOR,
                manufacturer="Caterpillar",
                model="C32 1000 kW",
                serial="CAT-G5K01177",
                voltage_rating_v=480.0,
                site="DC-North Generator Yard",
                winding="random_wound",
            ),
            test=TestInfo(
                type=T,
                date=dt.date(2025, 7, 9),
                standard="ANSI/NETA ATS-2025",
                technician="M. Okafor",
                company="Volta Electrical Testing Services",
                ambient_temperature_c=24.0,
                apparatus_temperature_c=20.0,
                humidity_pct=48.0,
            ),
            instrument=Instrument(
                manufacturer="Megger",
                model="MIT1025",
                serial="101188874",
                calibration_date=dt.date(2024, 11, 5),
                calibration_due_date=dt.date(2025, 11, 5),
            ),
            measurements=[
                measurement(
                    IR,
                    p,
                    v,
                    f"{v / 1e6:.0f} MΩ",
                    30 + i,
                    unit="ohm",
                    duration_s=60,
                    test_voltage_v=500.0,
                )
                for i, (p, v) in enumerate(zip(points, values, strict=True))
            ],
            corrected_fields=("test.apparatus_temperature_c",),
        )

    return Scenario(
        "ir_generator_480v_json",
        "json",
        T,
        E.GENERATOR,
        "GEN-1",
        "APPROVED",
        "480 V random-wound generator stator at 500 V: 850–920 MΩ at 20 °C winding "
        "temperature (≈340 MΩ at 40 °C) vs 5 MΩ (100 MΩ if taken as form-wound), Table 100.11",
        extraction=build,
    )


def ir09() -> Scenario:
    h = Header(
        tag="SWGR-4KV-1",
        type="SWGR",
        voltage="4.16 kV",
        date=fmt_date(dt.date(2025, 8, 27), "iso"),
        instrument="AEMC 6555",
        instrument_serial="170233QJDV",
        cal_date="2025-02-11",
        cal_due="2026-02-11",
        manufacturer="Eaton",
        model="VCP-W 5 kV",
        site="Plant 7 Main Substation",
        ambient="20.0 °C",
        humidity="60 %",
    )
    table = by_point(["A-G", "B-G", "C-G"], "2,500", [_r(v, "MΩ") for v in (4800, 5200, 620)])
    doc = _doc(h, [table], ["C phase low: tracking found on the C-phase standoff insulator."])
    return Scenario(
        "ir_swgr_4kv_scan_pdf",
        "pdf_scan",
        T,
        E.SWITCHGEAR,
        "SWGR-4KV-1",
        "REJECTED",
        "4.16 kV switchgear (5 kV row: 1,500 MΩ) at 2,500 V: C-G 620 MΩ",
        document=doc,
        layout="form",
        scan=Scan(dpi=200, angle_deg=0.6, noise_sigma=3.5, jpeg_quality=62),
        critical_families=("IR",),
        seed=901,
    )


def ir10() -> Scenario:
    h = Header(
        tag="LP-2C",
        type="Panel",
        voltage="480 V",
        date=fmt_date(dt.date(2025, 9, 9), "iso"),
        instrument="Fluke 1555",
        instrument_serial="3329011",
        cal_date="2025-06-20",
        cal_due="2026-06-20",
        manufacturer="Square D",
        site="DC-North Hall 2",
        ambient="21 °C",
        humidity="44 %",
    )
    table = by_point(["A-G", "B-G", "C-G"], "1,000", [_r(v, "MΩ") for v in (1200, 1450, 1380)])
    doc = _doc(h, [table], ["Main breaker open; branch breakers closed."], "asset")
    return Scenario(
        "ir_panel_480v_scan_png",
        "png",
        T,
        E.PANELBOARD,
        "LP-2C",
        "NOT_REJECTED",
        "480 V panel at 1,000 V: 1,200–1,450 MΩ (scan: may land in REVIEW on OCR confidence)",
        document=doc,
        layout="kv_table",
        scan=Scan(dpi=200, angle_deg=-0.4, noise_sigma=4.0, jpeg_quality=65),
        seed=1001,
    )


def ir11() -> Scenario:
    h = Header(
        tag="PDU-7",
        type="Power Distribution Unit",
        voltage="480 V",
        date=fmt_date(dt.date(2025, 10, 2), "us"),
        instrument="Megger MIT420/2",
        instrument_serial="MIT-420-55102",
        cal_date="01/14/2025",
        cal_due="01/14/2026",
        manufacturer="Vertiv",
        site="DC-North Hall 2",
        ambient="72 °F",
        humidity="39 %",
    )
    table = by_point(["A-G", "B-G", "C-G"], "500", [_r(v, "MΩ") for v in (1500, 1620, 1480)])
    doc = _doc(h, [table], ["Tested at 500 V per site procedure SP-114."], "tagno")
    return Scenario(
        "ir_pdu_480v_scan_jpeg_low_test_voltage",
        "jpeg",
        T,
        E.PDU,
        "PDU-7",
        "NOT_APPROVED",
        "480 V PDU tested at 500 V, below the 1,000 V minimum test voltage (MAJOR)",
        document=doc,
        layout="grid4",
        scan=Scan(dpi=200, angle_deg=0.8, noise_sigma=3.5, jpeg_quality=70),
        seed=1101,
    )


def ir12() -> Scenario:
    h = Header(
        tag="TX-480-1",
        type="Dry-Type Transformer",
        voltage="480 V",
        date=fmt_date(dt.date(2025, 4, 8), "iso"),
        instrument="Megger MIT1025",
        instrument_serial="101190233",
        cal_date="2024-08-12",
        cal_due="2025-08-12",
        manufacturer="Hammond",
        model="150 kVA 480D-208Y/120",
        site="DC-North Hall 1",
        ambient="20 C",
        humidity="42 %",
    )
    table = by_point(["H-G", "X-G", "H-X"], "1,000", [_r(v, "GOhm", 1) for v in (1.8, 1.6, 2.1)])
    doc = _doc(h, [table], ["Dry-type, 150 kVA; readings at 1 minute."], "designation")
    return Scenario(
        "ir_xfmr_dry_480v_scan_tiff",
        "tiff",
        T,
        E.TRANSFORMER,
        "TX-480-1",
        "NOT_REJECTED",
        "480 V dry-type transformer: 1.6–2.1 GOhm vs 500 MΩ (dry column), bilevel G4 TIFF",
        document=doc,
        layout="lines",
        scan=Scan(dpi=300, angle_deg=-0.3, blur_radius=0.5, noise_sigma=4.0, bilevel=True),
        seed=1201,
    )


def ir13() -> Scenario:
    h = Header(
        tag="CBL-F12",
        type="Feeder Cable",
        voltage="",
        date=fmt_date(dt.date(2025, 2, 19), "iso"),
        instrument="Megger MIT525",
        instrument_serial="MIT525-2290",
        cal_date="2025-01-20",
        cal_due="2026-01-20",
        manufacturer="Southwire",
        model="3/C 500 kcmil Cu XLPE",
        site="DC-North Hall 1",
        ambient="19.0 °C",
        humidity="50 %",
    )
    readings = [off_scale(IR, "∞"), _r(1.15, "TΩ", 2), _r(1.08, "TΩ", 2)]
    table = by_point(["A-G", "B-G", "C-G"], "1,000", readings)
    doc = _doc(h, [table], ["Rating left blank on the field sheet."])
    return Scenario(
        "ir_cable_form_missing_voltage",
        "pdf_text",
        T,
        E.CABLE,
        "CBL-F12",
        "REVIEW",
        "Cable with the voltage rating left blank (threshold cannot be chosen, DATA MAJOR); "
        "readings ∞, 1.15 TΩ, 1.08 TΩ",
        document=doc,
        layout="form",
    )


def ir14() -> Scenario:
    h = Header(
        tag="SWGR-6C",
        type="Switchgear",
        voltage="480 V",
        date="2025-11-04",
        instrument="Megger MIT1025",
        instrument_serial="101188874",
        cal_date="2025-10-28",
        cal_due="2026-10-28",
        technician=None,
        manufacturer="Schneider Electric",
        model="QED-2",
        site="Plant 7 Building C",
        ambient="20 °C",
        natives=(("date", dt.date(2025, 11, 4)),),
    )
    readings = [off_scale(IR, "OL"), off_scale(IR, "OL"), _r(452, "kΩ")]
    table = by_point(["A-G", "B-G", "C-G"], "1000", readings)
    doc = _doc(h, [table], ["C phase: water in the cable vault; do not energize."])
    return Scenario(
        "ir_swgr_480v_xlsx_ol",
        "xlsx",
        T,
        E.SWITCHGEAR,
        "SWGR-6C",
        "REJECTED",
        "480 V switchgear: A-G and B-G `OL`, C-G 452 kΩ vs 100 MΩ; no technician named",
        document=doc,
        xlsx_native=True,
        critical_families=("IR",),
    )


SCENARIOS = [ir01, ir02, ir03, ir04, ir05, ir06, ir07, ir08, ir09, ir10, ir11, ir12, ir13, ir14]
