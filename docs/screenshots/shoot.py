"""Screenshots of the app's pages at a desktop's 1440 px and a phone's 390 px width.

    AUDITENG_DATA_DIR=/tmp/shots python -m core db upgrade
    AUDITENG_DATA_DIR=/tmp/shots python -m core demo --reports 300
    AUDITENG_DATA_DIR=/tmp/shots streamlit run dashboard/app.py --server.port 8611 &
    python docs/screenshots/shoot.py http://localhost:8611 OUT_DIR '{"tasks": "tasks", ...}'

Logs in as the demo admin, opens each page by its path and saves `<name>-<width>.png`. The
viewport is made tall, since Streamlit scrolls inside its main block rather than the page. For
looking at, not a test: the browser tests (tests/e2e) wait on states; this waits a moment for
charts to draw after the app reports it is idle.
"""

from __future__ import annotations

import json
import sys
import time

from playwright.sync_api import Page, sync_playwright

SIZES = ((1440, 2200), (390, 3000))
CHROMIUM = "/usr/bin/chromium"


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    for _ in range(240):  # until Streamlit shows no "running" widget
        if not page.locator('[data-testid="stStatusWidget"]').count():
            break
        time.sleep(0.25)
    time.sleep(1.5)  # Plotly draws after the app is idle


def main() -> None:
    base, out, pages = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(base)
            settle(page)
            page.screenshot(path=f"{out}/login-{width}.png", full_page=True)
            page.get_by_role("textbox", name="Email").fill("admin@auditeng.demo")
            page.get_by_role("textbox", name="Password").fill("auditeng-demo")
            page.get_by_role("button", name="Log in").click()
            page.get_by_role("heading", name="Upload reports").wait_for()
            for name, path in pages.items():
                page.goto(f"{base}/{path}")
                settle(page)
                page.screenshot(path=f"{out}/{name}-{width}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
