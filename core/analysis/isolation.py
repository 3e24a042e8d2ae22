"""Run one analysis in a child process with a time and memory ceiling, so no file can hang or
exhaust the process that serves everyone else (DESIGN: any file finishes within 2 min and 2 GB).

The children come from a forkserver, which imports the parent's main module again, as
multiprocessing always does outside `fork`: an entry script that runs analyses keeps its work
under `if __name__ == "__main__":` (dashboard/app.py does; `python -m core` needs nothing)."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import resource
from multiprocessing.connection import Connection

from core.analysis import analyze, analyze_parts
from core.analysis.errors import is_resource_exhaustion
from core.enums import TaskStatus
from core.schemas import Outcome
from core.standards import Profile

TIME_LIMIT_S = 120
MEMORY_LIMIT_BYTES = 2 * 1024**3


def _child(
    conn: Connection,
    content: bytes,
    filename: str,
    profile: Profile,
    as_of: dt.date,
    max_bytes: int | None,
    memory_bytes: int,
    part: str | None,
    every_part: bool,
) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        if every_part:
            outcomes = analyze_parts(content, filename, profile, as_of=as_of, max_bytes=max_bytes)
        else:
            outcomes = [
                analyze(content, filename, profile, as_of=as_of, max_bytes=max_bytes, part=part)
            ]
        conn.send(json.dumps([outcome.model_dump(mode="json") for outcome in outcomes]))
    except MemoryError:
        conn.send(None)
    except Exception as error:
        if is_resource_exhaustion(error):
            conn.send(None)
            return
        # A bug must still end as this file's one-sentence failure, never a crash of the run.
        sentence = (
            f"AuditEng could not analyse this file because of an internal error "
            f"({type(error).__name__}); send it to the AuditEng team."
        )
        failed = Outcome(file=filename, status=TaskStatus.FAILED, error=sentence)
        conn.send(json.dumps([failed.model_dump(mode="json")]))
    finally:
        conn.close()


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
) -> Outcome:
    """`analyze` (one report, or the package part `part`) in a child process; a file over the
    limits gives a FAILED outcome."""
    limits = (time_limit_s, memory_bytes)
    return _isolated(content, filename, profile, as_of, max_bytes, part, False, limits)[0]


def analyze_parts_isolated(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
) -> list[Outcome]:
    """`analyze_parts` (every equipment report in the file) in a child process, under the same
    ceilings for the whole file; a file over them gives one FAILED outcome."""
    limits = (time_limit_s, memory_bytes)
    return _isolated(content, filename, profile, as_of, max_bytes, None, True, limits)


def _isolated(
    content: bytes,
    filename: str,
    profile: Profile,
    as_of: dt.date,
    max_bytes: int | None,
    part: str | None,
    every_part: bool,
    limits: tuple[float, int],
) -> list[Outcome]:
    time_limit_s, memory_bytes = limits
    # forkserver, not fork: the app and the worker are multi-threaded, and a plain fork
    # copies locks other threads hold. The server preloads the engine once.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["core.analysis", "core.analysis.evaluate", "core.analysis.extraction.readers.ocr_clean"]
    )
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(child, content, filename, profile, as_of, max_bytes, memory_bytes, part, every_part),
        daemon=True,
    )
    process.start()
    child.close()
    try:
        if parent.poll(time_limit_s):
            payload = parent.recv()
            if payload is not None:
                return [Outcome.model_validate(item) for item in json.loads(payload)]
            return [
                _failed(
                    filename, f"needs more than {memory_bytes / 1024**3:g} GB of memory to read"
                )
            ]
        return [_failed(filename, f"took longer than {time_limit_s:.0f} seconds to read")]
    except EOFError:
        return [_failed(filename, "made the reader stop unexpectedly")]
    finally:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        parent.close()


def _failed(filename: str, why: str) -> Outcome:
    return Outcome(
        file=filename,
        status=TaskStatus.FAILED,
        error=f"This file {why}; check that it is a test report and not an oversized scan.",
    )
