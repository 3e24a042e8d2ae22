"""The whole app in a real headless Chromium: log in, upload a report and see its verdict, the
login cookie surviving a reload, Trends' charts, a share link opened in a fresh browser landing
on the same analysis after login, logout deleting the cookie, and a copy of the cookie taken
before the logout refused when replayed. And a package, one PDF holding three equipment reports:
its verdict mix on Upload, its page listing each report with its tag and verdict, one report
and that report's asset, a finding's evidence image (the page with the reading outlined), and
the package's share link opened in a fresh browser (no cookies) asking for the login before it
shows anything, then showing the package.

Runs `streamlit run dashboard/app.py` on a free port and a temporary SQLite data directory.
Screenshots go to `AUDITENG_E2E_SCREENSHOTS` when set (CI artifacts), else the test's tmp dir.

No step races the app: each waits for the state it needs (a widget visible and enabled, a typed
value in place, every Streamlit run asked for finished, as streamlit_runs.js reads it off the
websocket), never for a fixed time. Timeouts only bound how long a broken app is waited for.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    expect,
    sync_playwright,
)

from samples.sheetgen.catalog import XFMR_JOB
from samples.sheetgen.packages import pdf_package

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
PACKAGE = "pkg_mixed_reports_pdf"  # samples/sheetgen: a text PDF of three reports, two pages each
EMAIL = "admin@example.com"
PASSWORD = "e2e-password-123"
VERDICT = re.compile(r"^(APPROVED|REVIEW|REJECTED)$")
COOKIE = "auditeng_session"
TIMEOUT_MS = 60_000  # a generous bound for each wait on a loaded machine, never a pause
HOVER_MS = 2_000  # how long one pointer move is given to show on a grid before another
FILL_ATTEMPTS = 5
LOGIN_ATTEMPTS = 3  # below the five failed logins that lock the account
APP_IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
STALE = '[data-testid="stElementContainer"][data-stale="true"]'
RUNS_JS = Path(__file__).with_name("streamlit_runs.js")
# Keys of the login cookie's browser components (streamlit-authenticator 0.4.2 through
# extra-streamlit-components): reading it on every new session, writing it after login, and
# deleting it at logout. Each sends a value once it has run, which starts another run.
COOKIE_READER, COOKIE_WRITER, COOKIE_DELETER = "init", "set", "delete"
GRID_ROWS = 'tbody tr[role="row"]'
"""st.dataframe draws on a canvas; Glide Data Grid keeps an accessible table of the rows and
columns in view beside it (`td[role=gridcell]`, the cell's text), drawn once the grid is ready."""

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


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


@dataclass(frozen=True)
class PackageFile:
    path: Path
    tags: frozenset[str]
    """The equipment tag of each report in the package, as a reviewer reads it."""


def _package(folder: Path) -> PackageFile:
    """The generated package (samples/sheetgen): written to `folder`, with its reports' tags."""
    case = pdf_package(XFMR_JOB)
    assert case.name == PACKAGE
    path = folder / case.filename
    path.write_bytes(case.content)
    return PackageFile(path, frozenset(part.tag for part in case.parts if part.tag))


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120  # a loaded machine starts slowly
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


def _new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(path=RUNS_JS)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _settle(page: Page, *components: str) -> None:
    """Wait until Streamlit is done: every run the page asked for has started and finished on
    the server (read off the websocket by streamlit_runs.js), each browser component with one
    of these keys has sent its value (its rerun included), and the page shows it: connected,
    no run going, no running-man status widget, no element left stale from a run."""
    page.wait_for_function("(keys) => window.__e2eRuns.settled(keys)", arg=list(components))
    expect(page.locator(APP_IDLE)).to_have_count(1)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    expect(page.locator(STALE)).to_have_count(0)


def _ready(locator: Locator) -> Locator:
    """The widget drawn, visible and enabled (Streamlit disables some widgets while running)."""
    expect(locator).to_be_visible()
    expect(locator).to_be_enabled()
    return locator


def _appears(locator: Locator) -> None:
    """Wait until `locator` is shown. While a run replaces the page (a rerun, a component's
    value, a new session's second run) Streamlit can show the old and the new copy of an element
    for a moment, and strict mode fails at once on two: once the app has settled, `_once`."""
    expect(locator.first).to_be_visible()


def _once(locator: Locator) -> None:
    """Shown exactly once: after `_settle`, nothing is left of an earlier run."""
    expect(locator).to_have_count(1)
    expect(locator).to_be_visible()


def _fill_settled(page: Page, fields: dict[Locator, str], *components: str) -> None:
    """Type into each field, and again if a rerun redrew a field and lost what was typed:
    done when every field holds its value with the app settled."""
    for _ in range(FILL_ATTEMPTS):
        _settle(page, *components)
        for field, value in fields.items():
            _ready(field).fill(value)
            expect(field).to_have_value(value)
        _settle(page, *components)
        if all(field.input_value() == value for field, value in fields.items()):
            return
    pytest.fail(f"the form lost what was typed on each of {FILL_ATTEMPTS} attempts")


def _log_in(page: Page, email: str = EMAIL, password: str = PASSWORD) -> None:
    """Log in through the form and wait until the app shows the logged-in user.

    Every new session draws the login cookie's reader, a browser component ("init"); its first
    value starts a second run that redraws the form, and what was typed before can be lost (the
    page then says "Wrong email or password."). So type only once that run is over, check the
    fields before clicking, and on an error look at the fields: both still holding what was
    typed is a real failure; an emptied field means a redraw, and a reload gives a fresh form.
    Attempts stay below the five failed logins that lock the account.
    """
    email_box = page.get_by_label("Email", exact=True)
    password_box = page.get_by_label("Password", exact=True)
    button = page.get_by_role("button", name="Log in")
    logged_in = page.get_by_role("button", name="Log out")
    refused = page.get_by_test_id("stForm").get_by_role("alert")
    for _ in range(LOGIN_ATTEMPTS):
        _appears(button)
        _fill_settled(page, {email_box: email, password_box: password}, COOKIE_READER)
        _ready(button).click()
        expect(logged_in.or_(refused).first).to_be_visible()
        if logged_in.count():
            expect(button).to_have_count(0)
            return
        message = refused.first.inner_text()
        typed = (email_box.input_value(), password_box.input_value())
        assert typed != (email, password), (
            f"login refused with the right email and password: {message}"
        )
        page.reload()
    pytest.fail(f"the login form lost what was typed on each of {LOGIN_ATTEMPTS} attempts")


def _session_cookie(context: BrowserContext) -> bool:
    return any(c["name"] == COOKIE for c in context.cookies())


def _wait_for_cookie(page: Page, present: bool) -> None:
    """The login cookie is written and deleted by a browser component: wait for the page's
    document to see it (or not), then check what the browser would send."""
    page.wait_for_function(
        "([name, present]) => document.cookie.split('; ')"
        ".some((c) => c.startsWith(name + '=')) === present",
        arg=[COOKIE, present],
    )
    assert _session_cookie(page.context) is present


def _grid_rows(grid: Locator, count: int) -> list[dict[str, str]]:
    """A dataframe's rows as {column: cell text}, once its accessible table holds `count`."""
    rows = grid.locator(GRID_ROWS)
    expect(rows).to_have_count(count)
    headers = grid.locator('thead th[role="columnheader"]').all_text_contents()
    result = []
    for index in range(count):
        cells = rows.nth(index).locator('td[role="gridcell"]').all_text_contents()
        assert len(cells) == len(headers), (headers, cells)
        result.append(dict(zip(headers, cells, strict=True)))
    return result


def _open_link_cell(page: Page, grid: Locator, row: int, rows: int, href: str) -> Page:
    """Click the link in the first column of `row` (of `rows`) on the grid's canvas: Streamlit
    opens it in a new tab, a new session in the same browser (the login cookie logs it in).
    Header and rows are drawn the same height. A link cell opens only when the grid has seen
    the pointer over its text (it then shows the pointer cursor); the new tab must be at `href`.
    """
    canvas = grid.get_by_test_id("data-grid-canvas")
    expect(canvas).to_be_visible()
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    x, y = box["x"] + 25, box["y"] + box["height"] / (rows + 1) * (row + 1.5)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    for step in itertools.cycle((0, 4)):  # a grid still getting ready misses one move: again
        page.mouse.move(x + step, y)
        try:
            expect(canvas).to_have_css("cursor", "pointer", timeout=HOVER_MS)
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    tab = opened.value
    tab.set_default_timeout(TIMEOUT_MS)
    expect(tab).to_have_url(href)
    return tab


def _loaded_image(page: Page, image: Locator) -> int:
    """Wait until the image is visible and its bytes decoded; its natural width in pixels."""
    expect(image).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    return int(image.evaluate("(img) => img.naturalWidth"))


@contextmanager
def _logged_in_browser(server: str) -> Iterator[tuple[Browser, Page]]:
    """Chromium with one page logged in as the admin: on the Upload page, its cookie written."""
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser)
            page.goto(server)
            _log_in(page)
            _appears(page.get_by_role("heading", name="Upload reports"))
            _wait_for_cookie(page, present=True)
            yield browser, page
        finally:
            browser.close()


def test_upload_trends_and_share_link_in_a_real_browser(server: str, screenshots: Path) -> None:
    _require_chromium()
    sample, tag = _sample()
    with _logged_in_browser(server) as (browser, page):
        upload_heading = page.get_by_role("heading", name="Upload reports")
        expect(page).to_have_url(re.compile(r"/upload$"))
        _settle(page, COOKIE_WRITER)
        _once(upload_heading)

        # Dropping the file starts the analysis: no other click.
        uploader = page.get_by_test_id("stFileUploader")
        _ready(uploader.get_by_test_id("stFileUploaderDropzone"))
        dropped = uploader.locator('input[type="file"]')
        expect(dropped).to_be_enabled()
        dropped.set_input_files(str(sample))
        verdict = page.locator("strong").filter(has_text=VERDICT).first
        failed = page.locator("strong").filter(has_text=re.compile(r"^FAILED$")).first
        expect(verdict.or_(failed)).to_be_visible()
        if failed.is_visible():
            reasons = page.get_by_role("alert").all_inner_texts()
            pytest.fail(f"the analysis of {SAMPLE} failed: {reasons}")
        verdict.wait_for(timeout=TIMEOUT_MS)
        _settle(page)  # the panel's last poll asks for a full run, which redraws the link
        expect(verdict).to_be_visible()
        page.screenshot(path=screenshots / "1-upload-verdict.png", full_page=True)

        _ready(page.get_by_role("link", name="Open analysis")).click()
        _appears(page.get_by_role("heading", name=tag))
        expect(page).to_have_url(re.compile(r"/analysis\?task=[0-9a-f-]{36}$"))
        _settle(page)
        _once(page.get_by_role("heading", name=tag))
        _ready(page.get_by_role("button", name="Share link")).click()  # a popover
        code = page.locator('[data-testid="stCode"] code').first
        expect(code).to_be_visible()
        share_link = code.inner_text().strip()
        assert share_link == page.url
        page.screenshot(path=screenshots / "2-analysis.png", full_page=True)

        # A full page load is a new session: the login cookie logs the user back in.
        page.goto(f"{server}/trends")
        _appears(page.get_by_role("heading", name="Trends"))
        expect(page.locator(".js-plotly-plot")).to_have_count(8, timeout=TIMEOUT_MS)
        _settle(page, COOKIE_READER)
        _once(page.get_by_role("heading", name="Trends"))
        expect(page.locator(".js-plotly-plot")).to_have_count(8)
        expect(page.get_by_role("button", name="Log in")).to_have_count(0)
        page.screenshot(path=screenshots / "3-trends.png", full_page=True)

        # Someone else's browser: the link asks for login, then shows the same analysis.
        other = _new_page(browser)
        other.goto(share_link)
        _log_in(other)
        _appears(other.get_by_role("heading", name=tag))
        expect(other).to_have_url(share_link)
        assert other.url == share_link
        _wait_for_cookie(other, present=True)
        _settle(other, COOKIE_WRITER)
        _once(other.get_by_role("heading", name=tag))
        other.screenshot(path=screenshots / "4-share-link-fresh-browser.png", full_page=True)

        # Logout deletes the cookie: a reload asks for the password again.
        copied = [c for c in other.context.cookies() if c["name"] == COOKIE]
        witness = _new_page(browser)  # before the logout, a copy logs in
        witness.context.add_cookies(copied)  # type: ignore[arg-type]
        witness.goto(share_link)
        _appears(witness.get_by_role("heading", name=tag))
        _settle(witness, COOKIE_READER)
        _once(witness.get_by_role("heading", name=tag))
        witness.context.close()
        _ready(other.get_by_role("button", name="Log out")).click()
        logged_out = other.get_by_text("You are logged out.")
        _appears(logged_out)
        _wait_for_cookie(other, present=False)  # a browser component deletes it
        _settle(other, COOKIE_DELETER)
        _once(logged_out)
        other.goto(share_link)
        _appears(other.get_by_role("button", name="Log in"))

        # A copy of the cookie taken before the logout, replayed in a third browser, no
        # longer logs in: logout bumped the session version the cookie signs.
        thief = _new_page(browser)
        thief.context.add_cookies(copied)  # type: ignore[arg-type]
        thief.goto(share_link)
        _appears(thief.get_by_role("button", name="Log in"))
        _settle(thief, COOKIE_READER)
        _once(thief.get_by_role("button", name="Log in"))
        expect(thief.get_by_role("heading", name=tag)).to_have_count(0)
        expect(thief.get_by_role("button", name="Log out")).to_have_count(0)
        thief.screenshot(path=screenshots / "5-replayed-cookie-refused.png", full_page=True)


def test_package_report_asset_evidence_and_share_link_in_a_real_browser(
    server: str, screenshots: Path, tmp_path: Path
) -> None:
    _require_chromium()
    package = _package(tmp_path)
    name = package.path.name
    with _logged_in_browser(server) as (browser, page):
        _settle(page, COOKIE_WRITER)
        _once(page.get_by_role("heading", name="Upload reports"))

        # One file, several reports: one bar for the package until every report is done,
        # then its verdict mix and the way to its page.
        uploader = page.get_by_test_id("stFileUploader")
        _ready(uploader.get_by_test_id("stFileUploaderDropzone"))
        dropped = uploader.locator('input[type="file"]')
        expect(dropped).to_be_enabled()
        dropped.set_input_files(str(package.path))
        opened = page.get_by_role("link", name="Open the package")
        failed = page.locator("strong").filter(has_text=re.compile(r"^FAILED$")).first
        expect(opened.or_(failed)).to_be_visible(timeout=90_000)
        if failed.is_visible():
            reasons = page.get_by_role("alert").all_inner_texts()
            pytest.fail(f"the analysis of {name} failed: {reasons}")
        _settle(page)  # the panel's last poll asks for a full run, which redraws the link
        row = page.get_by_test_id("stHorizontalBlock").filter(has=opened).last  # its columns
        expect(row).to_contain_text(f"{len(package.tags)} equipment reports: ")
        _once(page.get_by_text("1 of 1 file done"))
        page.screenshot(path=screenshots / "p1-upload-package.png", full_page=True)

        # The package page: the verdict mix, one row per report with its tag and verdict.
        _ready(opened).click()
        _appears(page.get_by_role("heading", name=name))
        expect(page).to_have_url(re.compile(r"/package\?id=[0-9a-f-]{36}$"))
        _settle(page)
        _once(page.get_by_role("heading", name=name))
        package_url = page.url
        grid = page.get_by_test_id("stDataFrame")
        parts = _grid_rows(grid, len(package.tags))
        assert {p["Tag"] for p in parts} == package.tags, parts
        assert all(VERDICT.match(p["Verdict"]) for p in parts), parts
        mix = {
            label.inner_text(): int(value.inner_text())
            for label, value in zip(
                page.get_by_test_id("stMetricLabel").all(),
                page.get_by_test_id("stMetricValue").all(),
                strict=True,
            )
        }
        verdicts = [p["Verdict"] for p in parts]
        assert mix == {v.title(): verdicts.count(v) for v in verdicts}, (mix, parts)
        share_link = page.locator('[data-testid="stCode"] code').first.inner_text().strip()
        assert share_link == package_url
        page.screenshot(path=screenshots / "p2-package.png", full_page=True)

        # One report of it, the worst: Open ↗ opens its analysis in a new tab.
        worst = max(
            range(len(parts)),
            key=lambda i: (int(parts[i]["Open CRITICAL"]), int(parts[i]["Open MAJOR"])),
        )
        part = parts[worst]
        if part["Open CRITICAL"] == part["Open MAJOR"] == "0":
            pytest.fail(f"no report of {name} has a CRITICAL or MAJOR finding: {parts}")
        tag, verdict = part["Tag"], part["Verdict"]
        report_url = f"{server}/{part['Open']}"
        report = _open_link_cell(page, grid, worst, len(parts), report_url)
        _appears(report.get_by_role("heading", name=tag))
        _settle(report, COOKIE_READER)
        _once(report.get_by_role("heading", name=tag))
        banner = report.get_by_test_id("stAlert").filter(has_text=f"{verdict} — ")
        _once(banner)
        expect(banner.locator("strong").filter(has_text=VERDICT)).to_have_text(verdict)
        _once(report.get_by_role("link", name="All reports of this package"))
        report.screenshot(path=screenshots / "p3-report.png", full_page=True)

        # Its asset: the tag, its analyses (this one), the latest verdict.
        _ready(report.get_by_role("link", name="Asset history")).click()
        expect(report).to_have_url(re.compile(rf"/assets\?tag={re.escape(tag)}(&site=.+)?$"))
        _appears(report.get_by_role("heading", name=tag))
        _settle(report)
        _once(report.get_by_role("heading", name=tag))
        metrics = report.get_by_test_id("stMetric")
        value = "stMetricValue"
        expect(metrics.filter(has_text="Analyses").get_by_test_id(value)).to_have_text("1")
        expect(metrics.filter(has_text="Latest verdict").get_by_test_id(value)).to_have_text(
            verdict
        )
        analyses = _grid_rows(report.get_by_test_id("stDataFrame").first, 1)
        assert analyses[0]["Verdict"] == verdict, analyses
        assert analyses[0]["Report"] == f"{name} · {part['Report']}", analyses
        assert analyses[0]["Open"] == part["Open"], analyses
        # Its readings against the baseline: Plotly is loaded on demand, a skeleton until then.
        charts = report.get_by_test_id("stPlotlyChart")
        expect(charts.first).to_be_visible()
        expect(report.get_by_test_id("stMain").get_by_test_id("stSkeleton")).to_have_count(0)
        expect(charts.locator(".js-plotly-plot")).to_have_count(charts.count())
        report.screenshot(path=screenshots / "p4-asset.png", full_page=True)

        # Back on the report: a finding's evidence, the page with the reading outlined.
        report.goto(report_url)
        _appears(report.get_by_role("heading", name=tag))
        _settle(report, COOKIE_READER)
        _once(report.get_by_role("heading", name=tag))
        serious = report.locator("summary", has_text=re.compile(r"(CRITICAL|MAJOR) \w+-\d+"))
        finding = (
            report.get_by_test_id("stExpander")
            .filter(has=serious)
            .filter(has=report.get_by_text("Show in the document"))
            .first
        )  # worst first: the first serious finding located in the document
        show = finding.get_by_text("Show in the document")
        expect(show).to_have_count(1)
        if not show.is_visible():
            _ready(finding.locator("summary")).click()  # a MAJOR finding starts folded
        _ready(show).click()  # a run draws the evidence under the switch
        caption = finding.get_by_text("the reading outlined")
        _appears(caption)
        _settle(report)
        _once(caption)
        image = finding.get_by_test_id("stImage").locator("img").first  # the crop
        assert _loaded_image(report, image) > 0
        image.scroll_into_view_if_needed()
        report.screenshot(path=screenshots / "p5-evidence.png", full_page=True)

        # The package's share link in a fresh browser (no cookie): the login first, nothing
        # of the package before it, then the package page itself.
        guest = _new_page(browser)
        assert not guest.context.cookies()
        guest.goto(share_link)
        _appears(guest.get_by_role("button", name="Log in"))
        _settle(guest, COOKIE_READER)
        _once(guest.get_by_role("button", name="Log in"))
        expect(guest.get_by_role("heading", name=name)).to_have_count(0)
        expect(guest.get_by_test_id("stDataFrame")).to_have_count(0)
        guest.screenshot(path=screenshots / "p6-share-link-login.png", full_page=True)
        _log_in(guest)
        _appears(guest.get_by_role("heading", name=name))
        expect(guest).to_have_url(share_link)
        _wait_for_cookie(guest, present=True)
        _settle(guest, COOKIE_WRITER)
        _once(guest.get_by_role("heading", name=name))
        shared = _grid_rows(guest.get_by_test_id("stDataFrame"), len(parts))
        assert shared == parts
        guest.screenshot(path=screenshots / "p7-share-link-package.png", full_page=True)
