"""Turn scenarios into files and expected outcomes; the one place that knows every format."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from core.schemas import InputFormat
from generator import jsondump, pdf, raster, tabular
from generator.model import Scenario, primary_values
from generator.scenarios import all_scenarios

AS_OF = "2026-01-15"
"""The upload date every expected outcome assumes (`--as-of` for the CLI)."""

INPUT_FORMAT: dict[str, InputFormat] = {
    "pdf_text": InputFormat.PDF_TEXT,
    "pdf_scan": InputFormat.PDF_SCAN,
    "png": InputFormat.IMAGE,
    "jpeg": InputFormat.IMAGE,
    "tiff": InputFormat.IMAGE,
    "xlsx": InputFormat.XLSX,
    "csv": InputFormat.CSV,
    "json": InputFormat.JSON,
}


def render(scenario: Scenario) -> bytes:
    """The file's bytes; the same scenario gives the same bytes with the same library versions."""
    if scenario.fmt == "json":
        assert scenario.extraction is not None
        return jsondump.dump(scenario.extraction(scenario.file_name))
    doc = scenario.document
    assert doc is not None, scenario.stem
    if scenario.fmt == "csv":
        assert scenario.csv is not None
        return tabular.render_csv(doc, scenario.csv)
    if scenario.fmt == "xlsx":
        return tabular.render_xlsx(doc, native=scenario.xlsx_native)
    page = pdf.render(doc, scenario.layout)
    if scenario.fmt == "pdf_text":
        return page
    assert scenario.scan is not None, scenario.stem
    seed = scenario.seed or zlib.crc32(scenario.stem.encode())
    return raster.scan_bytes(page, scenario.fmt, scenario.scan, seed, "Scanned document")


def variant(scenario: Scenario) -> str:
    """A short description of how the file is written (layout, delimiter, encoding …)."""
    if scenario.fmt == "csv" and scenario.csv is not None:
        delimiter = "semicolon" if scenario.csv.delimiter == ";" else "comma"
        return f"{delimiter}, {scenario.csv.encoding}"
    if scenario.fmt == "xlsx":
        return "typed cells" if scenario.xlsx_native else "text cells"
    if scenario.fmt == "json":
        return "ExtractionResult dump"
    if scenario.fmt == "pdf_text":
        return scenario.layout
    assert scenario.scan is not None
    kind = "bilevel G4" if scenario.scan.bilevel and scenario.fmt == "tiff" else "grey"
    return f"{scenario.layout} page, {scenario.scan.dpi} dpi {kind}"


def expected_entry(scenario: Scenario) -> dict[str, Any]:
    return {
        "file": scenario.file_name,
        "format": scenario.fmt,
        "input_format": INPUT_FORMAT[scenario.fmt].value,
        "variant": variant(scenario),
        "equipment_tag": scenario.equipment_tag,
        "equipment_type": scenario.equipment_type.value,
        "test_type": scenario.test_type.value,
        "expect": scenario.expect,
        "critical_families": list(scenario.critical_families),
        "primary_values": primary_values(scenario),
        "as_of": AS_OF,
        "note": scenario.summary,
    }


def generate(out_dir: Path, formats: set[str] | None = None) -> list[Path]:
    """Write `out_dir/reports/*` and `out_dir/expected.json`; returns the files written.

    With `formats`, only those formats are rendered (expected.json still lists every file);
    without it, files in `reports/` that no scenario produces are removed.
    """
    scenarios = all_scenarios()
    reports = out_dir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    written = []
    for scenario in scenarios:
        if formats is not None and scenario.fmt not in formats:
            continue
        path = reports / scenario.file_name
        path.write_bytes(render(scenario))
        written.append(path)
    if formats is None:
        keep = {s.file_name for s in scenarios}
        for stale in reports.iterdir():
            if stale.is_file() and stale.name not in keep:
                stale.unlink()
    expected = out_dir / "expected.json"
    entries = [expected_entry(s) for s in scenarios]
    expected.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(expected)
    readme = out_dir / "README.md"
    if readme.is_file():
        readme.write_text(with_catalog(readme.read_text("utf-8"), entries), encoding="utf-8")
    return written


BEGIN, END = "<!-- catalog:begin (generated) -->", "<!-- catalog:end -->"
TEST_NAMES = {
    "INSULATION_RESISTANCE": "Insulation resistance",
    "GROUNDING": "Grounding",
    "THERMOGRAPHY": "Thermography",
    "CONTACT_RESISTANCE": "Contact resistance",
    "TURNS_RATIO": "Turns ratio",
}


def with_catalog(readme: str, entries: list[dict[str, Any]]) -> str:
    """README text with the table of samples between the catalog markers rewritten."""
    if BEGIN not in readme or END not in readme:
        return readme
    lines = [BEGIN]
    for test_type, title in TEST_NAMES.items():
        lines += [
            "",
            f"### {title}",
            "",
            "| file | format | tag | expect | case |",
            "|---|---|---|---|---|",
        ]
        for e in entries:
            if e["test_type"] != test_type:
                continue
            critical = f" ({', '.join(e['critical_families'])})" if e["critical_families"] else ""
            lines.append(
                f"| `{e['file']}` | {e['format']}: {e['variant']} | {e['equipment_tag'] or '—'} "
                f"| {e['expect']}{critical} | {e['note']} |"
            )
    lines += ["", END]
    head, rest = readme.split(BEGIN, 1)
    return head + "\n".join(lines) + rest.split(END, 1)[1]
