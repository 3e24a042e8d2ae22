"""Role checks with figures: runs the access tests and writes what they tried and what held to
the `## Access` section of docs/reliability.md (every other section is kept).

- tests/core/services/test_access.py: every service function that takes an actor, called by
  the report's owner, another engineer, a manager and an administrator on the owner's report
  (`ROLE_CHECKS`; one test case per function, four roles each);
- tests/dashboard/test_page_access.py: every page opened logged out and by each of those roles
  (`PAGE_CHECKS`; one test case per role, every page each);
- the login and session tests (lockout, parallel wrong logins, one answer for every refusal,
  logout and account changes ending every copy of a cookie), listed by name.

A check is held when its test case passed. On PostgreSQL too when AUDITENG_TEST_DATABASE_URL
is set (the tests' own switch).

    python bench/access.py --write-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # our own pytest's report, not user input
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.docs_sections import with_section  # noqa: E402

DOCS = ROOT / "docs" / "reliability.md"
SECTION = "## Access"
SERVICE_TESTS = "tests/core/services/test_access.py"
PAGE_TESTS = "tests/dashboard/test_page_access.py"
ACCOUNT_TESTS = ("tests/core/services/test_login.py", "tests/core/services/test_sessions.py")


def run_tests(report: Path) -> dict[str, bool]:
    """Test case name (with its parameters) → passed."""
    tests = [SERVICE_TESTS, PAGE_TESTS, *ACCOUNT_TESTS]
    options = ["-q", "-p", "no:cacheprovider", "-o", "addopts=", f"--junitxml={report}"]
    command = [sys.executable, "-m", "pytest", *options, *tests]
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    outcome: dict[str, bool] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        failed = any(child.tag in ("failure", "error") for child in case)
        outcome[f"{case.get('classname')}::{case.get('name')}"] = not failed
    return outcome


def _passed(outcome: dict[str, bool], module: str, name: str) -> bool | None:
    """`name` is `test[param]`; every database's case of it (`test[sqlite-param]`,
    `test[postgresql-param]`) must have passed. None when none ran."""
    test, param = name.removesuffix("]").split("[", 1)
    prefix = f"{module.removesuffix('.py').replace('/', '.')}::{test}["
    runs = [
        passed
        for key, passed in outcome.items()
        if key.startswith(prefix)
        and (key[len(prefix) : -1] == param or key[len(prefix) : -1].endswith(f"-{param}"))
    ]
    return all(runs) if runs else None


def _mark(passed: bool | None) -> str:
    return {True: "held", False: "**not held**", None: "not run"}[passed]


def section(outcome: dict[str, bool]) -> tuple[str, int]:
    from tests.core.services.test_access import ROLE_CHECKS, ROLES
    from tests.dashboard.test_page_access import PAGE_CHECKS
    from tests.dashboard.test_page_access import ROLES as PAGE_ROLES

    tried = refused = held = 0
    rows = []
    test = "test_each_role_may_do_only_what_its_role_allows"
    for name, _, allowed in ROLE_CHECKS:
        passed = _passed(outcome, SERVICE_TESTS, f"{test}[{name}]")
        denied = [r for r in ROLES if r not in allowed]
        tried += len(ROLES)
        refused += len(denied)
        held += len(ROLES) if passed else 0
        rows.append(
            f"| `{name}` | {', '.join(sorted(allowed))} | {', '.join(denied)} | {_mark(passed)} |"
        )
    page_rows = []
    test = "test_each_page_shows_each_role_only_what_it_may_see"
    page_passed = {r: _passed(outcome, PAGE_TESTS, f"{test}[{r}]") for r in PAGE_ROLES}
    for name, page in PAGE_CHECKS.items():
        denied = [r for r in PAGE_ROLES if r not in page.allowed]
        tried += len(PAGE_ROLES)
        refused += len(denied)
        page_rows.append(f"| {name} | {', '.join(sorted(page.allowed))} | {', '.join(denied)} |")
    held += sum(len(PAGE_CHECKS) for r in PAGE_ROLES if page_passed[r])
    account_rows = []
    for module in ACCOUNT_TESTS:
        prefix = module.removesuffix(".py").replace("/", ".") + "::"
        for key, passed in sorted(outcome.items()):
            if key.startswith(prefix):
                words = key.removeprefix(prefix).removeprefix("test_").replace("_", " ")
                account_rows.append(f"| {words} | {_mark(passed)} |")
    lost = tried - held
    today = dt.date.today().isoformat()
    text = "\n".join(
        [
            SECTION,
            "",
            f"`python bench/access.py --write-docs` ({today}): **{tried} role checks tried, "
            f"{refused} of them refusals, {held} held, {lost} not held.** A role check is one "
            "role trying one service function or one page on an engineer's report, by id as a "
            "pasted link names it; it holds when the role gets exactly what its role allows "
            "(PermissionDenied from the service, a refusal sentence on the page, the login form "
            "when logged out) and a refused attempt changes nothing (`test_a_denied_attempt_"
            "changes_nothing`).",
            "",
            f"Service functions ({SERVICE_TESTS}; a test proves the table names every public "
            "service function taking an actor, except those that only act on the actor's own "
            "things or filter by role):",
            "",
            "| function | allowed | refused | |",
            "|---|---|---|---|",
            *rows,
            "",
            f"Pages ({PAGE_TESTS}; per role: "
            + ", ".join(f"{r} {_mark(page_passed[r])}" for r in PAGE_ROLES)
            + "):",
            "",
            "| page | allowed | refused |",
            "|---|---|---|",
            *page_rows,
            "",
            "Logins and sessions:",
            "",
            "| check | |",
            "|---|---|",
            *account_rows,
        ]
    )
    return text, lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true", help=f"write {SECTION} to {DOCS}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run_tests(Path(tmp) / "report.xml")
    text, lost = section(outcome)
    print(text)
    if args.write_docs:
        DOCS.write_text(with_section(DOCS.read_text(encoding="utf-8"), SECTION, text), "utf-8")
        print(f"\nwrote {SECTION} to {DOCS.relative_to(ROOT)}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
