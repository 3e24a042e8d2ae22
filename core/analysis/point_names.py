"""Read test-point names: which points are similar enough to compare with each other.

Reports name points freely (`A-G`, `Phase A to Ground`, `ØA-GND`, `Pole 2`, `CB-1 Pole A`,
`Fuse B`); comparisons (IR imbalance, contact-resistance deviation) need to know which points
are alike. A name that cannot be read stays its own group, so nothing is compared by accident.
"""

from __future__ import annotations

import re

_GROUND = {"G", "GND", "GRD", "GROUND", "E", "EARTH", "PE"}
_NEUTRAL = {"N", "NEUTRAL"}
_PHASE = re.compile(r"^(?:PHASE|PH|Ø|Φ)?\s*(?:[ABC]|L[123]|[123])$")
_SIDES = re.compile(r"\s*(?:-|–|—|/|\bTO\b)\s*")
# A trailing phase or pole designator: "Pole 2", "Phase A", "CB-1 Pole A", "Joint 3".
_TRAILING_DESIGNATOR = re.compile(
    r"(?:^|[\s\-_/]+)(?:(?:POLE|PHASE|PH|Ø|Φ|FUSE)?\s*(?:[ABC]|L[123]|[123])"
    r"|(?:[ABC])[\s\-]*(?:PHASE|PH|Ø))$"
)
_FUSE = re.compile(r"\bFUSE|^F\d+$")


def normalize(point: str) -> str:
    """Upper-case with single spaces: the key under which two spellings of a point meet."""
    return " ".join(point.upper().split())


def _role(side: str) -> str | None:
    side = side.strip()
    if side in _GROUND:
        return "G"
    if side in _NEUTRAL:
        return "N"
    if _PHASE.match(side):
        return "P"
    return None


def insulation_group(point: str) -> str:
    """`P-G` for phase to ground, `P-P` phase to phase, `P-N`, `N-G`; else the point itself."""
    name = normalize(point)
    sides = [side for side in _SIDES.split(name) if side]
    roles = [_role(side) for side in sides]
    if len(roles) == 2 and None not in roles and sides[0] != sides[1]:
        return "-".join(sorted((role or "" for role in roles), key="PNG".index))
    return name


def phase_letter(point: str) -> str | None:
    """The phase a phase-to-ground point names (`A-G` → `A`), for completeness checks."""
    name = normalize(point)
    sides = [side for side in _SIDES.split(name) if side]
    if len(sides) != 2 or _role(sides[1]) != "G":
        return None
    match = re.search(r"([ABC])$", sides[0])
    return match.group(1) if match and _role(sides[0]) == "P" else None


def is_fuse(point: str) -> bool:
    return bool(_FUSE.search(normalize(point)))


def similarity_key(point: str) -> str:
    """The point without its trailing phase or pole designator: `CB-1 Pole A` → `CB-1`,
    `Section 2 to Section 3 C-Phase` → `SECTION 2 TO SECTION 3`."""
    name = normalize(point)
    if re.fullmatch(r"F\d+", name):  # fuses numbered F1, F2 … are one set
        return "FUSE"
    return _TRAILING_DESIGNATOR.sub("", name).strip()
