"""Run one analysis in a child process with a time and memory ceiling, so no file can hang or
exhaust the process that serves everyone else (DESIGN: any file finishes within 2 min and 2 GB).

The children are warm: started once with the engine imported, reused for the next file, and
replaced after RECYCLE_AFTER files or as soon as a file hit a ceiling or crashed one, so the
isolation costs a pipe round trip per file instead of a process start. Each job sets its
ceilings inside the child (address space; CPU seconds, which the kernel enforces even if the
parent is gone), the parent also waits at most the time limit, and a child dies with the
process that started it.

The children come from a forkserver, which imports the parent's main module again, as
multiprocessing always does outside `fork`: an entry script that runs analyses keeps its work
under `if __name__ == "__main__":` (dashboard/app.py does; `python -m core` needs nothing)."""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import datetime as dt
import json
import math
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from core.analysis import analyze, analyze_part, analyze_parts, judge, split_package
from core.analysis.errors import is_resource_exhaustion
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.analysis.trending import History
from core.enums import TaskStatus
from core.forkserver import context as forkserver_context
from core.schemas import ExtractionResult, Outcome
from core.standards import Profile

TIME_LIMIT_S = 120
MEMORY_LIMIT_BYTES = 2 * 1024**3


RECYCLE_AFTER = 200
"""Files one warm child analyses before it is replaced (a slow leak never grows for long)."""
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when the process that forked it (the forkserver,
    which itself ends with the app or worker) dies, even in the middle of an analysis."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pipe's EOF still ends an idle child
        pass


def _serve(conn: Connection) -> None:
    """A warm child: analyse the jobs the parent sends, one at a time, until the pipe closes.
    Each job sets its own ceilings inside the child: address space, and CPU seconds counted
    from what the child has used so far (the kernel stops it with SIGXCPU past them)."""
    _die_with_parent()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        (content, filename, profile, as_of, max_bytes, memory_bytes, cpu_s, part, mode, limits) = (
            job[:10]
        )
        history: History = job[10] if len(job) > 10 else None  # older senders: no history
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, resource.RLIM_INFINITY))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(used + cpu_s), resource.RLIM_INFINITY))
        conn.send(_run(content, filename, profile, as_of, max_bytes, part, mode, limits, history))


def _run(
    content: bytes,
    filename: str,
    profile: Profile,
    as_of: dt.date,
    max_bytes: int | None,
    part: str | None,
    mode: str,
    limits: Limits,
    history: History = None,
) -> str | None:
    """What the job asked for as JSON — {"outcomes": […], "parts": [[label, part as read]]} —
    or None when the file exhausted the memory ceiling."""
    parts: list[tuple[str, bytes]] = []
    try:
        if mode == "every":
            outcomes = analyze_parts(
                content,
                filename,
                profile,
                as_of=as_of,
                max_bytes=max_bytes,
                limits=limits,
                history=history,
            )
        elif mode == "split":
            outcomes, parts = split_package(
                content,
                filename,
                profile,
                as_of=as_of,
                max_bytes=max_bytes,
                limits=limits,
                history=history,
            )
        elif mode == "part":
            outcomes = [analyze_part(content, filename, profile, as_of=as_of, history=history)]
        elif mode == "judge":
            extraction = ExtractionResult.model_validate_json(content)
            outcomes = [judge(extraction, profile, as_of=as_of, history=history)]
        else:
            one = analyze(
                content,
                filename,
                profile,
                as_of=as_of,
                max_bytes=max_bytes,
                part=part,
                limits=limits,
                history=history,
            )
            outcomes = [one]
        return json.dumps(
            {
                "outcomes": [outcome.model_dump(mode="json") for outcome in outcomes],
                "parts": [[label, payload.decode()] for label, payload in parts],
            }
        )
    except MemoryError:
        return None
    except Exception as error:
        if is_resource_exhaustion(error):
            return None
        # A bug must still end as this file's one-sentence failure, never a crash of the run.
        sentence = (
            f"AuditEng could not analyse this file because of an internal error "
            f"({type(error).__name__}); send it to the AuditEng team."
        )
        failed = Outcome(file=filename, status=TaskStatus.FAILED, error=sentence)
        return json.dumps({"outcomes": [failed.model_dump(mode="json")], "parts": []})


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    jobs: int = 0

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class _Pool:
    """Warm children, started on demand and reused across files: one per concurrent caller,
    each replaced after RECYCLE_AFTER files or as soon as a file hit a ceiling or crashed it."""

    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.stop()
        return self._start()

    def give_back(self, worker: _Worker, *, healthy: bool) -> None:
        worker.jobs += 1
        if not healthy or worker.jobs >= RECYCLE_AFTER:
            worker.stop()
            return
        with self._lock:
            self._idle.append(worker)

    def prestart(self, count: int) -> None:
        """Start `count` idle children now (a server warming up before its first upload)."""
        started = [self._start() for _ in range(count)]
        with self._lock:
            self._idle.extend(started)

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    @staticmethod
    def _start() -> _Worker:
        # forkserver, not fork: the app and the worker are multi-threaded, and a plain fork
        # copies locks other threads hold. The server preloads the engine once.
        context = forkserver_context()
        parent, child = context.Pipe(duplex=True)
        process = context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def warm_up(children: int = 1) -> None:
    """Start warm children before the first file, so it does not wait for one (the app)."""
    _POOL.prestart(children)


def analyze_isolated(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    part: str | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> Outcome:
    """`analyze` (one report, or the package part `part`) in a child process; a file over the
    ceilings or the `limits` gives a FAILED outcome."""
    job = _Job(content, filename, profile, as_of, max_bytes, part, "one", limits, history)
    return _isolated(job, (time_limit_s, memory_bytes))[0][0]


def analyze_parts_isolated(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> list[Outcome]:
    """`analyze_parts` (every equipment report in the file) in a child process, under the same
    ceilings for the whole file; a file over them gives one FAILED outcome."""
    job = _Job(content, filename, profile, as_of, max_bytes, None, "every", limits, history)
    return _isolated(job, (time_limit_s, memory_bytes))[0]


def split_package_isolated(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> tuple[list[Outcome], list[tuple[str, bytes]]]:
    """`split_package` in a child process: a judged single report, or a package's parts."""
    job = _Job(content, filename, profile, as_of, max_bytes, None, "split", limits, history)
    return _isolated(job, (time_limit_s, memory_bytes))


def analyze_part_isolated(
    payload: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    history: History = None,
) -> Outcome:
    """`analyze_part` (one report of a package, from what `split_package` kept) in a child."""
    job = _Job(payload, filename, profile, as_of, None, None, "part", DEFAULT_LIMITS, history)
    return _isolated(job, (time_limit_s, memory_bytes))[0][0]


def judge_isolated(
    extraction: ExtractionResult,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    history: History = None,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
) -> Outcome:
    """`judge` (a report already read, judged again with its asset's history) in a child."""
    content = extraction.model_dump_json().encode()
    job = _Job(content, filename, profile, as_of, None, None, "judge", DEFAULT_LIMITS, history)
    return _isolated(job, (time_limit_s, memory_bytes))[0][0]


@dataclass(frozen=True)
class _Job:
    content: bytes
    filename: str
    profile: Profile
    as_of: dt.date
    max_bytes: int | None
    part: str | None
    mode: str
    """"one" report, "every" report of a package, "split" a package, judge one "part", or
    "judge" again a report already read (`content` is its ExtractionResult JSON)."""
    limits: Limits
    history: History = None
    """The asset's earlier analyses (`AssetHistory`), carried into the child for HIST-."""


def _isolated(
    job: _Job, limits: tuple[float, int]
) -> tuple[list[Outcome], list[tuple[str, bytes]]]:
    time_limit_s, memory_bytes = limits
    filename = job.filename
    worker = _POOL.take()
    healthy = False
    try:
        worker.conn.send(
            (
                *(job.content, filename, job.profile, job.as_of, job.max_bytes),
                *(memory_bytes, time_limit_s, job.part, job.mode, job.limits, job.history),
            )
        )
        if not worker.conn.poll(time_limit_s):
            return [_failed(filename, f"took longer than {time_limit_s:.0f} seconds to read")], []
        payload = worker.conn.recv()
        if payload is None:
            needs = f"needs more than {memory_bytes / 1024**3:g} GB of memory to read"
            return [_failed(filename, needs)], []
        healthy = True
        answer = json.loads(payload)
        outcomes = [Outcome.model_validate(item) for item in answer["outcomes"]]
        return outcomes, [(label, part.encode()) for label, part in answer["parts"]]
    except (EOFError, OSError):
        worker.process.join(timeout=5)
        if worker.process.exitcode == -signal.SIGXCPU:
            return [_failed(filename, f"took longer than {time_limit_s:.0f} seconds to read")], []
        return [_failed(filename, "made the reader stop unexpectedly")], []
    finally:
        _POOL.give_back(worker, healthy=healthy)


def _failed(filename: str, why: str) -> Outcome:
    return Outcome(
        file=filename,
        status=TaskStatus.FAILED,
        error=f"This file {why}; check that it is a test report and not an oversized scan.",
    )
