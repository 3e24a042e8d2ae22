"""Enumerations shared by the engine, the database and the pages, stored as their string values."""

from enum import StrEnum


class TaskStatus(StrEnum):
    QUEUED = "QUEUED"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class Verdict(StrEnum):
    APPROVED = "APPROVED"
    REVIEW = "REVIEW"
    REJECTED = "REJECTED"


class Severity(StrEnum):
    CRITICAL = "CRITICAL"
    MAJOR = "MAJOR"
    MINOR = "MINOR"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        """0 for CRITICAL … 3 for INFO: the sort key that puts the worst first."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.INFO]


class TestType(StrEnum):
    INSULATION_RESISTANCE = "INSULATION_RESISTANCE"
    GROUNDING = "GROUNDING"
    THERMOGRAPHY = "THERMOGRAPHY"
    CONTACT_RESISTANCE = "CONTACT_RESISTANCE"
    TURNS_RATIO = "TURNS_RATIO"


class EquipmentType(StrEnum):
    SWITCHGEAR = "SWITCHGEAR"
    PANELBOARD = "PANELBOARD"
    TRANSFORMER = "TRANSFORMER"
    UPS = "UPS"
    ATS = "ATS"
    GENERATOR = "GENERATOR"
    CABLE = "CABLE"
    BUSWAY = "BUSWAY"
    BREAKER = "BREAKER"
    PDU = "PDU"
    MOTOR = "MOTOR"
    GROUNDING_SYSTEM = "GROUNDING_SYSTEM"
    OTHER = "OTHER"


class Role(StrEnum):
    """Cumulative roles: each one can do everything the one before it can."""

    ENGINEER = "engineer"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def level(self) -> int:
        return _ROLE_ORDER.index(self)

    def at_least(self, other: "Role") -> bool:
        return self.level >= other.level


_ROLE_ORDER = [Role.ENGINEER, Role.MANAGER, Role.ADMIN]
