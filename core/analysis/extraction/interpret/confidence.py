"""Per-field confidence: how surely a value was read, from how it was found.

    confidence = text × source × Π(penalties)

- `text`: the confidence of the cells the value came from (the lowest of them): 1.0 for a
  structured cell (XLSX, CSV) and for PDF text, Tesseract's word confidence (0–1) for OCR.
- `source`: 1.0 for a structured cell or a JSON key; 0.98 for labelled PDF text, whose layout
  can mislead a reader even when every character is right; 1.0 for OCR, whose doubt is in
  `text`, calibrated: Tesseract's LSTM scores digit strings that match no dictionary word near 0
  even when it reads them right, so an OCR'd value counts `OCR_FLOOR + (1 − OCR_FLOOR) × text`
  (0.85 for a word read at all, up to the reader's 0.95 ceiling); the checks below (unit,
  repair, label) and the rules' cross-checks catch what is really doubtful.
- penalties: × 0.85 when the unit was assumed (no unit in the cell, the label or the header);
  × 0.9 when the value was repaired (an OCR misreading undone, a lost decimal point put back);
  × 0.9 when the label matched only a weak synonym ("Date", "Type"); × 0.8 when the value was
  inferred rather than labelled (an equipment type read from the report title).

Rounded to 3 decimals so the JSON is stable. The report-level confidence, which combines the
fields the rules used with the coverage of required fields, is computed by scoring, not here.
"""

from __future__ import annotations

from core.analysis.extraction.readers.ocr import OCR_CONFIDENCE_CEILING as _OCR_CEILING
from core.schemas import InputFormat

SOURCE_FACTOR: dict[InputFormat, float] = {
    InputFormat.PDF_TEXT: 0.98,
    InputFormat.PDF_SCAN: 1.0,
    InputFormat.IMAGE: 1.0,
    InputFormat.XLSX: 1.0,
    InputFormat.CSV: 1.0,
    InputFormat.JSON: 1.0,
}
OCR_FORMATS = frozenset({InputFormat.PDF_SCAN, InputFormat.IMAGE})
OCR_FLOOR = 0.85
UNIT_ASSUMED = 0.85
REPAIRED = 0.9
WEAK_LABEL = 0.9
INFERRED = 0.8


def confidence(
    text_confidence: float,
    fmt: InputFormat,
    *,
    unit_assumed: bool = False,
    repaired: bool = False,
    weak_label: bool = False,
    inferred: bool = False,
) -> float:
    """The confidence of one value read from cells of `text_confidence` in a `fmt` document."""
    text = max(0.0, min(1.0, text_confidence))
    if fmt in OCR_FORMATS:
        text = OCR_FLOOR * _OCR_CEILING + (1 - OCR_FLOOR) * text
    value = text * SOURCE_FACTOR[fmt]
    if unit_assumed:
        value *= UNIT_ASSUMED
    if repaired:
        value *= REPAIRED
    if weak_label:
        value *= WEAK_LABEL
    if inferred:
        value *= INFERRED
    return round(value, 3)
