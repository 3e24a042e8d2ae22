"""Builders for the hostile corpus (`samples/hostile.py`): broken, oversized and malicious PDFs,
images, CSV and JSON files, made in memory by code, so nothing large is committed (workbooks:
`samples/hostile_xlsx.py`). Every builder returns bytes and is deterministic (fixed seeds).
"""

from __future__ import annotations

import io
import json
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from samples.package_files import pdf

REPORTS = Path(__file__).resolve().parent / "reports"


def sample(name: str) -> bytes:
    return (REPORTS / name).read_bytes()


# --- images --------------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A PNG whose header declares width×height 8-bit gray pixels; the data is a few KB of a
    zlib stream of zero rows (truncated: a decoder that trusts the header allocates first)."""
    row = b"\x00" * (width + 1)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


# --- PDFs ----------------------------------------------------------------------------------


def pdf_pages(
    count: int,
    *,
    size: tuple[float, float] = letter,
    encrypt: str | None = None,
    text: str = "Circuit Breaker Test Report",
) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=size, invariant=1, encrypt=encrypt)
    for number in range(1, count + 1):
        if text:
            page.drawString(72, size[1] - 72, f"{text} — page {number}")
        page.showPage()
    page.save()
    return buffer.getvalue()


def report_pdf(rows: list[list[object]], *, encrypt: str | None = None) -> bytes:
    return pdf([rows], encrypt=encrypt)


def dense_pdf(pages: int, lines: int = 60) -> bytes:
    """Pages packed with readings, 246 cells each: what a file near the cell limit costs."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for number in range(pages):
        for line in range(lines):
            page.drawString(
                30,
                760 - line * 12,
                f"A-G {number}.{line}  1000 V   {line * 7 % 97} MOhm   B-G  2.2 GOhm   "
                f"C-G {line} MOhm  Pass",
            )
        page.showPage()
    page.save()
    return buffer.getvalue()


def flipped(content: bytes, *, seed: int = 7, share: float = 0.02) -> bytes:
    """`content` with a share of its bytes (past the header) inverted at random places."""
    rng = random.Random(seed)
    data = bytearray(content)
    for index in rng.sample(range(16, len(data)), int(len(data) * share)):
        data[index] ^= 0xFF
    return bytes(data)


# --- CSV, JSON and other text -------------------------------------------------------------------

CSV_SAMPLE = "ir_ups_480v_csv_comma.csv"
JSON_SAMPLE = "ir_generator_480v_json.json"


def csv_with(old: str, new: str) -> Callable[[], bytes]:
    def build() -> bytes:
        text = sample(CSV_SAMPLE).decode("utf-8")
        assert old in text
        return text.replace(old, new).encode("utf-8")

    return build


def json_with(first_value: str) -> Callable[[], bytes]:
    """The JSON sample with its first reading's value replaced by raw JSON text."""

    def build() -> bytes:
        data = json.loads(sample(JSON_SAMPLE))
        data["measurements"][0]["value"] = "@@VALUE@@"
        return json.dumps(data, indent=1).replace('"@@VALUE@@"', first_value).encode()

    return build


def json_control_characters() -> bytes:
    data = json.loads(sample(JSON_SAMPLE))
    data["equipment"]["tag"] = "GEN-\u0000\u001b[2J\u001b]0;owned\u00071\u202e"
    data["test"]["technician"] = "\u001b[31mM. Okafor\u001b[0m\r\nFAKE LINE"
    return json.dumps(data).encode()


def json_wrong_types() -> bytes:
    return json.dumps(
        {
            "schema_version": "one",
            "source": [],
            "equipment": {"tag": 5, "type": ["TRANSFORMER"], "voltage_rating_v": "high"},
            "test": "yesterday",
            "measurements": {"value": "a lot"},
        }
    ).encode()


def json_nested(depth: int) -> Callable[[], bytes]:
    def build() -> bytes:
        data = json.loads(sample(JSON_SAMPLE))
        data["equipment"]["description"] = "@@NEST@@"
        nest = "[" * depth + "1" + "]" * depth
        return json.dumps(data).replace('"@@NEST@@"', nest).encode()

    return build


def html() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Report</title><style>body{margin:0;padding:0}"
        b"</style></head><body><p>Insulation test, see attached; thanks, R.</p>"
        b"<script>document.location='http://127.0.0.1:9/'</script></body></html>"
    )


def executable() -> bytes:
    header = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44
    header += b"\x80\x00\x00\x00"  # e_lfanew
    stub = b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 40
    return header + stub + b"PE\x00\x00" + random.Random(2).randbytes(60_000)


def csv_48mb(size: int = 48_000_000) -> bytes:
    line = "Remark {n}, the breaker was racked out, inspected and cleaned; no defects, {n}\n"
    chunk = "".join(line.format(n=n) for n in range(10_000)).encode()
    return (chunk * (size // len(chunk) + 1))[:size]


def csv_million_columns() -> bytes:
    header = ",".join(f"C{n}" for n in range(1_000_000))
    values = ",".join(str(n % 997) for n in range(1_000_000))
    return f"{header}\n{values}\n".encode()


def csv_one_huge_field() -> bytes:
    return b'Equipment Tag,"' + b"A" * 20_000_000 + b'"\nTest Date,2026-03-02\n'


def over_limit(limit: int = 50 * 1024 * 1024) -> bytes:
    """One byte over `limit` (AUDITENG_MAX_UPLOAD_MB's default)."""
    head = b"%PDF-1.4\n% a scan exported at 1200 dpi\n"
    return head + b"\x00" * (limit + 1 - len(head))
