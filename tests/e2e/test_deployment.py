"""docs/deployment.md on one machine: nginx running deploy/nginx/auditeng.conf in front of two
app replicas, two workers, a fresh PostgreSQL database and one storage directory shared by all.

Each process runs its systemd unit's command (deploy/systemd) with the env example's settings
(deploy/auditeng.env.example), only the machine's addresses, directories and secrets replaced;
each replica and worker has a data directory of its own, as on separate machines. Through
nginx: a WebSocket upgrade, a body over nginx's 1 MB default, the replica cookie; in Chromium a
login, an upload and its verdict, and the share link (built on AUDITENG_PUBLIC_URL) opened in a
second browser showing that verdict; then the access log shows every routing key served by one
replica only. Every wait is for a state (tests/e2e/test_browser.py's helpers), never a time.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import _PG_URL, _fresh_postgres_database
from tests.e2e.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EMAIL,
    PASSWORD,
    TIMEOUT_MS,
    VERDICT,
    _free_port,
    _log_in,
    _new_page,
    _ready,
    _require_chromium,
    _sample,
    _settle,
    _wait_healthy,
)
from tests.test_deploy_files import (
    env_example,
    nginx_command,
    require_nginx,
    unit_command,
    write_nginx_config,
)

ROOT = Path(__file__).resolve().parents[2]
REPLICA_COOKIE = "auditeng_replica"
WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455
ROUTING_KEYS = 20  # all on one of two replicas by chance: 2 × 2⁻²⁰
LOG_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d{3}) .* replica_key=(?P<key>\S+) '
                      r"upstream=(?P<upstream>\S+)$")  # fmt: skip

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@dataclass
class Deployment:
    url: str
    access_log: Path
    processes: dict[str, subprocess.Popen[bytes]]


def _free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(_free_port())
    return sorted(ports)


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:  # its own process group: teardown reaches its children too
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):  # whatever of its group is left
        os.killpg(process.pid, signal.SIGKILL)


def _run(command: list[str], env: dict[str, str], stdin: str = "") -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"


def _environment(base: dict[str, str], data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AUDITENG_", "STREAMLIT_")) and k != "DATABASE_URL"}  # fmt: skip
    return {**env, **env_example(), **base, "AUDITENG_DATA_DIR": str(data_dir)}


@pytest.fixture
def database_url() -> Iterator[str]:
    if _PG_URL is None:  # tests/conftest.py already failed the run in CI
        pytest.skip("no PostgreSQL server reachable")
    yield from _fresh_postgres_database(_PG_URL)


@pytest.fixture
def deployment(database_url: str, tmp_path: Path) -> Iterator[Deployment]:
    _require_chromium()
    require_nginx()
    listen_port, *app_ports = _free_ports(3)
    url = f"http://127.0.0.1:{listen_port}"
    shared = {
        "DATABASE_URL": database_url,
        "AUDITENG_STORAGE_DIR": str(tmp_path / "storage"),
        "AUDITENG_PUBLIC_URL": url,
        "AUDITENG_COOKIE_KEY": secrets.token_urlsafe(32),
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
    }
    admin_env = _environment(shared, tmp_path / "admin")
    migrate = unit_command("auditeng-migrate.service")
    _run(migrate, admin_env)
    _run([*migrate[:3], "users", "create", "--email", EMAIL, "--role", "admin",
          "--password-stdin"], admin_env, stdin=f"{PASSWORD}\n")  # fmt: skip
    processes: dict[str, subprocess.Popen[bytes]] = {}
    with contextlib.ExitStack() as stack:

        def start(name: str, command: list[str]) -> subprocess.Popen[bytes]:
            env = _environment(shared, tmp_path / name)
            processes[name] = _start(command, env, tmp_path / f"{name}.log")
            stack.callback(_stop, processes[name])
            return processes[name]

        for number in (1, 2):
            start(f"worker-{number}", unit_command("auditeng-worker@.service", str(number)))
        apps = {port: start(f"app-{port}", unit_command("auditeng-app@.service", str(port)))
                for port in app_ports}  # fmt: skip
        for port, app in apps.items():
            _wait_healthy(f"http://127.0.0.1:{port}", app, tmp_path / f"app-{port}.log")
        (tmp_path / "nginx").mkdir()
        write_nginx_config(tmp_path / "nginx", listen_port, (app_ports[0], app_ports[1]))
        nginx = start("nginx", nginx_command(tmp_path / "nginx", "-g", "daemon off;"))
        _wait_healthy(url, nginx, tmp_path / "nginx" / "error.log")
        yield Deployment(url, tmp_path / "nginx" / "auditeng.access.log", processes)


def _websocket_handshake(url: str) -> tuple[str, dict[str, str]]:
    """Open Streamlit's WebSocket by hand: the status line and headers of the answer."""
    parts = urlsplit(url)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(request.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            assert chunk, f"the connection closed during the handshake: {answer!r}"
            answer += chunk
    status, *lines = answer.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (h.split(":", 1) for h in lines)}
    accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()
    assert headers.get("sec-websocket-accept") == accept, headers
    return status, headers


def _request(url: str, *, method: str = "GET", body: bytes | None = None,
             replica_key: str | None = None) -> tuple[int, list[str], bytes]:  # fmt: skip
    """Status, the routing cookies nginx set, and body of a plain HTTP request."""
    headers = {"Cookie": f"{REPLICA_COOKIE}={replica_key}"} if replica_key else {}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, message, content = response.status, response.headers, response.read()
    except HTTPError as error:
        status, message, content = error.code, error.headers, error.read()
    cookies = [c for c in message.get_all("Set-Cookie") or [] if c.startswith(REPLICA_COOKIE)]
    return status, cookies, content


def _check_through_nginx(url: str) -> list[str]:
    """The proxy itself: WebSocket upgrade, large bodies, the replica cookie. The routing keys
    it sent, to find in the access log."""
    status, _headers = _websocket_handshake(url)
    assert status.split()[1] == "101", status

    # Over nginx's 1 MB default: answered by the app (no such session), not refused by nginx.
    body = os.urandom(2 * 1024 * 1024)
    code, _, answer = _request(f"{url}/_stcore/upload_file/{uuid.uuid4()}/{uuid.uuid4()}",
                               method="PUT", body=body)  # fmt: skip
    assert code != 413 and b"<center>nginx" not in answer, (code, answer[:300])

    code, cookies, _ = _request(f"{url}/_stcore/health")  # a new browser: gets its key
    assert code == 200 and len(cookies) == 1, cookies
    keys = [uuid.uuid4().hex for _ in range(ROUTING_KEYS)]
    for key in keys * 2:  # a browser with its key: keeps it
        code, cookies, _ = _request(f"{url}/_stcore/health", replica_key=key)
        assert code == 200 and not cookies, cookies
    return keys


def _upload_and_open_analysis(page: Page, sample: Path, tag: str) -> tuple[str, str]:
    """Drop the report, wait for its verdict, open its analysis: the verdict and share link."""
    uploader = page.get_by_test_id("stFileUploader")
    _ready(uploader.get_by_test_id("stFileUploaderDropzone"))
    uploader.locator('input[type="file"]').set_input_files(str(sample))
    verdict = page.locator("strong").filter(has_text=VERDICT).first
    failed = page.locator("strong").filter(has_text=re.compile(r"^FAILED$")).first
    expect(verdict.or_(failed)).to_be_visible()
    if failed.is_visible():
        pytest.fail(f"the analysis failed: {page.get_by_role('alert').all_inner_texts()}")
    _settle(page)  # the status panel's last poll redraws the link
    word = verdict.inner_text()
    _ready(page.get_by_role("link", name="Open analysis")).click()
    expect(page.get_by_role("heading", name=tag)).to_be_visible()
    _settle(page)
    _ready(page.get_by_role("button", name="Share link")).click()  # a popover
    code = page.locator('[data-testid="stCode"] code').first
    expect(code).to_be_visible()
    return word, code.inner_text().strip()


def _access_log(path: Path, keys: set[str]) -> list[re.Match[str]]:
    """The access log's lines, once it holds every one of these routing keys (nginx writes a
    request's line after answering it)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = [m for line in lines if (m := LOG_LINE.search(line))]
        if keys <= {m["key"] for m in entries} or time.monotonic() > deadline:
            return entries
        time.sleep(0.1)


def test_two_replicas_and_two_workers_behind_nginx(deployment: Deployment) -> None:
    keys = _check_through_nginx(deployment.url)
    sample, tag = _sample()
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = _new_page(browser)
            page.goto(deployment.url)
            _log_in(page)
            expect(page.get_by_role("heading", name="Upload reports")).to_be_visible()
            verdict, share_link = _upload_and_open_analysis(page, sample, tag)
            assert re.fullmatch(rf"{deployment.url}/analysis\?task=[0-9a-f-]{{36}}", share_link)

            other = _new_page(browser)  # someone else's browser, maybe on the other replica
            other.goto(share_link)
            _log_in(other)
            expect(other.get_by_role("heading", name=tag)).to_be_visible()
            expect(
                other.locator("strong").filter(has_text=re.compile(f"^{verdict}$"))
            ).to_be_visible()
            browser_keys = {
                cookie["value"]
                for context in (page.context, other.context)
                for cookie in context.cookies()
                if cookie["name"] == REPLICA_COOKIE
            }
            assert len(browser_keys) == 2
        finally:
            browser.close()

    entries = _access_log(deployment.access_log, {*keys, *browser_keys})
    routing: dict[str, set[str]] = {key: set() for key in {*keys, *browser_keys}}
    for entry in entries:
        routing.setdefault(entry["key"], set()).add(entry["upstream"])
    assert all(len(routing[key]) == 1 for key in {*keys, *browser_keys}), routing
    assert len(set().union(*(routing[key] for key in keys))) == 2, "one replica got every key"
    uploaded = [e for e in entries if e["request"].startswith("PUT /_stcore/upload_file/")
                and e["key"] in browser_keys and e["status"].startswith("2")]  # fmt: skip
    assert uploaded, "the browser's upload did not reach its replica through nginx"
    exited = {
        name: p.returncode for name, p in deployment.processes.items() if p.poll() is not None
    }
    assert not exited, f"processes exited during the test: {exited}"
