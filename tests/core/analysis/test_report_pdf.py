"""The PDF audit report: content read back with pypdfium2, Unicode, determinism, failures."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from core import enums, schemas
from core.analysis import report_pdf
from core.analysis.report_pdf import ReportMeta, render_audit_report
from core.analysis.report_pdf_format import measurement_value, number, transliterate, voltage
from core.enums import EquipmentType, Severity, TaskStatus, Verdict
from core.schemas import (
    EngineError,
    Equipment,
    Evidence,
    ExtractionResult,
    ExtractionWarning,
    Finding,
    InputFormat,
    Instrument,
    Measurement,
    Outcome,
    Quantity,
    SourceInfo,
    SourceLocation,
    ValidationResult,
    WarningCode,
)

GENERATED_AT = dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.UTC)
LONG_TEXT = (
    "Insulation resistance between phase A and ground measured well below the minimum value "
    "that the acceptance table allows for this voltage class, after temperature correction "
    "to 20 °C; the reading is consistent across the 30 s and 60 s points, which rules out a "
    "transient and points to moisture or contamination in the termination. "
) * 3


def make_meta(**changes: object) -> ReportMeta:
    values: dict[str, object] = {
        "task_id": "7b0c2a4e-1f55-4c1e-9a39-0d6f3b8e2c11",
        "original_filename": "SWGR-1A IR test.pdf",
        "uploaded_by": "ana.engineer@example.com",
        "uploaded_at": dt.datetime(2025, 3, 12, 8, 5, tzinfo=dt.UTC),
        "site": "DC-North",
        "profile_id": "neta-ats-2025",
        "threshold_set": "neta-ats-2025 v2025.1",
        "share_url": "https://auditeng.example.com/analysis?task=7b0c2a4e",
        "generated_at": GENERATED_AT,
    }
    values.update(changes)
    return ReportMeta(**values)  # type: ignore[arg-type]


def make_extraction() -> ExtractionResult:
    def ir(point: str, ohms: float | None, censored: bool = False) -> Measurement:
        return Measurement(
            quantity=Quantity.INSULATION_RESISTANCE,
            point=point,
            value=ohms,
            unit="ohm",
            censored=">" if censored else None,
            duration_s=60,
            test_voltage_v=5000,
            source=SourceLocation(page=2, line=14),
        )

    return ExtractionResult(
        source=SourceInfo(file_name="SWGR-1A.pdf", sha256="0" * 64, format=InputFormat.PDF_TEXT),
        equipment=Equipment(
            tag="SWGR-1A",
            type=EquipmentType.SWITCHGEAR,
            manufacturer="Eaton",
            model="VacClad-W",
            serial="SN-88412",
            voltage_rating_v=13800,
            site="DC-North",
        ),
        test=schemas.TestInfo(
            type=enums.TestType.INSULATION_RESISTANCE,
            date=dt.date(2025, 3, 10),
            standard="ANSI/NETA ATS-2025",
            technician="J. Ríos",
            company="Volt Commissioning",
            ambient_temperature_c=23.5,
            humidity_pct=41,
        ),
        instruments=[
            Instrument(
                manufacturer="Megger",
                model="MIT1025",
                serial="101234",
                calibration_date=dt.date(2024, 6, 1),
                calibration_due_date=dt.date(2025, 6, 1),
            )
        ],
        measurements=[
            ir("A-G", 2.2e9, censored=True),
            ir("B-G", 850e6),
            ir("C-G", None),
            Measurement(
                quantity=Quantity.CONTACT_RESISTANCE,
                point="Pole 2",
                value=35e-6,
                unit="ohm",
                manufacturer_max_ohm=100e-6,
            ),
            Measurement(
                quantity=Quantity.TEMPERATURE_RISE, point="Lug B", value=12.5, unit="delta_degC"
            ),
        ],
        warnings=[
            ExtractionWarning(
                code=WarningCode.UNIT_ASSUMED,
                message="Load % not found; assumed unknown.",
                source=SourceLocation(page=1, line=3),
            )
        ],
    )


def make_finding(index: int, severity: Severity = Severity.CRITICAL, long: bool = False) -> Finding:
    return Finding(
        rule_id=f"IR-{index % 7 + 1:03d}",
        rule_name="insulation-resistance-below-minimum",
        severity=severity,
        message=(LONG_TEXT if long else "Insulation resistance 850 MΩ, limit ≥ 5,000 MΩ"),
        evidence=Evidence(
            observed=850e6,
            unit="ohm",
            limit=5e9,
            comparator=">=",
            point=f"Phase {index}-G",
            clause="Table 100.1",
            source=SourceLocation(page=2, line=10 + index),
        ),
        remediation=("Dry out and retest. " * 20 if long else "Clean, dry and retest."),
    )


def make_outcome(**changes: object) -> Outcome:
    values: dict[str, object] = {
        "file": "SWGR-1A IR test.pdf",
        "status": TaskStatus.COMPLETED,
        "equipment_type": EquipmentType.SWITCHGEAR,
        "test_type": enums.TestType.INSULATION_RESISTANCE,
        "equipment_tag": "SWGR-1A",
        "verdict": Verdict.APPROVED,
        "compliance_score": 100.0,
        "confidence_score": 0.97,
        "extraction": make_extraction(),
        "validation": ValidationResult(
            threshold_set_id="neta-ats-2025", threshold_set_version="2025.1", profile_id="x"
        ),
    }
    values.update(changes)
    return Outcome.model_validate(values)


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace collapsed so wrapped table cells read as one line."""
    document = pdfium.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return " ".join(text.split())


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def test_approved_report_without_findings() -> None:
    data = render_audit_report(make_outcome(), make_meta())
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("AuditEng audit report", "APPROVED", "SWGR-1A", "13.8 kV", "Eaton"):
        assert expected in text
    assert ">2.2 GΩ" in text  # as the Analysis page prints it (core.formatting)
    assert "850 MΩ" in text
    assert "∞" in text
    assert "35 µΩ" in text
    assert "12.5 °C" in text
    assert "No findings" in text
    assert "MIT1025" in text and "2025-06-01" in text
    assert "Load % not found" in text
    assert "Page 1 of 1" in text or "Page 1 of 2" in text
    assert "neta-ats-2025 v2025.1" in text
    assert "Generated by AuditEng" in text


def test_rejected_report_with_many_long_findings_wraps_and_paginates() -> None:
    findings = [
        make_finding(i, Severity.MINOR if i % 3 else Severity.CRITICAL, True) for i in range(12)
    ]
    outcome = make_outcome(verdict=Verdict.REJECTED, compliance_score=41.5, findings=findings)
    data = render_audit_report(outcome, make_meta())
    text = pdf_text(data)
    assert "REJECTED" in text
    assert "41.5 %" in text
    for rule_id in {f.rule_id for f in findings}:
        assert rule_id in text
    assert "page 2, line 10" in text  # where in the document, from evidence.source
    assert "Table 100.1" in text
    assert page_count(data) > 2
    # Sorted by severity: the first CRITICAL appears before the first MINOR.
    assert text.index("CRITICAL") < text.index("MINOR")
    pages = pdf_text(data).count("Page ")
    assert pages == page_count(data)


def test_failed_outcome_renders_a_short_report_with_the_reason() -> None:
    outcome = Outcome(
        file="scan.png",
        status=TaskStatus.FAILED,
        error="The file is an image with no readable text; upload a clearer scan.",
    )
    data = render_audit_report(outcome, make_meta(share_url=None, site=None))
    text = pdf_text(data)
    assert "ANALYSIS FAILED" in text
    assert "no readable text" in text
    assert "Findings" not in text
    assert page_count(data) == 1


def test_unfinished_outcome_says_so() -> None:
    outcome = Outcome(file="a.pdf", status=TaskStatus.PROCESSING)
    text = pdf_text(render_audit_report(outcome, make_meta()))
    assert "NOT FINISHED" in text and "PROCESSING" in text
    assert "has not finished yet" in text
    assert "Findings" not in text


def test_overrides_and_machine_verdict_are_shown() -> None:
    finding = make_finding(0, Severity.CRITICAL)
    overrides = [
        (
            finding.rule_id,
            finding.evidence.point,
            "Cable was disconnected during the test; retest scheduled — Δ within 5 %.",
            "maria.manager@example.com",
            dt.datetime(2025, 3, 13, 16, 0, tzinfo=dt.UTC),
        )
    ]
    outcome = make_outcome(verdict=Verdict.REVIEW, compliance_score=92.0, findings=[finding])
    meta = make_meta(overrides=overrides, machine_verdict=Verdict.REJECTED)
    text = pdf_text(render_audit_report(outcome, meta))
    assert "REVIEW" in text
    assert "Machine verdict: REJECTED" in text
    assert "Cable was disconnected during the test" in text
    assert "Δ within 5 %" in text
    assert "CRITICAL overridden" in text
    assert "maria.manager@example.com" in text


def test_same_machine_verdict_is_not_repeated() -> None:
    text = pdf_text(
        render_audit_report(make_outcome(), make_meta(machine_verdict=Verdict.APPROVED))
    )
    assert "Machine verdict" not in text


def test_engine_errors_are_listed_with_warnings() -> None:
    validation = ValidationResult(
        threshold_set_id="neta-ats-2025",
        threshold_set_version="2025.1",
        profile_id="neta-ats-2025",
        engine_errors=[EngineError(rule_id="TTR-001", message="division by zero")],
    )
    text = pdf_text(render_audit_report(make_outcome(validation=validation), make_meta()))
    assert "Rule TTR-001 could not run" in text


def test_bytes_are_deterministic() -> None:
    outcome = make_outcome(findings=[make_finding(i) for i in range(5)], verdict=Verdict.REJECTED)
    first = render_audit_report(outcome, make_meta())
    second = render_audit_report(outcome, make_meta())
    assert first == second
    later = render_audit_report(outcome, make_meta(generated_at=GENERATED_AT + dt.timedelta(1)))
    assert later != first


def test_two_hundred_findings_render() -> None:
    findings = [make_finding(i, list(Severity)[i % 4]) for i in range(200)]
    outcome = make_outcome(verdict=Verdict.REJECTED, compliance_score=3.0, findings=findings)
    started = time.perf_counter()
    data = render_audit_report(outcome, make_meta())
    elapsed_s = time.perf_counter() - started
    assert data.startswith(b"%PDF")
    assert elapsed_s < 30  # loose on purpose: a smoke check, not a timing test (about 1 s here)


def test_without_dejavu_falls_back_to_helvetica_and_ascii_units(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(report_pdf, "DEJAVU_DIR", tmp_path)
    finding = make_finding(1)
    outcome = make_outcome(findings=[finding], verdict=Verdict.REJECTED)
    text = pdf_text(render_audit_report(outcome, make_meta()))
    assert ">2.2 GOhm" in text
    assert "35 uOhm" in text
    assert "12.5 degC" in text
    assert ">= 5,000 MOhm" in text
    assert "SWGR-1A" in text


def test_transliteration_never_leaves_a_character_helvetica_cannot_draw() -> None:
    assert (
        transliterate("≥ 5 MΩ at 20 °C, Δ 3 µΩ, ∞ — 漢")
        == ">= 5 MOhm at 20 degC, d 3 uOhm, inf - ?"
    )


@pytest.mark.parametrize(
    ("quantity", "value", "censored", "expected"),
    [
        (Quantity.INSULATION_RESISTANCE, 2.2e9, ">", "> 2,200 MΩ"),
        (Quantity.INSULATION_RESISTANCE, 0.5e6, None, "0.5 MΩ"),
        (Quantity.INSULATION_RESISTANCE, 25e9, None, "25 GΩ"),
        (Quantity.INSULATION_RESISTANCE, None, None, "∞"),
        (Quantity.CONTACT_RESISTANCE, 35e-6, None, "35 µΩ"),
        (Quantity.CONTACT_RESISTANCE, 0.25, None, "250 mΩ"),
        (Quantity.GROUND_RESISTANCE, 1.25, None, "1.25 Ω"),
        (Quantity.TEMPERATURE, 61.0, None, "61 °C"),
        (Quantity.TURNS_RATIO, 34.6410, None, "34.64"),
    ],
)
def test_measurement_values_carry_a_sensible_unit(
    quantity: Quantity, value: float | None, censored: str | None, expected: str
) -> None:
    item = Measurement(quantity=quantity, point="A", value=value, unit="x", censored=censored)
    assert measurement_value(item) == expected


def test_numbers_and_voltages() -> None:
    assert number(2200) == "2,200"
    assert number(12.345) == "12.35"
    assert number(0.0123) == "0.0123"
    assert number(-3) == "-3"
    assert voltage(13800) == "13.8 kV"
    assert voltage(480) == "480 V"
    assert voltage(None) == "—"


def test_oversized_cells_are_cut_instead_of_failing() -> None:
    # fpdf2 refuses a table row taller than a page; the report shortens the cell instead.
    evidence = make_finding(1).evidence.model_copy(update={"point": "X" * 1500})
    finding = make_finding(1).model_copy(update={"message": "M" * 5000, "evidence": evidence})
    outcome = make_outcome(findings=[finding], verdict=Verdict.REJECTED, extraction=None)
    text = pdf_text(render_audit_report(outcome, make_meta(original_filename="Z" * 2000)))
    assert "…" in text
    assert "IR-002" in text
    assert "No measurements were read" in text
    assert "No test instrument was found" in text
