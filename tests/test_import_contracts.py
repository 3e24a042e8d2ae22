"""The forbidden arrows between layers, read from every module's imports (DESIGN.md §2):

- core never imports streamlit or the dashboard;
- the engine (core/analysis) never imports the database, models, repositories, services or
  jobs: it is pure, bytes in and an Outcome out;
- pages and their components reach the core through services (and its plain types: enums,
  schemas, standards), never through the database, models, repositories, jobs or the engine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PERSISTENCE = ("core.db", "core.models", "core.repositories", "core.services", "core.jobs")
CONTRACTS = [
    ("core", ("streamlit", "dashboard")),
    ("core/analysis", PERSISTENCE),
    ("dashboard/app_pages", ("core.db", "core.models", "core.repositories", "core.jobs",
                             "core.analysis")),
    ("dashboard/components", ("core.db", "core.models", "core.repositories", "core.jobs",
                              "core.analysis")),
]  # fmt: skip


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _forbidden(name: str, banned: tuple[str, ...]) -> bool:
    return any(name == ban or name.startswith(ban + ".") for ban in banned)


@pytest.mark.parametrize(("package", "banned"), CONTRACTS, ids=[c[0] for c in CONTRACTS])
def test_no_forbidden_imports(package: str, banned: tuple[str, ...]) -> None:
    broken = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in imports_of(path)
        if _forbidden(name, banned)
    }
    assert not broken, sorted(broken)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "page.py"
    module.write_text("import core.db.session\nfrom core.analysis import analyze\n")
    assert {n for n in imports_of(module) if _forbidden(n, ("core.db", "core.analysis"))} == {
        "core.db.session",
        "core.analysis",
    }
