"""Rule framework: what a rule is, the context its check reads, and helpers to report results.

A rule (one module per rule, like a ruff rule) is a `Rule`: a literal id, a kebab-case name for
the defect, its Markdown documentation (the module docstring), the threshold keys it reads and
a pure check function. The check takes a `RuleContext` and yields a `Check` for every subject
it evaluated (passed or failed) and a `Finding` for every defect, built with the helpers here so
that weights, evidence and messages look the same everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from core.analysis.derived import OHMS_PER_MEGOHM, Derived
from core.analysis.scoring import SEVERITY_WEIGHT, worst
from core.enums import Severity
from core.schemas import (
    Check,
    Evidence,
    ExtractionResult,
    Finding,
    Measurement,
    PriorAnalysis,
    Quantity,
    SourceLocation,
)
from core.standards import BandTable, Condition, Limit, Profile, ThresholdSet

REPORT = "report"
"""The subject of CAL- and DATA- checks: the report as a whole."""
DOC_SECTIONS = ("What it checks", "Why it matters", "Thresholds", "Remediation", "References")
FAMILIES = ("IR", "PI", "DAR", "GND", "THM", "CR", "TTR", "CAL", "DATA", "HIST")
MICROOHMS_PER_OHM = 1e6

_RULE_ID = re.compile(r"^(?P<family>[A-Z]+)-\d{3}$")
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Result = Check | Finding
CheckFn = Callable[["RuleContext"], Iterable[Result]]
EntryT = TypeVar("EntryT", bound=BaseModel)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    doc: str
    check: CheckFn | None
    """None for a retired rule (a tombstone keeps its id from being reused)."""
    thresholds: tuple[str, ...] = ()
    """Threshold-set keys the check reads; their severities bound the rule's weight."""

    @property
    def family(self) -> str:
        return self.id.rsplit("-", 1)[0]

    @property
    def retired(self) -> bool:
        return self.check is None

    @property
    def summary(self) -> str:
        """The docstring's first line."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def severities(self, thresholds: ThresholdSet) -> tuple[Severity, ...]:
        return tuple(s for key in self.thresholds for s in thresholds.severities(key))

    def max_severity(self, thresholds: ThresholdSet) -> Severity | None:
        """The worst severity this rule can raise under these thresholds (profile included)."""
        return worst(self.severities(thresholds))

    def weight(self, thresholds: ThresholdSet) -> int:
        highest = self.max_severity(thresholds)
        return SEVERITY_WEIGHT[highest] if highest is not None else 0


def make_rule(
    *, id: str, name: str, doc: str | None, check: CheckFn, thresholds: tuple[str, ...]
) -> Rule:
    """A rule, validated where it is declared so a malformed one fails at import."""
    match = _RULE_ID.match(id)
    if not match or match["family"] not in FAMILIES:
        raise ValueError(f"rule id {id!r} is not FAMILY-NNN with a known family")
    if not _KEBAB.match(name):
        raise ValueError(f"rule name {name!r} is not kebab-case")
    if not doc:
        raise ValueError(f"rule {id} has no documentation")
    return Rule(id=id, name=name, doc=doc, check=check, thresholds=thresholds)


def tombstone(*, id: str, name: str, doc: str) -> Rule:
    """A retired rule: listed so its id is never reused, never run."""
    return Rule(id=id, name=name, doc=doc, check=None)


@dataclass(frozen=True)
class RuleContext:
    """Everything a check may read; no clock, database or files (`as_of` is the upload date)."""

    rule: Rule
    extraction: ExtractionResult
    derived: Derived
    profile: Profile
    as_of: dt.date
    _weight: int = field(default=0, repr=False)
    history: tuple[PriorAnalysis, ...] = ()
    """Earlier analyses of the same asset tested before this report, oldest first (HIST-)."""

    @classmethod
    def for_rule(
        cls,
        rule: Rule,
        extraction: ExtractionResult,
        derived: Derived,
        profile: Profile,
        as_of: dt.date,
        history: tuple[PriorAnalysis, ...] = (),
    ) -> RuleContext:
        """The context for one rule, its weight (from the profile's severities) worked out once."""
        weight = rule.weight(profile.thresholds)
        return cls(rule, extraction, derived, profile, as_of, weight, history=history)

    @property
    def thresholds(self) -> ThresholdSet:
        return self.profile.thresholds

    def _entry(self, key: str, kind: type[EntryT]) -> EntryT:
        if key not in self.rule.thresholds:
            raise KeyError(f"{self.rule.id} reads {key!r} but does not declare it")
        entry = self.thresholds.get(key)
        if not isinstance(entry, kind):
            raise TypeError(f"{key!r} is a {type(entry).__name__}, not a {kind.__name__}")
        return entry

    def limit(self, key: str) -> Limit:
        return self._entry(key, Limit)

    def condition(self, key: str) -> Condition:
        return self._entry(key, Condition)

    def bands(self, key: str) -> BandTable:
        return self._entry(key, BandTable)

    def measurements(self, *quantities: Quantity) -> list[tuple[int, Measurement]]:
        return [
            (i, m) for i, m in enumerate(self.extraction.measurements) if m.quantity in quantities
        ]

    def passed(
        self, subject: str, *, against: Evidence | None = None, index: int | None = None
    ) -> Check:
        """A passed check; `against` (what the reading met) and `index` (of the measurement)
        let the reading's limit and margin be shown."""
        return Check(
            rule_id=self.rule.id,
            subject=subject,
            passed=True,
            weight=self._weight,
            measurement_index=index,
            against=_lean(against),
        )

    def fail(
        self,
        subject: str,
        *,
        severity: Severity,
        message: str,
        evidence: Evidence,
        remediation: str,
        index: int | None = None,
    ) -> Iterator[Result]:
        """The finding and its failed check (checks on one subject are merged by the engine);
        `index` is the judged measurement's, when there is one."""
        if evidence.point != subject and "subject" not in evidence.details:
            evidence = evidence.model_copy(
                update={"details": {**evidence.details, "subject": subject}}
            )
        yield Finding(
            rule_id=self.rule.id,
            rule_name=self.rule.name,
            severity=severity,
            message=message,
            evidence=evidence,
            remediation=remediation,
        )
        yield Check(
            rule_id=self.rule.id,
            subject=subject,
            passed=False,
            weight=self._weight,
            severity=severity,
            deducted=SEVERITY_WEIGHT[severity],
            measurement_index=index,
            against=_lean(evidence),
        )


def _lean(evidence: Evidence | None) -> Evidence | None:
    """What a reading was measured against, without what its finding carries (source, raw
    text, details); None without a limit."""
    if evidence is None or evidence.limit is None:
        return None
    keep = {"observed", "unit", "corrected", "limit", "comparator", "point", "clause"}
    return Evidence(**{key: getattr(evidence, key) for key in keep})


def evidence(
    *,
    observed: float | str | None,
    unit: str | None,
    clause: str,
    limit: float | str | None = None,
    comparator: str | None = None,
    measurement: Measurement | None = None,
    point: str | None = None,
    corrected: float | None = None,
    source: SourceLocation | None = None,
    raw: str | None = None,
    details: Mapping[str, Any] | None = None,
    **extra: Any,
) -> Evidence:
    """Observed vs. expected; point, source and raw text come from the measurement if given."""
    return Evidence(
        observed=observed,
        unit=unit,
        corrected=corrected,
        limit=limit,
        comparator=comparator,
        point=point if point is not None else (measurement.point if measurement else None),
        clause=clause,
        source=source if source is not None else (measurement.source if measurement else None),
        raw=raw if raw is not None else (measurement.raw or None if measurement else None),
        details={
            key: value for key, value in {**(details or {}), **extra}.items() if value is not None
        },
    )


def fmt(value: float) -> str:
    """A number for people: thousands separated, at most four significant digits below 1,000."""
    if abs(value) >= 1e3:
        return f"{value:,.0f}"
    text = f"{value:.4g}"
    return text if "e" not in text else f"{value:.6f}".rstrip("0").rstrip(".")


def ratio(value: float) -> str:
    """A ratio to three significant digits: `0.0517`, `1.25`."""
    return f"{value:.3g}"


def share(fraction: float) -> str:
    """A fraction as a percentage for people: 0.0145 → `1.5 %`, 0.5 → `50 %`."""
    return f"{fmt(round(fraction * 100, 1))} %"


def megohms(value_mohm: float) -> str:
    return f"{fmt(value_mohm)} MΩ"


def ohms(value_ohm: float) -> str:
    return f"{fmt(value_ohm)} Ω"


def micro_ohms(value_ohm: float) -> str:
    return f"{fmt(value_ohm * MICROOHMS_PER_OHM)} µΩ"


def to_micro_ohms(value_ohm: float) -> float:
    return value_ohm * MICROOHMS_PER_OHM


def to_megohms(value_ohm: float) -> float:
    return value_ohm / OHMS_PER_MEGOHM


def percent(value: float) -> str:
    return f"{fmt(value)} %"


def degrees(value: float) -> str:
    return f"{fmt(value)} °C"


def shown(measurement: Measurement, formatted: str) -> str:
    """A reading as the report shows it: `>2,200 MΩ` for a censored one, `OL` for no number."""
    if measurement.value is None:
        return measurement.raw or "OL"
    return f">{formatted}" if measurement.censored else formatted


def symbol(comparator: str) -> str:
    """`≥` for `>=`: how a comparator reads in a message."""
    return {">=": "≥", "<=": "≤"}.get(comparator, comparator)


def first_failed(observed: float, limits: Iterable[Limit]) -> Limit | None:
    """The first limit (worst first) the observed value fails, or None when it passes them all."""
    return next((limit for limit in limits if not limit.passes(observed)), None)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
