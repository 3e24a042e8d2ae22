"""The rule catalogue: one listing, from the registry and a profile, for the CLI and the Rules
page."""

from __future__ import annotations

import argparse
import json

import pytest

from core.analysis.rules import all_rules
from core.cli_analyze import run_rules
from core.enums import Severity
from core.services.rules import rule_catalogue
from core.standards import Limit
from dashboard.read_models import rule_entries

OWNER = "datacenter-owner-example"


def test_every_rule_once_in_id_order_with_its_severity_and_thresholds() -> None:
    catalogue = rule_catalogue()
    assert [rule.id for rule in catalogue] == [rule.id for rule in all_rules()]
    ir001 = next(rule for rule in catalogue if rule.id == "IR-001")
    assert ir001.name == "insulation-resistance-below-minimum" and ir001.family == "IR"
    assert ir001.title and not ir001.title.startswith(("IR-001", ir001.name, ":"))
    assert ir001.severity is Severity.CRITICAL and ir001.enabled and not ir001.retired
    assert "ir.below_minimum" in [t.key for t in ir001.thresholds]
    assert "ANSI/NETA ATS-2025 Table 100.1" in ir001.references
    assert ir001.doc.startswith("IR-001")


def test_thresholds_are_the_profiles() -> None:
    def system_max(profile_id: str) -> Limit:
        gnd = next(rule for rule in rule_catalogue(profile_id) if rule.id == "GND-001")
        (entry,) = [t.entry for t in gnd.thresholds if t.key == "gnd.system_max"]
        assert isinstance(entry, Limit)
        return entry

    default, owner = system_max("neta-ats-2025"), system_max(OWNER)
    assert (owner.value, owner.unit) == (1.0, "ohm") and default.value > owner.value
    assert owner.clause and owner.clause.startswith("Owner specification")
    thm004 = next(rule for rule in rule_catalogue(OWNER) if rule.id == "THM-004")
    assert thm004.severity is Severity.MINOR


def test_the_cli_and_the_rules_page_list_the_same_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_rules(argparse.Namespace(profile=OWNER, json=True)) == 0
    listed = json.loads(capsys.readouterr().out)
    shown = rule_entries(rule_catalogue(OWNER))
    assert [(e["id"], e["summary"], e["severity"]) for e in listed] == [
        (rule.id, rule.summary, rule.max_severity or "INFO") for rule in shown
    ]
    gnd = next(e for e in listed if e["id"] == "GND-001")
    assert gnd["thresholds"]["gnd.system_max"]["value"] == 1.0
    assert run_rules(argparse.Namespace(profile=OWNER, json=False)) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("CAL-001") and "GND-001" in text
