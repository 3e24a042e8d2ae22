"""The audit PDF's findings table and evidence: observed and limit columns, ids and words never
broken, instrument names not doubled, numbers as the app prints them, the evidence crops of
CRITICAL and MAJOR findings, and the reviewer's sign-off lines (text read back with pypdfium2)."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
from PIL import Image

from core.analysis.evaluate import evaluate
from core.analysis.report_pdf import ReportMeta, render_audit_report
from core.analysis.report_pdf_sections import instrument_name
from core.schemas import ExtractionResult, Outcome
from core.standards import load_profile

AT = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _outcome() -> Outcome:
    extraction = ExtractionResult.model_validate(
        {
            "source": {"file_name": "x.json", "sha256": "0" * 64, "format": "json"},
            "equipment": {"tag": "SWGR-7", "type": "SWITCHGEAR", "voltage_rating_v": 480},
            "test": {
                "type": "INSULATION_RESISTANCE",
                "date": "2026-02-01",
                "ambient_temperature_c": 20,
                "humidity_pct": 40,
            },
            "instruments": [
                {
                    "manufacturer": "Fluke",
                    "model": "Fluke 1555",
                    "serial": "77",
                    "calibration_date": "2025-09-01",
                    "calibration_due_date": "2026-09-01",
                }
            ],
            "measurements": [
                {
                    "quantity": "insulation_resistance",
                    "point": point,
                    "value": value,
                    "unit": "ohm",
                    "duration_s": 60,
                    "test_voltage_v": 1000,
                    "source": {"page": 1, "line": 9 + n, "box": [0.5, 0.3, 0.6, 0.32]},
                }
                for n, (point, value) in enumerate((("A-G", 2.5e9), ("B-G", 5e6), ("C-G", 3e9)))
            ],
        }
    )
    return evaluate(extraction, load_profile(), as_of=dt.date(2026, 3, 2))


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 120), (240, 240, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def _meta(**changes: object) -> ReportMeta:
    values: dict[str, object] = {
        "task_id": "4f1c2d9e-0000-4000-8000-000000000001",
        "original_filename": "x.json",
        "uploaded_by": "eng@example.com",
        "uploaded_at": AT,
        "profile_id": "neta-ats-2025",
        "threshold_set": "neta-ats-2025 v2025.1",
        "generated_at": AT,
        "share_url": "https://audit.example.com/analysis?task=4f1c",
    }
    return ReportMeta(**{**values, **changes})  # type: ignore[arg-type]


def _text(pdf: bytes) -> tuple[str, int]:
    document = pdfium.PdfDocument(pdf)
    pages = range(len(document))
    text = "\n".join(document[i].get_textpage().get_text_range() for i in pages)
    text = text.replace("\u00a0", " ").replace("\r", "")
    images = sum(
        1 for i in pages for _ in document[i].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])
    )
    return text, images


def test_the_findings_table_has_observed_and_limit_columns_and_unbroken_ids() -> None:
    outcome = _outcome()
    critical = next(i for i, f in enumerate(outcome.findings) if f.rule_id == "IR-001")
    text, images = _text(render_audit_report(outcome, _meta(evidence_images={critical: _png()})))
    text = text.replace("\u00a0", " ").replace("\r", "")
    assert "Observed" in text and "Limit" in text
    assert "5 MΩ" in text and "≥ 100 MΩ" in text  # the observed reading and its limit
    lines = text.splitlines()
    assert any(line.startswith("CRITICAL IR-001") for line in lines), lines  # never "IR-00 1"
    assert "IR-00\n" not in text and "CRITICA\n" not in text
    assert "Fluke 1555" in text and "Fluke Fluke" not in text
    assert "Evidence in the document" in text and images == 1
    assert "Reviewer sign-off" in text
    for label in ("Reviewer name", "Signature", "Date"):
        assert label in lines
    # Numbers as the Analysis page prints them: readings scaled, percentages with one decimal.
    assert "2.5 GΩ" in text
    assert f"Compliance {outcome.compliance_score:.1f} %" in text
    assert "https://audit.example.com/analysis?task=4f1c" in text


def test_no_evidence_section_without_images() -> None:
    text, images = _text(render_audit_report(_outcome(), _meta()))
    assert "Evidence in the document" not in text and images == 0
    assert "Reviewer sign-off" in text


def test_instrument_names_are_not_doubled() -> None:
    assert instrument_name("Fluke", "Fluke 1555") == "Fluke 1555"
    assert instrument_name("FLUKE", "fluke 1555") == "fluke 1555"
    assert instrument_name("Megger", "MIT525") == "Megger MIT525"
    assert instrument_name(None, "TTR330") == "TTR330"
    assert instrument_name("Megger", None) == "Megger"
