"""An infrared survey sheet, this project's own design: phases as columns.

A label | value header (the switchboard's tag, the survey date, ambient, load, the camera with
its calibration date, technician and company), then one results table with a row per component
and its three phase temperatures side by side (`Component | Phase A (°C) | Phase B (°C) |
Phase C (°C) | Load (%)`): the similar components a reviewer compares stand in one row. One
component name holds the word "load" ("Feeder 3 load lugs"), which must stay a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.schemas import Quantity

from .blocks import field_rows, grid_row
from .model import Reading, Sheet

Phases = tuple[float, float, float]
COMPONENTS = ("Main breaker line lugs", "Main breaker load lugs", "Feeder 3 load lugs")


@dataclass(frozen=True)
class SurveySpec:
    title: str
    tag: str
    date: dt.date
    temperatures: tuple[Phases, Phases, Phases] = (
        (34.2, 34.6, 34.9),
        (33.8, 34.1, 33.9),
        (31.0, 30.6, 31.4),
    )
    loads_pct: tuple[int, int, int] = (65, 65, 60)


def build(spec: SurveySpec) -> tuple[Sheet, list[Reading]]:
    sheet = Sheet(spec.title, columns=12, size=7.5)
    sheet.label("A1:F1", "MERIDIAN ELECTRICAL SERVICES", bold=True, size=9)
    sheet.label("A2:H2", "Infrared Thermographic Survey", bold=True, size=9)
    header = (
        ("Equipment ID", spec.tag, "Survey Date", spec.date.isoformat()),
        ("Equipment Type", "Switchboard", "Ambient Temp", "24 °C"),
        ("Manufacturer", "Eaton", "Relative Humidity", "41 %"),
        ("Camera", "FLIR T540", "Serial No.", "79301234"),
        ("Calibration Date", "2025-09-01", "Tested By", "D. Ruiz"),
        ("Location", "Data Hall 2 Electrical Room", "Company", "Meridian Electrical Services"),
    )
    field_rows(sheet, 4, header)
    sheet.label("A11:H11", "Survey Results", bold=True)
    spans = ("A:D", "E:F", "G:H", "I:J", "K:L")
    titles = ("Component", "Phase A (°C)", "Phase B (°C)", "Phase C (°C)", "Load (%)")
    grid_row(sheet, 12, spans, titles, bold=True, shade=True, size=6.5)
    readings: list[Reading] = []
    rows = zip(COMPONENTS, spec.temperatures, spec.loads_pct, strict=True)
    for index, (component, phases, load) in enumerate(rows):
        r = 13 + index
        grid_row(sheet, r, spans, (component, *phases, load))
        readings += [
            Reading(Quantity.TEMPERATURE, t, f"{component} phase {p}")
            for p, t in zip("ABC", phases, strict=True)
        ]
    sheet.label("A17:L17", "Images on file; survey made under normal operating load.")
    return sheet, readings
