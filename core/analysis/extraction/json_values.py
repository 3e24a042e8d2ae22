"""Impossible numbers in a saved (JSON) extraction, treated as the readers treat them.

JSON as Python reads it admits `NaN`, `Infinity` and numbers too large for a float (`1e309` is
infinite). A reading like that, or a negative resistance or ratio, cannot be physical: the reading
is dropped with an `impossible_value` warning (DATA-006), exactly as a CSV or PDF reading would
be, so the report can never be APPROVED on it. Any other field holding a non-finite number is
cleared with the same warning.
"""

from __future__ import annotations

import math
from typing import Any

from core.schemas import WarningCode

_SIGNED_QUANTITIES = frozenset({"temperature", "temperature_rise"})
"""Quantities that may be negative (as in the readers' `measurements._SIGNED`)."""


def drop_impossible(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (a parsed extraction, before validation) with impossible numbers removed and a
    warning for each; `data` itself is not changed."""
    data = dict(data)
    warnings: list[dict[str, Any]] = []
    kept = []
    for index, item in enumerate(_list(data.get("measurements"))):
        why = _impossible_reading(item) if isinstance(item, dict) else None
        if why is None:
            kept.append(item)
            continue
        point = item.get("point") if isinstance(item.get("point"), str) else f"#{index + 1}"
        warnings.append(_warning(f"measurements.{index}", f"The reading at {point!r} {why}"))
    if "measurements" in data and isinstance(data["measurements"], list):
        data["measurements"] = kept
    for key, value in list(data.items()):
        if key not in ("measurements", "warnings", "source"):
            data[key] = _cleared(value, key, warnings)
    if warnings:
        data["warnings"] = [*_list(data.get("warnings")), *warnings]
    return data


def _impossible_reading(item: dict[str, Any]) -> str | None:
    for key, value in item.items():
        if _non_finite(value):
            return f"has {key} {value!r}, not a possible number; dropped."
    value = item.get("value")
    quantity = item.get("quantity")
    signed = isinstance(quantity, str) and quantity in _SIGNED_QUANTITIES
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0 and not signed:
        return f"is negative ({value!r}), not a possible reading; dropped."
    return None


def _cleared(value: Any, path: str, warnings: list[dict[str, Any]]) -> Any:
    if _non_finite(value):
        warnings.append(_warning(path, f"The field {path} holds {value!r}; cleared."))
        return None
    if isinstance(value, dict):
        return {key: _cleared(item, f"{path}.{key}", warnings) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleared(item, f"{path}.{index}", warnings) for index, item in enumerate(value)]
    return value


def _non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _warning(path: str, message: str) -> dict[str, Any]:
    return {"code": WarningCode.IMPOSSIBLE_VALUE.value, "message": message, "field": path}
