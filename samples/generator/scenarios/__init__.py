"""Every sample scenario, grouped by test type, in the order expected.json lists them."""

from __future__ import annotations

from generator.model import Scenario
from generator.scenarios import cr, gnd, ir, thm, ttr


def all_scenarios() -> list[Scenario]:
    scenarios = [make() for module in (ir, gnd, thm, cr, ttr) for make in module.SCENARIOS]
    stems = [s.stem for s in scenarios]
    duplicates = {stem for stem in stems if stems.count(stem) > 1}
    assert not duplicates, f"duplicate sample names: {sorted(duplicates)}"
    return scenarios
