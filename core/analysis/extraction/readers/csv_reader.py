"""CSV reports in any common encoding and delimiter: each record becomes a Row.

A cell is located as `SourceLocation(line=<record>, cell="<column letter><record>")`, the A1
address the file has when opened in a spreadsheet. The delimiter is the one of `, ; TAB |`
that splits the most lines, csv.Sniffer breaking ties: a semicolon file with decimal commas
("58,4 °C") must not be read as comma-separated.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from core.analysis.errors import ReportError
from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.sniff import decode_text
from core.analysis.limits import DEFAULT_LIMITS, Limits, too_many_cells
from core.schemas import InputFormat, SourceLocation

_DELIMITERS = ",;\t|"
_DETECT_CHARS = 1_000_000
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)  # Excel's hint on a CSV's first line
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (NUL, ESC …) are no part of a label or value; a tab or newline is."""


def read_csv(content: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    text = decode_text(content)
    if text is None:
        raise ReportError(
            "The CSV file is not readable text; export it again as CSV (UTF-8) and upload it."
        )
    text = unicodedata.normalize("NFC", text)
    first, _, rest = text.partition("\n")
    hint = _SEP_LINE.match(first.strip("\ufeff\r"))
    if hint:
        text, delimiter = rest, hint.group(1)
    else:
        delimiter = detect_delimiter(text)
    rows, notes = _rows(text, delimiter, limits)
    if not rows:
        raise ReportError("The CSV file has no data; export the report again.")
    return Document(format=InputFormat.CSV, rows=rows, pages=None, notes=notes)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the most lines, the most consistently."""
    # The first 500 lines tell; a 48 MB file is not split whole to find them.
    lines = [line for line in text[:_DETECT_CHARS].splitlines()[:500] if line.strip()]
    scores = {delimiter: _score(lines, delimiter) for delimiter in _DELIMITERS}
    best = max(scores.values())
    leaders = [delimiter for delimiter, score in scores.items() if score == best]
    if best == (0, 0) or len(leaders) > 1:
        try:
            sniffed = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters=_DELIMITERS).delimiter
        except csv.Error:
            sniffed = ","
        return sniffed if sniffed in leaders or best == (0, 0) else leaders[0]
    return leaders[0]


def _score(lines: list[str], delimiter: str) -> tuple[int, int]:
    """(lines it splits, lines sharing the commonest field count) — quotes respected."""
    try:
        counts = [
            len(fields) for fields in csv.reader(lines, delimiter=delimiter) if len(fields) > 1
        ]
    except csv.Error:  # a field over the csv module's limit: not this delimiter's table
        return 0, 0
    if not counts:
        return 0, 0
    commonest = max(set(counts), key=counts.count)
    return len(counts), counts.count(commonest)


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: the spreadsheet column a CSV field lands in."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _rows(text: str, delimiter: str, limits: Limits) -> tuple[list[Row], list[str]]:
    """The records as rows, and notes on what was left out (records or fields past the limits).
    Raises ReportError for a malformed file or one with more filled cells than `limits.cells`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    record = cells_read = 0
    wide = False
    try:
        for fields in reader:
            record += 1
            if record > limits.rows:
                return rows, [
                    *_wide_note(wide, limits),
                    f"Only the first {limits.rows} records were read.",
                ]
            wide = wide or any(field.strip() for field in fields[limits.columns :])
            cells = tuple(
                Cell(
                    value,
                    SourceLocation(line=record, cell=f"{column_letter(col)}{record}"),
                    1.0,
                )
                for col, field in enumerate(fields[: limits.columns], start=1)
                if (value := _CONTROLS.sub("", field).strip())
            )
            if cells:
                cells_read += len(cells)
                if cells_read > limits.cells:
                    raise ReportError(too_many_cells(limits))
                rows.append(Row(cells, SourceLocation(line=record)))
    except csv.Error as error:
        raise ReportError(
            f"The CSV file is malformed near record {record + 1}; export it again and upload it."
        ) from error
    return rows, _wide_note(wide, limits)


def _wide_note(wide: bool, limits: Limits) -> list[str]:
    return [f"Only the first {limits.columns} columns were read."] if wide else []
