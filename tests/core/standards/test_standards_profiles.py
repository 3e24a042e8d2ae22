"""Profiles are data: the default one, an owner's overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.analysis.rules.registry import all_rules, enabled_rules
from core.enums import Severity
from core.standards import (
    ProfileError,
    UnknownStandardError,
    list_profiles,
    load_profile,
    load_profile_file,
    load_threshold_set,
    profile_from_mapping,
)


def test_list_profiles() -> None:
    assert list_profiles() == ["datacenter-owner-example", "neta-ats-2025"]


def test_default_profile() -> None:
    profile = load_profile()
    assert profile.id == "neta-ats-2025"
    assert profile.threshold_set_id == "neta-ats-2025"
    assert profile.thresholds == load_threshold_set("neta-ats-2025")
    assert profile.enabled_rules is None and profile.disabled_rules == ()
    assert (profile.verdict.compliance_min, profile.verdict.confidence_min) == (95, 0.80)
    assert load_profile("neta-ats-2025") is profile


def test_owner_profile_overrides_values_and_severities() -> None:
    owner = load_profile("datacenter-owner-example")
    assert owner.thresholds.gnd.system_max.value == 1.0
    assert owner.thresholds.gnd.system_max.severity is Severity.CRITICAL
    assert owner.thresholds.thm.load_not_stated.severity is Severity.MINOR
    assert owner.verdict.compliance_min == 97
    assert load_threshold_set("neta-ats-2025").gnd.system_max.value == 5.0  # untouched


def test_profiles_name_only_known_rules() -> None:
    known = {rule.id for rule in all_rules()}
    for profile_id in list_profiles():
        profile = load_profile(profile_id)
        assert set(profile.enabled_rules or ()) <= known
        assert set(profile.disabled_rules) <= known
        enabled_rules(profile)


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(UnknownStandardError) as error:
        load_profile("utility-x")
    assert "datacenter-owner-example, neta-ats-2025" in str(error.value)


def _mapping(**overrides: object) -> dict[str, object]:
    return {
        "id": "t",
        "title": "T",
        "threshold_set": "neta-ats-2025",
        "verdict": {"compliance_min": 95, "confidence_min": 0.8},
        "overrides": overrides,
    }


def test_override_of_a_missing_key_fails_loudly() -> None:
    with pytest.raises(ProfileError, match=r"gnd\.system_maximum"):
        profile_from_mapping(_mapping(**{"gnd.system_maximum.value": 1.0}))


def test_override_with_a_bad_value_fails_validation() -> None:
    with pytest.raises(ProfileError, match="do not validate"):
        profile_from_mapping(_mapping(**{"gnd.system_max.severity": "FATAL"}))


def test_dotted_leaf_override() -> None:
    profile = profile_from_mapping(_mapping(**{"cal.max_age.value": 6}))
    assert profile.thresholds.cal.max_age.value == 6


def test_profile_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "utility.toml"
    path.write_text(
        'id = "utility"\ntitle = "Utility"\nthreshold_set = "neta-ats-2025"\n'
        '[rules]\nenabled = ["IR-001", "GND-001"]\n'
        "[verdict]\ncompliance_min = 90.0\nconfidence_min = 0.7\n"
        '[overrides]\n"gnd.system_max.value" = 1.0\n',
        encoding="utf-8",
    )
    profile = load_profile_file(path)
    assert [rule.id for rule in enabled_rules(profile)] == ["GND-001", "IR-001"]
    assert profile.thresholds.gnd.system_max.value == 1.0


def test_profile_naming_an_unknown_rule_is_an_error() -> None:
    profile = profile_from_mapping({**_mapping(), "rules": {"disabled": ["XX-001"]}})
    with pytest.raises(ValueError, match="XX-001"):
        enabled_rules(profile)
