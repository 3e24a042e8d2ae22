"""No file can hang or exhaust the process: time and memory ceilings end it as FAILED."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.analysis.isolation import analyze_isolated
from core.enums import TaskStatus
from core.standards import load_profile

ROOT = Path(__file__).resolve().parents[3]
SCAN = ROOT / "samples" / "reports" / "cr_vacuum_breaker_scan_png.png"
TEXT = ROOT / "samples" / "reports" / "ir_swgr_480v_form.pdf"
AS_OF = dt.date(2026, 1, 15)


def test_within_limits_gives_the_same_outcome_as_in_process() -> None:
    from core.analysis import analyze

    content = TEXT.read_bytes()
    isolated = analyze_isolated(content, TEXT.name, load_profile(), as_of=AS_OF)
    direct = analyze(content, TEXT.name, load_profile(), as_of=AS_OF)
    assert isolated.model_dump_json() == direct.model_dump_json()


def test_time_limit() -> None:
    outcome = analyze_isolated(
        SCAN.read_bytes(), SCAN.name, load_profile(), as_of=AS_OF, time_limit_s=0.01
    )
    assert outcome.status == TaskStatus.FAILED
    assert outcome.error is not None and "took longer than" in outcome.error


def test_memory_limit() -> None:
    outcome = analyze_isolated(
        SCAN.read_bytes(), SCAN.name, load_profile(), as_of=AS_OF, memory_bytes=64 * 1024**2
    )
    assert outcome.status == TaskStatus.FAILED
    assert outcome.error is not None and "memory" in outcome.error
