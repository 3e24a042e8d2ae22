"""Every generated case with its truth: single reports (each sheet as XLSX and as the same
sheet printed to a text PDF) and packages (a workbook with a sheet per breaker and a helper
list sheet; a PDF of several reports one after another).

The verdicts are a NETA reviewer's, reasoned from STANDARDS.md (ATS-2025 Table 100.1: 480 V →
600 V row, 100 MΩ at 1,000 V; Table 100.5 dry-type 0–600 V: 500 MΩ; contact resistance more than
50 % over the lowest pole: MAJOR; turns ratio more than 0.5 % off the calculated ratio:
CRITICAL; calibration more than 12 months before the test or due before it: CRITICAL; no tag:
MAJOR). A MAJOR finding means REVIEW, a CRITICAL one REJECTED.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from core.enums import EquipmentType, TestType, Verdict

from . import breaker, custom, switchgear, thermography, transformer
from .blocks import Job
from .model import Reading, ReportTruth, Sheet, SheetCase
from .packages import pdf_package, workbook_package
from .render_pdf import pdf_bytes
from .render_xlsx import workbook_bytes

FORMATS = ("xlsx", "pdf")
POLES_AS_ROWS = "cb_poles_as_rows"
SURVEYS = ("ir_survey_healthy", "ir_survey_hot_lug")
PACKAGES = {"pkg_breakers_workbook_xlsx": 3, "pkg_mixed_reports_pdf": 3}
"""Package case → how many reports it holds."""
IR, CR, TTR = TestType.INSULATION_RESISTANCE, TestType.CONTACT_RESISTANCE, TestType.TURNS_RATIO
THM = TestType.THERMOGRAPHY
A, V, R = Verdict.APPROVED, Verdict.REVIEW, Verdict.REJECTED
Builder = Callable[[Any], tuple[Sheet, list[Reading]]]
SHEET = "Test Sheet"
"""A single report's sheet is named as the form names it, never after the equipment."""
BREAKER_JOB = Job(dt.date(2026, 3, 4), 72, 41)
XFMR_JOB = Job(dt.date(2026, 3, 5), 75, 44)
SWGR_JOB = Job(dt.date(2026, 3, 6), 80, 47)

LOW_POLE = replace(breaker.HEALTHY_IR[1], unit="MΩ", values=(3950, 4.2, 4020))
BREAKERS: dict[str, tuple[breaker.BreakerSpec, Verdict, str]] = {
    "lvcb_healthy": (
        breaker.BreakerSpec(SHEET, "CB-MSB1-03", BREAKER_JOB),
        A,
        "480 V breaker (600 V row): IR 3.95–5.21 GΩ and >2,200 MΩ at 1,000 V vs 100 MΩ; poles "
        "39/41/40 µΩ (5 %); DLRO and megger calibrated within 12 months. The lineup 'MSB-1' in "
        "Eqpt. Identifer is the parent switchboard, not this breaker's tag.",
    ),
    "lvcb_ir_pole_low": (
        breaker.BreakerSpec(
            SHEET,
            "CB-MSB1-05",
            BREAKER_JOB,
            ir=(breaker.HEALTHY_IR[0], LOW_POLE, breaker.HEALTHY_IR[2]),
            cell="Cell 5",
        ),
        R,
        "Pole to Ground P2 4.2 MΩ (4.7 MΩ at 20 °C) is below the 100 MΩ minimum (CRITICAL); "
        "the overall-result box still shows the template's PASS.",
    ),
    "lvcb_cr_deviation": (
        breaker.BreakerSpec(
            SHEET,
            "CB-MSB1-07",
            BREAKER_JOB,
            cr_uohm=(41, 43, 68),
            cell="Cell 7",
            overall="FAIL",
        ),
        V,
        "Pole 3 68 µΩ is 65.9 % above pole 1's 41 µΩ (> 50 %, 7.6.1.1.1 D.2: MAJOR); "
        "insulation passes.",
    ),
    "lvcb_cal_expired": (
        breaker.BreakerSpec(
            SHEET,
            "CB-MSB1-09",
            BREAKER_JOB,
            cell="Cell 9",
            instruments=(breaker.dlro(dt.date(2024, 11, 20)), breaker.megger()),
        ),
        R,
        "Readings pass, but the DLRO was calibrated 11/20/2024, more than 12 months before the "
        "03/04/2026 test (ATS-2025 5.3: CRITICAL).",
    ),
    "lvcb_tag_blank": (
        breaker.BreakerSpec(SHEET, None, BREAKER_JOB, cell=None),
        V,
        "Readings and calibration pass, but the Breaker Identifier was left blank and no other "
        "field names the breaker (the lineup 'MSB-1' is its parent): tag missing, DATA MAJOR.",
    ),
}
XFMRS: dict[str, tuple[transformer.TransformerSpec, Verdict, str]] = {
    "xfmr_dry_healthy": (
        transformer.TransformerSpec(SHEET, "TX-L2A", XFMR_JOB),
        A,
        "45 kVA 480 Delta–208Y/120 dry-type: every winding 2,950–6,870 MΩ vs 500 MΩ (Table "
        "100.5, 0–600 V dry); PI 1.27–1.32 ≥ 1.0; ratios within 0.05 % of 480/120.1 = 3.997.",
    ),
    "xfmr_dry_ttr_off": (
        transformer.TransformerSpec(SHEET, "TX-L2B", XFMR_JOB, ratios=(3.9952, 4.0318, 3.9961)),
        R,
        "H2-H3 / X2-X0 4.0318 is +0.87 % from the calculated 3.997 (> 0.5 %, 7.2.1.1: "
        "CRITICAL); insulation passes.",
    ),
    "xfmr_dry_cal_due_passed": (
        transformer.TransformerSpec(
            SHEET,
            "TX-L2C",
            XFMR_JOB,
            instruments=(transformer.megger(), transformer.ttr_set(due=dt.date(2026, 2, 27))),
        ),
        R,
        "Readings pass, but the TTR set's calibration was due 02/27/2026, before the "
        "03/05/2026 test: expired when used (CRITICAL).",
    ),
}
SWGRS: dict[str, tuple[switchgear.SwitchgearSpec, Verdict, str]] = {
    "swgr_bus_healthy": (
        switchgear.SwitchgearSpec(
            SHEET, "MSB-2", SWGR_JOB,
            instruments=(
                replace(switchgear.dlro(), calibrated=dt.date(2025, 6, 12)),
                replace(switchgear.megger(), calibrated=dt.date(2025, 9, 3)),
            ),
        ),
        A,
        "480Y/277 V switchboard (600 V row): bus 1,250–3,610 MΩ at 1,000 V vs 100 MΩ; joints "
        "45–61 µΩ within 17 %. Calibration 06/12/2025 and 09/03/2025 is within 12 months "
        "whichever way the dates are read.",
    ),
    "swgr_sections_cr_deviation": (
        switchgear.SwitchgearSpec(
            SHEET, "SWBD-4", SWGR_JOB, ir_style="sections",
            ir_mohm=(2200, 2200, 2200, 2500, 2600, 2450, 1850, 1900, 1780,
                     2200, 2200, 2200, 2700, 2650, 2580, 1920, 1880, 1810),
            over=(True,) * 3 + (False,) * 6 + (True,) * 3 + (False,) * 6,
            joints=(("Section 1 to Section 2", (52, 48, 56, None)),
                    ("Section 2 to Section 3", (44, 47, 83, None))),
        ),
        V,
        "Bus 1,780 MΩ to >2,200 MΩ vs 100 MΩ passes; joint Section 2 to Section 3 C-phase "
        "83 µΩ is 88.6 % above A-phase 44 µΩ (> 50 %, 7.1.1: MAJOR).",
    ),
}  # fmt: skip
TYPES = {
    "lvcb": EquipmentType.BREAKER,
    "xfmr": EquipmentType.TRANSFORMER,
    "swgr": EquipmentType.SWITCHGEAR,
}
TESTS = {"lvcb": frozenset({IR, CR}), "xfmr": frozenset({IR, TTR}), "swgr": frozenset({IR, CR})}
STRUCTURES = {
    "lvcb": "LV breaker 7.6.1.1.1",
    "xfmr": "dry transformer 7.2.1.1",
    "swgr": "switchgear 7.1.1",
}


def _single(name: str, sheet: Sheet, truth: ReportTruth, structure: str, fmt: str) -> SheetCase:
    if fmt == "xlsx":
        content = workbook_bytes([sheet])
    else:
        content = pdf_bytes([sheet], title=sheet.title, author="Northgate Power Testing")
    return SheetCase(f"{name}_{fmt}", f"{name}.{fmt}", content, f"{structure} ({fmt})", truth)


def single_cases() -> list[SheetCase]:
    out: list[SheetCase] = []
    families: list[tuple[str, Mapping[str, tuple[Any, Verdict, str]], Builder]] = [
        ("lvcb", BREAKERS, breaker.build),
        ("xfmr", XFMRS, transformer.build),
        ("swgr", SWGRS, switchgear.build),
    ]
    for family, specs, build in families:
        for name, (spec, verdict, why) in specs.items():
            sheet, readings = build(spec)
            truth = ReportTruth(
                verdict, spec.tag, TYPES[family], TESTS[family], tuple(readings), why
            )
            for fmt in FORMATS:
                out.append(_single(name, sheet, truth, STRUCTURES[family], fmt))
    spec = custom.PoleRowsSpec("Breaker Record", "CB-PDU3-M1", dt.date(2026, 3, 9))
    sheet, readings = custom.build(spec)
    truth = ReportTruth(
        A, spec.tag, EquipmentType.BREAKER, frozenset({IR, CR}), tuple(readings),
        "480 V MCCB: poles 212/224/218 µΩ (5.7 %); IR 2,590–3,180 MΩ vs 100 MΩ; both "
        "instruments calibrated within 12 months and not yet due.",
    )  # fmt: skip
    for fmt in FORMATS:
        out.append(_single(POLES_AS_ROWS, sheet, truth, "own: breaker, poles as rows", fmt))
    return out + _surveys()


def _surveys() -> list[SheetCase]:
    date = dt.date(2026, 3, 10)
    healthy = thermography.SurveySpec("IR Survey", "SWBD-2A", date)
    hot = replace(
        healthy,
        tag="SWBD-2B",
        temperatures=((34.2, 35.0, 58.9), *healthy.temperatures[1:]),
    )
    verdicts = (
        (A, "Every component's phases within 0.8 °C of each other (< 1 °C: no finding); "
         "hottest 34.9 °C, 10.9 °C over the 24 °C ambient (under the > 40 °C top band); "
         "load 60–65 %; camera calibrated 2025-09-01."),
        (R, "Main breaker line lugs phase C 58.9 °C is 24.7 °C over phase A's 34.2 °C, the "
         "similar component under the same load (> 15 °C, Table 100.18: CRITICAL)."),
    )  # fmt: skip
    out: list[SheetCase] = []
    for name, spec, (verdict, why) in zip(SURVEYS, (healthy, hot), verdicts, strict=True):
        sheet, readings = thermography.build(spec)
        truth = ReportTruth(
            verdict, spec.tag, EquipmentType.SWITCHGEAR, frozenset({THM}), tuple(readings), why
        )
        for fmt in FORMATS:
            out.append(_single(name, sheet, truth, "own: IR survey, phases as columns", fmt))
    return out


def single_names() -> list[str]:
    """The single-report cases' names in `cases()` order, without rendering anything."""
    stems = [*BREAKERS, *XFMRS, *SWGRS, POLES_AS_ROWS, *SURVEYS]
    return [f"{stem}_{fmt}" for stem in stems for fmt in FORMATS]


def cases() -> list[SheetCase]:
    return [*single_cases(), workbook_package(BREAKER_JOB), pdf_package(XFMR_JOB)]
