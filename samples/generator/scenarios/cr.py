"""Contact resistance samples (ATS-2025 7.6.1.1.1: > 50 % deviation MAJOR; > mfr. max CRITICAL)."""

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
    Field,
    NumberStyle,
    Reading,
    Scan,
    Scenario,
    Table,
    fmt_date,
    reading,
)

CR = Quantity.CONTACT_RESISTANCE
T = TestType.CONTACT_RESISTANCE
TITLE = "Contact Resistance Test Report"


def poles(
    values: list[float],
    unit: str = "µΩ",
    *,
    decimals: int = 0,
    style: NumberStyle = US,
    in_header: bool = False,
    current: str = "100",
    names: list[str] | None = None,
    max_col: str | None = None,
) -> Table:
    """Poles as rows: pole | test current | resistance (| manufacturer max)."""
    names = names or [f"Pole {i + 1}" for i in range(len(values))]
    rows: list[list[str | Reading]] = []
    for name, v in zip(names, values, strict=True):
        row: list[str | Reading] = [
            name,
            current,
            reading(CR, v, unit, decimals=decimals, style=style, unit_in_cell=not in_header),
        ]
        if max_col is not None:
            row.append(max_col)
        rows.append(row)
    columns = ["Pole", "Test Current (A)", f"Resistance ({unit})" if in_header else "Resistance"]
    if max_col is not None:
        columns.append(f"Mfr. Max ({unit})" if in_header else "Mfr. Max")
    return Table(columns, rows)


def poles_as_columns(values: list[float], unit: str, current: str = "100") -> Table:
    names = [f"Pole {i + 1}" for i in range(len(values))]
    return Table(
        ["Measurement", *names],
        [
            ["Test current (A)", *[current] * len(values)],
            [f"Resistance ({unit})", *[reading(CR, v, unit, unit_in_cell=False) for v in values]],
        ],
    )


def _doc(
    h: Header,
    tables: list[Table],
    notes: list[str],
    labels: str = "neta",
    extra: list[Field] | None = None,
    **kw: str,
) -> Document:
    fields = h.fields(labels, **kw) + (extra or [])
    return Document(
        TITLE,
        fields,
        tables,
        letterhead=h.company,
        notes=notes,
        footer=f"Report for equipment {h.tag} — page 1 of 1" if h.tag else None,
    )


def _header(tag: str | None, kind: str, day: dt.date, style: str = "iso", **kw: object) -> Header:
    base = Header(
        tag=tag,
        type=kind,
        voltage="480 V",
        date=fmt_date(day, style),  # type: ignore[arg-type]
        instrument="Megger DLRO10HD",
        instrument_serial="DLRO-10HD-40512",
        cal_date=fmt_date(day - dt.timedelta(days=150), style),  # type: ignore[arg-type]
        cal_due=fmt_date(day + dt.timedelta(days=215), style),  # type: ignore[arg-type]
        manufacturer="Eaton",
        site="DC-North Hall 1",
        ambient="21.0 °C",
        humidity="43 %",
    )
    return base.but(**kw)


NOTE = "DC 100 A, pole to pole; breaker closed, racked to test position."


def c01() -> Scenario:
    h = _header("CB-2F", "Circuit Breaker", dt.date(2025, 2, 25), model="Magnum SB 2000 A")
    return Scenario(
        "cr_breaker_form_deviation",
        "pdf_text",
        T,
        E.BREAKER,
        "CB-2F",
        "REVIEW",
        "Breaker poles 40/44/71 µΩ: pole 3 deviates 77.5 % from the lowest (> 50 %, MAJOR)",
        document=_doc(h, [poles([40, 44, 71])], [NOTE]),
        layout="form",
    )


def c02() -> Scenario:
    h = _header(
        "CB-MAIN-1",
        "Power Circuit Breaker",
        dt.date(2025, 3, 11),
        "long",
        model="Masterpact MTZ2 40",
    )
    extra = [Field("Manufacturer Max. Resistance", "75 µΩ")]
    return Scenario(
        "cr_breaker_kvtable",
        "pdf_text",
        T,
        E.BREAKER,
        "CB-MAIN-1",
        "APPROVED",
        "Main breaker 38/41/40 µΩ, manufacturer maximum 75 µΩ",
        document=_doc(h, [poles([38, 41, 40])], [NOTE], "asset", extra),
        layout="kv_table",
    )


def c03() -> Scenario:
    day = dt.date(2025, 4, 15)
    h = _header("CB-F7", "Breaker", day, natives=(("date", day),))
    table = poles([85, 88, 142], in_header=True, max_col="100")
    return Scenario(
        "cr_breaker_xlsx_above_mfr_max",
        "xlsx",
        T,
        E.BREAKER,
        "CB-F7",
        "REJECTED",
        "Feeder breaker pole 3 142 µΩ above the manufacturer's 100 µΩ (CRITICAL) and 67 % "
        "over pole 1 (MAJOR); native numbers, `Resistance (µΩ)` header",
        document=_doc(h, [table], [NOTE], "tagno"),
        xlsx_native=True,
        critical_families=("CR",),
    )


def c04() -> Scenario:
    h = _header(
        "CB-12",
        "Leistungsschalter / Circuit Breaker",
        dt.date(2025, 5, 13),
        "dmy_dot",
        ambient="19,5 °C",
        company="Elektro Prüfdienst GmbH",
        manufacturer="ABB",
        model="Emax 2 E2.2",
    )
    table = poles([52.3, 55.1, 53.8], "µOhm", decimals=1, style=EU)
    return Scenario(
        "cr_breaker_csv_semicolon_latin1",
        "csv",
        T,
        E.BREAKER,
        "CB-12",
        "APPROVED",
        "Breaker 52,3/55,1/53,8 µOhm (decimal commas, Latin-1 µ), within 5 % of each other",
        document=_doc(h, [table], ["Messstrom 100 A DC."], "tagno"),
        csv=CsvStyle(delimiter=";", encoding="latin-1"),
    )


def c05() -> Scenario:
    def build(_name: str) -> ExtractionResult:
        micro_ohms = {
            "Joint J1 phase A": 12.0,
            "Joint J1 phase B": 13.0,
            "Joint J1 phase C": 12.5,
            "Joint J2 phase A": 12.8,
            "Joint J2 phase B": 24.0,
            "Joint J2 phase C": 13.1,
        }
        joints = [(name, float(f"{v * 1e-6:.12g}")) for name, v in micro_ohms.items()]
        return extraction(
            "BD-2 joint resistance 2025-06-03.pdf",
            equipment=Equipment(
                tag="BD-2",
                type=E.BUSWAY,
                manufacturer="Siemens",
                model="Sentron XL-U 3000 A",
                voltage_rating_v=480.0,
                site="DC-North Hall 2",
            ),
            test=TestInfo(
                type=T,
                date=dt.date(2025, 6, 3),
                standard="ANSI/NETA ATS-2025",
                technician="S. Lindqvist",
                company="Volta Electrical Testing Services",
                ambient_temperature_c=22.0,
                humidity_pct=45.0,
            ),
            instrument=Instrument(
                manufacturer="Megger",
                model="DLRO10HD",
                serial="DLRO-10HD-40512",
                calibration_date=dt.date(2025, 1, 14),
                calibration_due_date=dt.date(2026, 1, 14),
            ),
            measurements=[
                measurement(CR, name, v, f"{v * 1e6:g} µΩ", 30 + i, unit="ohm")
                for i, (name, v) in enumerate(joints)
            ],
        )

    return Scenario(
        "cr_busway_joints_json",
        "json",
        T,
        E.BUSWAY,
        "BD-2",
        "REVIEW",
        "Busway joints per phase: J2 phase B 24 µΩ vs 12.8 µΩ on phase A, 87.5 % over the "
        "lowest (> 50 %, MAJOR)",
        extraction=build,
    )


def c06() -> Scenario:
    h = _header("CB-TIE-1", "Circuit Breaker", dt.date(2025, 7, 29), "us")
    return Scenario(
        "cr_breaker_scan_pdf_pole_columns",
        "pdf_scan",
        T,
        E.BREAKER,
        "CB-TIE-1",
        "NOT_REJECTED",
        "Tie breaker 27/29/28 µΩ, poles as columns; image-only PDF",
        document=_doc(h, [poles_as_columns([27, 29, 28], "µΩ")], [NOTE]),
        layout="form",
        scan=Scan(dpi=200, angle_deg=0.5, noise_sigma=3.5, jpeg_quality=62),
        seed=4601,
    )


def c07() -> Scenario:
    h = _header(
        "CB-52-2",
        "Vacuum Circuit Breaker",
        dt.date(2025, 8, 12),
        voltage="13.8 kV",
        manufacturer="Siemens",
        model="3AH3 1200 A",
    )
    extra = [Field("Manufacturer Max. Resistance", "120 µΩ")]
    table = poles([155, 149, 161], current="200")
    return Scenario(
        "cr_vacuum_breaker_scan_png",
        "png",
        T,
        E.BREAKER,
        "CB-52-2",
        "REJECTED",
        "MV vacuum breaker 155/149/161 µΩ, all above the manufacturer's 120 µΩ",
        document=_doc(h, [table], ["Contacts worn; bottle replacement quoted."], "asset", extra),
        layout="kv_table",
        scan=Scan(dpi=200, angle_deg=-0.5, noise_sigma=4.0, jpeg_quality=60),
        critical_families=("CR",),
        seed=4701,
    )


def c08() -> Scenario:
    h = _header("CB-4B", "Molded Case Breaker", dt.date(2025, 9, 30), "dmy_name")
    table = poles([62, 65, 118], "uOhm")
    return Scenario(
        "cr_breaker_scan_jpeg_deviation",
        "jpeg",
        T,
        E.BREAKER,
        "CB-4B",
        "NOT_APPROVED",
        "Breaker 62/65/118 uOhm: pole 3 90 % over the lowest (MAJOR)",
        document=_doc(h, [table], [NOTE], "designation"),
        layout="grid4",
        scan=Scan(dpi=200, angle_deg=0.7, noise_sigma=3.5, jpeg_quality=70),
        seed=4801,
    )


def c09() -> Scenario:
    h = _header(None, "Circuit Breaker", dt.date(2025, 10, 21))
    table = poles([45, 47, 46], "micro-ohms")
    return Scenario(
        "cr_breaker_lines_missing_tag",
        "pdf_text",
        T,
        E.BREAKER,
        None,
        "REVIEW",
        "Breaker 45/47/46 micro-ohms, but no equipment tag anywhere (DATA MAJOR)",
        document=_doc(h, [table], [NOTE, "Breaker in spare cubicle 3; no nameplate tag."]),
        layout="lines",
    )


def c10() -> Scenario:
    h = _header("CB-7A", "Circuit Breaker", dt.date(2025, 11, 25), "long")
    table = poles([0.052, 0.054, 0.051], "mOhm", decimals=3)
    return Scenario(
        "cr_breaker_scan_tiff_milliohm",
        "tiff",
        T,
        E.BREAKER,
        "CB-7A",
        "NOT_REJECTED",
        "Breaker 0.052/0.054/0.051 mOhm (= 52/54/51 µΩ); bilevel G4 TIFF",
        document=_doc(h, [table], [NOTE], "tagno"),
        layout="lines",
        scan=Scan(dpi=300, angle_deg=-0.4, blur_radius=0.5, noise_sigma=4.0, bilevel=True),
        seed=5001,
    )


SCENARIOS = [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10]
