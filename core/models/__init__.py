"""ORM models; importing this package registers every table on Base.metadata for Alembic."""

from core.models.analysis import Analysis, AnalysisTest
from core.models.audit_event import AuditEvent
from core.models.finding import Finding
from core.models.task import Task
from core.models.user import User

__all__ = ["Analysis", "AnalysisTest", "AuditEvent", "Finding", "Task", "User"]
