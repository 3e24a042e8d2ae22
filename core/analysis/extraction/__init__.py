"""Extraction: report bytes → `ExtractionResult` (DESIGN.md §3), whatever the input format.

The format comes from the bytes (`sniff`); a JSON file is an `ExtractionResult` dump, validated
as is; every other format is read into a `Document` (`readers`) and interpreted (`interpret`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import ValidationError

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document
from core.analysis.extraction.interpret import UNKNOWN_TEST, interpret
from core.analysis.extraction.json_values import drop_impossible
from core.analysis.extraction.part_input import dump_part, load_part
from core.analysis.extraction.parts import Part, split_parts
from core.analysis.extraction.readers import read_document
from core.analysis.extraction.sniff import decode_text, sniff_format, unsupported_sentence
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.schemas import ExtractionResult, InputFormat, SourceInfo

__all__ = ["extract", "extract_part", "extract_parts", "interpret", "plan_parts"]


def extract(content: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> ExtractionResult:
    """Everything one report says, read from its bytes, as one report (a package's parts
    together; see `extract_parts`).

    Raises ReportError, with one sentence for people, for a file that cannot be analysed: an
    unsupported format, an unreadable file, a JSON that is no extraction, or a report whose test
    type cannot be told, and for a file over `limits` (`core.analysis.limits`).
    """
    fmt = sniff_format(content, filename)
    if fmt is None:
        raise ReportError(unsupported_sentence(content))
    if fmt is InputFormat.JSON:
        return _from_json(content, filename, limits)
    document = read_document(content, filename, fmt, limits)
    return interpret(document, _source(content, filename, document))


def extract_parts(
    content: bytes, filename: str, limits: Limits = DEFAULT_LIMITS
) -> list[ExtractionResult]:
    """Every equipment report in the file: one for a single report (its `source.part` None),
    one per sheet group or page range for a package (`parts.split_parts`). Raises ReportError
    as `extract` does; a package part that holds no test fails the whole file the same way."""
    planned = _split(content, filename, limits)
    if isinstance(planned, ExtractionResult):
        return [planned]
    return [interpret(part.document, source) for part, source in planned]


def plan_parts(
    content: bytes, filename: str, limits: Limits = DEFAULT_LIMITS
) -> ExtractionResult | list[tuple[str, bytes]]:
    """`extract_parts` in two steps, for one job per report: a file that is one report comes
    back read; a package's reports come back as (label, the part as read) for `extract_part`
    to interpret later, in another process, without reading the file again."""
    planned = _split(content, filename, limits)
    if isinstance(planned, ExtractionResult):
        return planned
    return [(source.part or "", dump_part(part.document, source)) for part, source in planned]


def extract_part(payload: bytes) -> ExtractionResult:
    """One report of a package from what `plan_parts` kept of it; raises ReportError as
    `extract` does."""
    document, source = load_part(payload)
    return interpret(document, source)


def _split(
    content: bytes, filename: str, limits: Limits
) -> ExtractionResult | list[tuple[Part, SourceInfo]]:
    fmt = sniff_format(content, filename)
    if fmt is None:
        raise ReportError(unsupported_sentence(content))
    if fmt is InputFormat.JSON:
        return _from_json(content, filename, limits)
    document = read_document(content, filename, fmt, limits)
    source = _source(content, filename, document)
    parts = split_parts(document, lambda piece: interpret(piece, source))
    if len(parts) == 1:
        return interpret(document, source)
    return [(part, source.model_copy(update={"part": part.label})) for part in parts]


def _source(content: bytes, filename: str, document: Document) -> SourceInfo:
    return SourceInfo(
        file_name=filename, sha256=_sha256(content), format=document.format, pages=document.pages
    )


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _from_json(content: bytes, filename: str, limits: Limits) -> ExtractionResult:
    """A saved (perhaps hand-corrected) extraction; only the file name and hash are renewed,
    so the same extraction audits to the same verdict whatever file it was saved as."""
    data = drop_impossible(_json_object(content, limits))
    # `source` describes the file being read, so it is renewed anyway: a hand-written report
    # may leave it out, or give only part of it, and may not claim to be what it is not (a
    # scanned PDF, say): what was read is JSON, with no pages.
    given: dict[str, Any] = data["source"] if isinstance(data.get("source"), dict) else {}
    data["source"] = {
        **given,
        "format": InputFormat.JSON.value,
        "pages": None,
        "file_name": filename,
        "sha256": _sha256(content),
    }
    try:
        result = ExtractionResult.model_validate(data)
    except ValidationError as error:
        raise ReportError(_first_problem(error)) from error
    if result.test.type is None:
        raise ReportError(UNKNOWN_TEST)
    return result


def _json_object(content: bytes, limits: Limits) -> dict[str, Any]:
    try:
        data = json.loads(decode_text(content) or "")
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReportError(
            "This JSON file is not valid JSON; fix it or export the extraction again."
        ) from error
    if _depth(data, limits.json_depth) > limits.json_depth:
        raise ReportError(
            f"This JSON file nests deeper than the {limits.json_depth} levels an extraction "
            "may have; export the extraction again."
        )
    if isinstance(data, dict) and "source" not in data and isinstance(data.get("extraction"), dict):
        data = data["extraction"]  # one result object of `python -m core analyze --json`
    if not isinstance(data, dict):
        raise ReportError(
            "This JSON file does not hold an AuditEng extraction (an object with source, "
            "equipment, test and measurements); export the extraction again."
        )
    return data


def _depth(data: object, most: int) -> int:
    """How deeply `data` nests (a scalar is 0), counted without recursion and only up to
    `most` + 1: a hostile file must not exhaust the stack of whoever walks it next."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > most:
            return level
        if isinstance(item, dict):
            stack.extend((value, level + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, level + 1) for value in item)
    return deepest


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the top level"
    message = str(first["msg"]).rstrip(".")
    message = message[:1].lower() + message[1:]
    if len(message) > 160:
        message = message[:157] + "…"
    return (
        f"This JSON file is not a valid AuditEng extraction: at {where}, {message}; "
        "correct that field or export the extraction again."
    )
