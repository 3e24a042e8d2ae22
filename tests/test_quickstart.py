"""The README's Quickstart stays true: its test command is exactly what .ci/run runs, and its
app command starts the app's real entry point."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", quickstart, flags=re.S)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test_command = next(c for c in _quickstart_commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()
    assert ci[-1] == test_command


def test_the_app_command_runs_the_dashboard_entry_point() -> None:
    app_command = next(c for c in _quickstart_commands() if "streamlit run" in c)
    script = app_command.split("streamlit run ", 1)[1].split()[0]
    assert (ROOT / script).is_file()
