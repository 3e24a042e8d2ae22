"""The pure pipeline: `analyze(content, filename, profile, as_of=…) -> Outcome` (DESIGN.md §1).

Same bytes, profile and `as_of` give byte-identical JSON. No database, network, clock or
Streamlit here; every door (CLI, app, worker) calls this one function.
"""

from __future__ import annotations

import datetime as dt
import logging

from core.analysis.errors import ReportError, is_resource_exhaustion
from core.enums import TaskStatus
from core.schemas import Outcome
from core.standards import Profile

log = logging.getLogger(__name__)


def too_large_sentence(size_bytes: int, max_bytes: int) -> str:
    return (
        f"The file is {size_bytes / 1_048_576:.1f} MB, above the {max_bytes // 1_048_576} MB "
        "limit; split the report or export it at a lower resolution."
    )


def analyze(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
) -> Outcome:
    """Extract, validate and score one report. A file that cannot be analysed gives a FAILED
    outcome with one plain sentence in `error`; this function does not raise for bad input."""
    from core.analysis.evaluate import evaluate
    from core.analysis.extraction import extract

    if max_bytes is not None and len(content) > max_bytes:
        return _failed(filename, too_large_sentence(len(content), max_bytes))
    try:
        extraction = extract(content, filename)
    except ReportError as error:
        return _failed(filename, error.sentence)
    except Exception as error:
        if is_resource_exhaustion(error):
            raise  # the caller's memory ceiling decides what to say
        # A reader bug must fail this file only, with a sentence, never a traceback for users.
        log.exception("reading %s failed unexpectedly", filename)
        return _failed(
            filename,
            "AuditEng could not read this file because of an internal error; "
            "send it to the AuditEng team.",
        )
    return evaluate(extraction, profile, as_of=as_of)


def _failed(filename: str, sentence: str) -> Outcome:
    return Outcome(file=filename, status=TaskStatus.FAILED, error=sentence)


__all__ = ["ReportError", "analyze", "too_large_sentence"]
