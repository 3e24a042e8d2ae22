"""Whatever the rows hold, the interpreter returns a result or a ReportError, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interpret_helpers import run, text_doc

from core.analysis.errors import ReportError
from core.schemas import ExtractionResult

WORDS = [
    "Equipment Tag:",
    "SWGR-1A",
    "Test Date:",
    "03/04/2025",
    "2026-13-45",
    "Phase",
    "A-G",
    "B",
    "Pole 1",
    "|",
    "Reading (1 min)",
    "Hot Spot",
    "ΔT",
    "Reference",
    "Tap",
    "Ratio",
    "Nameplate Ratio",
    "Distance (% of C2)",
    "Resistance (µΩ)",
    ">2,200 MΩ",
    "OL",
    "∞",
    "NaN",
    "-5",
    "1,000",
    "58,4 °C",
    "13:8 kV",
    "480Y/277",
    "(",
    ")",
    "[",
    ":",
    "=:",
    "Megger",
    "Infrared",
    "Fall of Potential",
    "TTR",
    "Ductor",
    "Remarks:",
    "Load",
    "62 %",
    "1e999",
    "Cal Due",
    "Instrument",
    "S/N",
    "Transformer",
    "Dry-type",
    "Report for equipment X-2",
]
line = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), min_size=0, max_size=9).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=14))
def test_any_rows_give_a_result_or_a_sentence(lines: list[str]) -> None:
    try:
        result = run(text_doc("\n".join(lines) or " "))
    except ReportError as error:
        assert str(error).endswith(".")
        return
    assert ExtractionResult.model_validate_json(result.model_dump_json()) == result
