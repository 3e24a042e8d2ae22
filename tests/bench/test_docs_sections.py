"""docs/benchmarks.md is shared: each benchmark replaces its own sections and keeps the rest."""

from __future__ import annotations

from bench.docs_sections import keeping_others, section_of, with_section

DOC = (
    "# Benchmarks\n\n## Targets\n\nold targets\n\n## Doors\n\ndoors v1\n\n"
    "## Reading agreement\n\nra\n"
)


def test_a_section_is_replaced_in_place_and_the_others_kept() -> None:
    updated = with_section(DOC, "## Doors", "## Doors\n\ndoors v2\n")
    assert section_of(updated, "## Doors") == "## Doors\n\ndoors v2"
    assert section_of(updated, "## Reading agreement") == "## Reading agreement\n\nra"
    assert updated.index("## Targets") < updated.index("## Doors") < updated.index("## Reading")


def test_a_missing_section_is_appended() -> None:
    updated = with_section(DOC, "## Dashboards at scale", "## Dashboards at scale\n\nfast")
    assert updated.endswith("## Dashboards at scale\n\nfast\n")


def test_the_engine_benchmark_keeps_what_the_others_wrote() -> None:
    new = "# Benchmarks\n\n## Targets\n\nnew targets\n"
    kept = keeping_others(new, DOC)
    assert "new targets" in kept and "old targets" not in kept
    assert section_of(kept, "## Doors") == "## Doors\n\ndoors v1"
    assert section_of(kept, "## Reading agreement") == "## Reading agreement\n\nra"
