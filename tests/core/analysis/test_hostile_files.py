"""The hostile corpus (samples/hostile.py) through the isolated engine with the default ceilings
and limits: every input meets its expectation (FAILED with one plain sentence; a readable
report with impossible values COMPLETED, never APPROVED, with a DATA- finding; an odd but
harmless file read). Timings are bench/reliability.py's (docs/reliability.md), not asserted.

The same corpus through the command line in one run (slow) ends with valid JSON, no traceback
and nothing left in TMPDIR.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.analysis import analyze_parts
from core.analysis.isolation import analyze_isolated, analyze_parts_isolated
from core.analysis.limits import DEFAULT_LIMITS, Limits
from core.config import Settings
from core.enums import TaskStatus
from core.schemas import Outcome
from core.standards import load_profile
from samples.hostile import CASES, DEFAULT_SIZE_LIMIT, Expect, Seen, build, judge, names

ROOT = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 12, 1)
PROFILE = load_profile()
INPUTS = [
    pytest.param(name, marks=[pytest.mark.slow] if CASES[name].slow else []) for name in names()
]


def seen(outcomes: list[Outcome]) -> list[Seen]:
    return [
        Seen(o.status.value, o.error, o.verdict, tuple(f.rule_id for f in o.findings))
        for o in outcomes
    ]


def test_the_corpus_covers_what_the_issue_lists() -> None:
    assert len(CASES) >= 30
    kinds = {case.expect for case in CASES.values()}
    assert kinds == set(Expect)
    for needed in ("empty.pdf", "empty.xlsx", "empty.csv", "empty.png", "password_protected.pdf"):
        assert needed in CASES


@pytest.mark.parametrize("name", INPUTS)
def test_every_input_meets_its_expectation(name: str) -> None:
    case = CASES[name]
    outcomes = analyze_parts_isolated(
        build(name), name, PROFILE, as_of=AS_OF, max_bytes=DEFAULT_SIZE_LIMIT
    )
    assert judge(case.expect, seen(outcomes), parts=case.parts) is None, outcomes[0].error


READABLE = [name for name in names(slow=False) if CASES[name].expect is not Expect.FAILED]


@pytest.mark.parametrize("name", READABLE)
def test_every_readable_input_read_as_one_report_meets_its_expectation(name: str) -> None:
    case = CASES[name]
    outcome = analyze_isolated(
        build(name), name, PROFILE, as_of=AS_OF, max_bytes=DEFAULT_SIZE_LIMIT
    )
    assert judge(case.expect, seen([outcome])) is None, outcome.error


def test_the_settings_limits_reach_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITENG_LIMIT_PDF_PAGES", "2")
    limits = Settings(_env_file=None).analysis_limits  # type: ignore[call-arg]
    assert limits == Limits(pdf_pages=2) and Settings().limit_cells == DEFAULT_LIMITS.cells
    content = build("thousands_of_pages.pdf")
    [outcome] = analyze_parts_isolated(content, "x.pdf", PROFILE, as_of=AS_OF, limits=limits)
    assert outcome.status is TaskStatus.FAILED
    assert outcome.error is not None and "more than the 2 a report may have" in outcome.error


def test_a_scan_page_out_of_ocr_time_fails_the_report_in_the_isolated_engine() -> None:
    """The OCR budget is CPU seconds per page; a page over it fails the whole report with a
    sentence naming the page, never a result with the page left out."""
    content = (ROOT / "samples/reports/ir_panel_480v_scan_png.png").read_bytes()
    no_time = Limits(ocr_page_cpu_s=0.0)
    [outcome] = analyze_parts_isolated(content, "scan.png", PROFILE, as_of=AS_OF, limits=no_time)
    assert outcome.status is TaskStatus.FAILED
    assert outcome.error is not None and "page 1 needed more than 0 seconds" in outcome.error
    assert judge(Expect.FAILED, seen([outcome])) is None


@pytest.mark.parametrize("kind", ["pdf", "tiff"])
def test_more_scanned_pages_than_ocr_reads_fail_before_any_ocr(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report read in part could pass on the pages that were read: over `ocr_pages` scanned
    pages the file fails with a sentence, and Tesseract is never started."""
    import io

    from PIL import Image

    from core.analysis.errors import ReportError
    from core.analysis.extraction.readers import image, ocr, pdf
    from samples.hostile_build import pdf_pages

    def no_ocr(*_: object, **__: object) -> None:
        raise AssertionError("OCR started")

    monkeypatch.setattr(ocr, "_ocr_page", no_ocr)
    limits = Limits(ocr_pages=2)
    if kind == "pdf":
        with pytest.raises(ReportError, match="has 3 scanned pages, more than the 2 read by OCR"):
            pdf.read_pdf(pdf_pages(3, text=""), limits)
    else:
        frames = [Image.new("L", (200, 200), 255) for _ in range(3)]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
        with pytest.raises(ReportError, match="has 3 pages, more than the 2 read by OCR"):
            image.read_image(buffer.getvalue(), limits)


def test_a_bug_in_a_reader_is_caught_by_the_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge does not take the engine's internal-error sentence for a held input."""

    def broken(*_: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr("core.analysis.extraction.read_document", broken)
    outcomes = analyze_parts(b"a,b\n1,2\n", "x.csv", PROFILE, as_of=AS_OF)
    assert judge(Expect.FAILED, seen(outcomes)) is not None


@pytest.mark.slow
def test_the_whole_corpus_through_the_command_line(tmp_path: Path) -> None:
    folder, temp, data = tmp_path / "in", tmp_path / "tmp", tmp_path / "data"
    for directory in (folder, temp):
        directory.mkdir()
    paths = []
    for name in names():
        path = folder / name
        path.write_bytes(build(name))
        paths.append(path)
    env = {**os.environ, "TMPDIR": str(temp), "AUDITENG_DATA_DIR": str(data), "DATABASE_URL": ""}
    command = [sys.executable, "-m", "core", "analyze", "--json", "--as-of", AS_OF.isoformat()]
    result = subprocess.run(
        [*command, *map(str, paths)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    objects = json.loads(result.stdout)
    by_file: dict[str, list[Seen]] = {}
    for item in objects:
        by_file.setdefault(Path(item["file"]).name, []).append(
            Seen(
                item["status"],
                item["error"],
                item["verdict"],
                tuple(f["rule_id"] for f in item["findings"]),
            )
        )
    assert list(by_file) == names()  # one result per file, in order (a package: per report)
    problems = {
        name: why
        for name, outcomes in by_file.items()
        if (why := judge(CASES[name].expect, outcomes, parts=CASES[name].parts))
    }
    assert not problems
    assert not list(temp.iterdir()), "temporary files left behind"
    assert result.returncode == 1  # some files failed, as they must
