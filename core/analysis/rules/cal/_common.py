"""Shared for the CAL- rules: naming an instrument and finding where its dates were read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.analysis.rules.base import RuleContext, evidence
from core.schemas import Evidence, FieldProvenance, Instrument


def label(instrument: Instrument) -> str:
    maker, model = instrument.manufacturer, instrument.model
    if maker and model and model.lower().startswith(maker.lower()):
        maker = None  # "Megger" + "Megger MIT525" reads "Megger MIT525"
    name = " ".join(part for part in (maker, model) if part)
    serial = f" s/n {instrument.serial}" if instrument.serial else ""
    return f"{name or 'Instrument'}{serial}"


def provenance(ctx: RuleContext, field: str) -> FieldProvenance | None:
    """Where a calibration field was read (`instrument.calibration_date`, `instruments.0…`)."""
    for key, found in sorted(ctx.extraction.fields.items()):
        if key.startswith("instrument") and key.rsplit(".", 1)[-1] == field:
            return found
    return None


def date_evidence(
    instrument: Instrument,
    found: FieldProvenance | None,
    *,
    observed: dt.date,
    limit: dt.date,
    comparator: str,
    clause: str,
    **extra: Any,
) -> Evidence:
    """A calibration date against the date it is compared with, and where it was read."""
    return evidence(
        observed=observed.isoformat(),
        unit="date",
        limit=limit.isoformat(),
        comparator=comparator,
        clause=clause,
        point=label(instrument),
        source=found.source if found else None,
        raw=found.raw if found else None,
        **extra,
    )
