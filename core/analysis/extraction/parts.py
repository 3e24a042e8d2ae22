"""Packages: one file holding several equipment reports, split into one part per report.

A workbook with a sheet per breaker, or a PDF of test sheets one after another, is a package:
each report is read and judged on its own. The split is decided from what each sheet or page
says about itself, read by the same interpreter:

- a workbook: the sheets that hold readings, grouped by their equipment tag; sheets without a
  tag join the only tagged report, or stand alone when there are several;
- a PDF or multi-page scan: a new report starts at a page naming another tag than the report
  before it; pages naming none continue it, and a group of pages without readings (a cover, a
  comments page) joins its neighbour.

One group gives one report (`part` None), exactly as before. Sheets or pages outside every
group (a cover sheet, a dropdown list) are left out of a package's parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Document, Row
from core.schemas import ExtractionResult


@dataclass(slots=True)
class _Segment:
    key: str | int
    """A sheet name, or a page number."""
    rows: list[Row]
    tag: str | None = None
    readings: int = 0


@dataclass(slots=True)
class Part:
    label: str | None
    """'Sheet CB-2', 'pages 3-4', or None for a file that is one report."""
    document: Document


Reader = Callable[[Document], ExtractionResult]


def split_parts(document: Document, read: Reader) -> list[Part]:
    """The equipment reports in `document`; `read` interprets one sheet or page (it raises
    ReportError for one that holds no test)."""
    segments = _segments(document)
    if len(segments) < 2:
        return [Part(None, document)]
    for segment in segments:
        _describe(segment, document, read)
    by_sheet = all(isinstance(segment.key, str) for segment in segments)
    groups = _sheet_groups(segments) if by_sheet else _page_groups(segments)
    if len(groups) < 2:
        return [Part(None, document)]
    return [_part(group, document, by_sheet) for group in groups]


def _segments(document: Document) -> list[_Segment]:
    segments: dict[str | int, _Segment] = {}
    for row in document.rows:
        key: str | int | None = row.source.sheet
        if key is None:
            key = row.source.page
        if key is None:
            return []  # a CSV or a single image: one report
        segments.setdefault(key, _Segment(key, [])).rows.append(row)
    return list(segments.values())


def _describe(segment: _Segment, document: Document, read: Reader) -> None:
    try:
        result = read(_sub_document(document, segment.rows, pages=1))
    except ReportError:
        return
    segment.tag = _normal_tag(result.equipment.tag)
    segment.readings = len(result.measurements)


def _normal_tag(tag: str | None) -> str | None:
    text = " ".join((tag or "").split()).upper()
    return text or None


def _sheet_groups(segments: list[_Segment]) -> list[list[_Segment]]:
    reports = [segment for segment in segments if segment.readings]
    tagged: dict[str, list[_Segment]] = {}
    untagged: list[list[_Segment]] = []
    for segment in reports:
        if segment.tag is None:
            untagged.append([segment])
        else:
            tagged.setdefault(segment.tag, []).append(segment)
    if len(tagged) <= 1:
        return [reports] if reports else []
    groups = [*tagged.values(), *untagged]
    order = {segment.key: index for index, segment in enumerate(segments)}
    return sorted(groups, key=lambda group: order[group[0].key])


def _page_groups(segments: list[_Segment]) -> list[list[_Segment]]:
    groups: list[list[_Segment]] = []
    current: str | None = None
    for segment in segments:
        if not groups:
            groups.append([segment])
        elif segment.tag is None or segment.tag == current:
            groups[-1].append(segment)
            continue
        elif current is None:
            groups[-1].append(segment)  # the first report names its tag on a later page
        else:
            groups.append([segment])
        current = segment.tag
    return _join_pages_without_readings(groups)


def _join_pages_without_readings(groups: list[list[_Segment]]) -> list[list[_Segment]]:
    joined: list[list[_Segment]] = []
    for group in groups:
        if joined and not (_has_readings(group) and _has_readings(joined[-1])):
            joined[-1].extend(group)
        else:
            joined.append(list(group))
    return joined


def _has_readings(group: list[_Segment]) -> bool:
    return any(segment.readings for segment in group)


def _part(group: list[_Segment], document: Document, by_sheet: bool) -> Part:
    rows = [row for segment in group for row in segment.rows]
    keys = [segment.key for segment in group]
    if by_sheet:
        label = ("Sheet " if len(keys) == 1 else "Sheets ") + ", ".join(map(str, keys))
    else:
        pages = [int(key) for key in keys]
        first, last = min(pages), max(pages)
        label = f"page {first}" if first == last else f"pages {first}-{last}"
    return Part(label, _sub_document(document, rows, pages=len(keys) if not by_sheet else None))


def _sub_document(document: Document, rows: list[Row], *, pages: int | None) -> Document:
    return Document(
        format=document.format,
        rows=rows,
        pages=pages if document.pages is not None else None,
        notes=list(document.notes),
    )


__all__ = ["Part", "split_parts"]
