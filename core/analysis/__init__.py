"""The pure pipeline: `analyze_parts(content, filename, profile, as_of=…) -> [Outcome]`, one
outcome per equipment report in the file (one for a single report), and `analyze` for one report
(DESIGN.md §1). `split_package` and `analyze_part` are `analyze_parts` in two steps, so a
package's reports can be judged in jobs of their own.

Same bytes, profile and `as_of` give byte-identical JSON. No database, network, clock or
Streamlit here; every door (CLI, app, worker) calls this one function.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from core.analysis.errors import ReportError, is_resource_exhaustion
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.analysis.trending import History
from core.enums import TaskStatus
from core.schemas import ExtractionResult, Outcome
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
    part: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> Outcome:
    """Extract, validate and score one report: the whole file read as one, or the package part
    labelled `part`. A file that cannot be analysed (or is over `limits`) gives a FAILED
    outcome with one plain sentence in `error`; this function does not raise for bad input.
    `history` (`AssetHistory`, one or several) is the asset's earlier analyses, for HIST-."""
    from core.analysis.extraction import extract, extract_parts

    if part is None:
        return _guarded(
            filename,
            content,
            max_bytes,
            lambda: [extract(content, filename, limits)],
            profile,
            as_of,
            history,
        )[0]

    def the_part() -> list[ExtractionResult]:  # only that report is judged, not all of them
        return [e for e in extract_parts(content, filename, limits) if e.source.part == part]

    found = _guarded(filename, content, max_bytes, the_part, profile, as_of, history)
    if found:
        return found[0]
    return _failed(
        filename,
        f"This file no longer holds the report '{part}'; re-run the whole upload instead.",
    )


def analyze_parts(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> list[Outcome]:
    """Every equipment report in the file, each extracted, validated and scored on its own: one
    outcome for a single report (`part` None), one per sheet group or page range of a package.
    A file that cannot be analysed gives one FAILED outcome. Each report reads the `history`
    of its own asset (tag and site), when given."""
    from core.analysis.extraction import extract_parts

    def read() -> list[ExtractionResult]:
        return extract_parts(content, filename, limits)

    return _guarded(filename, content, max_bytes, read, profile, as_of, history)


def split_package(
    content: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    history: History = None,
) -> tuple[list[Outcome], list[tuple[str, bytes]]]:
    """`analyze_parts` in two steps, for one job per report. A file that is one report (or
    cannot be read) comes back judged: (outcomes, []). A package comes back as its reports,
    read but not judged: ([], [(label, the part as read), …]), each for `analyze_part`."""
    from core.analysis.extraction import plan_parts

    parts: list[tuple[str, bytes]] = []

    def read() -> list[ExtractionResult]:
        planned = plan_parts(content, filename, limits)
        if isinstance(planned, ExtractionResult):
            return [planned]
        parts.extend(planned)
        return []

    return _guarded(filename, content, max_bytes, read, profile, as_of, history), parts


def analyze_part(
    payload: bytes,
    filename: str,
    profile: Profile,
    *,
    as_of: dt.date,
    history: History = None,
) -> Outcome:
    """One report of a package, judged from what `split_package` kept of it: the same outcome
    `analyze_parts` gives that report."""
    from core.analysis.extraction import extract_part

    def read() -> list[ExtractionResult]:
        return [extract_part(payload)]

    return _guarded(filename, b"", None, read, profile, as_of, history)[0]


def judge(
    extraction: ExtractionResult,
    profile: Profile,
    *,
    as_of: dt.date,
    history: History = None,
) -> Outcome:
    """A report already read, judged again (with the asset's `history` once the services know
    its tag): the outcome `analyze` gives the file it was read from, with that history."""
    from core.analysis.evaluate import evaluate

    return evaluate(extraction, profile, as_of=as_of, history=history)


def _guarded(
    filename: str,
    content: bytes,
    max_bytes: int | None,
    read: Callable[[], list[ExtractionResult]],
    profile: Profile,
    as_of: dt.date,
    history: History = None,
) -> list[Outcome]:
    from core.analysis.evaluate import evaluate

    if max_bytes is not None and len(content) > max_bytes:
        return [_failed(filename, too_large_sentence(len(content), max_bytes))]
    try:
        extractions = read()
    except ReportError as error:
        return [_failed(filename, error.sentence)]
    except Exception as error:
        if is_resource_exhaustion(error):
            raise  # the caller's memory ceiling decides what to say
        # A reader bug must fail this file only, with a sentence, never a traceback for users.
        log.exception("reading %s failed unexpectedly", filename)
        return [
            _failed(
                filename,
                "AuditEng could not read this file because of an internal error; "
                "send it to the AuditEng team.",
            )
        ]
    return [
        evaluate(extraction, profile, as_of=as_of, history=history) for extraction in extractions
    ]


def _failed(filename: str, sentence: str) -> Outcome:
    return Outcome(file=filename, status=TaskStatus.FAILED, error=sentence)


__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "ReportError",
    "analyze",
    "analyze_part",
    "analyze_parts",
    "judge",
    "split_package",
    "too_large_sentence",
]
