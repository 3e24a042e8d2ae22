"""Which test a report holds, and which test each of its tables holds.

Each piece of evidence adds to one test type's score — a title "Insulation Resistance Test
Report", a "Fall of Potential" row, a `Nameplate Ratio` column, readings in µΩ — and the highest
score wins. No evidence at all means the report is not one this product reads.

A sheet may carry several tests (a breaker: insulation resistance in MΩ and contact resistance
in µΩ), so each table is read by the test its own evidence names (`table_test`), with the
report's test as the fallback; and a reading whose own unit names the other resistance family
is that quantity (`reading_test`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.analysis.extraction.interpret.chunks import Chunk, unit_of
from core.analysis.extraction.interpret.columns import Role
from core.analysis.extraction.interpret.records import Item, Table
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
_MEGOHM = 1e6
_MILLIOHM = 1e-3
_MICROOHM = 1e-6
_HEADING_LINES = 4
"""How many lines above a table its section heading may stand: the NETA forms put a line or two
of fields (insulation temperature, test voltage, duration) between "Electrical - Insulation
Resistance Tests" and the column headers."""
_UNIT_WEIGHT = 2
"""A table's units are one piece of evidence however many readings print them, weaker than a
heading or a column naming the test (which a stray unit must not overrule)."""
# The tests a family of units can be printed by: point-to-point ground bonds are low resistances
# too, so µΩ/mΩ readings in a grounding report stay that report's.
_UNIT_TESTS: dict[TestType, frozenset[TestType]] = {
    TestType.INSULATION_RESISTANCE: frozenset({TestType.INSULATION_RESISTANCE}),
    TestType.CONTACT_RESISTANCE: frozenset({TestType.CONTACT_RESISTANCE, TestType.GROUNDING}),
}


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
    """The report's vote: MΩ/GΩ readings are insulation tests, µΩ readings contact resistance
    (mΩ is left out: a grounding report prints its bonds in mΩ)."""
    for factor in _factors(chunk.tokens[1:]):
        family = _family(factor, _MICROOHM)
        if family is not None:
            return family
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


def _family(factor: float, low: float) -> TestType | None:
    """The resistance family of a unit, by its factor to ohm."""
    if factor >= _MEGOHM:
        return TestType.INSULATION_RESISTANCE
    if factor <= low:
        return TestType.CONTACT_RESISTANCE
    return None


def reading_test(item: Item) -> TestType | None:
    """The resistance family a reading's own unit names — the unit in its text, else its
    column's or row's: MΩ, GΩ, TΩ insulation resistance; mΩ, µΩ contact resistance."""
    spec = unit_of(item.chunk) or (lookup_unit(item.spec.unit) if item.spec.unit else None)
    if spec is None or spec.dimension != "resistance":
        return None
    return _family(float(spec.factor), _MILLIOHM)


def table_test(table: Table, scan: Scan, fallback: TestType) -> TestType:
    """The test one table holds: the one its own evidence names, else the report's.

    Evidence: its column roles (a nameplate ratio, a probe distance, a hot spot, a PI), the
    units of its readings, and test cue words in its header or the section heading above it.
    The report's test wins a tie, so a table that says nothing is read as the report's.
    """
    scores = dict.fromkeys(TestType, 0.0)
    for kind, weight in _table_evidence(table, scan, fallback):
        scores[kind] += weight
    return max(_ORDER, key=lambda k: (scores[k], k is fallback, -_ORDER.index(k)))


def _table_evidence(table: Table, scan: Scan, fallback: TestType) -> Iterator[tuple[TestType, int]]:
    for column in table.columns:
        if column.spec.role in _ROLE_CUES:
            yield _ROLE_CUES[column.spec.role]
    for line in (table.header, _heading(table, scan)):
        if line is not None:
            for _, _, cue in find_phrases(line.tokens, TEST_CUES, in_brackets=True):
                yield cue
    families = Counter(
        family
        for record in table.records
        for item in record.items
        if item.spec.role is Role.READING and (family := reading_test(item)) is not None
    )
    if families:
        family = families.most_common(1)[0][0]
        yield (fallback if fallback in _UNIT_TESTS[family] else family), _UNIT_WEIGHT


def _heading(table: Table, scan: Scan) -> Line | None:
    """The nearest line above the table naming a test ("Electrical - Turns Ratio Tests"): it may
    stand a few lines of fields above the header, never above the rows of another table."""
    seen = 0
    for index in range(table.header.index - 1, -1, -1):
        line = scan.lines[index]
        if index in scan.data_lines or seen == _HEADING_LINES:
            return None
        if not line.tokens:
            continue
        seen += 1
        cues = index not in scan.field_lines and find_phrases(
            line.tokens, TEST_CUES, in_brackets=True
        )
        if cues:
            return line
    return None
