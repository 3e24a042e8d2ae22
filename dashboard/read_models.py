"""Plain-data shapes the pages read, converted from core results (no Streamlit, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.services.rules import CatalogueRule, RuleThreshold
from core.standards import Condition, Limit


@dataclass(frozen=True)
class ProfileChoice:
    id: str
    title: str


@dataclass(frozen=True)
class ThresholdView:
    """One threshold-set entry a rule reads, as the selected profile sets it."""

    key: str
    summary: str
    severity: str | None
    clause: str | None
    note: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    """Table entries (rating rows, correction factors, bands) one dict per row."""


@dataclass(frozen=True)
class RuleEntry:
    id: str
    name: str
    family: str
    summary: str
    doc: str
    """The Markdown documentation without its title line."""
    retired: bool
    enabled: bool
    max_severity: str | None
    thresholds: list[ThresholdView] = field(default_factory=list)


def rule_entries(catalogue: list[CatalogueRule]) -> list[RuleEntry]:
    """The service's rule catalogue as the Rules page shows it."""
    return [
        RuleEntry(
            id=rule.id,
            name=rule.name,
            family=rule.family,
            summary=rule.title,
            doc=_doc_body(rule.doc),
            retired=rule.retired,
            enabled=rule.enabled,
            max_severity=str(rule.severity) if rule.severity else None,
            thresholds=[threshold_view(threshold) for threshold in rule.thresholds],
        )
        for rule in catalogue
    ]


def search_catalog(catalog: list[RuleEntry], family: str | None, text: str) -> list[RuleEntry]:
    """Rules of `family` (None: all) whose id, name or summary contains `text`."""
    needle = text.strip().lower()
    return [
        rule
        for rule in catalog
        if family in (None, rule.family)
        and (not needle or needle in f"{rule.id} {rule.name} {rule.summary}".lower())
    ]


def _doc_body(doc: str) -> str:
    """Drop the title line and shrink `##` headings so they sit inside an expander."""
    lines = doc.strip().splitlines()[1:]
    return "\n".join(
        "#### " + line[3:] if line.startswith("## ") else line for line in lines
    ).strip()


def threshold_view(threshold: RuleThreshold) -> ThresholdView:
    """One threshold a rule reads, in words, with its table's rows when it is a table."""
    key, entry = threshold.key, threshold.entry
    dumped = entry.model_dump(mode="json")
    dumped.pop("clause", None)
    clause = threshold.clause
    note = dumped.pop("note", None)
    severity = dumped.pop("severity", None)
    if isinstance(entry, Limit):
        limit = (
            f"{_COMPARATOR[entry.comparator]} {entry.value:g} {_UNIT.get(entry.unit, entry.unit)}"
        )
        return ThresholdView(key, f"passes when {limit.strip()}", severity, clause, note)
    if isinstance(entry, Condition):
        return ThresholdView(key, "raised when the condition is found", severity, clause, note)
    lists = {k: v for k, v in dumped.items() if isinstance(v, list) and v}
    tables = [v for v in lists.values() if isinstance(v[0], dict)]
    series = {k: v for k, v in lists.items() if not isinstance(v[0], dict)}
    scalars = {k: v for k, v in dumped.items() if k not in lists or k in series}
    rows: list[dict[str, Any]] = []
    if tables:
        rows = [dict(row) for row in tables[0]]
    elif len(series) > 1 and len({len(v) for v in series.values()}) == 1:
        # Parallel columns (temperatures_c, oil, solid): one row per index.
        columns = zip(*series.values(), strict=True)
        rows = [dict(zip(series, values, strict=True)) for values in columns]
        scalars = {k: v for k, v in scalars.items() if k not in series}
    summary = "; ".join(f"{label(k)}: {_plain(v)}" for k, v in scalars.items())
    return ThresholdView(key, summary or "table below", severity, clause, note, rows)


_COMPARATOR = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
_UNIT = {"ohm": "Ω", "Mohm": "MΩ", "delta_degC": "°C rise", "ratio": "", "day": "days"}
_UNIT_SUFFIXES = {"_c": "°C", "_v": "V", "_mohm": "MΩ", "_ohm": "Ω", "_pct": "%", "_s": "s"}


def label(name: str) -> str:
    """`min_resistance_mohm` → `min resistance (MΩ)`: units ride in names (STYLE.md)."""
    for suffix, unit in _UNIT_SUFFIXES.items():
        if name.endswith(suffix):
            return f"{name.removesuffix(suffix).replace('_', ' ')} ({unit})"
    return name.replace("_", " ")


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)
