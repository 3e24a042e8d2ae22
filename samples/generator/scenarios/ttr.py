"""Turns ratio samples (ATS-2025 7.2.1.1 D.3: within 0.5 % of the nameplate, else CRITICAL)."""

from __future__ import annotations

import datetime as dt

from core.enums import EquipmentType as E
from core.enums import TestType
from core.schemas import Equipment, ExtractionResult, Instrument, Quantity, TestInfo
from generator.header import Header
from generator.jsondump import extraction, measurement
from generator.model import (
    CsvStyle,
    Document,
    Reading,
    Scan,
    Scenario,
    Table,
    fmt_date,
    reading,
)

TTR = Quantity.TURNS_RATIO
T = TestType.TURNS_RATIO
TITLE = "Transformer Turns Ratio Test Report"
PHASES = ["H1-H3 / X1-X3", "H2-H1 / X2-X1", "H3-H2 / X3-X2"]


def _ratio(v: float, decimals: int) -> Reading:
    return reading(TTR, v, "ratio", decimals=decimals)


def by_phase(
    nameplate: float, measured: list[float], *, decimals: int = 3, tap: str = "3 (nominal)"
) -> Table:
    """Phases as rows: phase | tap | nameplate | measured | deviation % (as the set prints it)."""
    rows: list[list[str | Reading]] = []
    for phase, m in zip(PHASES, measured, strict=True):
        shown = round(m, decimals)
        deviation = (shown - nameplate) / nameplate * 100
        rows.append(
            [phase, tap, f"{nameplate:.{decimals}f}", _ratio(m, decimals), f"{deviation:+.2f}"]
        )
    return Table(["Phase", "Tap", "Nameplate Ratio", "Measured Ratio", "Deviation (%)"], rows)


def by_tap(taps: list[tuple[str, float, list[float]]], decimals: int = 3) -> Table:
    """Phases as columns, one row per tap."""
    rows: list[list[str | Reading]] = [
        [tap, f"{calc:.{decimals}f}", *[_ratio(m, decimals) for m in measured]]
        for tap, calc, measured in taps
    ]
    return Table(["Tap", "Calculated Ratio", *PHASES], rows)


def _doc(
    h: Header,
    tables: list[Table],
    notes: list[str],
    labels: str = "neta",
    footer_tag: str | None = None,
    **kw: str,
) -> Document:
    tag = footer_tag or h.tag
    return Document(
        TITLE,
        h.fields(labels, **kw),
        tables,
        letterhead=h.company,
        notes=notes,
        footer=f"Report for equipment {tag} — page 1 of 1" if tag else None,
    )


def _header(
    tag: str, kind: str, voltage: str, day: dt.date, style: str = "iso", **kw: object
) -> Header:
    base = Header(
        tag=tag,
        type=kind,
        voltage=voltage,
        date=fmt_date(day, style),  # type: ignore[arg-type]
        instrument="Megger TTR330",
        instrument_serial="TTR330-50732",
        cal_date=fmt_date(day - dt.timedelta(days=60), style),  # type: ignore[arg-type]
        cal_due=fmt_date(day + dt.timedelta(days=305), style),  # type: ignore[arg-type]
        manufacturer="Siemens",
        site="DC-North Substation",
        ambient="20.0 °C",
        humidity="50 %",
    )
    return base.but(**kw)


def tap_table_13800() -> list[tuple[str, float, list[float]]]:
    primaries = [14490, 14145, 13800, 13455, 13110]
    measured = [
        [30.172, 30.195, 30.181],
        [29.452, 29.474, 29.461],
        [28.738, 28.757, 28.744],
        [28.018, 28.040, 28.025],
        [27.301, 27.322, 27.306],
    ]
    labels = ["1 (+5 %)", "2 (+2.5 %)", "3 (nominal)", "4 (-2.5 %)", "5 (-5 %)"]
    return [
        (label, round(p / 480, 3), m)
        for label, p, m in zip(labels, primaries, measured, strict=True)
    ]


def r01() -> Scenario:
    h = _header(
        "TX-MV-4",
        "Liquid-Filled Transformer",
        "13.8 kV",
        dt.date(2025, 3, 25),
        model="2000 kVA 13800D - 480Y/277",
    )
    table = by_phase(28.75, [28.741, 28.980, 28.762])
    return Scenario(
        "ttr_xfmr_13kv_form",
        "pdf_text",
        T,
        E.TRANSFORMER,
        "TX-MV-4",
        "REJECTED",
        "13.8 kV transformer, nameplate 13800/480 = 28.75: H2-H1/X2-X1 28.980 is +0.80 % (> 0.5 %)",
        document=_doc(h, [table], ["Excitation currents normal on all phases."]),
        layout="form",
        critical_families=("TTR",),
    )


def r02() -> Scenario:
    h = _header(
        "XFMR-T5",
        "Pad-Mount Transformer (liquid-filled)",
        "13,800 V",
        dt.date(2025, 4, 16),
        "dmy_name",
        model="2500 kVA 13800D - 480Y/277",
    )
    return Scenario(
        "ttr_xfmr_13kv_grid4_taps",
        "pdf_text",
        T,
        E.TRANSFORMER,
        "XFMR-T5",
        "APPROVED",
        "All five taps × three phases (phases as columns) within 0.1 % of 13800·(1±k)/480",
        document=_doc(h, [by_tap(tap_table_13800())], ["Ratios at 8 V excitation."], "tagno"),
        layout="grid4",
    )


def r03() -> Scenario:
    day = dt.date(2025, 5, 21)
    h = _header(
        "TX-2B",
        "Dry-Type Transformer",
        "4160 V",
        day,
        model="1500 kVA 4160D - 480Y/277",
        natives=(("date", day),),
    )
    return Scenario(
        "ttr_xfmr_dry_4kv_xlsx",
        "xlsx",
        T,
        E.TRANSFORMER,
        "TX-2B",
        "APPROVED",
        "4160/480 dry-type, nameplate 8.667: 8.664/8.671/8.669 (≤ 0.05 %); native numbers",
        document=_doc(h, [by_phase(8.667, [8.664, 8.671, 8.669])], ["Tap 3 as found and left."]),
        xlsx_native=True,
    )


def r04() -> Scenario:
    h = _header(
        "XFMR-T7",
        "Liquid-Filled Transformer",
        "12.47 kV",
        dt.date(2025, 6, 17),
        "us",
        cal_date=None,
        cal_due=None,
        instrument_serial=None,
    )
    table = by_phase(59.952, [59.931, 59.978, 59.949])
    return Scenario(
        "ttr_xfmr_12kv_csv_bom_no_calibration",
        "csv",
        T,
        E.TRANSFORMER,
        "XFMR-T7",
        "REVIEW",
        "12.47 kV/208 V ratios within 0.05 %, but no calibration information for the test set "
        "(CAL MAJOR); UTF-8 with BOM",
        document=_doc(h, [table], ["Test set rental unit; calibration sticker missing."]),
        csv=CsvStyle(delimiter=",", encoding="utf-8-sig"),
    )


def r05() -> Scenario:
    def build(_name: str) -> ExtractionResult:
        measured = [8.664, 8.725, 8.669]
        return extraction(
            "TX-S2 TTR 2025-07-01.pdf",
            equipment=Equipment(
                tag="TX-S2",
                type=E.TRANSFORMER,
                insulation="liquid",
                manufacturer="Howard Industries",
                model="750 kVA 4160D-480Y/277",
                serial="HI-2207781",
                voltage_rating_v=4160.0,
                site="Plant 7 Building C",
            ),
            test=TestInfo(
                type=T,
                date=dt.date(2025, 7, 1),
                standard="ANSI/NETA ATS-2025",
                technician="J. Rivera",
                company="Volta Electrical Testing Services",
                ambient_temperature_c=27.0,
                humidity_pct=55.0,
            ),
            instrument=Instrument(
                manufacturer="Vanguard",
                model="ATRT-03S",
                serial="ATRT-03S-1127",
                calibration_date=dt.date(2025, 2, 17),
                calibration_due_date=dt.date(2026, 2, 17),
            ),
            measurements=[
                measurement(
                    TTR, phase, m, f"{m:.3f}", 30 + i, unit="ratio", nameplate_ratio=8.667, tap="3"
                )
                for i, (phase, m) in enumerate(zip(PHASES, measured, strict=True))
            ],
        )

    return Scenario(
        "ttr_xfmr_4kv_json",
        "json",
        T,
        E.TRANSFORMER,
        "TX-S2",
        "REJECTED",
        "4160/480, nameplate 8.667: H2-H1/X2-X1 8.725 is +0.67 % (> 0.5 %)",
        extraction=build,
        critical_families=("TTR",),
    )


def r06() -> Scenario:
    h = _header(
        "TX-PV-1",
        "Liquid-Filled Transformer",
        "34.5 kV",
        dt.date(2025, 8, 6),
        model="3000 kVA 34500D - 480Y/277",
    )
    table = by_phase(71.875, [71.862, 71.901, 72.510])
    return Scenario(
        "ttr_xfmr_34kv_scan_pdf",
        "pdf_scan",
        T,
        E.TRANSFORMER,
        "TX-PV-1",
        "REJECTED",
        "34.5 kV/480 V, nameplate 71.875: H3-H2/X3-X2 72.510 is +0.88 % (> 0.5 %)",
        document=_doc(h, [table], ["Phase C retested twice with the same result."], "asset"),
        layout="lines",
        scan=Scan(dpi=200, angle_deg=-0.3, noise_sigma=4.0, jpeg_quality=62),
        critical_families=("TTR",),
        seed=5601,
    )


def r07() -> Scenario:
    h = _header(
        "TX-3C",
        "Dry-Type Transformer",
        "480 V",
        dt.date(2025, 9, 2),
        "long",
        model="75 kVA 480D - 208Y/120",
    )
    table = by_phase(2.308, [2.307, 2.309, 2.308])
    return Scenario(
        "ttr_xfmr_dry_480v_scan_png",
        "png",
        T,
        E.TRANSFORMER,
        "TX-3C",
        "NOT_REJECTED",
        "480/208 dry-type, nameplate 2.308: 2.307/2.309/2.308",
        document=_doc(h, [table], ["Tap 3 as found and left."], "designation"),
        layout="form",
        scan=Scan(dpi=200, angle_deg=0.6, noise_sigma=4.0, jpeg_quality=60),
        seed=5701,
    )


def r08() -> Scenario:
    h = _header(
        "TX-9",
        "XFMR",
        "13.8 kV",
        dt.date(2025, 10, 28),
        model="2000 kVA 13800D - 480Y/277 (oil-filled)",
    )
    table = by_phase(28.75, [28.744, 28.757, 28.749])
    return Scenario(
        "ttr_xfmr_kvtable_tag_mismatch",
        "pdf_text",
        T,
        E.TRANSFORMER,
        "TX-9",
        "REVIEW",
        "Ratios within 0.03 %, but the header says TX-9 and the footer TX-9A (DATA MAJOR)",
        document=_doc(h, [table], ["Copied from the TX-9A template."], footer_tag="TX-9A"),
        layout="kv_table",
    )


def r09() -> Scenario:
    h = _header(
        "TX-4D",
        "Transformer, dry type",
        "4,160 V",
        dt.date(2025, 11, 12),
        cal_date="2024-10-01",
        cal_due="2025-10-01",
    )
    table = by_phase(8.667, [8.665, 8.668, 8.670])
    return Scenario(
        "ttr_xfmr_scan_jpeg_cal_expired",
        "jpeg",
        T,
        E.TRANSFORMER,
        "TX-4D",
        "REJECTED",
        "Ratios fine, but the test set's calibration expired 2025-10-01, before the "
        "2025-11-12 test",
        document=_doc(h, [table], ["Tap 3."], "tagno"),
        layout="grid4",
        scan=Scan(dpi=200, angle_deg=0.4, noise_sigma=3.5, jpeg_quality=70),
        critical_families=("CAL",),
        seed=5901,
    )


def r10() -> Scenario:
    h = _header("TX-5E", "Dry-Type Transformer", "4160 V", dt.date(2025, 12, 9), date=None)
    table = by_phase(8.667, [8.666, 8.662, 8.671])
    return Scenario(
        "ttr_xfmr_scan_tiff_no_date",
        "tiff",
        T,
        E.TRANSFORMER,
        "TX-5E",
        "NOT_APPROVED",
        "Ratios within 0.06 %, but the report has no test date (DATA MAJOR)",
        document=_doc(h, [table], ["Date not recorded on the field sheet."], "asset"),
        layout="kv_table",
        scan=Scan(dpi=200, angle_deg=-0.5, noise_sigma=3.5, jpeg_quality=70),
        seed=6001,
    )


SCENARIOS = [r01, r02, r03, r04, r05, r06, r07, r08, r09, r10]
