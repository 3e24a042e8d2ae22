"""The rule catalogue: every rule with its documentation, the severity it can raise and the
thresholds it reads, as a profile sets them, with the clauses of the standard they come from.
One listing for `python -m core rules` and the Rules page; no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from core.enums import Severity
from core.standards import DEFAULT_PROFILE_ID, load_profile


@dataclass(frozen=True)
class RuleThreshold:
    key: str
    """The threshold set's dotted key (`ir.below_minimum`)."""
    entry: BaseModel
    """The entry as the profile sets it: a Limit, Condition, BandTable or table."""

    @property
    def clause(self) -> str | None:
        """Where the standard states it (`ATS-2025 Table 100.1`)."""
        clause = getattr(self.entry, "clause", None)
        return str(clause) if clause else None


@dataclass(frozen=True)
class CatalogueRule:
    id: str
    name: str
    """The kebab-case name of the defect."""
    family: str
    title: str
    """What it checks: the documentation's first line without the id and name."""
    doc: str
    """The Markdown documentation, title line included."""
    retired: bool
    enabled: bool
    """Whether the profile runs it (never for a retired rule)."""
    severity: Severity | None
    """The worst severity it can raise under the profile; None for a retired rule or one that
    reads no severity."""
    thresholds: tuple[RuleThreshold, ...] = ()

    @property
    def references(self) -> tuple[str, ...]:
        """The clauses of the standard its thresholds come from, each once, in order."""
        return tuple(dict.fromkeys(t.clause for t in self.thresholds if t.clause))


def rule_catalogue(profile_id: str = DEFAULT_PROFILE_ID) -> list[CatalogueRule]:
    """Every rule, retired ones included, sorted by id, under profile `profile_id`."""
    from core.analysis.rules import all_rules  # the registry imports every rule module

    profile = load_profile(profile_id)
    thresholds = profile.thresholds
    return [
        CatalogueRule(
            id=rule.id,
            name=rule.name,
            family=rule.family,
            title=_title(rule.summary, rule.id, rule.name),
            doc=rule.doc,
            retired=rule.retired,
            enabled=not rule.retired and profile.is_enabled(rule.id),
            severity=None if rule.retired else rule.max_severity(thresholds),
            thresholds=tuple(RuleThreshold(key, thresholds.get(key)) for key in rule.thresholds),
        )
        for rule in all_rules()
    ]


def _title(first_line: str, rule_id: str, name: str) -> str:
    # Docstrings open with "IR-001 insulation-resistance-below-minimum: what it checks".
    text = first_line.removeprefix(rule_id).strip().removeprefix(name).strip()
    return text.removeprefix(":").strip() or first_line
