"""The dashboard shell starts on a fresh embedded database and shows its status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.config import get_settings

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def fresh_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("AUDITENG_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    st.cache_resource.clear()  # the cached engine belongs to the previous test's data dir
    yield tmp_path / "data"
    get_settings.cache_clear()
    st.cache_resource.clear()


def test_app_migrates_the_embedded_database_and_reports_it(fresh_data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert (fresh_data_dir / "auditeng.db").exists()
    assert any("up to date" in s.value for s in at.success)
