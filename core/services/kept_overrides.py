"""A re-run keeps the managers' overrides.

Re-running a report (the owner asking again, another profile, a package read anew) replaces
its analysis and findings. An override is a manager's judgement about a finding — a rule at a
point — not about a row: each one is re-applied to the new finding of the same rule id and
point (one for one, in report order), with its justification, manager and time, and recorded
as `finding.override_kept`; the score and verdict are recomputed without those findings as an
override does. An override whose finding the new analysis no longer raises (the reading now
passes, the point is gone, the run failed) is recorded as `finding.override_dropped`, so the
trail says what became of it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.analysis.scoring import recompute
from core.models import Analysis, Task
from core.models import Finding as FindingRow
from core.schemas import Outcome
from core.services.audit import record
from core.standards import load_profile


@dataclass(frozen=True)
class KeptOverride:
    rule_id: str
    point: str | None
    by: uuid.UUID | None
    at: dt.datetime
    justification: str

    def details(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "point": self.point,
            "justification": self.justification,
            "overridden_by": str(self.by) if self.by else None,
            "overridden_at": self.at.isoformat(),
        }


def overrides_of(analysis: Analysis | None) -> list[KeptOverride]:
    """The overrides standing on an analysis about to be replaced (by rule, point, then id)."""
    if analysis is None:
        return []
    return [
        KeptOverride(
            rule_id=row.rule_id,
            point=(row.evidence or {}).get("point"),
            by=row.overridden_by,
            at=row.overridden_at,
            justification=row.override_justification or "",
        )
        for row in sorted(analysis.findings, key=_order)
        if row.overridden_at is not None
    ]


def reapply(
    session: Session,
    task: Task,
    analysis: Analysis,
    outcome: Outcome,
    rows: Sequence[FindingRow],
    kept: Sequence[KeptOverride],
    profile_id: str,
) -> None:
    """Put `kept` back on the new findings `rows` (stored from `outcome.findings`, in its order)
    and rescore `analysis`; record what was kept and what was dropped."""
    if not kept:
        return
    pending: dict[tuple[str, str | None], list[KeptOverride]] = {}
    for override in kept:
        pending.setdefault((override.rule_id, override.point), []).append(override)
    excluded: set[int] = set()
    for index, (finding, row) in enumerate(zip(outcome.findings, rows, strict=True)):
        waiting = pending.get((finding.rule_id, finding.evidence.point))
        if not waiting:
            continue
        override = waiting.pop(0)
        row.overridden_by, row.overridden_at = override.by, override.at
        row.override_justification = override.justification
        excluded.add(index)
        record(
            session,
            actor_id=None,
            action="finding.override_kept",
            subject=row,
            task_id=task.id,
            **override.details(),
        )
    dropped(session, task, [o for waiting in pending.values() for o in waiting])
    if excluded:
        policy = load_profile(profile_id).verdict
        scores = recompute(outcome, excluded=excluded, policy=policy)
        analysis.compliance_score = scores.compliance_score
        analysis.verdict = scores.verdict


def dropped(session: Session, task: Task, overrides: Sequence[KeptOverride]) -> None:
    for override in overrides:
        record(
            session,
            actor_id=None,
            action="finding.override_dropped",
            subject=task,
            **override.details(),
        )


def _order(row: FindingRow) -> tuple[str, str, str]:
    return (row.rule_id, str((row.evidence or {}).get("point") or ""), str(row.id))
