"""The one explicit registry of rules, sorted by id. Ids are literal and never reused.

A rule that is retired stays here as a tombstone (`base.tombstone(...)`): listed so its id
is not taken again, never run. The registry test checks order, uniqueness, names, docs, case
files and that rule modules hold no numeric literal other than 0 and 1.
"""

from __future__ import annotations

from core.analysis.rules.base import Rule
from core.analysis.rules.cal import (
    calibration_dated_after_test,
    calibration_due_soon,
    calibration_expired,
    calibration_information_missing,
    calibration_older_than_interval,
)
from core.analysis.rules.cr import (
    contact_resistance_above_manufacturer_maximum,
    contact_resistance_deviation,
    fuse_resistance_deviation,
)
from core.analysis.rules.dar import (
    apparatus_dielectric_absorption_ratio_below_minimum,
    machine_dielectric_absorption_ratio_below_minimum,
    transformer_dielectric_absorption_ratio_below_minimum,
)
from core.analysis.rules.data import (
    ambient_conditions_missing,
    ambiguous_date,
    calculated_ratio_mismatch,
    equipment_tag_inconsistent,
    equipment_tag_missing,
    impossible_value_dropped,
    nameplate_ratio_missing,
    personnel_missing,
    printed_value_mismatch,
    region_not_understood,
    required_measurement_missing,
    temperature_outside_correction_table,
    test_date_missing_or_future,
    unit_assumed,
    unreadable_value,
    voltage_rating_missing,
    winding_connection_assumed,
)
from core.analysis.rules.gnd import (
    fall_of_potential_plateau_invalid,
    ground_continuity_above_limit,
    ground_resistance_above_limit,
    single_electrode_resistance_above_limit,
)
from core.analysis.rules.hist import (
    contact_resistance_risen_since_baseline,
    ground_resistance_risen_since_baseline,
    hot_spot_rise_increased_since_baseline,
    insulation_resistance_fallen_since_baseline,
    turns_ratio_drifted_since_baseline,
)
from core.analysis.rules.ir import (
    insulation_resistance_below_minimum,
    insulation_resistance_imbalance,
    insulation_resistance_over_range_below_minimum,
    insulation_test_voltage_below_minimum,
)
from core.analysis.rules.pi import (
    apparatus_polarization_index_below_minimum,
    machine_polarization_index_below_minimum,
    transformer_polarization_index_below_minimum,
)
from core.analysis.rules.thm import (
    survey_load_below_minimum,
    survey_load_not_stated,
    thermal_anomaly_between_similar_components,
    thermal_anomaly_over_ambient,
)
from core.analysis.rules.ttr import (
    turns_ratio_deviation_between_phases,
    turns_ratio_deviation_from_nameplate,
    turns_ratio_fits_another_connection,
)
from core.standards import Profile

RULES: tuple[Rule, ...] = (
    calibration_expired.RULE,  # CAL-001
    calibration_older_than_interval.RULE,  # CAL-002
    calibration_information_missing.RULE,  # CAL-003
    calibration_due_soon.RULE,  # CAL-004
    calibration_dated_after_test.RULE,  # CAL-005
    contact_resistance_deviation.RULE,  # CR-001
    contact_resistance_above_manufacturer_maximum.RULE,  # CR-002
    fuse_resistance_deviation.RULE,  # CR-003
    transformer_dielectric_absorption_ratio_below_minimum.RULE,  # DAR-001
    machine_dielectric_absorption_ratio_below_minimum.RULE,  # DAR-002
    apparatus_dielectric_absorption_ratio_below_minimum.RULE,  # DAR-003
    equipment_tag_missing.RULE,  # DATA-001
    equipment_tag_inconsistent.RULE,  # DATA-002
    test_date_missing_or_future.RULE,  # DATA-003
    voltage_rating_missing.RULE,  # DATA-004
    required_measurement_missing.RULE,  # DATA-005
    impossible_value_dropped.RULE,  # DATA-006
    unit_assumed.RULE,  # DATA-007
    personnel_missing.RULE,  # DATA-008
    ambient_conditions_missing.RULE,  # DATA-009
    ambiguous_date.RULE,  # DATA-010
    printed_value_mismatch.RULE,  # DATA-011
    unreadable_value.RULE,  # DATA-012
    nameplate_ratio_missing.RULE,  # DATA-013
    temperature_outside_correction_table.RULE,  # DATA-014
    calculated_ratio_mismatch.RULE,  # DATA-015
    winding_connection_assumed.RULE,  # DATA-016
    region_not_understood.RULE,  # DATA-017
    ground_resistance_above_limit.RULE,  # GND-001
    single_electrode_resistance_above_limit.RULE,  # GND-002
    fall_of_potential_plateau_invalid.RULE,  # GND-003
    ground_continuity_above_limit.RULE,  # GND-004
    insulation_resistance_fallen_since_baseline.RULE,  # HIST-001
    contact_resistance_risen_since_baseline.RULE,  # HIST-002
    ground_resistance_risen_since_baseline.RULE,  # HIST-003
    turns_ratio_drifted_since_baseline.RULE,  # HIST-004
    hot_spot_rise_increased_since_baseline.RULE,  # HIST-005
    insulation_resistance_below_minimum.RULE,  # IR-001
    insulation_test_voltage_below_minimum.RULE,  # IR-002
    insulation_resistance_imbalance.RULE,  # IR-003
    insulation_resistance_over_range_below_minimum.RULE,  # IR-004
    transformer_polarization_index_below_minimum.RULE,  # PI-001
    machine_polarization_index_below_minimum.RULE,  # PI-002
    apparatus_polarization_index_below_minimum.RULE,  # PI-003
    thermal_anomaly_between_similar_components.RULE,  # THM-001
    thermal_anomaly_over_ambient.RULE,  # THM-002
    survey_load_below_minimum.RULE,  # THM-003
    survey_load_not_stated.RULE,  # THM-004
    turns_ratio_deviation_from_nameplate.RULE,  # TTR-001
    turns_ratio_deviation_between_phases.RULE,  # TTR-002
    turns_ratio_fits_another_connection.RULE,  # TTR-003
)

_BY_ID = {rule.id: rule for rule in RULES}


def all_rules() -> tuple[Rule, ...]:
    """Every rule, tombstones included, sorted by id."""
    return RULES


def active_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if not rule.retired)


def get_rule(rule_id: str) -> Rule:
    if rule_id not in _BY_ID:
        raise KeyError(f"unknown rule {rule_id!r}")
    return _BY_ID[rule_id]


def enabled_rules(profile: Profile) -> tuple[Rule, ...]:
    """The active rules the profile enables; an id the registry does not know is an error."""
    named = (*(profile.enabled_rules or ()), *profile.disabled_rules)
    unknown = sorted(rule_id for rule_id in named if rule_id not in _BY_ID)
    if unknown:
        raise ValueError(f"profile {profile.id!r} names unknown rules: {', '.join(unknown)}")
    return tuple(rule for rule in active_rules() if profile.is_enabled(rule.id))
