"""Repositories on both backends: CRUD, cascades and unique constraints raising clear errors."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from core import repositories as repo
from core.enums import Severity, TaskStatus
from core.models import Analysis, Finding, Task, User


def _user(session: Session, email: str = "ana@example.com") -> User:
    return repo.users.create(session=session, email=email, hashed_password="x" * 60)


def _task(session: Session, user: User) -> Task:
    return repo.tasks.create(
        session=session, user_id=user.id, original_filename="ir.pdf", file_size=1234
    )


def _analysis(session: Session, task: Task) -> Analysis:
    return repo.analyses.create(
        session=session,
        task_id=task.id,
        equipment_type="SWITCHGEAR",
        test_type="INSULATION_RESISTANCE",
        extraction_result={"measurements": [{"value": 2.5e9}]},
    )


def test_create_get_update_delete_user(session: Session) -> None:
    user = _user(session)
    assert user.is_active is True
    session.refresh(user)
    assert user.created_at is not None and user.updated_at is None
    assert repo.users.get(session=session, id=user.id) is user
    assert repo.get_user_by_email(session=session, email="ana@example.com") is user
    repo.users.update(session=session, row=user, is_active=False)
    session.refresh(user)
    assert user.is_active is False and user.updated_at is not None
    repo.users.delete(session=session, row=user)
    assert repo.users.get(session=session, id=user.id) is None


def test_task_defaults_and_listing(session: Session) -> None:
    user = _user(session)
    first, second = _task(session, user), _task(session, user)
    session.refresh(first)
    assert first.status == TaskStatus.QUEUED
    listed = repo.list_tasks_for_user(session=session, user_id=user.id)
    assert {t.id for t in listed} == {first.id, second.id}
    assert repo.tasks.count(session=session, where=[Task.user_id == user.id]) == 2
    repo.tasks.update(session=session, row=first, status=TaskStatus.COMPLETED)
    done = repo.tasks.list(session=session, where=[Task.status == TaskStatus.COMPLETED])
    assert [t.id for t in done] == [first.id]


def test_json_columns_round_trip(session: Session) -> None:
    analysis = _analysis(session, _task(session, _user(session)))
    finding = repo.findings.create(
        session=session,
        analysis_id=analysis.id,
        severity=Severity.CRITICAL,
        rule_id="IR-001",
        message="A-G 47 MΩ < 100 MΩ",
        evidence={"observed": 47e6, "limit": 1e8, "point": "A-G"},
    )
    session.expire_all()
    loaded = repo.findings.get_or_raise(session=session, id=finding.id)
    assert loaded.evidence == {"observed": 47e6, "limit": 1e8, "point": "A-G"}
    assert repo.get_analysis_for_task(session=session, task_id=analysis.task_id) is not None
    stored = repo.analyses.get_or_raise(session=session, id=analysis.id)
    assert stored.extraction_result == {"measurements": [{"value": 2.5e9}]}


def test_deleting_a_user_cascades_to_tasks_analyses_findings(session: Session) -> None:
    user = _user(session)
    analysis = _analysis(session, _task(session, user))
    repo.findings.create(
        session=session, analysis_id=analysis.id, severity="MAJOR", rule_id="CAL-003", message="m"
    )
    other = _user(session, "bo@example.com")
    _task(session, other)
    session.flush()
    user_id, other_id = user.id, other.id
    # Delete through SQL, not the ORM, so the database's ON DELETE CASCADE does the work.
    session.execute(User.__table__.delete().where(User.id == user_id))
    session.expunge_all()
    assert repo.tasks.count(session=session, where=[Task.user_id == user_id]) == 0
    assert repo.analyses.count(session=session) == 0
    assert repo.findings.count(session=session) == 0
    assert repo.tasks.count(session=session, where=[Task.user_id == other_id]) == 1


def test_orm_delete_cascades_too(session: Session) -> None:
    user = _user(session)
    analysis = _analysis(session, _task(session, user))
    repo.findings.create(
        session=session, analysis_id=analysis.id, severity="INFO", rule_id="DATA-009", message="m"
    )
    repo.users.delete(session=session, row=user)
    assert repo.findings.count(session=session, where=[Finding.analysis_id == analysis.id]) == 0


def test_duplicate_email_raises_a_clear_error(session: Session) -> None:
    _user(session)
    with pytest.raises(repo.DuplicateError, match=r"ana@example\.com already exists"):
        _user(session)
    # The session is still usable after the refused write.
    assert repo.users.count(session=session) == 1


def test_second_analysis_for_a_task_raises_a_clear_error(session: Session) -> None:
    task = _task(session, _user(session))
    _analysis(session, task)
    with pytest.raises(repo.DuplicateError, match="already has an analysis"):
        _analysis(session, task)


def test_get_or_raise_unknown_id(session: Session) -> None:
    import uuid

    with pytest.raises(repo.NotFoundError):
        repo.tasks.get_or_raise(session=session, id=uuid.uuid4())
