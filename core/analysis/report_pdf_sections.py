"""The sections of the PDF audit report, each drawing one part of an Outcome onto the page."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from fpdf.fonts import FontFace
from PIL import Image

from core.analysis import report_pdf_format as fmt
from core.analysis.windings import describe as describe_windings
from core.enums import Verdict
from core.formatting import percent, reading, with_unit
from core.schemas.extraction import Equipment, ExtractionResult, SourceLocation, TestInfo
from core.schemas.findings import Evidence
from core.schemas.outcome import Outcome

if TYPE_CHECKING:
    from core.analysis.report_pdf import AuditPdf, OverrideRow, ReportMeta

_MISSING = fmt.MISSING
_COMPARATORS = {">=": "≥", "<=": "≤"}


def title_block(pdf: AuditPdf, outcome: Outcome, meta: ReportMeta) -> None:
    pdf.use(18, bold=True)
    pdf.cell(0, 10, "AuditEng audit report", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.key_values(
        [
            ("File", meta.original_filename),
            ("Task", meta.task_id),
            ("Uploaded by", meta.uploaded_by),
            ("Uploaded at", fmt.moment(meta.uploaded_at)),
            ("Profile", meta.profile_id),
            ("Threshold set", meta.threshold_set),
        ]
    )
    if meta.share_url:
        pdf.use(8)
        pdf.set_text_color(21, 101, 192)
        pdf.cell(0, 5, pdf.safe(meta.share_url), link=meta.share_url, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _banner(pdf: AuditPdf, word: str, detail: str, colour: fmt.RGB, dark_text: bool) -> None:
    height = 16.0
    top = pdf.get_y()
    pdf.set_fill_color(*colour)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="F")
    # Amber is too light for white text; black keeps REVIEW readable when printed.
    pdf.set_text_color(*((0, 0, 0) if dark_text else (255, 255, 255)))
    pdf.set_xy(pdf.l_margin + 4, top)
    pdf.use(18, bold=True)
    pdf.cell(pdf.epw * 0.45, height, pdf.safe(word))
    pdf.use(11)
    pdf.cell(pdf.epw * 0.55 - 8, height, pdf.safe(detail), align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)  # fpdf2 tables paint cells with the current fill colour
    pdf.set_xy(pdf.l_margin, top + height + 2)


def verdict_banner(pdf: AuditPdf, outcome: Outcome, machine_verdict: Verdict | None) -> None:
    # As the Analysis page prints them (core.formatting): 93.5 %, confidence 96.0 %.
    compliance = percent(outcome.compliance_score)
    confidence = (
        _MISSING if outcome.confidence_score is None else percent(outcome.confidence_score * 100)
    )
    detail = f"Compliance {compliance}   ·   Confidence {confidence}"
    verdict = outcome.verdict
    if verdict is None:
        _banner(pdf, "NO VERDICT", detail, fmt.NEUTRAL_COLOUR, dark_text=False)
    else:
        colour = fmt.VERDICT_COLOURS[verdict]
        _banner(pdf, verdict.value, detail, colour, dark_text=verdict is Verdict.REVIEW)
    if machine_verdict is not None and machine_verdict != verdict:
        pdf.paragraph(
            f"Machine verdict: {machine_verdict.value}. The verdict above was recomputed after "
            "a manager overrode findings (see Overrides)."
        )


def failure(pdf: AuditPdf, outcome: Outcome) -> None:
    _banner(pdf, "ANALYSIS FAILED", "", fmt.NEUTRAL_COLOUR, dark_text=False)
    pdf.heading("Why the file could not be analysed")
    pdf.paragraph(outcome.error or "The analysis failed without a reason being recorded.")
    pdf.ln(2)
    pdf.paragraph("No scores or findings were produced. Correct the file and upload it again.")


def unfinished(pdf: AuditPdf, outcome: Outcome) -> None:
    _banner(pdf, "NOT FINISHED", outcome.status.value, fmt.NEUTRAL_COLOUR, dark_text=False)
    pdf.paragraph(outcome.error or "The analysis has not finished yet.")
    pdf.ln(2)
    pdf.paragraph("Download the report again once the analysis has completed.")


def _extraction(outcome: Outcome) -> ExtractionResult | None:
    return outcome.extraction


def _grid_section(
    pdf: AuditPdf,
    title: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    styles: Sequence[FontFace | None] | None = None,
    intro: str | None = None,
) -> None:
    """A titled table whose title never sits alone at the bottom of a page."""
    pdf.heading(title, keep_with_mm=pdf.grid_start_mm(rows[0], widths) + (8 if intro else 0))
    if intro:
        pdf.paragraph(intro, size=8)
        pdf.ln(1)
    pdf.grid(headings, rows, widths, styles)


def equipment(pdf: AuditPdf, outcome: Outcome, site: str | None) -> None:
    extraction = _extraction(outcome)
    item = extraction.equipment if extraction else Equipment()
    insulation = {"dry": "Dry-type", "liquid": "Liquid-filled"}.get(item.insulation or "", _MISSING)
    plate = describe_windings(item.windings, item.vector_group)
    windings = [("Windings", plate)] if plate else []
    pdf.heading("Equipment")
    pdf.key_values(
        [
            ("Tag", fmt.text_or_missing(outcome.equipment_tag or item.tag)),
            ("Type", fmt.enum_label(outcome.equipment_type or item.type)),
            ("Manufacturer", fmt.text_or_missing(item.manufacturer)),
            ("Model", fmt.text_or_missing(item.model)),
            ("Serial", fmt.text_or_missing(item.serial)),
            ("Voltage rating", fmt.voltage(item.voltage_rating_v)),
            *windings,
            # The site edited at upload wins over the one read from the report.
            ("Site", fmt.text_or_missing(site or item.site)),
            ("Insulation", insulation),
        ]
    )


def test_data(pdf: AuditPdf, outcome: Outcome) -> None:
    extraction = _extraction(outcome)
    test = extraction.test if extraction else TestInfo()
    pdf.heading("Test")
    pdf.key_values(
        [
            (
                "Tests" if len(outcome.test_types) > 1 else "Test type",
                " + ".join(fmt.enum_label(kind) for kind in outcome.test_types)
                or fmt.enum_label(outcome.test_type or test.type),
            ),
            ("Date", fmt.day(test.date)),
            ("Technician", fmt.text_or_missing(test.technician)),
            ("Company", fmt.text_or_missing(test.company)),
            ("Ambient", fmt.measured(test.ambient_temperature_c, " °C")),
            ("Humidity", fmt.measured(test.humidity_pct, " %")),
            ("Load", fmt.measured(test.load_pct, " %")),
            ("Standard", fmt.text_or_missing(test.standard)),
        ]
    )


def instruments(pdf: AuditPdf, outcome: Outcome) -> None:
    extraction = _extraction(outcome)
    if not extraction or not extraction.instruments:
        pdf.heading("Instruments")
        pdf.paragraph("No test instrument was found in the report.")
        return
    rows = [
        (
            instrument_name(item.manufacturer, item.model) or _MISSING,
            fmt.text_or_missing(item.serial),
            fmt.day(item.calibration_date),
            fmt.day(item.calibration_due_date),
        )
        for item in extraction.instruments
    ]
    headings = ("Instrument", "Serial", "Calibrated", "Calibration due")
    _grid_section(pdf, "Instruments", headings, rows, (40, 25, 17, 18))


def _override_keys(overrides: Sequence[OverrideRow]) -> set[tuple[str, str]]:
    return {(rule_id, point or "") for rule_id, point, *_ in overrides}


def findings(pdf: AuditPdf, outcome: Outcome, overrides: Sequence[OverrideRow]) -> None:
    title = f"Findings ({len(outcome.findings)})"
    if not outcome.findings:
        pdf.heading(title)
        pdf.paragraph("No findings: every evaluated check passed.")
        return
    overridden = _override_keys(overrides)
    rows: list[tuple[str, ...]] = []
    styles: list[FontFace | None] = []
    for finding in outcome.findings:  # in report order, as the engine and the reader give them
        evidence = finding.evidence
        severity = finding.severity.value
        if (finding.rule_id, evidence.point or "") in overridden:
            severity += "\noverridden"
        clause = f"\n{evidence.clause}" if evidence.clause else ""  # the limit's source
        rows.append(
            (
                severity,
                finding.rule_id,
                fmt.text_or_missing(evidence.point),
                finding.message,
                observed(evidence),
                limit(evidence) + clause,
                where(evidence.source),
                finding.remediation,
            )
        )
        styles.append(FontFace(emphasis="BOLD", color=fmt.SEVERITY_COLOURS[finding.severity]))
    headings = ("Severity", "Rule", "Point", "Finding", "Observed", "Limit", "Where", "Remediation")
    widths = (15, 14, 14, 38, 14, 21, 13, 33)
    _grid_section(pdf, title, headings, rows, widths, styles)


def observed(evidence: Evidence) -> str:
    """The observed value with its unit, and the corrected one where a correction applies."""
    if evidence.observed is None:
        return _MISSING
    text = _with_unit(evidence.observed, evidence.unit)
    if evidence.corrected is not None and evidence.corrected != evidence.observed:
        text += f" (corrected {_with_unit(evidence.corrected, evidence.unit)})"
    return text


def limit(evidence: Evidence) -> str:
    """What passes: the comparator and the limit with its unit (`≥ 100 MΩ`)."""
    if evidence.limit is None:
        return _MISSING
    comparator = _COMPARATORS.get(evidence.comparator or "", evidence.comparator or "")
    shown = _with_unit(evidence.limit, evidence.unit)
    return f"{comparator}{_NBSP}{shown}" if comparator else shown


_NBSP = "\u00a0"  # a value and its unit, or a comparator and its value, never split


def _with_unit(value: float | str, unit: str | None) -> str:
    return with_unit(value, unit, sep=_NBSP)


def where(source: SourceLocation | None) -> str:
    """A location in words (the box is for the evidence image, not for reading)."""
    return _MISSING if source is None else str(source)


def instrument_name(manufacturer: str | None, model: str | None) -> str:
    """`Fluke 1555`, never `Fluke Fluke 1555` when the model already names its maker."""
    if manufacturer and model and model.casefold().startswith(manufacturer.casefold()):
        return model
    return " ".join(filter(None, (manufacturer, model)))


_EVIDENCE_WIDTH_MM = 150.0
_EVIDENCE_MAX_HEIGHT_MM = 70.0


def evidence_images(pdf: AuditPdf, outcome: Outcome, images: Mapping[int, bytes]) -> None:
    """The crop of the page around each CRITICAL and MAJOR finding's reading, outlined."""
    shown = [(index, images[index]) for index in sorted(images) if index < len(outcome.findings)]
    if not shown:
        return
    pdf.heading("Evidence in the document", keep_with_mm=60)
    pdf.paragraph(
        "Where each critical and major finding was read, the reading outlined in red.", size=8
    )
    for index, png in shown:
        finding = outcome.findings[index]
        try:
            with Image.open(io.BytesIO(png)) as picture:
                width_px, height_px = picture.size
        except (OSError, ValueError):
            continue  # a crop that does not decode is left out, never a broken report
        width = _EVIDENCE_WIDTH_MM
        height = width * height_px / max(width_px, 1)
        if height > _EVIDENCE_MAX_HEIGHT_MM:
            width, height = width * _EVIDENCE_MAX_HEIGHT_MM / height, _EVIDENCE_MAX_HEIGHT_MM
        if pdf.will_page_break(height + 12):
            pdf.add_page()
        pdf.ln(1.5)
        pdf.use(8.5, bold=True)
        point = f" · {finding.evidence.point}" if finding.evidence.point else ""
        caption = (
            f"{finding.severity.value} {finding.rule_id}{point} · {where(finding.evidence.source)}"
        )
        pdf.multi_cell(0, 4.5, pdf.safe(caption), new_x="LMARGIN", new_y="NEXT")
        pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width, h=height)
        pdf.set_y(pdf.get_y() + 1)


def sign_off(pdf: AuditPdf) -> None:
    """Lines for the reviewer who accepts or rejects the report: name, signature, date."""
    pdf.heading("Reviewer sign-off", keep_with_mm=45)
    pdf.paragraph(
        "I have reviewed this audit report and the findings above against the test report.",
        size=8.5,
    )
    pdf.ln(4)
    pdf.use(9)
    pdf.set_draw_color(120, 120, 120)
    for label in ("Reviewer name", "Signature", "Date"):
        pdf.cell(32, 9, pdf.safe(label))
        y = pdf.get_y() + 7
        pdf.line(pdf.get_x(), y, pdf.l_margin + pdf.epw * 0.75, y)
        pdf.ln(11)


def overrides(pdf: AuditPdf, overrides: Sequence[OverrideRow]) -> None:
    if not overrides:
        return
    rows = [
        (rule_id, fmt.text_or_missing(point), justification, by, fmt.moment(at))
        for rule_id, point, justification, by, at in overrides
    ]
    headings = ("Rule", "Point", "Justification", "By", "At")
    intro = "A manager overrode these findings; they no longer count toward the score or verdict."
    _grid_section(pdf, "Overrides", headings, rows, (11, 13, 40, 33, 23), intro=intro)


def measurements(pdf: AuditPdf, outcome: Outcome) -> None:
    extraction = _extraction(outcome)
    if not extraction or not extraction.measurements:
        pdf.heading("Measurements")
        pdf.paragraph("No measurements were read from the report.")
        return
    rows = [
        (
            fmt.QUANTITY_LABELS.get(item.quantity, fmt.enum_label(item.quantity)),
            item.point,
            reading(item.value, item.unit, item.censored),
            fmt.measurement_conditions(item),
            str(item.source) if item.source else _MISSING,
        )
        for item in extraction.measurements
    ]
    headings = ("Quantity", "Point", "Value", "Conditions", "Where")
    _grid_section(pdf, "Measurements", headings, rows, (28, 20, 20, 40, 16))


def warnings(pdf: AuditPdf, outcome: Outcome) -> None:
    extraction = _extraction(outcome)
    rows = [
        (item.message, str(item.source) if item.source else _MISSING)
        for item in (extraction.warnings if extraction else [])
    ]
    if outcome.validation:
        rows += [
            (f"Rule {error.rule_id} could not run: {error.message}", _MISSING)
            for error in outcome.validation.engine_errors
        ]
    if not rows:
        pdf.heading("Extraction warnings")
        pdf.paragraph("The extraction raised no warnings.")
        return
    _grid_section(pdf, "Extraction warnings", ("Warning", "Where"), rows, (80, 20))
