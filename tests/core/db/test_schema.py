"""Migration 0001 checked column by column and constraint by name against the seed (DESIGN.md §2);
later migrations only add, which the last test checks at head."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, inspect

from core.db.migrate import upgrade

# (column, type family, length, nullable, server default contains)
COLUMNS: dict[str, list[tuple[str, str, int | None, bool, str | None]]] = {
    "users": [
        ("id", "uuid", None, False, None),
        ("email", "varchar", 255, False, None),
        ("hashed_password", "varchar", 255, False, None),
        ("is_active", "boolean", None, False, "true"),
        ("created_at", "timestamptz", None, False, "now"),
        ("updated_at", "timestamptz", None, True, None),
    ],
    "tasks": [
        ("id", "uuid", None, False, None),
        ("user_id", "uuid", None, False, None),
        ("status", "varchar", 50, False, "QUEUED"),
        ("original_filename", "varchar", 255, False, None),
        ("file_path", "varchar", 500, True, None),
        ("file_size", "bigint", None, False, None),
        ("error_message", "text", None, True, None),
        ("created_at", "timestamptz", None, False, "now"),
        ("updated_at", "timestamptz", None, True, None),
    ],
    "analyses": [
        ("id", "uuid", None, False, None),
        ("task_id", "uuid", None, False, None),
        ("equipment_type", "varchar", 50, False, None),
        ("test_type", "varchar", 50, False, None),
        ("equipment_tag", "varchar", 100, True, None),
        ("verdict", "varchar", 50, True, None),
        ("compliance_score", "float", None, True, None),
        ("confidence_score", "float", None, True, None),
        ("extraction_result", "json", None, True, None),
        ("validation_result", "json", None, True, None),
        ("created_at", "timestamptz", None, False, "now"),
        ("updated_at", "timestamptz", None, True, None),
    ],
    "findings": [
        ("id", "uuid", None, False, None),
        ("analysis_id", "uuid", None, False, None),
        ("severity", "varchar", 50, False, None),
        ("rule_id", "varchar", 100, False, None),
        ("message", "text", None, False, None),
        ("evidence", "json", None, True, None),
        ("remediation", "text", None, True, None),
        ("created_at", "timestamptz", None, False, "now"),
        ("updated_at", "timestamptz", None, True, None),
    ],
}

INDEXES = {
    "users": {"ix_users_email": (["email"], True)},
    "tasks": {"ix_tasks_user_id": (["user_id"], False), "ix_tasks_status": (["status"], False)},
    "analyses": {"ix_analyses_task_id": (["task_id"], True)},
    "findings": {
        "ix_findings_analysis_id": (["analysis_id"], False),
        "ix_findings_severity": (["severity"], False),
    },
}
UNIQUE_CONSTRAINTS = {
    "users": {"uq_users_email": ["email"]},
    "analyses": {"uq_analyses_task_id": ["task_id"]},
}
FOREIGN_KEYS = {
    "tasks": ("fk_tasks_user_id_users", ["user_id"], "users"),
    "analyses": ("fk_analyses_task_id_tasks", ["task_id"], "tasks"),
    "findings": ("fk_findings_analysis_id_analyses", ["analysis_id"], "analyses"),
}

# How each type family is spelled by each dialect's reflection.
TYPE_NAMES = {
    "postgresql": {
        "uuid": "UUID",
        "varchar": "VARCHAR",
        "boolean": "BOOLEAN",
        "timestamptz": "TIMESTAMP",
        "bigint": "BIGINT",
        "text": "TEXT",
        "float": "DOUBLE PRECISION",
        "json": "JSON",
    },
    "sqlite": {
        "uuid": "CHAR",
        "varchar": "VARCHAR",
        "boolean": "BOOLEAN",
        "timestamptz": "DATETIME",
        "bigint": "BIGINT",
        "text": "TEXT",
        "float": "FLOAT",
        "json": "JSON",
    },
}


@pytest.fixture
def inspector(empty_engine: Engine) -> Any:
    upgrade(empty_engine, "0001")
    return inspect(empty_engine)


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_columns_types_nullability_defaults(
    inspector: Any, empty_engine: Engine, table: str
) -> None:
    dialect = empty_engine.dialect.name
    reflected = {column["name"]: column for column in inspector.get_columns(table)}
    assert list(reflected) == [name for name, *_ in COLUMNS[table]]
    for name, family, length, nullable, default in COLUMNS[table]:
        column = reflected[name]
        type_text = str(column["type"].compile(dialect=empty_engine.dialect))
        assert type_text.startswith(TYPE_NAMES[dialect][family]), (table, name, type_text)
        if family == "timestamptz" and dialect == "postgresql":
            assert column["type"].timezone, (table, name)
        if length is not None:
            assert column["type"].length == length, (table, name)
        assert column["nullable"] is nullable, (table, name)
        if default is None:
            assert column["default"] is None, (table, name, column["default"])
        else:
            # SQLite spells now() as CURRENT_TIMESTAMP.
            accepted = (
                {default.lower(), "current_timestamp"} if default == "now" else {default.lower()}
            )
            assert any(a in str(column["default"]).lower() for a in accepted), (table, name)


@pytest.mark.parametrize("table", sorted(INDEXES))
def test_indexes_by_name(inspector: Any, table: str) -> None:
    reflected = {
        index["name"]: (index["column_names"], bool(index["unique"]))
        for index in inspector.get_indexes(table)
        if index["name"].startswith("ix_")
    }
    assert reflected == INDEXES[table]


def test_primary_and_unique_constraints_by_name(inspector: Any) -> None:
    for table in COLUMNS:
        assert inspector.get_pk_constraint(table)["name"] == f"pk_{table}"
        assert inspector.get_pk_constraint(table)["constrained_columns"] == ["id"]
    for table, expected in UNIQUE_CONSTRAINTS.items():
        reflected = {
            uc["name"]: uc["column_names"] for uc in inspector.get_unique_constraints(table)
        }
        assert reflected == expected, table


def test_foreign_keys_cascade_by_name(inspector: Any) -> None:
    for table, (name, columns, referred) in FOREIGN_KEYS.items():
        (fk,) = inspector.get_foreign_keys(table)
        assert fk["name"] == name
        assert fk["constrained_columns"] == columns
        assert fk["referred_table"] == referred
        assert fk["referred_columns"] == ["id"]
        assert fk["options"].get("ondelete", "").upper() == "CASCADE", table


def test_head_keeps_the_seed_schema_and_adds_the_later_columns(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    inspector = inspect(empty_engine)
    added = {
        "users": {
            *("role", "full_name", "failed_login_count", "locked_until", "last_login_at"),
            "session_version",
        },
        "tasks": {
            *("sha256", "content_type", "site", "profile_id", "attempts", "started_at"),
            *("parent_id", "part", "part_number"),
        },
        "analyses": {"profile_id", "machine_verdict", "machine_compliance_score"},
        "findings": {"overridden_by", "overridden_at", "override_justification"},
    }
    for table, seed_columns in COLUMNS.items():
        names = {column["name"] for column in inspector.get_columns(table)}
        assert {name for name, *_ in seed_columns} | added[table] <= names, table
    later_keys = {"tasks": ["fk_tasks_parent_id_tasks"]}  # a package's reports → its upload
    for table, (name, _columns, _referred) in FOREIGN_KEYS.items():
        names = sorted(fk["name"] for fk in inspector.get_foreign_keys(table))
        assert names == sorted([name, *later_keys.get(table, [])])
    assert inspector.get_foreign_keys("audit_events") == []
