"""The one seam between the pages and core: the cached engine and plain-data loaders."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.config import get_settings
from core.db import make_engine
from core.services.system import DatabaseStatus, prepare_database


@st.cache_resource
def engine() -> Engine:
    return make_engine(get_settings())


@st.cache_resource
def _prepared() -> DatabaseStatus:
    # Once per process: apply pending migrations on the embedded SQLite default.
    return prepare_database(engine())


def database_status() -> DatabaseStatus:
    status = _prepared()
    if not status.ok:
        _prepared.clear()  # retry on the next run, e.g. after an operator migrates PostgreSQL
    return status
