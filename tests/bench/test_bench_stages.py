"""bench/stages.py: stage wrappers add up their time and go away; the section renders shares."""

from __future__ import annotations

import time
from types import SimpleNamespace

from bench.stages import Breakdown, instrumented, stages_section


def test_instrumented_stages_add_up_and_are_restored() -> None:
    def slow(x: int) -> int:
        time.sleep(0.01)
        return x + 1

    module = SimpleNamespace(step=slow)
    with instrumented([("step", module, "step")]) as totals:
        assert module.step(1) == 2 and module.step(2) == 3
    assert module.step is slow
    assert 0.02 <= totals["step"] < 1


def test_stages_section_shows_each_share_and_the_rest() -> None:
    scans = Breakdown("scanned page", 20, 0.8, {"preparation": 0.2, "Tesseract": 0.5})
    section = stages_section(None, scans)
    assert section.startswith("## Where the time goes\n")
    assert "| `analyze`, whole | 800.0 ms | 100 % |" in section
    assert "| preparation | 200.0 ms | 25 % |" in section
    assert "| decoding, rendering, interpreting, rules (the rest) | 100.0 ms | 13 % |" in section
