"""Frozen, validated models of a threshold set (one standard edition as data) and of a profile.

A threshold set is read from `data/<edition>.toml`; each entry (core/standards/entries.py) is
addressed by a dotted key (`gnd.system_max`, `ir.table_100_1`) that rules declare and their
documentation lists. A profile names a threshold set, the rules it enables and the owner's
overrides, already applied to `Profile.thresholds`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.enums import Severity
from core.standards.entries import (
    ApparatusTable,
    BandTable,
    Condition,
    CorrectionTable,
    FallOfPotential,
    Limit,
    MachineCorrection,
    MachineTable,
    TapChanger,
    TestVoltageTable,
    TransformerTable,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IrSection(_Frozen):
    table_100_1: ApparatusTable
    table_100_5: TransformerTable
    table_100_11: MachineTable
    cable_test_voltage: TestVoltageTable
    temperature_correction: CorrectionTable
    machine_temperature_correction: MachineCorrection
    below_minimum: Condition
    insulation_type_unknown: Condition
    cable_below_representative: Condition
    cable_below_manufacturer_minimum: Condition
    test_voltage_below_minimum: Condition
    over_range_below_minimum: Condition
    imbalance: Limit


class PiSection(_Frozen):
    transformer_min: Limit
    motor_min: Limit
    generator_min: Limit
    apparatus_min: Limit
    apparatus_recommended: Limit
    machine_max_one_minute: Limit


class DarSection(_Frozen):
    transformer_min: Limit
    transformer_insulation_unknown: Condition
    motor_min: Limit
    generator_min: Limit
    apparatus_min: Limit
    apparatus_recommended: Limit


class GndSection(_Frozen):
    system_max: Limit
    single_electrode_max: Limit
    fall_of_potential: FallOfPotential
    plateau_agreement: Limit
    continuity_max: Limit


class ThmSection(_Frozen):
    similar: BandTable
    ambient: BandTable
    load_min: Limit
    load_not_stated: Condition


class CrSection(_Frozen):
    deviation_max: Limit
    manufacturer_max: Limit
    fuse_deviation_max: Limit


class TtrSection(_Frozen):
    connection: TapChanger
    connection_mismatch: Limit
    nameplate_deviation_max: Limit
    phase_deviation_max: Limit


class CalSection(_Frozen):
    expired: Condition
    max_age: Limit
    missing: Condition
    due_soon: Limit
    dated_after_test: Condition


class DataSection(_Frozen):
    tag_missing: Condition
    tag_mismatch: Condition
    test_date_invalid: Condition
    voltage_rating_missing: Condition
    measurement_missing: Condition
    impossible_value: Condition
    unit_assumed: Condition
    personnel_missing: Condition
    ambient_missing: Condition
    ambiguous_date: Condition
    printed_value_mismatch: Limit
    unreadable_value: Condition
    temperature_outside_correction_table: Condition
    calculated_ratio_mismatch: Limit
    winding_connection_assumed: Condition
    nameplate_ratio_missing: Condition
    region_not_understood: Condition


class HistSection(_Frozen):
    """Changes since the asset's baseline reading (HIST- rules), as bands of the change."""

    ir_decline: BandTable
    cr_rise: BandTable
    gnd_rise: BandTable
    ttr_drift: BandTable
    thm_rise: BandTable


SECTIONS = ("ir", "pi", "dar", "gnd", "thm", "cr", "ttr", "cal", "data", "hist")


class ThresholdSet(_Frozen):
    id: str
    version: str
    title: str
    edition: str
    sources: tuple[str, ...] = ()
    ir: IrSection
    pi: PiSection
    dar: DarSection
    gnd: GndSection
    thm: ThmSection
    cr: CrSection
    ttr: TtrSection
    cal: CalSection
    data: DataSection
    hist: HistSection

    def get(self, key: str) -> BaseModel:
        """The entry at a dotted key (`gnd.system_max`); KeyError names the key when absent."""
        node: Any = self
        for part in key.split("."):
            if not isinstance(node, BaseModel) or part not in type(node).model_fields:
                raise KeyError(f"threshold set {self.id!r} has no key {key!r}")
            node = getattr(node, part)
        if not isinstance(node, BaseModel):
            raise KeyError(f"{key!r} in threshold set {self.id!r} is a value, not an entry")
        return node

    def keys(self) -> tuple[str, ...]:
        """Every entry key, `section.entry`, in file order."""
        return tuple(
            f"{section}.{name}"
            for section in SECTIONS
            for name in type(getattr(self, section)).model_fields
        )

    def severities(self, key: str) -> tuple[Severity, ...]:
        """The severities the entry at `key` can raise (none for plain tables)."""
        entry = self.get(key)
        if isinstance(entry, Condition):
            return (entry.severity,)
        if isinstance(entry, Limit):
            return (entry.severity,) if entry.severity is not None else ()
        if isinstance(entry, BandTable):
            return tuple(band.severity for band in entry.bands)
        return ()


class VerdictPolicy(_Frozen):
    """The numbers DESIGN.md §5 names; a profile may tune them."""

    compliance_min: float = Field(ge=0, le=100)
    confidence_min: float = Field(ge=0, le=1)


class Profile(_Frozen):
    id: str
    title: str
    description: str = ""
    threshold_set_id: str
    thresholds: ThresholdSet
    """The threshold set with this profile's overrides applied."""
    enabled_rules: tuple[str, ...] | None = None
    """None: every active rule."""
    disabled_rules: tuple[str, ...] = ()
    overrides: dict[str, Any] = {}
    """Override entries as the profile file states them, for display."""
    verdict: VerdictPolicy

    def is_enabled(self, rule_id: str) -> bool:
        if rule_id in self.disabled_rules:
            return False
        return self.enabled_rules is None or rule_id in self.enabled_rules
