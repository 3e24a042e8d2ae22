"""The text-PDF reader's characters and cells: exact texts and positions on the samples, and the
one-call page text agreeing with asking pdfium character by character, exotic pages included."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from core.analysis.extraction.readers import pdf, pdf_chars

REPORTS = Path(__file__).resolve().parents[4] / "samples" / "reports"
TEXT_PDFS = sorted(p for p in REPORTS.glob("*.pdf") if "_scan_" not in p.name)

Cells = list[tuple[str, float | None, float | None]]


def _pages(content: bytes) -> list[list[tuple[int, Cells]] | None]:
    """Every page's rows as the reader returns them (None for a page without a text layer)."""
    document = pdfium.PdfDocument(content)
    try:
        pages = [pdf._with_page(document, n, pdf._text_rows) for n in range(1, len(document) + 1)]
    finally:
        document.close()
    return [
        None
        if rows is None
        else [(row.source.line, [(c.text, c.x0, c.x1) for c in row.cells]) for row in rows]
        for rows in pages
    ]


def _rows(name: str) -> dict[int, Cells]:
    (page,) = _pages((REPORTS / name).read_bytes())
    assert page is not None
    return dict(page)


def test_form_rows_with_their_cells_extents() -> None:
    rows = _rows("ir_swgr_480v_form.pdf")
    assert rows[3] == [
        ("Equipment Tag:", 51.33100128173828, 124.6520004272461),
        ("SWGR-2A", 145.45469665527344, 190.0666961669922),
        ("Test Date:", 321.1009826660156, 369.218505859375),
        ("2025-03-14", 438.047607421875, 491.9980773925781),
    ]
    assert rows[11] == [
        ("Test Point", 185.8509063720703, 232.85690307617188),
        ("Test Voltage (VDC)", 245.118896484375, 334.8368835449219),
        ("Reading (1 min)", 348.6622009277344, 423.22772216796875),
    ]
    assert rows[12] == [
        ("A-G", 185.94590759277344, 202.37139892578125),
        ("1,000", 246.18289184570312, 271.6903991699219),
        ("2,450 MΩ", 348.4247131347656, 393.0082092285156),
    ]


def test_grid_and_key_value_table_rows() -> None:
    grid = _rows("ttr_xfmr_13kv_grid4_taps.pdf")
    assert grid[11] == [
        ("Tap", 69.58200073242188, 85.8179931640625),
        ("Calculated Ratio", 133.9111328125, 206.7391357421875),
        ("H1-H3 / X1-X3", 220.20079040527344, 282.55279541015625),
        ("H2-H1 / X2-X1", 296.22027587890625, 358.46429443359375),
        ("H3-H2 / X3-X2", 372.23980712890625, 434.41180419921875),
    ]
    assert grid[12] == [
        ("1 (+5 %)", 70.58999633789062, 109.08299255371094),
        ("30.188", 134.0911407470703, 164.26812744140625),
        ("30.172", 220.00279235839844, 249.89178466796875),
        ("30.195", 296.02227783203125, 326.0282897949219),
        ("30.181", 372.04180908203125, 402.0028076171875),
    ]
    table = _rows("gnd_grid_kvtable.pdf")
    assert table[3] == [
        ("Equipment Tag", 70.48199462890625, 137.15399169921875),
        ("GG-SUB-A", 181.60940551757812, 226.06040954589844),
    ]
    assert table[13] == [
        ("Ambient Temperature", 69.6719970703125, 168.55499267578125),
        ("18.0 °C", 182.0954132080078, 214.27940368652344),
    ]


def test_single_spaced_lines_stay_one_cell() -> None:
    rows = _rows("thm_panel_lines.pdf")
    assert rows[3] == [("Device Designation: PP-2A", 57.6400032043457, 177.29998779296875)]
    assert rows[14] == [("Air Temperature: 23.5 °C", 56.970001220703125, 167.67999267578125)]


# The whole reading of every sample PDF (every page, row, cell text and extent), as the reader
# returned it before the per-character pdfium calls were cut: any change to what it reads or
# where shows here. Scanned PDFs have no text layer: `[None]`.
READING_DIGESTS = {
    "cr_breaker_form_deviation.pdf": "341f0a0e86b15d43",
    "cr_breaker_kvtable.pdf": "500b2588f5566c5f",
    "cr_breaker_lines_missing_tag.pdf": "200b2df3541b2386",
    "cr_breaker_scan_pdf_pole_columns.pdf": "778d5d27b716881d",
    "gnd_grid_form_curve_continuity.pdf": "61dbe6ec9f025048",
    "gnd_grid_kvtable.pdf": "8db996578eff82ff",
    "gnd_grid_scan_pdf.pdf": "778d5d27b716881d",
    "ir_cable_form_missing_voltage.pdf": "501d9cbcc569d358",
    "ir_mv_swgr_13kv_lines_overrange.pdf": "6fe60a15c9f00799",
    "ir_panel_208v_kvtable.pdf": "09ef213299e27f62",
    "ir_swgr_480v_form.pdf": "62c47c7983ae90d3",
    "ir_swgr_4kv_scan_pdf.pdf": "778d5d27b716881d",
    "ir_xfmr_liquid_13kv_grid4_timed.pdf": "04d824546e2107ff",
    "thm_mv_swgr_scan_pdf.pdf": "778d5d27b716881d",
    "thm_panel_lines.pdf": "3871e85740ee2cf5",
    "thm_pdu_grid4_phase_columns.pdf": "b61cb6d167be14eb",
    "thm_swgr_form.pdf": "50a91d6c615dbac5",
    "ttr_xfmr_13kv_form.pdf": "ba2a81b43c8e6b96",
    "ttr_xfmr_13kv_grid4_taps.pdf": "d617e00ce5d75e7c",
    "ttr_xfmr_34kv_scan_pdf.pdf": "778d5d27b716881d",
    "ttr_xfmr_kvtable_tag_mismatch.pdf": "696f06866a1890f8",
}


def test_every_sample_pdf_reads_as_before() -> None:
    found = {p.name for p in REPORTS.glob("*.pdf")}
    assert found == set(READING_DIGESTS)
    digests = {
        name: hashlib.sha256(repr(_pages((REPORTS / name).read_bytes())).encode()).hexdigest()[:16]
        for name in sorted(found)
    }
    assert digests == READING_DIGESTS


def cmap_pdf(mapping: dict[str, str], line: str) -> bytes:
    """A one-page PDF of `line` in Helvetica, whose ToUnicode CMap maps each character of
    `mapping` to its text (UTF-16 code units as written, surrogates and controls included)."""
    chars = "\n".join(
        f"<{ord(code):02X}> <{text.encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for code, text in mapping.items()
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Custom def "
        f"1 begincodespacerange <00> <FF> endcodespacerange\n{len(mapping)} beginbfchar\n"
        f"{chars}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    content = f"BT /F1 12 Tf 72 700 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(cmap), cmap),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


EXOTIC = {  # what the CMap maps "A" to, and whether pdfium's one-call text lines up
    "a pair of surrogates (U+1D400)": ("\U0001d400", False),
    "a lone surrogate": ("\ud835", False),
    "a control character pdfium leaves out of its text": ("\x93", False),
    "nothing (U+0000)": ("\x00", True),
    "a ligature": ("\ufb01", True),
    "two letters": ("ab", True),
}


def _chars_both_ways(
    content: bytes, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[list[pdf_chars.Char], str | None]]:
    """Each page's characters through the one-call text and character by character."""
    document = pdfium.PdfDocument(content)
    results = []
    try:
        for page in document:
            textpage = page.get_textpage()
            count = pdfium.raw.FPDFText_CountChars(textpage.raw)
            text = pdf_chars._page_text(textpage.raw, count)
            bulk = pdf_chars.page_chars(textpage)
            with monkeypatch.context() as patch:
                patch.setattr(pdf_chars, "_page_text", lambda raw, count: None)
                assert pdf_chars.page_chars(textpage) == bulk
            results.append((bulk, text))
            textpage.close()
            page.close()
    finally:
        document.close()
    return results


@pytest.mark.parametrize("case", EXOTIC)
def test_exotic_characters_read_as_pdfium_gives_them(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, lines_up = EXOTIC[case]
    [(chars, text)] = _chars_both_ways(cmap_pdf({"A": target, "B": "x"}, "BAB CB"), monkeypatch)
    assert (text is not None) == lines_up
    assert "".join(c.text for c in chars).startswith("x")


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_one_call_text_matches_character_by_character(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for chars, text in _chars_both_ways(path.read_bytes(), monkeypatch):
        assert text is not None and chars  # the samples take the one-call path
