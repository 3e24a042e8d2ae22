"""Manager overrides: a finding set aside with a written reason; score and verdict recomputed,
the machine's verdict kept beside them and in the audit trail."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from core import repositories as repo
from core.analysis.scoring import recompute
from core.enums import Role, TaskStatus
from core.models import Analysis, Finding, Task
from core.services.audit import record
from core.services.clock import now
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, NotFound, PermissionDenied
from core.services.stored import read_analysis
from core.services.tasks import get_task_for
from core.services.users import Actor
from core.standards import load_profile

MIN_JUSTIFICATION_CHARS = 10


def override_finding(
    ctx: ServiceContext, actor: Actor, finding_id: uuid.UUID, justification: str
) -> None:
    justification = justification.strip()
    if len(justification) < MIN_JUSTIFICATION_CHARS:
        raise InvalidInput(
            f"Write why this finding does not apply "
            f"(at least {MIN_JUSTIFICATION_CHARS} characters)."
        )
    with ctx.session() as session:
        finding, task = _load(session, actor, finding_id)
        if finding.overridden_at is not None:
            raise InvalidInput("This finding is already overridden.")
        finding.overridden_by = actor.id
        finding.overridden_at = now()
        finding.override_justification = justification
        analysis = _rescore(session, finding, task)
        record(
            session,
            actor_id=actor.id,
            action="finding.overridden",
            subject=finding,
            task_id=task.id,
            rule_id=finding.rule_id,
            justification=justification,
            machine_verdict=analysis.machine_verdict,
            verdict=analysis.verdict,
        )


def revoke_override(ctx: ServiceContext, actor: Actor, finding_id: uuid.UUID) -> None:
    with ctx.session() as session:
        finding, task = _load(session, actor, finding_id)
        if finding.overridden_at is None:
            raise InvalidInput("This finding is not overridden.")
        finding.overridden_by = None
        finding.overridden_at = None
        finding.override_justification = None
        analysis = _rescore(session, finding, task)
        record(
            session,
            actor_id=actor.id,
            action="finding.override_revoked",
            subject=finding,
            task_id=task.id,
            rule_id=finding.rule_id,
            verdict=analysis.verdict,
        )


def _load(session: Session, actor: Actor, finding_id: uuid.UUID) -> tuple[Finding, Task]:
    if not actor.can(Role.MANAGER):
        raise PermissionDenied("Only a manager can override findings.")
    finding = repo.findings.get(session=session, id=finding_id)
    if finding is None:
        raise NotFound("There is no such finding; the analysis may have been re-run.")
    task = get_task_for(session, actor, finding.analysis.task_id)
    if task.status != TaskStatus.COMPLETED:
        raise InvalidInput("This report is being analysed again; wait for it to finish.")
    return finding, task


def _rescore(session: Session, finding: Finding, task: Task) -> Analysis:
    """Score and verdict again without the overridden findings, as the stored analysis now
    reads (the change to `finding` included); returns the analysis, updated."""
    stored = read_analysis(session, task)
    policy = load_profile(stored.profile_id).verdict
    scores = recompute(stored.machine_outcome(), excluded=stored.overridden, policy=policy)
    return repo.analyses.update(
        session=session,
        row=finding.analysis,
        compliance_score=scores.compliance_score,
        verdict=scores.verdict,
        **stored.counts,
    )
