"""The PDF audit report with hostile text in every field it prints: it renders, with either
font, and shows the text as written — no markdown or HTML interpreted, no link added, the
page-count alias not substituted, control characters as visible escapes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from core.analysis import report_pdf
from core.analysis.report_pdf import render_audit_report
from core.enums import Verdict
from core.schemas import ExtractionWarning, WarningCode
from tests.core.analysis.test_report_pdf import (
    make_extraction,
    make_finding,
    make_meta,
    make_outcome,
    pdf_text,
)

HOSTILE = {
    "markdown": "**bold** __u__ ~~s~~ [x](https://evil.example) ![i](https://evil.example/t.png)",
    "html": "<a href='https://evil.example'>x</a><b>b</b><img src=https://evil.example/i>",
    "alias": "{auditeng:pages} {nb} {:nb}",
    "controls": "a\x00b\x1b]0;pwned\x07c\x1b[2J\x08\x7f\x9bd",
    "surrogate": "bad \ud800 x \udcff",
    "bidi": "abc\u202etxt.exe",
    "lines": "line1\nline2\r\nline3\u2028x\x0cy",
    "emoji": "fire 🔥 😀",
}
URI = re.compile(rb"/URI\s*\(([^)]*)\)")


def hostile_report(text: str) -> tuple[bytes, str]:
    """The report with `text` in every field a report or a user fills."""
    finding = make_finding(1)
    finding = finding.model_copy(
        update={
            "message": f"Reading at {text}",
            "remediation": text,
            "evidence": finding.evidence.model_copy(update={"point": text, "clause": text}),
        }
    )
    extraction = make_extraction()
    extraction = extraction.model_copy(
        update={
            "equipment": extraction.equipment.model_copy(
                update={"tag": text, "manufacturer": text, "serial": text}
            ),
            "test": extraction.test.model_copy(update={"technician": text, "company": text}),
            "instruments": [
                extraction.instruments[0].model_copy(update={"model": text, "serial": text})
            ],
            "measurements": [m.model_copy(update={"point": text}) for m in extraction.measurements],
            "warnings": [ExtractionWarning(code=WarningCode.UNIT_ASSUMED, message=text)],
        }
    )
    outcome = make_outcome(
        findings=[finding], verdict=Verdict.REJECTED, equipment_tag=text, extraction=extraction
    )
    at = dt.datetime(2025, 3, 13, 9, 0, tzinfo=dt.UTC)
    meta = make_meta(
        original_filename=f"{text}.pdf",
        uploaded_by=text,
        site=text,
        overrides=[("IR-002", text, text, text, at)],
        machine_verdict=Verdict.REJECTED,
    )
    data = render_audit_report(outcome, meta)
    return data, pdf_text(data)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_renders_as_written(name: str) -> None:
    data, text = hostile_report(HOSTILE[name])
    assert data.startswith(b"%PDF")
    assert URI.findall(data) == [b"https://auditeng.example.com/analysis?task=7b0c2a4e"]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "Page 1 of" in text  # the footer's alias still counts pages


def test_markdown_and_html_are_printed_literally() -> None:
    assert HOSTILE["markdown"] in hostile_report(HOSTILE["markdown"])[1]
    assert HOSTILE["html"] in hostile_report(HOSTILE["html"])[1]


def test_the_page_count_alias_in_data_is_left_as_written() -> None:
    text = hostile_report(HOSTILE["alias"])[1].replace("\u200b", "")
    assert text.count("{auditeng:pages} {nb} {:nb}") >= 5


def test_control_characters_and_surrogates_show_as_escapes() -> None:
    text = hostile_report(HOSTILE["controls"])[1]
    for escape in ("a\\x00b", "\\x1b]0;pwned\\x07c", "\\x1b[2J\\x08\\x7f", "\\x9bd"):
        assert escape in text
    assert "bad \\ud800 x \\udcff" in hostile_report(HOSTILE["surrogate"])[1]
    assert "abc\\u202etxt.exe" in hostile_report(HOSTILE["bidi"])[1]


def test_hostile_text_renders_with_the_fallback_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(report_pdf, "DEJAVU_DIR", tmp_path)  # Helvetica, Latin-1 only
    for value in HOSTILE.values():
        data, text = hostile_report(value)
        assert URI.findall(data) == [b"https://auditeng.example.com/analysis?task=7b0c2a4e"]
        assert "Page 1 of" in text
