"""docs/benchmarks.md is written by several benchmarks, each owning some `## ` sections: a
bench replaces its own sections and keeps everyone else's."""

from __future__ import annotations

OWNED_ELSEWHERE = (
    "## Reading agreement",
    "## Dashboards at scale",
    "## Doors",
    "## Job queue",
    "## App drop to verdict",
)
"""Sections written by bench_reading, bench_dashboards, bench_doors, bench_queue and bench_app
(bench_analyze writes the rest of the file)."""


def _bounds(lines: list[str], heading: str) -> tuple[int, int] | None:
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, end


def section_of(document: str, heading: str) -> str | None:
    """The section under `heading` (heading included, up to the next `## `), or None."""
    lines = document.splitlines()
    bounds = _bounds(lines, heading)
    return None if bounds is None else "\n".join(lines[bounds[0] : bounds[1]]).rstrip("\n")


def with_section(document: str, heading: str, section: str) -> str:
    """`document` with its `heading` section replaced by `section`, or `section` appended."""
    lines = document.splitlines()
    body = section.rstrip("\n").splitlines()
    bounds = _bounds(lines, heading)
    if bounds is None:
        head = document.rstrip("\n")
        return (head + "\n\n" if head else "") + "\n".join(body) + "\n"
    start, end = bounds
    tail = lines[end:]
    return "\n".join([*lines[:start], *body, *([""] if tail else []), *tail]).rstrip("\n") + "\n"


def keeping_others(new: str, old: str) -> str:
    """bench_analyze's `new` file text with the other benchmarks' sections of `old` kept."""
    for heading in OWNED_ELSEWHERE:
        kept = section_of(old, heading)
        if kept is not None:
            new = with_section(new, heading, kept)
    return new
