"""Rules: one module per rule, one package per family, one explicit registry (`registry.py`)."""

from core.analysis.rules.base import REPORT, Rule, RuleContext
from core.analysis.rules.registry import active_rules, all_rules, enabled_rules, get_rule

__all__ = [
    "REPORT",
    "Rule",
    "RuleContext",
    "active_rules",
    "all_rules",
    "enabled_rules",
    "get_rule",
]
