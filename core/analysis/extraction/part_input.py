"""A package part as read, kept so another process can judge it without reading the file again.

A package (several equipment reports in one file) is analysed as one job per report: the upload's
job reads the file once and splits it (`plan_parts`), each report's job interprets and judges its
own rows (`extract_part`). What passes between them is this JSON: the part's rows with every
cell's text, place and confidence, and the file's source information. It round-trips exactly, so
a report judged in its own job gets the same outcome as in `extract_parts`.
"""

from __future__ import annotations

import json
from typing import Any

from core.analysis.extraction.document import Cell, Document, Row
from core.schemas import InputFormat, SourceInfo, SourceLocation

VERSION = 1


def dump_part(document: Document, source: SourceInfo) -> bytes:
    data = {
        "version": VERSION,
        "source": source.model_dump(mode="json"),
        "format": document.format.value,
        "pages": document.pages,
        "notes": document.notes,
        "rows": [
            {"source": _place(row.source), "cells": [_cell(cell) for cell in row.cells]}
            for row in document.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def load_part(payload: bytes) -> tuple[Document, SourceInfo]:
    data = json.loads(payload)
    if data.get("version") != VERSION:
        raise ValueError(f"a part saved in format {data.get('version')!r}, not {VERSION}")
    document = Document(
        format=InputFormat(data["format"]),
        rows=[
            Row(
                cells=tuple(_load_cell(cell) for cell in row["cells"]),
                source=SourceLocation.model_validate(row["source"]),
            )
            for row in data["rows"]
        ],
        pages=data["pages"],
        notes=list(data["notes"]),
    )
    return document, SourceInfo.model_validate(data["source"])


def _place(location: SourceLocation) -> dict[str, Any]:
    return location.model_dump(mode="json", exclude_none=True)


def _cell(cell: Cell) -> list[Any]:
    return [cell.text, _place(cell.source), cell.confidence, cell.span_to, cell.x0, cell.x1]


def _load_cell(item: list[Any]) -> Cell:
    text, place, confidence, span_to, x0, x1 = item
    return Cell(
        text=text,
        source=SourceLocation.model_validate(place),
        confidence=confidence,
        span_to=span_to,
        x0=x0,
        x1=x1,
    )
