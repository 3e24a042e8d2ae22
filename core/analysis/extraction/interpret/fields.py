"""Key/value fields: labels found in a row and the words that follow them.

Handles `Label: value` lines, several pairs on one line (two-column forms), label and value in
adjacent cells (XLSX/CSV two-column tables), a row of labels above a row of values, and forms
printed without colons. A label is accepted where a label can stand: before a colon, as a whole
cell, or at the start of a line (multi-word labels also further on in a colon-less form); a
label word inside a sentence ("Insulation tested with all breakers open") is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis.extraction.interpret.chunks import is_numeric, is_unit_text
from core.analysis.extraction.interpret.labels import INSTRUMENT_ASSET, LABELS, SECTIONS, Label
from core.analysis.extraction.interpret.tokens import Line, Token, join, match_phrase, normalize
from core.schemas import SourceLocation

_GENERIC_TARGET = {
    "equipment.manufacturer": "instrument.manufacturer",
    "equipment.model": "instrument.model",
    "equipment.serial": "instrument.serial",
    "equipment.tag": INSTRUMENT_ASSET,  # "Asset #", "ID #": the firm's number for the instrument
}
_INSTRUMENT_OWNED = ("instrument.", INSTRUMENT_ASSET)


@dataclass(frozen=True, slots=True)
class FieldHit:
    field: str
    label: Label
    label_tokens: tuple[Token, ...]
    value_tokens: tuple[Token, ...]
    line: Line

    @property
    def label_text(self) -> str:
        return join(self.label_tokens)

    @property
    def value(self) -> str:
        return join(self.value_tokens)

    @property
    def source(self) -> SourceLocation:
        return self.line.source_of(self.value_tokens or self.label_tokens)

    @property
    def confidence(self) -> float:
        """How surely the value's text was read (the cells it came from)."""
        return self.line.confidence_of(self.value_tokens or self.label_tokens)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    label: Label


def section_of(line: Line) -> str | None:
    """'equipment' or 'instrument' when the line is a heading naming such a section."""
    if not line.tokens or len(line.tokens) > 5:
        return None
    return SECTIONS.get(normalize(line.text))


def find_fields(line: Line, section: str) -> list[FieldHit]:
    """The label/value pairs of one line; generic labels follow the current section."""
    spans = _label_spans(line)
    hits: list[FieldHit] = []
    for index, span in enumerate(spans):
        end = spans[index + 1].start if index + 1 < len(spans) else len(line.tokens)
        end = _end_of_cell(line.tokens, span.end, end)
        if _beyond_value_box(line, span, end) or _label_past_empty_box(line, span, end):
            end = span.end  # the form's value box is empty: what follows is the next label
        field = span.label.field
        # "Test Set: Megger MIT525  S/N: 1234": a bare S/N right after an instrument is its own.
        after_instrument = bool(hits) and hits[-1].field.startswith(_INSTRUMENT_OWNED)
        if span.label.generic and (section == "instrument" or after_instrument):
            field = _GENERIC_TARGET.get(field, field)
        hits.append(
            FieldHit(
                field,
                span.label,
                line.tokens[span.start : span.end],
                line.tokens[span.end : end],
                line,
            )
        )
    return hits


def _beyond_value_box(line: Line, span: _Span, end: int) -> bool:
    """A workbook form merges each label over a box and its value over the next one: a value
    starting further right than the cell after the label's box belongs to no value box of it
    (`Identifier` B6:F6, empty G6:X6, then the label `Eqpt. Location` at Z6)."""
    if span.end >= end:
        return False
    label_cell = line.row.cells[line.tokens[span.end - 1].cell]
    value_cell = line.row.cells[line.tokens[span.end].cell]
    if label_cell.span_to is None or label_cell is value_cell:
        return False
    value_column = column_of(value_cell.source.cell)
    return value_column is not None and value_column > letters_index(label_cell.span_to) + 1


def _label_past_empty_box(line: Line, span: _Span, end: int) -> bool:
    """The page's version of `_beyond_value_box`, which has no merged cells to go by: what
    follows the label starts with a label word and stands far right of it, past an empty box
    (`Breaker Identifier` … `Circuit / Cell No.`)."""
    if span.end >= end or not _far_apart(line, span.end - 1, span.end):
        return False
    return match_phrase(line.tokens, span.end, LABELS) is not None


def column_of(cell: str | None) -> int | None:
    """The column number of an A1 reference (`Z6` → 26), or None."""
    letters = "".join(ch for ch in (cell or "") if ch.isalpha())
    return letters_index(letters) if letters else None


def letters_index(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def _end_of_cell(tokens: Sequence[Token], start: int, end: int) -> int:
    """A value stops at the end of the cell it starts in (`Tag | T-1 | Nameplate | 13.8 kV`),
    unless the next cell is only its unit (`Voltage Rating | 13.8 | kV`)."""
    if start >= end:
        return end
    segment = tokens[start].segment
    stop = next((i for i in range(start, end) if tokens[i].segment != segment), end)
    unit_cell = stop < end and (
        stop + 1 == len(tokens) or tokens[stop + 1].segment != tokens[stop].segment
    )
    return stop + 1 if unit_cell and is_unit_text(tokens[stop].text) else stop


def _label_spans(line: Line) -> list[_Span]:
    tokens = line.tokens
    spans: list[_Span] = []
    colonless = False
    position = 0
    while position < len(tokens):
        hit = match_phrase(tokens, position, LABELS)
        if hit is not None:
            end = _absorb_qualifiers(tokens, position, position + hit[0])
            verdict = _accept(tokens, position, end, hit[1], colonless)
            if verdict == "cell" and hit[1].weak and spans and spans[-1].end == position:
                # "Location | Substation": a weak label word as the value — unless a page
                # shows an empty box between them (`Breaker Identifier … Circuit / Cell No.`)
                # or every cell of the row is a label (`Identifier | Position | Circuit`)
                kept = _far_apart(line, spans[-1].end - 1, position) or _row_of_labels(tokens)
                verdict = "cell" if kept else None
            if verdict == "listed" and spans and _inside_value_cell(tokens, spans[-1], position):
                verdict = None  # "Address | 4100 Ridgeline Pkwy, Building C": part of a value
            if verdict is not None:
                colonless = colonless or (verdict == "colonless" and not spans)
                spans.append(_Span(position, end, hit[1]))
                position = end
                continue
        position += 1
    return spans


_MIN_LABEL_ROW = 3


def _row_of_labels(tokens: Sequence[Token]) -> bool:
    """Three or more cells, each one whole label: a row of labels over a row of values."""
    cells: dict[int, list[Token]] = {}
    for token in tokens:
        cells.setdefault(token.segment, []).append(token)
    if len(cells) < _MIN_LABEL_ROW:
        return False
    for cell in cells.values():
        hit = match_phrase(cell, 0, LABELS)
        if hit is None or hit[0] != len(cell):
            return False
    return True


_EMPTY_BOX_PT = 72.0
"""A gap wider than this (an inch) and than twice the label is an empty value box."""


def _far_apart(line: Line, label_end: int, start: int) -> bool:
    """On a page (cells with their x extent), the cell at `start` stands far right of the label
    ending at `label_end`: a value is printed at the start of its box, next to its label."""
    label = line.row.cells[line.tokens[label_end].cell]
    after = line.row.cells[line.tokens[start].cell]
    if label.x0 is None or label.x1 is None or after.x0 is None or label is after:
        return False
    gap = after.x0 - label.x1
    return gap > max(_EMPTY_BOX_PT, 2 * (label.x1 - label.x0))


def _inside_value_cell(tokens: Sequence[Token], previous: _Span, position: int) -> bool:
    """The words from the previous label's end to `position` fill one cell, after the label's
    own: that cell is the previous label's value, and a label word inside it is text."""
    between = tokens[previous.end : position]
    if not between or between[0].segment == tokens[previous.end - 1].segment:
        return False
    return all(token.segment == tokens[position].segment for token in between)


def _absorb_qualifiers(tokens: Sequence[Token], start: int, end: int) -> int:
    """'Ambient Temp. (°F):' — the bracketed unit belongs to the label."""
    while (
        end < len(tokens)
        and tokens[end].paren
        and not tokens[end - 1].colon
        and tokens[end].segment == tokens[start].segment
    ):
        end += 1
    return end


def _accept(
    tokens: Sequence[Token], start: int, end: int, label: Label, colonless: bool
) -> str | None:
    """'colon', 'cell', 'listed', 'colonless' — how the label stands — or None when it is no
    label here."""
    first, last = tokens[start], tokens[end - 1]
    starts_cell = start == 0 or tokens[start - 1].segment != first.segment
    ends_cell = end == len(tokens) or tokens[end].segment != last.segment
    if end == len(tokens) and not last.colon and not (starts_cell and ends_cell and start):
        return None  # a label with nothing after it is a heading, not a field
    if start and is_numeric(tokens[start - 1]) and is_unit_text(first.text):
        return None  # "13.8 | kV": the unit of the value before it
    if last.colon and (starts_cell or not _inside_sentence(tokens, start)):
        return "colon"
    if starts_cell and ends_cell:
        return "cell"
    listed = start and tokens[start - 1].text.endswith((",", ";"))
    valued = end < len(tokens) and tokens[end].text[:1].isdigit()
    if listed and (end - start >= 2 or not label.weak or valued):
        # "Megger TTR310, Cal Date 2025-01-15, Cal Due 2026-01-15": pairs listed in a sentence.
        return "listed"
    if label.field.startswith("measure."):
        return None  # "Insulation Resistance Test Report" is a title, not a reading
    multiword = end - start >= 2
    if start == 0 and (multiword or not label.weak):
        return "colonless"
    if colonless and multiword and not label.weak:
        return "colonless"
    return None


def _inside_sentence(tokens: Sequence[Token], start: int) -> bool:
    """A colon label right after a lower-case word is prose ("see note: …"), not a field."""
    previous = tokens[start - 1].text
    return previous[-1:].isalpha() and previous.islower() and not previous.endswith(".")


def pair_vertical(labels: list[FieldHit], line: Line) -> list[FieldHit]:
    """A row of labels over a row of values: pair them cell by cell."""
    segments: dict[int, list[Token]] = {}
    for token in line.tokens:
        segments.setdefault(token.segment, []).append(token)
    values = list(segments.values())
    if len(values) != len(labels):
        return []
    return [
        FieldHit(hit.field, hit.label, hit.label_tokens, tuple(value), line)
        for hit, value in zip(labels, values, strict=True)
    ]
