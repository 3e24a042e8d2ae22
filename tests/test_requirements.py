"""What the code relies on is a direct requirement, not something another package happens to
pull in: defusedxml (openpyxl's XML-bomb defence) and PyJWT (the login cookie)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _requirements() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower())
    return names


def test_defusedxml_is_required_and_openpyxl_uses_it() -> None:
    import openpyxl.xml

    assert "defusedxml" in _requirements()
    assert openpyxl.xml.DEFUSEDXML  # openpyxl parses every workbook part through it


def test_the_cookie_signer_is_required() -> None:
    assert "pyjwt" in _requirements()


def test_every_requirement_is_explained() -> None:
    """Each name in requirements.txt has a row in docs/dependencies.md (first column)."""
    explained: set[str] = set()
    for line in (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| "):
            first = line.split("|")[1]
            explained |= {re.sub(r"\[.*\]", "", n).strip().lower() for n in first.split(",")}
    missing = sorted(_requirements() - explained)
    assert not missing, missing
