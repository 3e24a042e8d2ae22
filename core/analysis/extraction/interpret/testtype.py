"""Which test a report holds: cue words (weighted double in the title) and what its tables measure.

Each piece of evidence adds to one test type's score — a title "Insulation Resistance Test
Report", a "Fall of Potential" row, a `Nameplate Ratio` column, readings in µΩ — and the highest
score wins. No evidence at all means the report is not one this product reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.analysis.extraction.interpret.chunks import Chunk
from core.analysis.extraction.interpret.columns import Role
from core.analysis.extraction.interpret.scan import Scan
from core.analysis.extraction.interpret.tokens import Line, Token, find_phrases
from core.analysis.extraction.interpret.vocab import TEST_CUES
from core.analysis.extraction.units import lookup_unit
from core.enums import EquipmentType, TestType

_TITLE_LINES = 4
_TITLE_WEIGHT = 2
_ROLE_CUES: dict[Role, tuple[TestType, int]] = {
    Role.NAMEPLATE: (TestType.TURNS_RATIO, 3),
    Role.HOT_SPOT: (TestType.THERMOGRAPHY, 3),
    Role.DELTA: (TestType.THERMOGRAPHY, 2),
    Role.REFERENCE: (TestType.THERMOGRAPHY, 1),
    Role.DISTANCE: (TestType.GROUNDING, 3),
    Role.PI: (TestType.INSULATION_RESISTANCE, 2),
    Role.DAR: (TestType.INSULATION_RESISTANCE, 2),
    Role.TEST_VOLTAGE: (TestType.INSULATION_RESISTANCE, 2),
}
_FIELD_CUES: dict[str, tuple[TestType, int]] = {
    "measure.pi": (TestType.INSULATION_RESISTANCE, 2),
    "measure.dar": (TestType.INSULATION_RESISTANCE, 2),
    "test.test_voltage_v": (TestType.INSULATION_RESISTANCE, 1),
    "measure.nameplate_ratio": (TestType.TURNS_RATIO, 3),
    "measure.mfr_max": (TestType.CONTACT_RESISTANCE, 2),
}
_ORDER = list(TestType)


@dataclass(frozen=True, slots=True)
class Decision:
    test_type: TestType
    line: Line
    """The line holding the strongest evidence (its cells set the field's confidence)."""


def title_lines(scan: Scan) -> list[Line]:
    """The first lines of the report, before its first labelled field."""
    first_field = min((hit.line.index for hit in scan.hits), default=len(scan.lines))
    lines = [line for line in scan.lines if line.tokens and line.index < first_field]
    return lines[:_TITLE_LINES] or [line for line in scan.lines if line.tokens][:1]


Evidence = Iterator[tuple[TestType, float, Line]]


def decide(scan: Scan, equipment_type: EquipmentType | None) -> Decision | None:
    scores = dict.fromkeys(TestType, 0.0)
    strongest: dict[TestType, tuple[float, Line]] = {}
    for kind, weight, line in _evidence(scan, equipment_type):
        scores[kind] += weight
        if weight > strongest.get(kind, (0.0, line))[0] or kind not in strongest:
            strongest[kind] = (weight, line)
    return _winner(scores, strongest)


def _evidence(scan: Scan, equipment_type: EquipmentType | None) -> Evidence:
    yield from _cue_words(scan)
    for table in scan.tables:
        for column in table.columns:
            if column.spec.role in _ROLE_CUES:
                kind, weight = _ROLE_CUES[column.spec.role]
                yield kind, weight, table.header
    for hit in scan.hits:
        if hit.field in _FIELD_CUES and hit.value_tokens:
            kind, weight = _FIELD_CUES[hit.field]
            yield kind, weight, hit.line
    for record in scan.records():
        for item in record.items:
            by_unit = _kind_by_unit(item.chunk) if item.spec.role is Role.READING else None
            if by_unit is not None:
                yield by_unit, 1, item.line
    if equipment_type is EquipmentType.GROUNDING_SYSTEM and scan.lines:
        yield TestType.GROUNDING, 1, scan.lines[0]


def _cue_words(scan: Scan) -> Evidence:
    titles = {line.index for line in title_lines(scan)}
    for line in scan.lines:
        factor = _TITLE_WEIGHT if line.index in titles else 1
        for _, _, (kind, weight) in find_phrases(line.tokens, TEST_CUES, in_brackets=True):
            yield kind, weight * factor, line


def _kind_by_unit(chunk: Chunk) -> TestType | None:
    """MΩ/GΩ readings are insulation tests; µΩ readings are contact resistance."""
    for factor in _factors(chunk.tokens[1:]):
        if factor >= 1e6:
            return TestType.INSULATION_RESISTANCE
        if factor <= 1e-6:
            return TestType.CONTACT_RESISTANCE
    return None


def _factors(tokens: Iterable[Token]) -> list[float]:
    factors = []
    for token in tokens:
        spec = lookup_unit(token.text)
        if spec is not None and spec.dimension == "resistance":
            factors.append(float(spec.factor))
    return factors


def _winner(
    scores: dict[TestType, float], best_line: dict[TestType, tuple[float, Line]]
) -> Decision | None:
    kind = max(_ORDER, key=lambda k: (scores[k], -_ORDER.index(k)))
    if scores[kind] <= 0:
        return None
    return Decision(kind, best_line[kind][1])
