"""Background analysis runners (docs/architecture.md, "Background work").

- PostgreSQL: `core.jobs.queue.JobQueue`, procrastinate jobs run by `python -m core worker`.
- SQLite: `LocalRunner`, a bounded pool in the app process; `run_worker` polls with it.

Both run `core.services.tasks.run_analysis`; `core.services.background` picks one per database.
"""

from core.jobs.runner import LocalRunner, run_worker

__all__ = ["LocalRunner", "run_worker"]
