"""Tables of user and report text that a spreadsheet opens safely, shown and downloaded.

`st.dataframe` draws cells as text (no markdown, no HTML), but its toolbar downloads them as
CSV: a tag `=cmd|' /C calc'!A0` would run in the spreadsheet that opens the file. So every text
cell a table shows, and every CSV the app writes, goes through `core.services.exports.safe_cell`
(formula-like text gets a leading `'`); numeric columns stay numeric.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.services.exports import safe_cell


def _joined(cell: Any) -> Any:
    """A list in a cell (an analysis's tests) as one text: `INSULATION_RESISTANCE + …`."""
    if isinstance(cell, list | tuple):
        return " + ".join(str(part) for part in cell)
    return cell


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and column names cannot run as formulas; numbers unchanged."""
    safe = frame.copy()
    names = [safe_cell(str(name)) if isinstance(name, str) else name for name in frame.columns]
    safe.columns = pd.RangeIndex(len(names))  # by position: column names may repeat
    for position in safe.columns:
        values = safe[position]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[position] = values.map(lambda cell: safe_cell(_joined(cell)))
    safe.columns = pd.Index(names)
    return safe


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV a spreadsheet opens without running formulas; UTF-8 with BOM so Excel shows Ω and °."""
    text: str = spreadsheet_safe(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
