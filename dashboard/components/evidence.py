"""Evidence in place: the page with the reading outlined, or the cells around it, shown under
a finding or a region when the reviewer asks for it ("Show in the document")."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.services.errors import ServiceError
from core.services.evidence import DocumentEvidence
from core.services.evidence_render import CellTable
from dashboard import formatting as fmt
from dashboard.components.tables import spreadsheet_safe

EvidenceLoader = Callable[[], DocumentEvidence]
"""Draws one place of the document (through `dashboard.data`); raises ServiceError."""
SHOW_LABEL = "Show in the document"


def evidence_toggle(key: str, load: EvidenceLoader | None, *, label: str = SHOW_LABEL) -> None:
    """A "Show in the document" switch (`label`: markdown, escaped by the caller); when on,
    the evidence under it, drawn only then."""
    if load is None:
        return
    if not st.toggle(label, key=f"evidence-{key}"):
        return
    try:
        shown = load()
    except ServiceError as error:
        st.warning(fmt.md_text(error), icon=":material/image_not_supported:")
        return
    evidence_view(shown)


def evidence_view(shown: DocumentEvidence) -> None:
    """The crop (the page a click away), or the cells table, and any note about them."""
    where = fmt.md_text(shown.where)
    if shown.crop_png is not None:
        st.image(shown.crop_png, caption=f"{where}: the reading outlined", width="stretch")
        if shown.page_png is not None:
            with st.expander("Whole page", expanded=False):
                st.image(shown.page_png, width="stretch")
    elif shown.page_png is not None:
        st.image(shown.page_png, caption=where, width="stretch")
    if shown.cells is not None:
        st.caption(f"{where}: the reading's cells marked ▶")
        st.dataframe(cells_frame(shown.cells), width="stretch")
    if shown.note:
        st.info(fmt.md_text(shown.note), icon=":material/info:")


def cells_frame(table: CellTable) -> pd.DataFrame:
    """The cells around a reading: row numbers as the index, column letters as headers, the
    reading's cells prefixed with ▶ (the table is text: formula-like cells neutralised)."""
    records = []
    for number, texts in table.rows:
        records.append(
            {
                column: f"▶ {text}" if (number, column) in table.marked else text
                for column, text in zip(table.columns, texts, strict=True)
            }
        )
    frame = pd.DataFrame(records, columns=list(table.columns), index=[n for n, _ in table.rows])
    frame.index.name = table.sheet or "line"
    return spreadsheet_safe(frame)
