"""Hostile text through `formatting.md_text` and `chart_style.chart_text`, rendered by Streamlit's
own frontend in headless Chromium: no link, image, LaTeX, coloured directive, icon, logo, emoji,
heading, list, table or code comes out of it, in any element that renders markdown (markdown,
caption, alerts, title, and the labels of expanders, buttons, tabs, metrics, progress bars),
and no HTML link out of a Plotly tick label.

The same strings drawn unescaped are the control: there the probe must find each construct, so
a probe that saw nothing could not pass for safety.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from tests.dashboard.test_md_text import NASTY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 60_000
pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import pandas as pd
import plotly.express as px
import streamlit as st
from dashboard.components.chart_style import chart_text
from dashboard.formatting import md_text

texts = json.loads({corpus!r})
raw = st.query_params.get("raw") == "1"
# Unescaped (the control), a lone surrogate could not even be sent to the browser.
as_is = lambda text: text.encode("utf-8", "replace").decode("utf-8")
md = as_is if raw else md_text
chart = as_is if raw else chart_text
for text in texts:
    st.markdown(f"**{{md(text)}}** · x")
    st.caption(md(text))
    st.error(md(text))
    with st.expander(md(text)):
        st.write("inside")
    st.button(md(text), key=f"b{{len(text)}}{{hash(text)}}")
    st.metric(md(text), 1)
    st.progress(0.5, text=md(text))
st.title(md(texts[0]), anchor=False)
st.tabs([md(text) for text in texts[:6]])
frame = pd.DataFrame({{"site": [chart(text) for text in texts[:6]], "value": range(6)}})
st.plotly_chart(px.bar(frame, x="site", y="value", title="t"))
"""

PROBE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const count = (selector) => main.querySelectorAll(selector).length;
  // Every markdown body but st.title's own, which is a heading by design.
  const markdown = [...main.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter((el) => !el.closest('[data-testid="stHeading"]'));
  const inMarkdown = (selector) => markdown.reduce(
    (n, el) => n + el.querySelectorAll(selector).length, 0);
  return {
    links: [...main.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    images: count('img'),
    katex: count('.katex'),
    directives: count('.stMarkdownColoredText, .stMarkdownColoredBackground, streamlit-help-icon')
      + count('[class*="Badge"]'),
    icons: inMarkdown('[role="img"]'),
    emoji: /[\\u{1F300}-\\u{1FAFF}\\u{1F44D}]/u.test(main.innerText),
    blocks: inMarkdown('h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, table, pre, code, hr'),
    inline: inMarkdown('em, del, input'),
    plotlyLinks: count('svg a'),
  };
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is required in CI for the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed")
    script = tmp_path / "hostile.py"
    script.write_text(SCRIPT.format(root=str(ROOT), corpus=json.dumps(NASTY)), encoding="utf-8")
    port = _free_port()
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text(errors="replace")[-2000:]) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _render(url: str, *, raw: bool) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{url}/?raw={'1' if raw else '0'}")
            page.wait_for_selector('[data-testid="stPlotlyChart"] .xtick')
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached"
            )
            page.wait_for_function(  # every text drawn, the lazy markdown plugins loaded
                "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
            )
            result: dict[str, Any] = page.evaluate(PROBE)
            return result
        finally:
            browser.close()


def test_hostile_text_renders_as_text_in_the_browser(served: str) -> None:
    control = _render(served, raw=True)
    assert any("evil.example" in (href or "") for href in control["links"])
    assert control["images"] and control["katex"] and control["directives"]
    assert control["icons"] and control["emoji"] and control["blocks"] and control["inline"]
    assert control["plotlyLinks"]

    escaped = _render(served, raw=False)
    assert escaped == {
        "links": [],
        "images": 0,
        "katex": 0,
        "directives": 0,
        "icons": 0,
        "emoji": False,
        "blocks": 0,
        "inline": 0,
        "plotlyLinks": 0,
    }
