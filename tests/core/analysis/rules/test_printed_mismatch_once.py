"""A printed ΔT that disagrees with the readings is one finding, not one per way it was noticed."""

from __future__ import annotations

from core.schemas import ExtractionWarning, Quantity, WarningCode
from tests.core.analysis.rules.factories import measurement, run, thermography_report


def test_reader_warning_and_rule_cross_check_give_one_finding() -> None:
    readings = [
        measurement(
            Quantity.TEMPERATURE,
            "Phase C lug",
            40.0,
            reference_temperature_c=36.0,
            reference_point="Phase A lug",
        ),
        measurement(Quantity.TEMPERATURE_RISE, "Phase C lug", 9.0, reference="similar"),
    ]
    warning = ExtractionWarning(
        code=WarningCode.PRINTED_VALUE_MISMATCH,
        message="The printed ΔT 9 °C disagrees with hot spot − reference = 4.0 °C.",
        field="measurements.1",
    )
    outcome = run(thermography_report(readings, warnings=[warning]))
    assert [f.rule_id for f in outcome.findings].count("DATA-011") == 1
