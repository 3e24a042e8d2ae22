"""ORM models; importing this package registers every table on Base.metadata for Alembic."""

from core.models.analysis import Analysis
from core.models.audit_event import AuditEvent
from core.models.finding import Finding
from core.models.task import Task
from core.models.user import User

__all__ = ["Analysis", "AuditEvent", "Finding", "Task", "User"]
