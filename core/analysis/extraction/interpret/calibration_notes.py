"""Calibration written in a sentence: "DLRO10HD s/n 101402517 calibrated 02/13/2026".

Firms note calibration in the Comments rather than in the instrument block. Each such sentence
is linked to the instrument it names — by serial number, else by model — and fills its
calibration (or due) date where the block left it empty; a sentence that names no listed
instrument adds none (an instrument is never invented from prose).
"""

from __future__ import annotations

import re

from core.analysis.extraction.interpret.context import Context
from core.analysis.extraction.interpret.header import Header
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.tokens import Line, normalize

_DATE = (
    r"(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
)
_CALIBRATED = re.compile(
    rf"\b(?P<kind>calibrated(?:\s+on)?|cal(?:ibration)?\.?\s*date|last\s+cal(?:ibrated)?|"
    rf"cal(?:ibration)?\.?\s*due|due(?:\s+for\s+calibration)?|next\s+cal(?:ibration)?)"
    rf"\s*[:=]?\s*(?:on\s+)?{_DATE}",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[;\n]|(?<=\d)\.\s|\.\s+(?=[A-Z])")


def link_calibration_notes(header: Header, scan: Scan, ctx: Context) -> None:
    """Fill instruments' calibration dates from sentences that name them."""
    if not header.instruments:
        return
    for line in scan.lines:
        for clause in _CLAUSE.split(line.text):
            for match in _CALIBRATED.finditer(clause):
                _apply(header, ctx, line, clause, match)


def _apply(header: Header, ctx: Context, line: Line, clause: str, match: re.Match[str]) -> None:
    index = _instrument_named(header, clause[: match.start()] or clause)
    if index is None:
        return
    parsed = ctx.date(match.group(2))
    if parsed is None or parsed.value is None:
        return
    due = "due" in match.group("kind").lower() or "next" in match.group("kind").lower()
    name = "calibration_due_date" if due else "calibration_date"
    values = header.instruments[index]
    if values.get(name) is not None:
        return
    values[name] = parsed.value
    ctx.provenance(
        f"instruments.{index}.{name}",
        line.confidence_of(line.tokens),
        line.row.source,
        clause.strip(),
        inferred=True,
    )


def _instrument_named(header: Header, text: str) -> int | None:
    """The listed instrument a text names: its serial first, else its model (either way)."""
    key = normalize(text)
    for index, values in enumerate(header.instruments):
        serial = values.get("serial")
        if serial and normalize(str(serial)) in key:
            return index
    for index, values in enumerate(header.instruments):
        model = str(values.get("model") or "")
        words = [normalize(w) for w in model.split() if any(ch.isdigit() for ch in w)]
        if words and any(word in key for word in words):
            return index
    return None
