"""Generated input through the sniffer, the CSV, XLSX and JSON readers and the table
interpreter: only the documented error, ReportError (with a sentence), ever escapes `extract`
and `extract_parts`. The fast profile keeps a few dozen examples per property; the `slow`
tests run the same properties much longer."""

from __future__ import annotations

import io
import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.analysis.errors import ReportError
from core.analysis.extraction import extract, extract_parts, interpret
from core.analysis.extraction.document import Cell, Document, Row
from core.analysis.extraction.sniff import sniff_format, unsupported_sentence
from core.schemas import ExtractionResult, InputFormat, SourceInfo, SourceLocation

ROOT = Path(__file__).resolve().parents[4]
JSON_SAMPLE = json.loads((ROOT / "samples/reports/ir_generator_480v_json.json").read_text("utf-8"))
FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
DEEP = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = [
    "Equipment Tag",
    "CB-1",
    "Test Date",
    "2026-03-02",
    "03/04/2025",
    "Phase",
    "A-G",
    "B-G",
    "Pole 1",
    "Test Voltage (VDC)",
    "Reading (1 min)",
    "MΩ",
    "GΩ",
    "µΩ",
    "1,000",
    "2.2 GΩ",
    ">2,200 MΩ",
    "OL",
    "NaN",
    "-5",
    "1e309",
    "inf",
    "58,4 °C",
    "480Y/277",
    "Transformer",
    "Insulation Resistance",
    "Contact Resistance",
    "Turns Ratio",
    "Hot Spot",
    "ΔT",
    "Calibration Due",
    "Megger MIT525",
    "Ambient",
    "=1+2",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "",
]
cell_text = st.sampled_from(WORDS) | st.text(max_size=12)
number = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**20), 10**20)


def outcome_of(content: bytes, name: str) -> None:
    """Read `content` both ways; anything but a result or a ReportError fails the test."""
    for read in (extract, extract_parts):
        try:
            results = read(content, name)
        except ReportError as error:
            assert str(error).endswith("."), str(error)
            assert "Traceback" not in str(error)
            continue
        for result in results if isinstance(results, list) else [results]:
            assert isinstance(result, ExtractionResult)


# --- the sniffer --------------------------------------------------------------------------

MAGIC = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"{",
    b"[",
    b"<html>",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
]


def _sniff(head: bytes, tail: bytes) -> None:
    content = head + tail
    try:
        fmt = sniff_format(content, "fuzz")
    except ReportError as error:
        assert str(error).endswith(".")
        return
    assert fmt is None or isinstance(fmt, InputFormat)
    if fmt is None:
        assert unsupported_sentence(content).endswith(".")


@FAST
@given(st.sampled_from(MAGIC), st.binary(max_size=600))
def test_the_sniffer_answers_or_says_why(head: bytes, tail: bytes) -> None:
    _sniff(head, tail)


@FAST
@given(st.sampled_from(MAGIC), st.binary(max_size=600))
def test_any_bytes_extract_or_fail_with_a_sentence(head: bytes, tail: bytes) -> None:
    outcome_of(head + tail, "fuzz.bin")


# --- CSV ----------------------------------------------------------------------------------


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.lists(cell_text | number.map(str), max_size=8), max_size=30))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote = draw(st.booleans())
    lines = [delimiter.join(f'"{v}"' if quote and '"' not in v else v for v in row) for row in rows]
    if draw(st.booleans()):
        lines.insert(0, f"sep={delimiter}")
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    return text.encode(encoding, errors="replace")


@FAST
@given(csv_files())
def test_any_csv_extracts_or_fails_with_a_sentence(content: bytes) -> None:
    outcome_of(content, "fuzz.csv")


# --- XLSX ---------------------------------------------------------------------------------

sheet_name = st.text(alphabet=string.ascii_letters + string.digits + " -_", min_size=1, max_size=20)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for index, title in enumerate(draw(st.lists(sheet_name, min_size=1, max_size=4, unique=True))):
        sheet = book.create_sheet(f"{title[:25]}{index}")
        for row in draw(
            st.lists(
                st.lists(
                    cell_text
                    | st.integers()
                    | st.floats(allow_nan=False, allow_infinity=False)
                    | st.none(),
                    max_size=7,
                ),
                max_size=20,
            )
        ):
            sheet.append([_xml_safe(v) for v in row])
        if index and draw(st.booleans()):  # the first stays visible, as Excel requires
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xml_safe(value: object) -> object:
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32).replace("\ufffe", "")
    return value


def _flip(content: bytes, positions: list[int]) -> bytes:
    data = bytearray(content)
    for position in positions:
        data[position % len(data)] ^= 0xFF
    return bytes(data)


@FAST
@given(workbooks())
def test_any_workbook_extracts_or_fails_with_a_sentence(content: bytes) -> None:
    outcome_of(content, "fuzz.xlsx")


@FAST
@given(workbooks(), st.lists(st.integers(0, 10**6), min_size=1, max_size=6))
def test_a_damaged_workbook_extracts_or_fails_with_a_sentence(
    content: bytes, positions: list[int]
) -> None:
    outcome_of(_flip(content, positions), "fuzz.xlsx")


# --- JSON ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | number | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _set(data: Any, path: list[str | int], value: object) -> Any:
    """`data` with the item at `path` (keys and indexes, taken modulo what is there) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    if isinstance(data, dict):
        key = sorted(data)[hash(path[0]) % len(data)]
        return {**data, key: _set(data[key], path[1:], value)}
    index = hash(path[0]) % len(data)
    return [*data[:index], _set(data[index], path[1:], value), *data[index + 1 :]]


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, allow_nan=True).encode()


@FAST
@given(json_values)
def test_any_json_extracts_or_fails_with_a_sentence(data: object) -> None:
    outcome_of(_json_bytes({"source": {}, **data} if isinstance(data, dict) else data), "x.json")


@FAST
@given(st.lists(st.text(max_size=6) | st.integers(0, 50), min_size=1, max_size=4), json_values)
def test_a_changed_extraction_extracts_or_fails_with_a_sentence(
    path: list[str | int], value: object
) -> None:
    outcome_of(_json_bytes(_set(JSON_SAMPLE, path, value)), "x.json")


# --- the table interpreter ----------------------------------------------------------------


@st.composite
def grids(draw: st.DrawFn) -> Document:
    fmt = draw(st.sampled_from([InputFormat.XLSX, InputFormat.CSV, InputFormat.PDF_TEXT]))
    rows = []
    for number_, values in enumerate(
        draw(st.lists(st.lists(cell_text, max_size=7), max_size=25)), start=1
    ):
        cells = tuple(
            Cell(
                text,
                SourceLocation(sheet="S", cell=f"{string.ascii_uppercase[i]}{number_}"),
                draw(st.floats(0, 1)),
                x0=float(i * 90),
                x1=float(i * 90 + 60),
            )
            for i, text in enumerate(values)
            if text.strip()
        )
        rows.append(Row(cells, SourceLocation(sheet="S", cell=f"{number_}:{number_}")))
    return Document(fmt, rows)


SOURCE = SourceInfo(file_name="grid", sha256="0" * 64, format=InputFormat.XLSX)


def _interpret(document: Document) -> None:
    try:
        result = interpret(document, SOURCE)
    except ReportError as error:
        assert str(error).endswith(".")
        return
    assert ExtractionResult.model_validate_json(result.model_dump_json()) == result


@FAST
@given(grids())
def test_any_grid_is_interpreted_or_fails_with_a_sentence(document: Document) -> None:
    _interpret(document)


# --- the deeper profile -------------------------------------------------------------------

DEEPER: list[tuple[Callable[..., None], tuple[Any, ...]]] = [
    (_sniff, (st.sampled_from(MAGIC), st.binary(max_size=4000))),
    (lambda c: outcome_of(c, "fuzz.csv"), (csv_files(),)),
    (lambda c: outcome_of(c, "fuzz.xlsx"), (workbooks(),)),
    (lambda c, p: outcome_of(_flip(c, p), "x.xlsx"), (workbooks(), st.lists(st.integers()))),
    (lambda d: outcome_of(_json_bytes(d), "x.json"), (json_values,)),
    (
        lambda p, v: outcome_of(_json_bytes(_set(JSON_SAMPLE, p, v)), "x.json"),
        (st.lists(st.text(max_size=6) | st.integers(0, 50), max_size=5), json_values),
    ),
    (_interpret, (grids(),)),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "index",
    range(len(DEEPER)),
    ids=["sniff", "csv", "xlsx", "damaged-xlsx", "json", "changed-json", "grid"],
)
def test_the_same_properties_hold_for_many_more_examples(index: int) -> None:
    check, strategies = DEEPER[index]
    DEEP(given(*strategies)(check))()
