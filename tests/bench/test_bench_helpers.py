"""The benchmark's pure parts: percentiles, summaries, units, tables and target verdicts."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_analyze.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_analyze", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


bench = _load()


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 95, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 0, 1.0),
        ([4.0, 1.0, 3.0, 2.0], 100, 4.0),
        (list(map(float, range(1, 101))), 95, 95.05),
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 95, 9.55),
    ],
)
def test_percentile_interpolates_linearly(values: list[float], q: float, expected: float) -> None:
    assert math.isclose(bench.percentile(values, q), expected)


def test_percentile_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="no values"):
        bench.percentile([], 50)
    with pytest.raises(ValueError, match="outside"):
        bench.percentile([1.0], 101)


def test_summarize_reports_median_p95_and_throughput() -> None:
    stats = bench.summarize("csv", [0.1, 0.2, 0.3, 0.4], reports=2)
    assert stats.calls == 4 and stats.reports == 2
    assert math.isclose(stats.median_s, 0.25)
    assert math.isclose(stats.p95_s, 0.385)
    assert math.isclose(stats.throughput_per_s, 4 / 1.0)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.00042, "420 µs"), (0.0123, "12.3 ms"), (0.5, "500 ms"), (1.416, "1.42 s")],
)
def test_format_seconds_picks_a_readable_unit(seconds: float, text: str) -> None:
    assert bench.format_seconds(seconds) == text


def test_markdown_table_aligns_columns() -> None:
    table = bench.markdown_table(("format", "p95"), [["pdf_text", "12 ms"], ["json", "1.5 ms"]])
    assert table.splitlines() == [
        "| format   |    p95 |",
        "| -------- | -----: |",
        "| pdf_text |  12 ms |",
        "| json     | 1.5 ms |",
    ]


def test_markdown_table_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError, match="2 cells for 3 headers"):
        bench.markdown_table(("a", "b", "c"), [["1", "2"]])


def test_targets_pass_and_fail_on_the_numbers() -> None:
    fast_text = bench.summarize("pdf_text", [0.02, 0.03, 0.04], reports=3)
    floor = bench.summarize("floor", [0.004, 0.005, 0.006], reports=3)
    slow_page = bench.summarize("scanned page", [2.0, 6.0, 7.0], reports=3)
    targets = bench.evaluate_targets({"pdf_text": fast_text, "scanned page": slow_page}, floor)
    verdicts = {t.name: t.passed for t in targets}
    assert verdicts == {
        "text PDF p95 per report": True,
        "text PDF median ÷ pypdfium2 floor": True,  # 0.03 / 0.005 = 6×
        "scanned page p95": False,
    }
    ratio = next(t for t in targets if "floor" in t.name)
    assert ratio.observed == "6.0×"


def test_report_renders_tables_targets_and_machine() -> None:
    by_format = {"pdf_text": bench.summarize("pdf_text", [0.02, 0.03], reports=2)}
    floor = bench.summarize("floor: pypdfium2 text only", [0.01, 0.01], reports=2)
    text = bench.report(by_format, floor, repeat=1, rss=(250.0, 80.0))
    assert text.startswith("# Benchmarks\n")
    assert "| pdf_text " in text and "| floor: pypdfium2 text only " in text
    assert "text PDF median ÷ pypdfium2 floor" in text and "2.5×" in text
    assert "cores" in text and "Peak RSS: 250 MB" in text


def test_the_floor_ratio_is_the_median_of_paired_calls() -> None:
    fast_text = bench.summarize("pdf_text", [0.02, 0.03, 0.04], reports=3)
    floor = bench.summarize("floor", [0.004, 0.005, 0.006], reports=3)
    targets = bench.evaluate_targets({"pdf_text": fast_text}, floor, ratios=[4.0, 12.0, 11.0])
    ratio = next(t for t in targets if "floor" in t.name)
    assert (ratio.observed, ratio.passed) == ("11.0×", False)  # not 0.03 / 0.005 = 6×


def test_paired_timing_alternates_which_call_goes_first() -> None:
    calls: list[str] = []
    sample = bench.Sample("a.pdf", "pdf_text", b"", 1)
    original = bench.pdfium_text
    bench.pdfium_text = lambda content: calls.append("floor")  # type: ignore[assignment,return-value]
    try:
        paired = bench.time_paired(lambda s: calls.append("engine"), [sample, sample], repeat=2)
    finally:
        bench.pdfium_text = original
    assert len(paired.engine) == len(paired.floor) == 4
    firsts = calls[0::2]
    assert firsts == ["engine", "floor", "floor", "engine"]
