"""`python -m core analyze` prints report text as text: an escape sequence in a tag, a part name,
a finding or a file name shows as `\\x1b…` instead of retitling or clearing the terminal, and a
newline in one cannot forge a line of its own; `--json` stays JSON that decodes to the values."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from core import cli_analyze
from core.enums import Severity, TaskStatus, Verdict
from core.safe_text import printable
from core.schemas import Evidence, Finding, Outcome

TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
HOSTILE = f"SWGR{TITLE}{CLEAR}\x9b31m\u202etxt.exe\ud800\r\n  APPROVED  forged line"


def outcome(**changes: object) -> Outcome:
    values: dict[str, object] = {
        "file": f"reports/{HOSTILE}.json",
        "part": f"Sheet {HOSTILE}",
        "status": TaskStatus.COMPLETED,
        "equipment_tag": HOSTILE,
        "verdict": Verdict.REJECTED,
        "compliance_score": 40.0,
        "confidence_score": 0.9,
        "findings": [
            Finding(
                rule_id="IR-001",
                rule_name="insulation-resistance-below-minimum",
                severity=Severity.CRITICAL,
                message=f"Insulation resistance at {HOSTILE} below the minimum",
                evidence=Evidence(point=HOSTILE),
                remediation="Dry out and retest.",
            )
        ],
    }
    values.update(changes)
    return Outcome.model_validate(values)


def assert_inert(text: str) -> None:
    """Nothing a terminal would obey: no C0 control but newline, no DEL or C1, no bidi override,
    nothing that cannot be encoded; every line one the CLI wrote itself."""
    assert not any(
        (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E
        for c in text
    ), repr(text)
    text.encode("utf-8")  # a lone surrogate would raise here, as on a real stdout
    assert "\n  APPROVED  forged" not in text


def test_printable_shows_controls_as_escapes() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("\x07\x00\x7f\x9b") == "\\x07\\x00\\x7f\\x9b"
    assert (
        printable("\u202etxt.exe \u2066x\u2069 \udcff") == "\\u202etxt.exe \\u2066x\\u2069 \\udcff"
    )
    assert printable("tab\tand\nnewline\r\nCRLF\rCR") == "tab\tand\nnewline\nCRLF\\rCR"
    assert printable("one\nline\r\n", single_line=True) == "one\\nline\\r\\n"
    assert printable("MΩ °C Δ ≥ 日本語 🔥") == "MΩ °C Δ ≥ 日本語 🔥"  # text stays text


def test_the_human_output_shows_report_text_as_escapes() -> None:
    text = cli_analyze._human(outcome())
    assert_inert(text)
    assert printable(HOSTILE, single_line=True) in text  # the tag, the point, the file
    assert text.count("\n") == 4  # file, verdict, tag line, one finding


def test_a_failure_sentence_and_its_log_line_are_inert(caplog: pytest.LogCaptureFixture) -> None:
    failed = outcome(status=TaskStatus.FAILED, error=f"Cannot read {HOSTILE}", verdict=None)
    assert_inert(cli_analyze._human(failed))
    with caplog.at_level("WARNING", logger="auditeng.analyze"):
        cli_analyze._failed(f"missing/{HOSTILE}", f"There is no file at {HOSTILE}")
    assert caplog.messages
    assert_inert(caplog.messages[0])


def test_json_stays_json_with_every_control_escaped() -> None:
    payload = [cli_analyze._json_object(outcome())]
    text = cli_analyze.json_text(payload)
    assert_inert(text)
    assert json.loads(text) == json.loads(json.dumps(payload))  # the same values, decoded


def test_analyze_prints_a_hostile_report_inertly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.dashboard.helpers import report_json  # a valid JSON report to make hostile

    doc = report_json(tag=HOSTILE, readings_ohm=(2.5e9, 3.1e9, 5e6))
    doc["measurements"][2]["point"] = f"C-G {TITLE}"
    path = tmp_path / f"report{CLEAR}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for as_json in (False, True):
        args = argparse.Namespace(
            files=[path],
            profile="neta-ats-2025",
            as_of=None,
            json=as_json,
            fail_on=None,
            no_history=True,
            history=None,
            site=None,
        )
        cli_analyze.run_analyze(args)
        out = capsys.readouterr().out
        assert_inert(out)
        if as_json:
            assert json.loads(out)[0]["equipment_tag"] == HOSTILE
        else:
            assert "SWGR\\x1b]0;pwned\\x07" in out and "C-G \\x1b]0;pwned\\x07" in out
