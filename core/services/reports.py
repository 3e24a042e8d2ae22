"""The downloadable PDF audit report of one task, as the person asking may see it."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from core.analysis.report_pdf import ReportMeta, render_audit_report
from core.enums import TaskStatus, Verdict
from core.schemas import Outcome
from core.services import clock
from core.services.context import ServiceContext
from core.services.overrides import stored_outcome
from core.services.tasks import get_task_for
from core.services.users import Actor
from core.services.views import share_link
from core.standards import DEFAULT_PROFILE_ID, load_profile


def audit_report_pdf(
    ctx: ServiceContext, actor: Actor, task_id: uuid.UUID, *, now: dt.datetime | None = None
) -> tuple[str, bytes]:
    """(file name, PDF bytes): the verdict as it stands, overridden findings listed apart."""
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        profile_id = task.profile_id or DEFAULT_PROFILE_ID
        thresholds = load_profile(profile_id).thresholds
        overrides: list[tuple[str, str | None, str, str, dt.datetime]] = []
        machine_verdict = None
        if task.status == TaskStatus.COMPLETED and task.analysis is not None:
            analysis = task.analysis
            machine, rows = stored_outcome(analysis)
            emails = {row.overridden_by: "" for row in rows if row.overridden_by}
            for user_id in emails:
                user = session.get(type(task.user), user_id)
                emails[user_id] = user.email if user else "a former user"
            standing = []
            for finding, row in zip(machine.findings, rows, strict=True):
                if row.overridden_at is None:
                    standing.append(finding)
                    continue
                overrides.append(
                    (
                        row.rule_id,
                        finding.evidence.point,
                        row.override_justification or "",
                        emails.get(row.overridden_by, "") if row.overridden_by else "",
                        row.overridden_at,
                    )
                )
            outcome = machine.model_copy(
                update={
                    "findings": standing,
                    "verdict": Verdict(analysis.verdict) if analysis.verdict else None,
                    "compliance_score": analysis.compliance_score,
                }
            )
            machine_verdict = (
                Verdict(analysis.machine_verdict) if analysis.machine_verdict else None
            )
        else:
            outcome = Outcome(
                file=task.original_filename,
                status=TaskStatus.FAILED if task.status == TaskStatus.FAILED else task.status,
                error=task.error_message or "The analysis has not finished yet.",
            )
        meta = ReportMeta(
            task_id=str(task.id),
            original_filename=task.original_filename,
            uploaded_by=task.user.email,
            uploaded_at=task.created_at,
            profile_id=profile_id,
            threshold_set=f"{thresholds.id} v{thresholds.version}",
            generated_at=now or clock.now(),
            site=task.site,
            share_url=share_link(ctx, task.id),
            overrides=overrides,
            machine_verdict=machine_verdict,
        )
    stem = PurePath(task.original_filename).stem or "report"
    return f"{stem}-audit.pdf", render_audit_report(outcome, meta)
