"""The combined PDF audit report of a package: a cover page listing every equipment report of
the upload with its verdict and open CRITICAL/MAJOR findings, then each report's own audit
report (`core.services.reports.audit_report_pdf`, unchanged), pages concatenated by pypdfium2.

Built only when someone asks for it (a package of 40 reports is 40 renders).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import PurePath

import pypdfium2 as pdfium
from fpdf import FPDF

from core.analysis.report_pdf_format import transliterate
from core.safe_text import printable
from core.services import clock
from core.services.context import ServiceContext
from core.services.packages import PackageSummary, package_page
from core.services.reports import audit_report_pdf
from core.services.users import Actor

_COLUMNS = (("Report", 62.0), ("Tag", 32.0), ("Tests", 46.0), ("Verdict", 24.0), ("Open C/M", 18.0))


def _text(value: object) -> str:
    """Report text as a core font draws it: control characters dropped, Latin-1 only."""
    return transliterate(printable(str(value)))


def cover_page(summary: PackageSummary, *, share_url: str | None, now: dt.datetime) -> bytes:
    """One or more pages: the upload's facts, the verdict mix, one table row per report."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(now)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Package audit report", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    facts = [
        ("File", summary.original_filename),
        ("Site", summary.site or "-"),
        ("Uploaded by", summary.owner_email),
        (
            "Uploaded",
            summary.created_at.strftime("%Y-%m-%d %H:%M UTC") if summary.created_at else "-",
        ),
        ("Generated", now.strftime("%Y-%m-%d %H:%M UTC")),
        ("Reports", summary.sentence),
    ]
    if share_url:
        facts.append(("Link", share_url))
    for name, value in facts:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(30, 6, _text(name))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 6, _text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 9)
    for name, width in _COLUMNS:
        pdf.cell(width, 7, name, border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 8)
    for row in summary.parts:
        cells = (
            row.part,
            row.equipment_tag or "-",
            " + ".join(kind.replace("_", " ").lower() for kind in row.test_types) or "-",
            row.outcome,
            f"{row.open_critical} / {row.open_major}",
        )
        for (_, width), value in zip(_COLUMNS, cells, strict=True):
            text = _text(value)
            while text and pdf.get_string_width(text) > width - 2:
                text = text[:-2] + "~"  # a long name shortened, never wrapped mid-word
            pdf.cell(width, 6, text, border=1)
        pdf.ln()
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0,
        5,
        "Open C/M: CRITICAL / MAJOR findings no manager has overridden. "
        "Each report's full audit report follows, in this order.",
    )
    return bytes(pdf.output())


def package_audit_pdf(
    ctx: ServiceContext,
    actor: Actor,
    package_id: uuid.UUID,
    *,
    share_url: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[str, bytes]:
    """(file name, PDF bytes): the cover page, then every report's audit report in file order.
    The same checks as the package's tasks (its owner or a manager)."""
    summary = package_page(ctx, actor, package_id)
    moment = now or clock.now()
    parts = [cover_page(summary, share_url=share_url, now=moment)]
    parts += [audit_report_pdf(ctx, actor, row.task_id, now=moment)[1] for row in summary.parts]
    combined = pdfium.PdfDocument.new()
    for blob in parts:
        combined.import_pages(pdfium.PdfDocument(blob))
    buffer = io.BytesIO()
    combined.save(buffer)
    stem = PurePath(summary.original_filename).stem or "package"
    return f"{stem}-package-audit.pdf", buffer.getvalue()
