"""The whole app in a real headless Chromium: log in, upload a report and see its verdict, the
login cookie surviving a reload, Trends' charts, a share link opened in a fresh browser landing
on the same analysis after login, and logout deleting the cookie.

Runs `streamlit run dashboard/app.py` on a free port and a temporary SQLite data directory.
Screenshots go to `AUDITENG_E2E_SCREENSHOTS` when set (CI artifacts), else the test's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SAMPLE = "ir_swgr_480v_form.pdf"
EMAIL = "admin@example.com"
PASSWORD = "e2e-password-123"
VERDICT = re.compile(r"^(APPROVED|REVIEW|REJECTED)$")
TIMEOUT_MS = 60_000

pytestmark = pytest.mark.e2e


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is required in CI for the browser test")
    pytest.skip(f"{CHROMIUM} is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sample() -> tuple[Path, str]:
    """The project's own sample report and the equipment tag it carries."""
    expected = json.loads((ROOT / "samples" / "expected.json").read_text(encoding="utf-8"))
    entry = next(e for e in expected if e["file"] == SAMPLE)
    return ROOT / "samples" / "reports" / SAMPLE, entry["equipment_tag"]


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app on a fresh embedded database with one admin, created from the shell."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AUDITENG_DATA_DIR=str(tmp_path / "data"), AUDITENG_ENV="development")
    env.pop("AUDITENG_PUBLIC_URL", None)
    subprocess.run([sys.executable, "-m", "core", "db", "upgrade"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "core", "users", "create", "--email", EMAIL, "--role", "admin",
         "--password-stdin"],
        cwd=ROOT, env=env, input=f"{PASSWORD}\n".encode(), check=True,
    )  # fmt: skip
    port = _free_port()
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.port", str(port), "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AUDITENG_E2E_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(page: Page, email: str = EMAIL, password: str = PASSWORD) -> None:
    page.get_by_role("button", name="Log in").wait_for(timeout=TIMEOUT_MS)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()


def _session_cookie(context: BrowserContext) -> bool:
    return any(c["name"] == "auditeng_session" for c in context.cookies())


def _wait_until(condition: Callable[[], bool], timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_upload_trends_and_share_link_in_a_real_browser(server: str, screenshots: Path) -> None:
    _require_chromium()
    sample, tag = _sample()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            first = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = first.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(server)
            _log_in(page)
            expect(page.get_by_role("heading", name="Upload reports")).to_be_visible()
            expect(page).to_have_url(re.compile(r"/upload$"))
            _wait_until(lambda: _session_cookie(first))

            # Dropping the file starts the analysis: no other click.
            page.locator('input[type="file"]').set_input_files(str(sample))
            verdict = page.locator("strong").filter(has_text=VERDICT).first
            verdict.wait_for(timeout=TIMEOUT_MS)
            page.screenshot(path=screenshots / "1-upload-verdict.png", full_page=True)

            page.get_by_role("link", name="Open analysis").click()
            expect(page.get_by_role("heading", name=tag)).to_be_visible()
            expect(page).to_have_url(re.compile(r"/analysis\?task=[0-9a-f-]{36}$"))
            page.get_by_role("tab", name="Downloads & sharing").click()
            share_link = page.locator('[data-testid="stCode"] code').first.inner_text().strip()
            assert share_link == page.url
            page.screenshot(path=screenshots / "2-analysis.png", full_page=True)

            # A full page load is a new session: the login cookie logs the user back in.
            page.goto(f"{server}/trends")
            expect(page.get_by_role("heading", name="Trends")).to_be_visible()
            expect(page.locator(".js-plotly-plot")).to_have_count(6, timeout=TIMEOUT_MS)
            expect(page.get_by_role("button", name="Log in")).to_have_count(0)
            page.screenshot(path=screenshots / "3-trends.png", full_page=True)

            # Someone else's browser: the link asks for login, then shows the same analysis.
            fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
            other = fresh.new_page()
            other.set_default_timeout(TIMEOUT_MS)
            other.goto(share_link)
            _log_in(other)
            expect(other.get_by_role("heading", name=tag)).to_be_visible()
            assert other.url == share_link
            other.screenshot(path=screenshots / "4-share-link-fresh-browser.png", full_page=True)

            # Logout deletes the cookie: a reload asks for the password again.
            other.get_by_role("button", name="Log out").click()
            expect(other.get_by_text("You are logged out.")).to_be_visible()
            _wait_until(lambda: not _session_cookie(fresh))  # a browser component deletes it
            other.goto(share_link)
            expect(other.get_by_role("button", name="Log in")).to_be_visible()
        finally:
            browser.close()
