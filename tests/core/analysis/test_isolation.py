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


def _pids() -> set[int]:
    from core.analysis import isolation

    return {w.process.pid for w in isolation._POOL._idle if w.process.pid is not None}


def test_a_warm_child_serves_the_next_file() -> None:
    content = TEXT.read_bytes()
    analyze_isolated(content, TEXT.name, load_profile(), as_of=AS_OF)
    first = _pids()
    analyze_isolated(content, TEXT.name, load_profile(), as_of=AS_OF)
    assert first and _pids() == first


def test_a_child_that_hit_a_ceiling_is_replaced() -> None:
    content = TEXT.read_bytes()
    analyze_isolated(content, TEXT.name, load_profile(), as_of=AS_OF)
    before = _pids()
    failed = analyze_isolated(
        SCAN.read_bytes(), SCAN.name, load_profile(), as_of=AS_OF, time_limit_s=0.01
    )
    assert failed.status == TaskStatus.FAILED
    after = analyze_isolated(content, TEXT.name, load_profile(), as_of=AS_OF)
    assert after.status == TaskStatus.COMPLETED
    assert not before & _pids()


def test_the_cpu_ceiling_is_enforced_inside_the_child() -> None:
    """A child past its CPU seconds is stopped by the kernel (SIGXCPU) even when no parent is
    waiting for it: here the job is sent straight down the pipe and nobody polls."""
    import multiprocessing.connection
    import signal

    from core.analysis import isolation

    rows = "".join(f"Point {n},A-G,{2000 + n % 700},MΩ\n" for n in range(400_000))
    content = ("Insulation Resistance Test Report\nTest Point,Phase,Reading,Unit\n" + rows).encode()
    worker = isolation._POOL.take()
    from core.analysis.limits import Limits

    unbounded = Limits(rows=10**9, cells=10**9, text_chars=10**12)  # only the CPU ceiling
    job = (content, "big.csv", load_profile(), AS_OF, None, 2 * 1024**3, 1.0, None, False)
    job = (*job, unbounded)
    worker.conn.send(job)
    assert multiprocessing.connection.wait([worker.process.sentinel], timeout=60)
    worker.process.join(timeout=5)
    assert worker.process.exitcode == -signal.SIGXCPU
    isolation._POOL.give_back(worker, healthy=False)


def test_a_warm_child_dies_with_its_parent(tmp_path: Path) -> None:
    """Kill a process that started a warm child: the child goes too (PR_SET_PDEATHSIG on the
    forkserver chain, the pipe's EOF when idle)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import datetime as dt, sys, time\n"
        "from pathlib import Path\n"
        "from core.analysis import isolation\n"
        "from core.standards import load_profile\n"
        "if __name__ == '__main__':\n"
        "    path = Path(sys.argv[1])\n"
        "    isolation.analyze_isolated(path.read_bytes(), path.name, load_profile(),\n"
        "                               as_of=dt.date(2026, 1, 15))\n"
        "    print(isolation._POOL._idle[0].process.pid, flush=True)\n"
        "    time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, str(script), str(TEXT)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    os.kill(child, 0)  # alive while its parent is
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"warm child {child} outlived its parent")
