"""Manager overrides: a finding set aside with a written reason; score and verdict recomputed,
the machine's verdict kept beside them and in the audit trail."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from core import repositories as repo
from core.analysis.scoring import recompute
from core.enums import Role, TaskStatus
from core.models import Analysis, Finding
from core.schemas import ExtractionResult, Outcome, ValidationResult
from core.services.audit import record
from core.services.clock import now
from core.services.context import ServiceContext
from core.services.errors import InvalidInput, NotFound, PermissionDenied
from core.services.stored import from_row, in_report_order, keep_counts, stored_test_types
from core.services.tasks import get_task_for
from core.services.users import Actor
from core.standards import DEFAULT_PROFILE_ID, load_profile

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
        finding, analysis = _load(session, actor, finding_id)
        if finding.overridden_at is not None:
            raise InvalidInput("This finding is already overridden.")
        finding.overridden_by = actor.id
        finding.overridden_at = now()
        finding.override_justification = justification
        _rescore(session, analysis)
        record(
            session,
            actor_id=actor.id,
            action="finding.overridden",
            subject=finding,
            rule_id=finding.rule_id,
            justification=justification,
            machine_verdict=analysis.machine_verdict,
            verdict=analysis.verdict,
        )


def revoke_override(ctx: ServiceContext, actor: Actor, finding_id: uuid.UUID) -> None:
    with ctx.session() as session:
        finding, analysis = _load(session, actor, finding_id)
        if finding.overridden_at is None:
            raise InvalidInput("This finding is not overridden.")
        finding.overridden_by = None
        finding.overridden_at = None
        finding.override_justification = None
        _rescore(session, analysis)
        record(
            session,
            actor_id=actor.id,
            action="finding.override_revoked",
            subject=finding,
            rule_id=finding.rule_id,
            verdict=analysis.verdict,
        )


def _load(session: Session, actor: Actor, finding_id: uuid.UUID) -> tuple[Finding, Analysis]:
    if not actor.can(Role.MANAGER):
        raise PermissionDenied("Only a manager can override findings.")
    finding = repo.findings.get(session=session, id=finding_id)
    if finding is None:
        raise NotFound("There is no such finding; the analysis may have been re-run.")
    analysis = finding.analysis
    task = get_task_for(session, actor, analysis.task_id)
    if task.status != TaskStatus.COMPLETED:
        raise InvalidInput("This report is being analysed again; wait for it to finish.")
    return finding, analysis


def stored_outcome(analysis: Analysis) -> tuple[Outcome, list[Finding]]:
    """The machine's Outcome rebuilt from storage, and the finding rows in the same order."""
    rows = in_report_order(analysis.findings)
    findings = [from_row(row) for row in rows]
    outcome = Outcome(
        file=analysis.task.original_filename,
        status=TaskStatus.COMPLETED,
        equipment_type=analysis.equipment_type,
        test_type=analysis.test_type,
        test_types=stored_test_types(analysis),
        equipment_tag=analysis.equipment_tag,
        verdict=analysis.machine_verdict,
        compliance_score=analysis.machine_compliance_score,
        confidence_score=analysis.confidence_score,
        findings=findings,
        extraction=ExtractionResult.model_validate(analysis.extraction_result or {}),
        validation=ValidationResult.model_validate(analysis.validation_result or {}),
    )
    return outcome, rows


def _rescore(session: Session, analysis: Analysis) -> None:
    outcome, rows = stored_outcome(analysis)
    excluded = {i for i, row in enumerate(rows) if row.overridden_at is not None}
    policy = load_profile(analysis.profile_id or DEFAULT_PROFILE_ID).verdict
    scores = recompute(outcome, excluded=excluded, policy=policy)
    analysis.compliance_score = scores.compliance_score
    analysis.verdict = scores.verdict
    keep_counts(analysis, rows)
    session.flush()
