"""`extract`: the shared sample reports end to end, the JSON format, and files it must refuse."""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from functools import cache
from pathlib import Path

import pytest

from core.analysis.errors import ReportError
from core.analysis.extraction import extract
from core.analysis.extraction.interpret import UNKNOWN_TEST
from core.schemas import ExtractionResult, InputFormat, WarningCode

SAMPLES = Path("/work/shared/samples")
TRUTH = json.loads((SAMPLES / "truth.json").read_text()) if SAMPLES.exists() else []
PRIMARY = {
    "insulation_resistance",
    "ground_resistance",
    "temperature",
    "contact_resistance",
    "turns_ratio",
}
# What the rules must not be misled by: a warning here would change a sample's verdict.
VERDICT_WARNINGS = {
    WarningCode.TAG_MISMATCH,
    WarningCode.IMPOSSIBLE_VALUE,
    WarningCode.AMBIGUOUS_DATE,
    WarningCode.INSULATION_ASSUMED,
    WarningCode.PRINTED_VALUE_MISMATCH,
}
needs_samples = pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not mounted")


@cache
def extracted(name: str) -> ExtractionResult:
    return extract((SAMPLES / name).read_bytes(), name)


@needs_samples
@pytest.mark.parametrize("truth", TRUTH, ids=[t["file"] for t in TRUTH])
def test_shared_samples_reach_their_truth(truth: dict[str, object]) -> None:
    result = extracted(str(truth["file"]))
    assert result.equipment.tag == truth["equipment_tag"]
    assert result.equipment.type == truth["equipment_type"]
    assert result.test.type == truth["test_type"]
    found = [m.value for m in result.measurements if m.quantity in PRIMARY]
    primary = truth["primary_values"]
    assert isinstance(primary, list)
    for value in primary:
        assert any(v is not None and v == pytest.approx(value, rel=1e-9) for v in found), value
    assert not [w for w in result.warnings if w.code in VERDICT_WARNINGS]
    assert result.instruments and result.instruments[0].calibration_due_date is not None


@needs_samples
def test_source_describes_the_file() -> None:
    content = (SAMPLES / "s005_turns_ratio_scan_pdf.pdf").read_bytes()
    result = extracted("s005_turns_ratio_scan_pdf.pdf")
    assert result.source.format is InputFormat.PDF_SCAN
    assert result.source.pages == 1
    assert result.source.sha256 == hashlib.sha256(content).hexdigest()
    assert extracted("s000_insulation_resistance_pdf_form.pdf").source.format is (
        InputFormat.PDF_TEXT
    )


@needs_samples
def test_json_dump_audits_to_the_same_extraction() -> None:
    original = extracted("s003_thermography_csv.csv")
    dump = original.model_dump_json().encode()
    again = extract(dump, "corrected.json")
    assert again.source.file_name == "corrected.json"
    assert again.source.sha256 == hashlib.sha256(dump).hexdigest()
    # What was read is JSON: the source says so, whatever the saved extraction claimed.
    assert (again.source.format, again.source.pages) == ("json", None)
    same_source = again.source.model_copy(
        update={
            "file_name": original.source.file_name,
            "sha256": original.source.sha256,
            "format": original.source.format,
            "pages": original.source.pages,
        }
    )
    assert again.model_copy(update={"source": same_source}) == original


@needs_samples
def test_json_result_object_of_the_cli_is_accepted() -> None:
    original = extracted("s000_insulation_resistance_pdf_form.pdf")
    wrapped = json.dumps({"file": "x.pdf", "extraction": original.model_dump(mode="json")})
    assert extract(wrapped.encode(), "x.json").measurements == original.measurements


def test_json_that_does_not_fit_names_the_first_problem() -> None:
    dump = {
        "source": {"file_name": "a", "sha256": "0", "format": "pdf_text"},
        "equipment": {"type": "SPACESHIP"},
        "test": {"type": "GROUNDING"},
    }
    with pytest.raises(ReportError) as raised:
        extract(json.dumps(dump).encode(), "a.json")
    sentence = str(raised.value)
    assert "equipment.type" in sentence and sentence.endswith(".")
    assert "\n" not in sentence


def test_json_without_test_type_cannot_be_audited() -> None:
    dump = {"source": {"file_name": "a", "sha256": "0", "format": "json"}}
    with pytest.raises(ReportError, match="Could not tell which test"):
        extract(json.dumps(dump).encode(), "a.json")


@pytest.mark.parametrize(
    "content", [b"\x00\x01\x02binary", b"PK\x03\x04 not a workbook", b"plain words only"]
)
def test_unsupported_files_are_refused_in_a_sentence(content: bytes) -> None:
    with pytest.raises(ReportError) as raised:
        extract(content, "x.bin")
    assert str(raised.value).endswith(".")


def test_readable_file_of_no_known_test() -> None:
    with pytest.raises(ReportError) as raised:
        extract(b"Item;Qty;Price\nCable ties;100;4,50\n", "order.csv")
    assert str(raised.value) == UNKNOWN_TEST


@needs_samples
def test_text_pdf_is_read_well_under_a_second() -> None:
    content = (SAMPLES / "s000_insulation_resistance_pdf_form.pdf").read_bytes()
    extract(content, "warm-up.pdf")
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        extract(content, "s000.pdf")
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.25
