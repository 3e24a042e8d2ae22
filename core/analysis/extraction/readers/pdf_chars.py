"""The characters of a PDF page's text layer, each with its box, baseline and font size.

pypdfium2's bindings convert every argument through the declared C types, and asking pdfium
for a character's code, kind, box, origin and font size one call at a time made these calls a
quarter of a text PDF's reading time. So the page's text comes in one call, only a space asks
whether pdfium generated it (pdfium generates no other printable character: spaces between
words, and the CR LF of a line break), and the three queries left per character go through
bare prototypes of the same functions, called with ready-made references.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class Char(NamedTuple):
    text: str
    left: float
    right: float
    baseline: float
    size: float


def _bare(function: Any, restype: Any) -> Any:
    """`function` without declared argument types: arguments pass as given (the text page's
    pointer, an int as a C int, `byref` references), which skips ctypes' conversions."""
    bare = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    bare.restype = restype
    return bare


_CHAR_BOX = _bare(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)
_CHAR_ORIGIN = _bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_FONT_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_IS_GENERATED = _bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)


def page_chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """Every character with its box, baseline and font size; [] for a page of blanks only.

    Spaces pdfium generated between words are kept (as spaces of no size): glyph boxes are
    ink, not advance widths, so geometry alone cannot tell a word space from kerning.
    """
    raw = textpage.raw
    count = max(pdfium_c.FPDFText_CountChars(raw), 0)
    text = _page_text(raw, count)
    codes: Iterable[int] = (
        map(ord, text)
        if text is not None
        else (pdfium_c.FPDFText_GetUnicode(raw, index) for index in range(count))
    )
    values = (ctypes.c_double * 6)()  # left, right, bottom, top, origin x, origin y
    left, right, bottom, top, x, y = (ctypes.byref(values, 8 * slot) for slot in range(6))
    chars = []
    for index, code in enumerate(codes):
        if not 32 <= code <= 0x10FFFF or code == 0xFFFE:
            continue
        generated = code == 32 and _IS_GENERATED(raw, index) == 1
        if not _CHAR_BOX(raw, index, left, right, bottom, top):
            continue
        _CHAR_ORIGIN(raw, index, x, y)
        size = 0.0 if generated else _FONT_SIZE(raw, index)
        box_left, box_right, box_bottom, box_top, _, baseline = values[:]
        chars.append(Char(chr(code), box_left, box_right, baseline, size or box_top - box_bottom))
    return chars if any(not c.text.isspace() for c in chars) else []


def _page_text(raw: Any, count: int) -> str | None:
    """The page's characters in one string, one per character index; None when pdfium's text
    does not line up with its characters (it leaves control characters out of its text, and
    a character that does not decode back to one code point would shift the rest)."""
    if count == 0:
        return ""
    if pdfium_c.FPDFText_GetTextIndexFromCharIndex(raw, count - 1) != count - 1:
        return None  # a character before the last, or the last, has no place in the text
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # room for a surrogate pair per character
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    try:
        text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le")
    except UnicodeDecodeError:
        return None
    return text if len(text) == count else None
