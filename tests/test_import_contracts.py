"""The forbidden arrows between layers, read from every module's imports (DESIGN.md §2):

- core never imports streamlit or the dashboard;
- the engine (core/analysis) never imports the database, models, repositories, services or
  jobs: it is pure, bytes in and an Outcome out;
- the dashboard's pages, components, its seam `dashboard/data.py` and the read models reach
  the core through services (and its plain types: config, enums, schemas, standards), never
  through the database, models, repositories, jobs or the engine;
- the services listed in CLEAN_SERVICES (all of them) build no SQL: they call
  `core/repositories`, so they import none of SQLAlchemy's statement builders.
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
    *(
        (part, ("core.db", "core.models", "core.repositories", "core.jobs", "core.analysis"))
        for part in (
            "dashboard/app_pages", "dashboard/components", "dashboard/data.py",
            "dashboard/read_models.py",
        )
    ),
]  # fmt: skip
CLEAN_SERVICES = sorted(
    str(path.relative_to(ROOT)) for path in (ROOT / "core" / "services").glob("*.py")
)
QUERY_BUILDERS = {
    "select", "insert", "update", "delete", "func", "text", "exists", "case",
    "selectinload", "joinedload", "subqueryload", "aliased",
}  # fmt: skip


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _modules(where: Path) -> list[Path]:
    return [where] if where.is_file() else sorted(where.rglob("*.py"))


def _forbidden(name: str, banned: tuple[str, ...]) -> bool:
    return any(name == ban or name.startswith(ban + ".") for ban in banned)


@pytest.mark.parametrize(("package", "banned"), CONTRACTS, ids=[c[0] for c in CONTRACTS])
def test_no_forbidden_imports(package: str, banned: tuple[str, ...]) -> None:
    broken = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(ROOT / package)
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


def query_builders_of(path: Path) -> set[str]:
    """The SQLAlchemy statement builders `path` imports (`from sqlalchemy import select`) or
    reaches through a module it imported (`sa.select`, `sqlalchemy.orm.selectinload`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found |= {alias.name for alias in node.names if alias.name in QUERY_BUILDERS}
        elif isinstance(node, ast.Import):
            modules |= {
                alias.asname or alias.name.split(".")[0]
                for alias in node.names
                if alias.name.split(".")[0] == "sqlalchemy"
            }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in QUERY_BUILDERS:
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in modules:
                found.add(node.attr)
    return found


@pytest.mark.parametrize("module", CLEAN_SERVICES)
def test_clean_services_build_no_sql(module: str) -> None:
    assert (ROOT / module).is_file(), module
    assert not query_builders_of(ROOT / module), f"{module}: move the query to core/repositories"


def test_the_check_sees_a_query_builder(tmp_path: Path) -> None:
    module = tmp_path / "service.py"
    module.write_text(
        "import sqlalchemy as sa\nfrom sqlalchemy import Engine, func\n"
        "from sqlalchemy.orm import Session, selectinload\n"
        "def f(s):\n    return s.execute(sa.select(1))\n"
    )
    assert query_builders_of(module) == {"func", "selectinload", "select"}
