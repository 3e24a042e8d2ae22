"""Which test a report holds, from cue words and from what its tables measure; the confidence
formula."""

from __future__ import annotations

import pytest
from interpret_helpers import read

from core.analysis.errors import ReportError
from core.analysis.extraction.interpret import UNKNOWN_TEST
from core.analysis.extraction.interpret.confidence import confidence
from core.enums import TestType as Kind
from core.schemas import InputFormat


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Insulation Resistance Test Report", Kind.INSULATION_RESISTANCE),
        ("Megger Test Sheet", Kind.INSULATION_RESISTANCE),
        ("Fall of Potential Test", Kind.GROUNDING),
        ("Earth Resistance Measurement", Kind.GROUNDING),
        ("Infrared Survey", Kind.THERMOGRAPHY),
        ("Thermographic Inspection", Kind.THERMOGRAPHY),
        ("Ductor Test", Kind.CONTACT_RESISTANCE),
        ("Micro-ohm Test Results", Kind.CONTACT_RESISTANCE),
        ("TTR Test", Kind.TURNS_RATIO),
        ("Turns Ratio Test", Kind.TURNS_RATIO),
    ],
)
def test_title_cues(title: str, kind: Kind) -> None:
    assert read(f"{title}\nEquipment Tag: X-1\n").test.type is kind


def test_brand_alone_does_not_outweigh_the_title() -> None:
    result = read("Contact Resistance Test Report\nTest Instrument: Megger DLRO10\n")
    assert result.test.type is Kind.CONTACT_RESISTANCE


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        ("Phase | Nameplate Ratio | Measured\nA | 8.667 | 8.66\n", Kind.TURNS_RATIO),
        ("Component | Hot Spot | Reference\nLug | 50 °C | 40 °C\n", Kind.THERMOGRAPHY),
        ("Position | Distance (%) | Resistance\nP2 | 62 | 2.0 Ω\n", Kind.GROUNDING),
        ("Pole | Resistance\nPole 1 | 40 µΩ\n", Kind.CONTACT_RESISTANCE),
        ("Point | Test Voltage | Reading\nA-G | 1000 V | 2 GΩ\n", Kind.INSULATION_RESISTANCE),
    ],
)
def test_tables_tell_the_test_without_a_title(table: str, kind: Kind) -> None:
    assert read(f"Equipment Tag: X-1\n{table}").test.type is kind


def test_unknown_test_is_a_report_error() -> None:
    with pytest.raises(ReportError) as raised:
        read("Quarterly invoice\nCustomer: ACME\nTotal: 1,200 USD\n")
    assert str(raised.value) == UNKNOWN_TEST


def test_test_type_provenance() -> None:
    result = read("Infrared Survey\nEquipment Tag: X-1\n")
    provenance = result.fields["test.type"]
    assert provenance.raw == "Infrared Survey"
    assert provenance.source is not None and provenance.source.line == 1


def test_confidence_formula() -> None:
    assert confidence(1.0, InputFormat.XLSX) == 1.0
    assert confidence(1.0, InputFormat.PDF_TEXT) == 0.98
    # OCR is calibrated: 0.85 of the 0.95 ceiling for any word read, the rest from Tesseract.
    assert confidence(0.9, InputFormat.IMAGE) == round(0.85 * 0.95 + 0.15 * 0.9, 3)
    assert confidence(0.0, InputFormat.PDF_SCAN) == round(0.85 * 0.95, 3)
    assert confidence(1.0, InputFormat.CSV, unit_assumed=True) == 0.85
    assert confidence(1.0, InputFormat.CSV, repaired=True, weak_label=True) == 0.81
    assert confidence(1.0, InputFormat.JSON, inferred=True) == 0.8
