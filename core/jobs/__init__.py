"""Background analysis: a bounded pool in the app process and a polling worker process.

The worker is `python -m core worker`.

Both run `core.services.tasks.run_analysis`; a task is claimed with an atomic
QUEUED → PROCESSING update, so any number of runners can share one database.
"""

from core.jobs.runner import LocalRunner, run_worker

__all__ = ["LocalRunner", "run_worker"]
