"""The app's background analyses, started through the services so the dashboard never reaches
into the job runner itself: a bounded in-process pool that resumes what a previous process
left queued. Claims are atomic, so it shares the database with `python -m core worker`."""

from __future__ import annotations

import uuid
from typing import Protocol

from core.services.context import ServiceContext


class Background(Protocol):
    """What the app asks of its runner: analyse this task soon."""

    def enqueue(self, task_id: uuid.UUID) -> None: ...


def start_background(ctx: ServiceContext) -> Background:
    from core.jobs import LocalRunner

    pool = LocalRunner(ctx)
    pool.resume()
    return pool
