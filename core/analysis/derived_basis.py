"""Which table row each insulation-resistance reading is judged against, and its correction.

Part of the derived values (see `derived.py`). Apparatus use Table 100.1 by the equipment's
rating (cables: the values are representative only, note 6, and low-voltage cable takes the
7.3.2 B.1 test voltages); rotating machines Table 100.11 (below 1 kV 5 MΩ; 1 kV and above
100 MΩ; kV + 1 for pre-1970 and field windings); transformers Table 100.5 by the coil rating of
the winding under test — its line-to-line voltage, the higher winding for winding to winding,
the highest with a note when the point names none — in the liquid-filled or dry-type column, or
both when the report does not say. Readings are corrected to 20 °C with Table 100.14.1 (never
past its rows) or, for machines, to 40 °C with Table 100.14.2.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.analysis.derived_comparisons import clean
from core.analysis.windings import winding_of_point
from core.enums import EquipmentType
from core.schemas import Equipment, ExtractionResult, Measurement, Winding
from core.standards import ThresholdSet, select_row

VOLTS_PER_KV = 1e3
ROTATING = (EquipmentType.GENERATOR, EquipmentType.MOTOR)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IrBasis(_Frozen):
    """Which table row an IR reading is judged against, and why."""

    table: Literal["100.1", "100.5", "100.11"]
    clause: str
    row: str | None
    rating_v: float | None
    """The rating the row was chosen by: for a transformer, the winding under test's."""
    winding: str | None = None
    """Transformers: the winding (`H`, `X`, `H-X`) whose coil rating chose the row."""
    winding_assumed: bool = False
    """The point names no winding the nameplate gives: judged against the highest-rated one."""
    min_resistance_mohm: float | None
    """Below it: the minimum's severity (CRITICAL by default)."""
    review_below_mohm: float | None = None
    """A transformer of unstated insulation: between the minimum (liquid-filled) and this
    (dry-type) the reading goes to review, never a guess either way."""
    min_test_voltage_v: float | None
    reference_c: float
    column: Literal["oil", "solid"]
    rating_missing: bool
    insulation_assumed: bool = False
    representative: bool = False
    """Cables: the Table 100.1 value is representative only (note 6)."""
    notes: tuple[str, ...] = ()

    @property
    def strictest_mohm(self) -> float | None:
        """The highest minimum that may apply: what an over-range reading must show to pass."""
        return self.review_below_mohm or self.min_resistance_mohm


def _machine_minimum(ts: ThresholdSet, equipment: Equipment) -> tuple[float | None, str]:
    table = ts.ir.table_100_11
    rating = equipment.voltage_rating_v
    if rating is None:
        return None, "rating not stated"
    if rating < table.low_voltage_below_v:
        return table.low_voltage_min_mohm, "winding rated below 1 kV"
    year = equipment.manufactured_year
    older = year is not None and year < table.older_windings_before_year
    if older or equipment.winding == "field":
        kv = rating / VOLTS_PER_KV
        minimum = kv * table.older_windings_per_kv_mohm + table.older_windings_offset_mohm
        why = "field winding" if equipment.winding == "field" else "winding built before 1970"
        return clean(minimum), f"kV + 1 ({why})"
    if equipment.winding == "random_wound":
        return table.low_voltage_min_mohm, "random-wound stator coils"
    return table.form_wound_min_mohm, "1 kV and above, form-wound after 1970"


def _windings(equipment: Equipment) -> list[Winding]:
    """The nameplate's windings; a report (or old JSON) with only a rating has one."""
    if equipment.windings:
        return sorted(equipment.windings, key=lambda w: -w.voltage_v)
    rating = equipment.voltage_rating_v
    return [Winding(role="H", voltage_v=rating)] if rating else []


def winding_rating(
    equipment: Equipment, measurement: Measurement
) -> tuple[float | None, str | None, bool]:
    """(coil rating, winding, assumed) for a transformer reading: its own winding's line-to-line
    voltage, the higher one for winding to winding, the highest when the point names none."""
    windings = _windings(equipment)
    named = measurement.winding or winding_of_point(measurement.point)
    if not windings:
        return None, named, False
    by_role = {w.role: w.voltage_v for w in windings}
    roles = named.split("-") if named else []
    known = [by_role[role] for role in roles if role in by_role]
    if named and len(known) == len(roles):
        return max(known), named, False
    # A single rating judges every winding at the highest row: only an H reading is sure.
    return windings[0].voltage_v, named, True


def _transformer_basis(ts: ThresholdSet, equipment: Equipment, m: Measurement) -> IrBasis:
    t5 = ts.ir.table_100_5
    rating, winding, assumed = winding_rating(equipment, m)
    row5 = select_row(t5.rows, rating) if rating is not None else None
    insulation = equipment.insulation
    notes: list[str] = []
    if insulation is None:
        notes.append(
            "insulation type not stated: below the liquid-filled minimum fails, below the "
            "dry-type minimum goes to review"
        )
    if assumed:
        notes.append("winding rating not known for this point: judged at the highest winding")
    minimum = review = None
    if row5 is not None:
        minimum = row5.dry_min_mohm if insulation == "dry" else row5.liquid_min_mohm
        review = row5.dry_min_mohm if insulation is None else None
    column = {"dry": ", dry-type", "liquid": ", liquid-filled", None: ""}[insulation]
    return IrBasis(
        table="100.5",
        clause=t5.clause,
        row=f"{row5.label}{column}" if row5 else None,
        rating_v=rating,
        winding=winding,
        winding_assumed=assumed,
        min_resistance_mohm=minimum,
        review_below_mohm=review,
        min_test_voltage_v=row5.min_test_voltage_v if row5 else None,
        reference_c=t5.reference_temperature_c,
        column="oil" if insulation == "liquid" else "solid",
        rating_missing=rating is None,
        insulation_assumed=insulation is None,
        notes=tuple(notes),
    )


def _machine_basis(ts: ThresholdSet, equipment: Equipment) -> IrBasis:
    t11 = ts.ir.table_100_11
    rating = equipment.voltage_rating_v
    minimum, why = _machine_minimum(ts, equipment)
    row11 = select_row(t11.test_voltage_rows, rating) if rating is not None else None
    return IrBasis(
        table="100.11",
        clause=t11.clause,
        row=f"{row11.label}; {why}" if row11 else why,
        rating_v=rating,
        min_resistance_mohm=minimum,
        min_test_voltage_v=row11.min_test_voltage_v if row11 else None,
        reference_c=t11.reference_temperature_c,
        column="solid",
        rating_missing=rating is None,
    )


def _apparatus_basis(ts: ThresholdSet, equipment: Equipment) -> IrBasis:
    t1 = ts.ir.table_100_1
    rating = equipment.voltage_rating_v
    row1 = select_row(t1.rows, rating) if rating is not None else None
    test_voltage = row1.min_test_voltage_v if row1 else None
    cable = equipment.type == EquipmentType.CABLE
    notes: list[str] = []
    if cable:
        notes.append("cable: Table 100.1 values are representative only (note 6)")
        table = ts.ir.cable_test_voltage
        cable_row = select_row(table.rows, rating) if rating is not None else None
        if cable_row is not None:
            test_voltage = cable_row.min_test_voltage_v
            notes.append(f"test voltage per {table.clause} ({cable_row.label})")
    if not equipment.type:
        notes.append("equipment type not stated: Table 100.1 used")
    return IrBasis(
        table="100.1",
        clause=t1.clause,
        row=row1.label if row1 else None,
        rating_v=rating,
        min_resistance_mohm=row1.min_resistance_mohm if row1 else None,
        min_test_voltage_v=test_voltage,
        reference_c=t1.reference_temperature_c,
        column="solid",
        rating_missing=rating is None,
        representative=cable,
        notes=tuple(notes),
    )


def ir_basis(extraction: ExtractionResult, ts: ThresholdSet, m: Measurement) -> IrBasis:
    """The table, row, minimum resistance and minimum test voltage for one reading."""
    equipment = extraction.equipment
    if equipment.type == EquipmentType.TRANSFORMER:
        return _transformer_basis(ts, equipment, m)
    if equipment.type in ROTATING:
        return _machine_basis(ts, equipment)
    return _apparatus_basis(ts, equipment)


def ir_temperature(
    extraction: ExtractionResult,
) -> tuple[float | None, Literal["apparatus", "ambient"] | None]:
    """The temperature IR readings are corrected from: the apparatus's, else the ambient."""
    test = extraction.test
    if test.apparatus_temperature_c is not None:
        return test.apparatus_temperature_c, "apparatus"
    if test.ambient_temperature_c is not None:
        return test.ambient_temperature_c, "ambient"
    return None, None


def correction_factor(
    ts: ThresholdSet, basis: IrBasis, temperature_c: float | None
) -> float | None:
    """K for this basis at the temperature; None when unknown or outside Table 100.14.1."""
    if temperature_c is None:
        return None
    if basis.table == "100.11":
        return clean(ts.ir.machine_temperature_correction.factor(temperature_c))
    factor = ts.ir.temperature_correction.factor(temperature_c, basis.column)
    return clean(factor) if factor is not None else None


def outside_correction_table(ts: ThresholdSet, basis: IrBasis, temperature_c: float) -> bool:
    return basis.table != "100.11" and not ts.ir.temperature_correction.covers(temperature_c)
