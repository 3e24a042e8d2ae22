"""The app's drop-to-verdict time: a report dropped on the Upload page in headless Chromium until
its verdict shows, for a text PDF and for a scanned page, on the embedded SQLite default.

Starts `streamlit run dashboard/app.py` on a fresh data directory, logs in, and for each file
times `set_input_files` → the verdict word drawn (median of `--rounds`, each a fresh upload of
the file's bytes under another name so it is not offered as a duplicate). Also prints the
server's RSS after the runs. Targets (issue 10): text PDF < 2 s, scanned page < 5 s.

With `--scale-url`, a database filled by `bench/bench_dashboards.py` (100,000 analyses), it
also opens Trends and Tasks on the app served from that database as a manager and prints the
server's RSS with them open (target: under 300 MB). `--write-docs` replaces the
`## App drop to verdict` section of docs/benchmarks.md.

    python bench/bench_app.py [--rounds 3] [--scale-url postgresql+psycopg://…] --write-docs
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from bench.docs_sections import with_section  # noqa: E402
from tests.e2e.test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    COOKIE_WRITER,
    EMAIL,
    PASSWORD,
    VERDICT,
    _free_port,
    _log_in,
    _new_page,
    _ready,
    _settle,
    _wait_healthy,
)

DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## App drop to verdict"
FILES = {
    "text PDF": ROOT / "samples" / "reports" / "ir_swgr_480v_form.pdf",
    "scanned page (PDF)": ROOT / "samples" / "reports" / "ir_swgr_4kv_scan_pdf.pdf",
}
TARGETS_S = {"text PDF": 2.0, "scanned page (PDF)": 5.0}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale-url", help="a database filled by bench_dashboards.py")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    timings: dict[str, list[float]] = {name: [] for name in FILES}
    with served(None) as (url, server, data_dir), browsing(url) as page:
        for round_number in range(args.rounds):
            for name, path in FILES.items():
                timings[name].append(drop(page, url, path, data_dir, round_number))
        rss = rss_mib(server.pid)
    lines = markdown(timings, rss, args.rounds)
    if args.scale_url:
        lines += scale_lines(args.scale_url)
    print("\n".join(lines))
    if args.write_docs:
        old = DOCS.read_text() if DOCS.exists() else ""
        DOCS.write_text(with_section(old, SECTION, "\n".join([SECTION, "", *lines])))


@contextlib.contextmanager
def served(database_url: str | None) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """The app on a fresh data directory (SQLite) or on `database_url`, with an admin."""
    data_dir = Path(tempfile.mkdtemp(prefix="bench-app-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AUDITENG_DATA_DIR=str(data_dir / "data"), AUDITENG_ENV="development")
    if database_url:
        env["DATABASE_URL"] = database_url
    core = [sys.executable, "-m", "core"]
    subprocess.run([*core, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*core, "users", "create", "--email", EMAIL, "--role", "admin", "--password-stdin"],
        cwd=ROOT,
        env=env,
        input=f"{PASSWORD}\n".encode(),
        check=False,
        capture_output=True,
    )  # fmt: skip  (on a filled database the admin may exist from an earlier run)
    port = _free_port()
    log = data_dir / "streamlit.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.port", str(port), "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url, server, data_dir
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


@contextlib.contextmanager
def browsing(url: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        expect.set_options(timeout=300_000)
        page = _new_page(browser)
        page.set_default_timeout(300_000)
        page.goto(url)
        _log_in(page)
        _settle(page, COOKIE_WRITER)
        try:
            yield page
        finally:
            browser.close()


def scale_lines(database_url: str) -> list[str]:
    """RSS of a server whose session has Trends, then Tasks, open on a filled database."""
    with served(database_url) as (url, server, _), browsing(url) as page:
        before = rss_mib(server.pid)
        began = time.perf_counter()
        page.goto(f"{url}/trends")
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        _settle(page)
        trends_s, trends = time.perf_counter() - began, rss_mib(server.pid)
        page.goto(f"{url}/tasks")
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        _settle(page)
        tasks = rss_mib(server.pid)
        page.goto(f"{url}/trends")
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        _settle(page)
        again = rss_mib(server.pid)
    with create_engine(database_url).connect() as connection:
        analyses = connection.execute(text("SELECT count(*) FROM analyses")).scalar_one()
    return [
        "",
        f"On PostgreSQL with {analyses:,} analyses (bench_dashboards.py's data), one manager "
        "session:",
        "",
        "| moment | server RSS |",
        "|---|---|",
        f"| logged in | {before:.0f} MiB |",
        f"| Trends drawn ({trends_s:.1f} s after opening it) | {trends:.0f} MiB |",
        f"| then Tasks | {tasks:.0f} MiB |",
        f"| Trends again | {again:.0f} MiB |",
        "",
        "Target: under 300 MB with Trends open.",
    ]


def drop(page: Page, url: str, path: Path, data_dir: Path, round_number: int) -> float:
    """Seconds from dropping a copy of `path` on the Upload page to its verdict shown."""
    page.goto(f"{url}/upload")
    _settle(page)
    copy = data_dir / f"r{round_number}-{path.name}"
    # Another name and one byte more (a PDF comment after %%EOF): a new upload, not a duplicate.
    copy.write_bytes(path.read_bytes() + f"\n%{round_number}\n".encode())
    uploader = page.get_by_test_id("stFileUploader")
    _ready(uploader.get_by_test_id("stFileUploaderDropzone"))
    dropped = uploader.locator('input[type="file"]')
    expect(dropped).to_be_enabled()
    verdict = page.locator("strong").filter(has_text=VERDICT).first
    began = time.perf_counter()
    dropped.set_input_files(str(copy))
    expect(verdict).to_be_visible()
    seconds = time.perf_counter() - began
    failed = page.locator("strong").filter(has_text=re.compile(r"^FAILED$"))
    assert failed.count() == 0, f"{path.name} failed"
    return seconds


def markdown(timings: dict[str, list[float]], rss: float, rounds: int) -> list[str]:
    lines = [
        f"Measured {dt.date.today()} on this machine (2 cores), SQLite, headless Chromium on "
        f"loopback; median of {rounds} drops each (the first includes the app's first use).",
        "",
        "| file | drop → verdict (median) | runs | target |",
        "|---|---|---|---|",
    ]
    for name, values in timings.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        lines.append(
            f"| {name} | {statistics.median(values):.2f} s | {runs} | < {TARGETS_S[name]:.0f} s |"
        )
    lines += ["", f"Streamlit server RSS after the runs: {rss:.0f} MiB."]
    return lines


if __name__ == "__main__":
    main()
