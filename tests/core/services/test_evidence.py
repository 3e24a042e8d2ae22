"""Evidence in place: a finding's reading drawn from the stored upload, outlined on its page
(text PDF, scan image) or marked among its cells (CSV, XLSX), for whoever may see the report."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.enums import Severity, TaskStatus
from core.schemas import SourceLocation
from core.services import evidence, reports, tasks, views
from core.services.context import ServiceContext
from core.services.errors import NotFound, PermissionDenied
from core.services.evidence_render import OUTLINE, outlined
from core.services.users import Actor

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "reports"
DAY = dt.date(2026, 12, 1)


def _analysed(ctx: ServiceContext, actor: Actor, name: str) -> uuid.UUID:
    content = (SAMPLES / name).read_bytes()
    task_id = tasks.submit_report(ctx, actor, filename=name, content=content).task_id
    assert tasks.run_analysis(ctx, task_id, as_of=DAY) == TaskStatus.COMPLETED
    return task_id


def _red_pixels(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGB"))
    return int((pixels == np.array(OUTLINE, dtype=np.uint8)).all(axis=2).sum())


def _first(ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, rule: str) -> uuid.UUID:
    view = views.get_analysis_view(ctx, actor, task_id)
    return next(f.id for f in view.findings if f.rule_id == rule)


@pytest.mark.parametrize("name", ["thm_swgr_form.pdf", "thm_panel_scan_png.png"])
def test_a_thermography_finding_is_outlined_on_its_page_at_the_delta_t(
    ctx: ServiceContext, engineer: Actor, name: str
) -> None:
    task_id = _analysed(ctx, engineer, name)
    view = views.get_analysis_view(ctx, engineer, task_id)
    finding = next(f for f in view.findings if f.rule_id == "THM-001")
    # The finding quotes the ΔT, so it points at the printed ΔT, and carries what it depends on.
    observed = finding.evidence.observed
    assert isinstance(observed, float) and f"{observed:.1f}" in (finding.evidence.raw or "")
    assert {"reference_c", "ambient_c", "load_pct"} <= set(finding.evidence.details)
    box = finding.evidence.source.box if finding.evidence.source else None
    assert box is not None and box[0] > 0.5  # the ΔT column is on the right of the table

    shown = evidence.finding_evidence(ctx, engineer, task_id, finding.id)
    assert shown.page_png is not None and shown.crop_png is not None and shown.note is None
    with Image.open(io.BytesIO(shown.page_png)) as page:
        assert 900 < page.width < 2000 and page.width * page.height <= 4_000_000
    assert _red_pixels(shown.crop_png) > 50  # the outline is in the crop
    assert shown.where.startswith("page 1, line")


def test_a_csv_finding_shows_the_cells_around_it_with_its_cell_marked(
    ctx: ServiceContext, engineer: Actor
) -> None:
    task_id = _analysed(ctx, engineer, "thm_cable_csv_comma_ambient.csv")
    finding_id = _first(ctx, engineer, task_id, "THM-002")
    shown = evidence.finding_evidence(ctx, engineer, task_id, finding_id)
    assert shown.page_png is None and shown.cells is not None
    table = shown.cells
    assert table.marked == frozenset({(18, "D")})
    numbers = [number for number, _ in table.rows]
    assert numbers[0] >= 13 and numbers[-1] <= 23 and 18 in numbers
    texts = dict(table.rows)[18]
    assert texts[table.columns.index("D")] == "46.5 °C"


def test_an_xlsx_measurement_shows_its_sheet_cells(ctx: ServiceContext, engineer: Actor) -> None:
    task_id = _analysed(ctx, engineer, "ir_swgr_480v_xlsx_ol.xlsx")
    view = views.get_analysis_view(ctx, engineer, task_id)
    assert view.extraction is not None
    index, reading = next(
        (i, m) for i, m in enumerate(view.extraction.measurements) if m.source and m.source.cell
    )
    shown = evidence.measurement_evidence(ctx, engineer, task_id, index)
    assert shown.cells is not None and reading.source is not None
    assert shown.cells.sheet == reading.source.sheet
    row, column = int(reading.source.cell[1:]), reading.source.cell[0]  # type: ignore[index]
    assert (row, column) in shown.cells.marked
    assert reading.raw.split()[0] in dict(shown.cells.rows)[row][shown.cells.columns.index(column)]


def test_evidence_is_for_who_may_see_the_report(
    ctx: ServiceContext, engineer: Actor, other_engineer: Actor, manager: Actor
) -> None:
    task_id = _analysed(ctx, engineer, "thm_swgr_form.pdf")
    finding_id = _first(ctx, engineer, task_id, "THM-001")
    with pytest.raises(PermissionDenied):
        evidence.finding_evidence(ctx, other_engineer, task_id, finding_id)
    assert evidence.finding_evidence(ctx, manager, task_id, finding_id).crop_png is not None
    with pytest.raises(NotFound):
        evidence.finding_evidence(ctx, engineer, task_id, uuid.uuid4())
    with pytest.raises(NotFound):
        evidence.measurement_evidence(ctx, engineer, task_id, 999)
    with pytest.raises(NotFound):
        evidence.region_evidence(ctx, engineer, task_id, 0)


def test_a_page_that_cannot_be_drawn_gives_a_sentence(ctx: ServiceContext) -> None:
    limits = ctx.settings.analysis_limits
    content = (SAMPLES / "thm_swgr_form.pdf").read_bytes()
    from core.analysis import analyze
    from core.standards import load_profile

    extraction = analyze(content, "f.pdf", load_profile(), as_of=DAY).extraction
    assert extraction is not None
    far = SourceLocation(page=40, line=1, box=(0.1, 0.1, 0.2, 0.2))
    shown = evidence.locate(content, "f.pdf", extraction, far, limits)
    assert not shown.shown and shown.note == "The PDF has no page 40."
    broken = evidence.locate(b"%PDF-1.7 broken", "f.pdf", extraction, far, limits)
    assert not broken.shown and broken.note and broken.note.endswith(".")
    # An extraction stored before boxes: the page, unmarked, and a sentence saying why.
    old = evidence.locate(content, "f.pdf", extraction, SourceLocation(page=1, line=3), limits)
    assert old.page_png is not None and old.crop_png is None and "re-run" in (old.note or "")


def test_the_outline_is_drawn_where_the_box_says() -> None:
    page = Image.new("RGB", (1000, 1400), "white")
    images = outlined(page, (0.5, 0.5, 0.6, 0.52))
    with Image.open(io.BytesIO(images.page_png)) as drawn:
        rgb = drawn.convert("RGB")
        assert rgb.getpixel((550, 699)) == OUTLINE  # the top edge, padded by two pixels
        assert rgb.getpixel((100, 100)) == (255, 255, 255)
    assert images.crop_png is not None
    with Image.open(io.BytesIO(images.crop_png)) as crop:
        assert crop.width == 600  # CROP_MIN: at least 60 % of the page's width


def test_the_audit_report_prints_the_crop_of_critical_findings(
    ctx: ServiceContext, engineer: Actor
) -> None:
    task_id = _analysed(ctx, engineer, "thm_swgr_form.pdf")
    stored_findings = views.get_analysis_view(ctx, engineer, task_id).findings
    assert any(f.severity is Severity.CRITICAL for f in stored_findings)
    _, pdf = reports.audit_report_pdf(
        ctx, engineer, task_id, share_url="https://audit.example.com/analysis?task=x"
    )
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    images = sum(
        1
        for i in range(len(document))
        for _ in document[i].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])
    )
    assert "Evidence in the document" in text and images >= 1
    assert "https://audit.example.com/analysis?task=x" in text
