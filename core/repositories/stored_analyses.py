"""One task's stored analysis as rows, in at most three statements whatever its size: the owner's
email with the analysis, the analysis's findings, and the emails of the managers who overrode
any of them. Ordering the findings is the reader's job (`core.services.stored.read_analysis`):
it is defined once, on the findings themselves, not in SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Analysis, Finding, Task, User
from core.repositories import list_findings_for_analysis


@dataclass(frozen=True)
class StoredRows:
    owner_email: str
    analysis: Analysis | None
    """None while the task has none (queued, failed, or the upload of a package)."""
    findings: list[Finding] = field(default_factory=list)
    """The analysis's findings, in no particular order."""
    emails: dict[uuid.UUID, str] = field(default_factory=dict)
    """The email of every overrider who still has an account."""


def stored_rows(*, session: Session, task_id: uuid.UUID) -> StoredRows:
    """The rows behind task `task_id`'s analysis (which must exist as a task)."""
    owner_email, analysis = session.execute(
        select(User.email, Analysis)
        .select_from(Task)
        .join(User, User.id == Task.user_id)
        .outerjoin(Analysis, Analysis.task_id == Task.id)
        .where(Task.id == task_id)
    ).one()
    if analysis is None:
        return StoredRows(owner_email=owner_email, analysis=None)
    findings = list_findings_for_analysis(session=session, analysis_id=analysis.id)
    overriders = {row.overridden_by for row in findings if row.overridden_by is not None}
    return StoredRows(
        owner_email=owner_email,
        analysis=analysis,
        findings=findings,
        emails=emails_by_id(session=session, user_ids=overriders),
    )


def emails_by_id(*, session: Session, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The email of each of `user_ids` that still has an account (no statement when empty)."""
    if not user_ids:
        return {}
    rows = session.execute(select(User.id, User.email).where(User.id.in_(list(user_ids))))
    return {user_id: email for user_id, email in rows}
