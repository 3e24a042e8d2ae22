"""GND-001/GND-002 messages name a fall-of-potential reading's position once: the point label
often states it already (`Fall of potential 62%`, as the readers name the points), so the
message keeps only the electrode of it; the evidence keeps the point as the report names it."""

from __future__ import annotations

import pytest

from core.analysis.rules.gnd._common import reading_label
from core.schemas import Measurement, Quantity
from tests.core.analysis.rules.factories import ground_report, measurement, run


def _ground(point: str, ohm: float, distance_pct: float | None = 62) -> Measurement:
    return measurement(Quantity.GROUND_RESISTANCE, point, ohm, distance_pct=distance_pct)


@pytest.mark.parametrize(
    ("point", "distance_pct", "label"),
    [
        ("Fall of potential 62%", 62, "Fall-of-potential reading at 62 % of the probe spacing"),
        ("Fall of potential", 62, "Fall-of-potential reading at 62 % of the probe spacing"),
        ("System 62%", 62, "Fall-of-potential reading at 62 % of the probe spacing"),
        ("62 %", 62, "Fall-of-potential reading at 62 % of the probe spacing"),
        ("FOP @ 61,5 %", 61.5, "Fall-of-potential reading at 61.5 % of the probe spacing"),
        ("Grid B 62%", 62, "Grid B, fall-of-potential reading at 62 % of the probe spacing"),
        ("Rod 3 (62 %)", 62, "Rod 3, fall-of-potential reading at 62 % of the probe spacing"),
        ("Rod 3", 60, "Rod 3, fall-of-potential reading at 60 % of the probe spacing"),
        ("Rod 3", None, "Rod 3"),  # a plain reading: its point alone
    ],
)
def test_the_position_is_named_once(point: str, distance_pct: float | None, label: str) -> None:
    assert reading_label(_ground(point, 6.9, distance_pct)) == label


def test_the_grounding_system_message_reads_naturally() -> None:
    outcome = run(ground_report(measurements=[_ground("Fall of potential 62%", 6.9)]))
    (finding,) = [f for f in outcome.findings if f.rule_id == "GND-001"]
    assert finding.message == (
        "Fall-of-potential reading at 62 % of the probe spacing: 6.9 Ω is above the 5 Ω "
        "maximum for a grounding system"
    )
    # The evidence keeps the point as read (overrides are re-applied by rule and point).
    assert finding.evidence.point == "Fall of potential 62%"
    assert finding.evidence.details["distance_pct"] == 62


def test_a_single_electrode_message_keeps_its_name() -> None:
    extraction = ground_report(measurements=[_ground("Rod 3 62%", 31.5)])
    equipment = extraction.equipment.model_copy(update={"single_electrode": True})
    outcome = run(extraction.model_copy(update={"equipment": equipment}))
    (finding,) = [f for f in outcome.findings if f.rule_id == "GND-002"]
    assert finding.message == (
        "Rod 3, fall-of-potential reading at 62 % of the probe spacing: 31.5 Ω is above the "
        "25 Ω maximum for a single electrode"
    )
    assert finding.evidence.point == "Rod 3 62%"
