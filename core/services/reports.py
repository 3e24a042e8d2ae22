"""The downloadable PDF audit report of one task, as the person asking may see it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import PurePath

from core.analysis.report_pdf import OverrideRow, ReportMeta, render_audit_report
from core.enums import TaskStatus, Verdict
from core.schemas import Outcome
from core.services import clock
from core.services.context import ServiceContext
from core.services.evidence import audit_crops
from core.services.stored import StoredAnalysis, read_analysis
from core.services.tasks import get_task_for
from core.services.users import Actor
from core.services.views import share_link
from core.standards import DEFAULT_PROFILE_ID, load_profile

FORMER_USER = "a former user"
"""Who overrode a finding, when that account no longer exists."""


def audit_report_pdf(
    ctx: ServiceContext,
    actor: Actor,
    task_id: uuid.UUID,
    *,
    now: dt.datetime | None = None,
    share_url: str | None = None,
) -> tuple[str, bytes]:
    """(file name, PDF bytes): the verdict as it stands, overridden findings listed apart,
    the evidence crop of each CRITICAL and MAJOR finding (`evidence.audit_crops`).

    `share_url` is the report's absolute link (the dashboard makes it from the browser's
    address when no `AUDITENG_PUBLIC_URL` is set); without one, `views.share_link`'s."""
    with ctx.session() as session:
        task = get_task_for(session, actor, task_id)
        stored = read_analysis(session, task)
        profile_id = task.profile_id or DEFAULT_PROFILE_ID
        thresholds = load_profile(profile_id).thresholds
        finished = task.status == TaskStatus.COMPLETED and stored.analysis_id is not None
        if finished:
            outcome = stored.standing_outcome()
        else:
            outcome = Outcome(
                file=task.original_filename,
                status=TaskStatus.FAILED if task.status == TaskStatus.FAILED else task.status,
                error=task.error_message or "The analysis has not finished yet.",
            )
        meta = ReportMeta(
            task_id=str(task.id),
            original_filename=task.original_filename,
            uploaded_by=stored.owner_email,
            uploaded_at=task.created_at,
            profile_id=profile_id,
            threshold_set=f"{thresholds.id} v{thresholds.version}",
            generated_at=now or clock.now(),
            site=task.site,
            share_url=share_url or share_link(ctx, task.id),
            overrides=_override_rows(stored) if finished else [],
            machine_verdict=Verdict(stored.machine_verdict)
            if finished and stored.machine_verdict
            else None,
        )
        file_path = task.file_path
    if finished:
        crops = audit_crops(ctx, file_path, stored)
        meta = replace(meta, evidence_images=_by_position(stored, crops))
    stem = PurePath(task.original_filename).stem or "report"
    return f"{stem}-audit.pdf", render_audit_report(outcome, meta)


def _by_position(stored: StoredAnalysis, crops: dict[uuid.UUID, bytes]) -> dict[int, bytes]:
    """Crops keyed by the finding's position in the standing outcome (the findings no manager
    overrode, in the stored order), as the report lists them."""
    standing = [item for item in stored.findings if item.override is None]
    return {index: crops[item.id] for index, item in enumerate(standing) if item.id in crops}


def _override_rows(stored: StoredAnalysis) -> list[OverrideRow]:
    """(rule, point, justification, by, at) of each overridden finding, in report order."""
    return [
        (
            item.finding.rule_id,
            item.finding.evidence.point,
            override.justification,
            override.by_email or FORMER_USER,
            override.at,
        )
        for item in stored.findings
        if (override := item.override) is not None
    ]
