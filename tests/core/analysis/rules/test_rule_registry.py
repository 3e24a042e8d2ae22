"""The registry is explicit and well-formed: ids, names, docs, thresholds and case files."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from core.analysis.rules import all_rules, get_rule
from core.analysis.rules.base import DOC_SECTIONS, FAMILIES, Rule, tombstone
from core.analysis.rules.registry import active_rules, enabled_rules
from core.standards import load_profile, load_threshold_set

RULES_DIR = Path(importlib.import_module("core.analysis.rules").__file__ or "").parent
CASES = Path(__file__).parent / "cases"


def _module_path(rule: Rule) -> Path:
    assert rule.check is not None
    return Path(inspect.getfile(rule.check))


def test_ids_unique_and_sorted() -> None:
    ids = [rule.id for rule in all_rules()]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_every_rule_module_is_registered() -> None:
    registered = {_module_path(rule) for rule in active_rules()}
    on_disk = {
        path
        for family in FAMILIES
        for path in (RULES_DIR / family.lower()).glob("*.py")
        if not path.name.startswith("_")
    }
    assert on_disk == registered


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.family in FAMILIES
    if rule.retired:
        return
    path = _module_path(rule)
    assert path.parent.name == rule.family.lower(), "rule lives in its family's package"
    assert path.stem == rule.name.replace("-", "_"), "module named after the defect"
    assert rule.summary.startswith(f"{rule.id} {rule.name}:")
    headings = re.findall(r"^## (.+)$", rule.doc, flags=re.MULTILINE)
    assert headings == list(DOC_SECTIONS)


@pytest.mark.parametrize("rule", active_rules(), ids=lambda r: r.id)
def test_thresholds_exist_and_are_documented(rule: Rule) -> None:
    thresholds = load_threshold_set("neta-ats-2025")
    section = rule.doc.split("## Thresholds", 1)[1].split("##", 1)[0]
    assert rule.thresholds, "a rule reads at least its severity from the threshold set"
    for key in rule.thresholds:
        thresholds.get(key)
        assert f"`{key}`" in section, f"{key} missing from the Thresholds section"
    assert rule.max_severity(thresholds) is not None


@pytest.mark.parametrize("rule", active_rules(), ids=lambda r: r.id)
def test_every_active_rule_has_both_case_kinds(rule: Rule) -> None:
    folder = CASES / rule.id
    assert list(folder.glob("fail_*.json")), f"{rule.id} has no fail case"
    assert list(folder.glob("pass_*.json")), f"{rule.id} has no pass case"


def test_case_folders_name_known_rules() -> None:
    for folder in CASES.iterdir():
        if folder.is_dir() and not folder.name.startswith("_"):  # _base: the shared reports
            get_rule(folder.name)


def _rule_logic_files() -> list[Path]:
    """Rule modules and their family helpers, plus the shared PI/DAR grading helper."""
    files = [p for family in FAMILIES for p in (RULES_DIR / family.lower()).glob("*.py")]
    return sorted([*files, RULES_DIR / "_ratio_check.py"])


@pytest.mark.parametrize("path", _rule_logic_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_numeric_literal_but_zero_and_one(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literals = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float | complex)
        and not isinstance(node.value, bool)
        and node.value not in (0, 1)
    ]
    assert not literals, f"thresholds belong in the threshold set: {literals}"


def test_default_profile_enables_every_active_rule() -> None:
    assert enabled_rules(load_profile()) == active_rules()


def test_weights_follow_the_highest_severity() -> None:
    thresholds = load_threshold_set("neta-ats-2025")
    assert get_rule("IR-001").weight(thresholds) == 10
    assert get_rule("IR-002").weight(thresholds) == 5
    assert get_rule("IR-003").weight(thresholds) == 2
    assert get_rule("CAL-004").weight(thresholds) == 0
    assert get_rule("THM-001").weight(thresholds) == 10  # bands reach CRITICAL
    assert get_rule("PI-003").weight(thresholds) == 5


def test_a_tombstone_keeps_its_id_and_never_runs() -> None:
    from core.analysis.evaluate import evaluate
    from tests.core.analysis.rules.factories import AS_OF, ir_report

    retired = tombstone(id="IR-099", name="retired-example", doc="IR-099 retired-example: gone.")
    assert retired.retired and retired.family == "IR" and retired.check is None
    outcome = evaluate(ir_report(), load_profile(), as_of=AS_OF, rules=(*active_rules(), retired))
    assert outcome.validation is not None
    assert not [c for c in outcome.validation.checks if c.rule_id == "IR-099"]
    assert not outcome.validation.engine_errors


def test_every_threshold_is_declared_by_a_rule() -> None:
    """The Rules page shows each rule's declared keys: none may be read without a home there."""
    thresholds = load_threshold_set("neta-ats-2025")
    declared = {key for rule in active_rules() for key in rule.thresholds}
    assert sorted(set(thresholds.keys()) - declared) == []


class _Recorder:
    """A threshold set that notes every `section.entry` the derived step reads."""

    def __init__(self, target: object, read: set[str], prefix: str = "") -> None:
        self._target, self._read, self._prefix = target, read, prefix

    def __getattr__(self, name: str) -> object:
        value = getattr(self._target, name)
        if not self._prefix:
            return _Recorder(value, self._read, name)
        self._read.add(f"{self._prefix}.{name}")
        return value


def test_derived_values_read_only_declared_thresholds() -> None:
    from core.analysis.derived import compute_derived
    from tests.core.analysis.rules.test_rule_cases import _case_files, _load

    read: set[str] = set()
    recorder = _Recorder(load_threshold_set("neta-ats-2025"), read)
    for path in _case_files():
        compute_derived(_load(path)[1], recorder)  # type: ignore[arg-type]
    declared = {key for rule in active_rules() for key in rule.thresholds}
    assert read and read <= declared, sorted(read - declared)
