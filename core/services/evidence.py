"""Evidence in place: where in the uploaded document a finding, a reading or a region the
reader could not interpret was found, drawn so a reviewer can check it without the file.

A PDF (text or scan) or an image gives the page with the reading's box outlined and a crop
around it (`evidence_render`); a workbook or CSV gives the cells around the reading with its
cells marked. Who may see it is who may see the report (`tasks.get_task_for`: its owner or a
manager). Nothing is cached: each picture is drawn from the stored file when asked for.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis.limits import Limits
from core.enums import Severity
from core.schemas import ExtractionResult, InputFormat, SourceLocation
from core.services.context import ServiceContext
from core.services.errors import NotFound
from core.services.evidence_render import (
    CellTable,
    EvidenceUnavailable,
    column_letter,
    column_number,
    page_images,
    parse_cell,
)
from core.services.evidence_render import cell_table as _cell_table
from core.services.stored import StoredAnalysis, read_analysis
from core.services.tasks import get_task_for
from core.services.users import Actor

PICTURED = (InputFormat.PDF_TEXT, InputFormat.PDF_SCAN, InputFormat.IMAGE)
TABULAR = (InputFormat.XLSX, InputFormat.CSV)
IN_AUDIT_REPORT = (Severity.CRITICAL, Severity.MAJOR)
"""The findings whose evidence crop the PDF audit report prints."""
_MAX_REGION_ROWS = 200
_RANGE = re.compile(r"^(?:(?P<sheet>.+)!)?(?P<start>[A-Z]+\d+)(?::(?P<end>[A-Z]+\d+))?$")
_LINES = re.compile(r"lines? (\d+)(?:-(\d+))?")


@dataclass(frozen=True)
class DocumentEvidence:
    """One place in the document, ready to show: a picture, a table of cells, or a sentence."""

    where: str
    """The place in words: 'page 2, line 14', 'Test Sheet!B40', 'line 18, column B'."""
    page_png: bytes | None = None
    crop_png: bytes | None = None
    cells: CellTable | None = None
    note: str | None = None
    """Why nothing (or not everything) can be shown, in one sentence; None when all is."""

    @property
    def shown(self) -> bool:
        return self.page_png is not None or self.cells is not None


def finding_evidence(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, finding_id: uuid.UUID
) -> DocumentEvidence:
    """Where a finding's reading is in the document (NotFound for another report's finding)."""
    filename, stored, content = _load(ctx, actor, task_id)
    found = next((item for item in stored.findings if item.id == finding_id), None)
    if found is None:
        raise NotFound("This finding is not part of this report.")
    source = found.finding.evidence.source
    if source is None:
        return DocumentEvidence(
            where="the report as a whole",
            note="This finding is about the report as a whole, not one place in it.",
        )
    return locate(content, filename, _extraction(stored), source, _limits(ctx))


def measurement_evidence(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, index: int
) -> DocumentEvidence:
    """Where reading number `index` (0-based, as in the extraction) is in the document."""
    filename, stored, content = _load(ctx, actor, task_id)
    extraction = _extraction(stored)
    if not 0 <= index < len(extraction.measurements):
        raise NotFound("This report has no such reading.")
    source = extraction.measurements[index].source
    if source is None:
        return DocumentEvidence(where="unknown", note="Where this reading was found is not known.")
    return locate(content, filename, extraction, source, _limits(ctx))


def region_evidence(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, index: int
) -> DocumentEvidence:
    """A region the reader could not interpret (`not_understood[index]`), in the document."""
    filename, stored, content = _load(ctx, actor, task_id)
    extraction = _extraction(stored)
    if not 0 <= index < len(extraction.not_understood):
        raise NotFound("This report has no such region.")
    region = extraction.not_understood[index]
    source = region.source or SourceLocation()
    fmt = extraction.source.format
    if fmt in TABULAR:
        sheet, cells, rows = _region_cells(region.where, source)
        return _table(content, filename, fmt, region.where, sheet, cells, rows, _limits(ctx))
    return locate(content, filename, extraction, source, _limits(ctx), where=region.where)


def audit_crops(
    ctx: ServiceContext, file_path: str | None, stored: StoredAnalysis
) -> dict[uuid.UUID, bytes]:
    """The evidence crop (PNG) of each CRITICAL and MAJOR finding of a pictured report, by
    finding id, for the PDF audit report; a finding whose place cannot be drawn has none.
    Each page is drawn once however many findings it holds."""
    extraction = stored.extraction
    if extraction is None or extraction.source.format not in PICTURED or not file_path:
        return {}
    wanted = [
        (item.id, item.finding.evidence.source)
        for item in stored.findings
        if item.finding.severity in IN_AUDIT_REPORT
        and item.finding.evidence.source is not None
        and item.finding.evidence.source.box is not None
        and item.finding.evidence.source.page is not None
    ]
    if not wanted:
        return {}
    content = ctx.storage.get(file_path)
    crops: dict[uuid.UUID, bytes] = {}
    for finding_id, source in wanted:
        assert source is not None and source.page is not None
        try:
            images = page_images(
                content, extraction.source.format, source.page, source.box, _limits(ctx)
            )
        except EvidenceUnavailable:
            continue
        if images.crop_png is not None:
            crops[finding_id] = images.crop_png
    return crops


def locate(
    content: bytes,
    filename: str,
    extraction: ExtractionResult,
    source: SourceLocation,
    limits: Limits,
    *,
    where: str | None = None,
) -> DocumentEvidence:
    """The evidence of one location in the file `content` whose extraction is `extraction`."""
    fmt = extraction.source.format
    where = where or describe(source)
    if fmt is InputFormat.JSON:
        return DocumentEvidence(
            where=where,
            note="This report was uploaded as JSON data, which has no page to show; the value "
            f"is at {source.json_path or where} in the uploaded file.",
        )
    if fmt in TABULAR:
        cell = parse_cell(source.cell)
        cells = frozenset({cell}) if cell else frozenset()
        rows = frozenset({source.line}) if cell is None and source.line else frozenset()
        return _table(content, filename, fmt, where, source.sheet, cells, rows, limits)
    if source.page is None:
        return DocumentEvidence(where=where, note="The page of this place is not known.")
    try:
        images = page_images(content, fmt, source.page, source.box, limits)
    except EvidenceUnavailable as error:
        return DocumentEvidence(where=where, note=str(error))
    note = None
    if source.box is None:
        note = (
            "The page is shown without the reading marked: this analysis was made before "
            "AuditEng recorded where on the page each reading is; re-run it to mark it."
        )
    return DocumentEvidence(
        where=where, page_png=images.page_png, crop_png=images.crop_png, note=note
    )


def describe(source: SourceLocation) -> str:
    """A location in words, without the box."""
    return str(source.model_copy(update={"box": None}))


def _table(
    content: bytes,
    filename: str,
    fmt: InputFormat,
    where: str,
    sheet: str | None,
    cells: frozenset[tuple[int, str]],
    rows: frozenset[int],
    limits: Limits,
) -> DocumentEvidence:
    try:
        table = _cell_table(content, filename, fmt, sheet, cells, limits, rows)
    except EvidenceUnavailable as error:
        return DocumentEvidence(where=where, note=str(error))
    return DocumentEvidence(where=where, cells=table)


def _region_cells(
    where: str, source: SourceLocation
) -> tuple[str | None, frozenset[tuple[int, str]], frozenset[int]]:
    """A region's sheet, cells and whole rows from its name ('Test Sheet!B40:F52',
    'lines 12-14'), as `leftovers` writes it."""
    match = _RANGE.match(where)
    if match:
        start = parse_cell(match.group("start"))
        end = parse_cell(match.group("end")) or start
        assert start is not None and end is not None
        first, last = sorted((start[0], end[0]))
        last = min(last, first + _MAX_REGION_ROWS)
        low, high = sorted((column_number(start[1]), column_number(end[1])))
        cells = frozenset(
            (row, column_letter(col))
            for row in range(first, last + 1)
            for col in range(low, high + 1)
        )
        return match.group("sheet") or source.sheet, cells, frozenset()
    lines = _LINES.search(where)
    if lines:
        first = int(lines.group(1))
        last = min(int(lines.group(2) or first), first + _MAX_REGION_ROWS)
        return source.sheet, frozenset(), frozenset(range(first, last + 1))
    cell = parse_cell(source.cell)
    if cell:
        return source.sheet, frozenset({cell}), frozenset()
    return source.sheet, frozenset(), frozenset({source.line} if source.line else ())


def _load(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID
) -> tuple[str, StoredAnalysis, bytes]:
    """(file name, stored analysis, the uploaded bytes) of a task the actor may see."""
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        stored = read_analysis(session, task)
        if not task.file_path:
            raise NotFound("The original file was not kept (it was over the size limit).")
        filename, path = task.original_filename, task.file_path
    return filename, stored, ctx.storage.get(path)


def _extraction(stored: StoredAnalysis) -> ExtractionResult:
    if stored.extraction is None:
        raise NotFound("This report has no analysis to show evidence from.")
    return stored.extraction


def _limits(ctx: ServiceContext) -> Limits:
    return ctx.settings.analysis_limits


__all__: Sequence[str] = (
    "DocumentEvidence",
    "audit_crops",
    "finding_evidence",
    "measurement_evidence",
    "region_evidence",
)
