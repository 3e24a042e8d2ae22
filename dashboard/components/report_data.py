"""What was read from a report: equipment and test data, measurements, extraction warnings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from core.schemas import (
    Check,
    EngineError,
    Evidence,
    ExtractionResult,
    ExtractionWarning,
    Measurement,
    NotUnderstood,
)
from core.services.evidence import DocumentEvidence
from core.services.views import describe_windings
from dashboard import formatting as fmt
from dashboard.components.evidence import evidence_toggle
from dashboard.components.tables import spreadsheet_safe

_ATTRIBUTES = (
    ("duration_s", "duration", "s"),
    ("test_voltage_v", "test voltage", "V"),
    ("distance_pct", "distance", "%"),
    ("reference_temperature_c", "reference", "°C"),
    ("ambient_temperature_c", "ambient", "°C"),
    ("reference", "reference", ""),
    ("reference_point", "reference point", ""),
    ("winding", "winding", ""),
    ("manufacturer_max_ohm", "manufacturer max", "Ω"),
    ("manufacturer_min_ohm", "manufacturer min", "Ω"),
    ("nameplate_ratio", "nameplate ratio", ""),
    ("tap", "tap", ""),
)


def equipment_and_test(extraction: ExtractionResult, site: str | None) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Equipment**")
        _pairs(equipment_pairs(extraction, site))
    with right:
        st.markdown("**Test**")
        _pairs(test_pairs(extraction))


def equipment_pairs(extraction: ExtractionResult, site: str | None) -> list[tuple[str, Any]]:
    equipment = extraction.equipment
    return [
        ("Tag", equipment.tag),
        ("Type", equipment.type and fmt.enum_label(equipment.type)),
        ("Description", equipment.description),
        ("Voltage rating", _maybe(equipment.voltage_rating_v, "V")),
        ("Windings", describe_windings(equipment)),
        ("Insulation", equipment.insulation),
        ("Manufacturer", equipment.manufacturer),
        ("Model", equipment.model),
        ("Serial", equipment.serial),
        ("Site", site or equipment.site),
    ]


def test_pairs(extraction: ExtractionResult) -> list[tuple[str, Any]]:
    test = extraction.test
    instrument = extraction.instruments[0] if extraction.instruments else None
    pairs: list[tuple[str, Any]] = [
        ("Test type", test.type and fmt.enum_label(test.type)),
        ("Test date", test.date and fmt.when(test.date)),
        ("Standard cited", test.standard),
        ("Technician", test.technician),
        ("Company", test.company),
        ("Ambient", _maybe(test.ambient_temperature_c, "degC")),
        ("Apparatus temperature", _maybe(test.apparatus_temperature_c, "degC")),
        ("Humidity", _maybe(test.humidity_pct, "pct")),
        ("Load", _maybe(test.load_pct, "pct")),
    ]
    if instrument is not None:
        model = instrument.model or ""
        maker = instrument.manufacturer
        # Reports often print the maker inside the model ("Megger MIT1025"): say it once.
        name = [None if maker and model.lower().startswith(maker.lower()) else maker, model]
        serial = f"s/n {instrument.serial}" if instrument.serial else None
        pairs += [
            ("Instrument", " ".join(p for p in [*name, serial] if p)),
            ("Calibrated", instrument.calibration_date and fmt.when(instrument.calibration_date)),
            (
                "Calibration due",
                instrument.calibration_due_date and fmt.when(instrument.calibration_due_date),
            ),
        ]
    return pairs


def _maybe(value: float | None, unit: str) -> str | None:
    return None if value is None else fmt.reading(value, unit)


def _pairs(pairs: Sequence[tuple[str, Any]]) -> None:
    rows = [{"Field": name, "Value": str(value)} for name, value in pairs if value]
    if not rows:
        st.caption("Nothing found in the report.")
        return
    st.dataframe(spreadsheet_safe(pd.DataFrame(rows)), hide_index=True, width="stretch")


def measurement_rows(
    measurements: Sequence[Measurement], checks: Sequence[Check] = ()
) -> list[dict[str, Any]]:
    """One row per reading, with the limit it was judged against, the result and the margin
    (from the rules' checks: the failed one worst first, else a passed one)."""
    judged = _judging_checks(checks)
    rows = []
    for index, m in enumerate(measurements):
        check = judged.get(index)
        rows.append(
            {
                "Quantity": fmt.enum_label(m.quantity.value),
                "Point": m.point,
                "Reading": fmt.reading(m.value, m.unit, m.censored),
                "Limit": limit_text(check.against) if check and check.against else "",
                "Result": _result(check),
                "Margin": margin_text(check.against) if check and check.against else "",
                "Conditions": _conditions(m),
                "Where": str(m.source) if m.source else "",
                "Text as found": m.raw,
                "Confidence": m.confidence,
            }
        )
    return rows


def _judging_checks(checks: Sequence[Check]) -> dict[int, Check]:
    """Per measurement index, the check to show: a failed one (the worst), else a passed one
    with a limit, the first rule in id order."""
    best: dict[int, Check] = {}
    for check in checks:
        if check.measurement_index is None or check.against is None:
            continue
        held = best.get(check.measurement_index)
        if held is None or (held.passed, -held.deducted) > (check.passed, -check.deducted):
            best[check.measurement_index] = check
    return best


def _result(check: Check | None) -> str:
    if check is None:
        return ""
    if check.passed:
        return f"Pass · {check.rule_id}"
    return f"{check.severity or 'Fail'} · {check.rule_id}"


def limit_text(against: Evidence) -> str:
    """`≥ 100 MΩ`, `≤ 50 % deviation`."""
    symbol = {">=": "≥", "<=": "≤"}.get(against.comparator or "", against.comparator or "")
    text = f"{symbol} {fmt.with_unit(against.limit, against.unit)}".strip()
    return f"{text} deviation" if against.unit == "%" else text


def margin_text(against: Evidence) -> str:
    """How far the reading is from its limit, on the passing side or not: `25× the minimum`,
    `12 % above the minimum`, `40 % under the maximum`, `8 points under the limit`."""
    observed = against.corrected if against.corrected is not None else against.observed
    limit = against.limit
    if not isinstance(observed, int | float) or not isinstance(limit, int | float):
        return ""
    at_least = against.comparator in (">=", ">")
    if against.unit == "%":  # a deviation against a percentage limit: percentage points
        gap = limit - observed if not at_least else observed - limit
        side = "inside" if gap >= 0 else "beyond"
        return f"{fmt.number(abs(gap))} points {side} the limit"
    if limit == 0:
        return ""
    if at_least:
        if observed >= 2 * limit:
            return f"{fmt.number(observed / limit)}× the minimum"
        share = (observed - limit) / limit * 100
        return f"{fmt.number(abs(share))} % {'above' if share >= 0 else 'below'} the minimum"
    share = (limit - observed) / limit * 100
    return f"{fmt.number(abs(share))} % {'under' if share >= 0 else 'over'} the maximum"


def _conditions(m: Measurement) -> str:
    parts = []
    for field, name, unit in _ATTRIBUTES:
        value = getattr(m, field)
        if value is None:
            continue
        text = fmt.number(value) if isinstance(value, int | float) else str(value)
        parts.append(f"{name} {text} {unit}".rstrip())
    return ", ".join(parts)


def measurements_table(measurements: Sequence[Measurement], checks: Sequence[Check] = ()) -> None:
    if not measurements:
        st.caption("No measurements were read from this report.")
        return
    st.dataframe(
        spreadsheet_safe(pd.DataFrame(measurement_rows(measurements, checks))),
        hide_index=True,
        width="stretch",
        column_config={
            "Confidence": st.column_config.ProgressColumn(
                "Confidence", min_value=0.0, max_value=1.0, format="%.2f"
            )
        },
    )


def not_understood_notice(
    regions: Sequence[NotUnderstood],
    load_evidence: Callable[[int], DocumentEvidence] | None = None,
) -> None:
    """The regions with readings the reader could not interpret, for a person to check;
    with `load_evidence` (a region's index → its place in the document) each can be shown."""
    if not regions:
        return
    st.warning(
        f"{len(regions)} part{'s' if len(regions) != 1 else ''} of this report "
        f"{'hold' if len(regions) != 1 else 'holds'} readings AuditEng could not interpret; "
        "check them by hand (the confidence is capped below the review line).",
        icon=":material/help:",
    )
    st.dataframe(
        spreadsheet_safe(
            pd.DataFrame([{"Where": r.where, "What it says": r.text} for r in regions])
        ),
        hide_index=True,
        width="stretch",
    )
    if load_evidence is None:
        return
    for index, region in enumerate(regions):
        label = f"Show {fmt.md_text(region.where)} in the document"
        evidence_toggle(f"region-{index}", partial(load_evidence, index), label=label)


def warnings_list(
    warnings: Sequence[ExtractionWarning], engine_errors: Sequence[EngineError] = ()
) -> None:
    for engine_error in engine_errors:
        st.error(
            f"Rule {engine_error.rule_id} could not run: {fmt.md_text(engine_error.message)} "
            "(the verdict is at least REVIEW).",
            icon=":material/build:",
        )
    if not warnings and not engine_errors:
        st.caption("No warnings.")
        return
    for warning in warnings:
        where = f" ({warning.source})" if warning.source else ""
        st.warning(fmt.md_text(f"{warning.message}{where}"), icon=":material/warning:")
