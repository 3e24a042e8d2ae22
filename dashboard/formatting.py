"""How values read on the pages: readings with units, verdict colours, dates, and user or
report text made inert for Streamlit's markdown (`md_text`)."""

from __future__ import annotations

import datetime as dt
import re

# Shared with the PDF audit report, so both print a reading the same way.
from core.formatting import number as number
from core.formatting import percent as percent
from core.formatting import reading as reading
from core.formatting import with_unit as with_unit
from core.safe_text import printable

VERDICT_COLOUR = {"APPROVED": "green", "REVIEW": "orange", "REJECTED": "red"}
VERDICT_MEANING = {
    "APPROVED": "Meets the profile's acceptance criteria.",
    "REVIEW": "Needs an engineer's review before it can be accepted.",
    "REJECTED": "Fails acceptance: at least one critical finding stands.",
}
SEVERITY_COLOUR = {"CRITICAL": "red", "MAJOR": "orange", "MINOR": "yellow", "INFO": "blue"}
_VERDICT_ICON = {
    "APPROVED": ":material/check_circle:",
    "REVIEW": ":material/help:",
    "REJECTED": ":material/cancel:",
}
STATUS_WORDS = {
    "QUEUED": "Queued",
    "PROCESSING": "Analysing",
    "COMPLETED": "Done",
    "FAILED": "Failed",
}


def verdict_icon(verdict: str) -> str:
    """The verdict's Material icon, `:material/…:`."""
    return _VERDICT_ICON.get(verdict, ":material/description:")


def verdict_word(verdict: str | None) -> str:
    """Markdown: the verdict in its colour (APPROVED green, REVIEW orange, REJECTED red)."""
    if not verdict:
        return "—"
    icon = _VERDICT_ICON.get(verdict, "")
    return f":{VERDICT_COLOUR.get(verdict, 'gray')}[{icon} **{verdict}**]"


def severity_badge(severity: str | None) -> str:
    """Markdown: a coloured badge with the severity's name (Material icons, not emoji: the
    browsers on site PCs and CI often lack an emoji font)."""
    if not severity:
        return ":gray-badge[no finding]"
    return f":{SEVERITY_COLOUR.get(severity, 'gray')}-badge[{severity}]"


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


_ACRONYMS = {"UPS", "ATS", "PDU"}


def enum_label(value: str | None) -> str:
    """`INSULATION_RESISTANCE` → `Insulation resistance`; acronyms (UPS, ATS, PDU) stay."""
    if not value:
        return "—"
    return value if value in _ACRONYMS else value.replace("_", " ").capitalize()


# Every ASCII punctuation character: CommonMark reads each one escaped as itself, so no link,
# image, emphasis, code, heading, list, table, HTML, autolink `<…>`, LaTeX `$…$` or Streamlit
# directive (`:red[…]`, `:help[…]`) can start from escaped text.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What Streamlit's renderer still finds in the text *after* unescaping it: GFM's autolink
# literals (`https://…`, `www.…`, `name@host.tld`) and the `:material_icon:` and `:streamlit:`
# shortcodes. A word joiner (U+2060, invisible) after `:` / `www` / `@` breaks each pattern.
# Emoji shortcodes (`:smile:`) need nothing: Streamlit only loads them when the source holds
# one unescaped, and escaped text never does.
_FOUND_AFTER_UNESCAPING = re.compile(
    r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)|(?<=:)(?=(?:material_\w+|streamlit):)", re.IGNORECASE
)
_WORD_JOINER = "\u2060"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def md_text(value: object, *, multiline: bool = False) -> str:
    """User or report text (a file name, tag, site, justification, a sentence quoting a
    report) for any Streamlit element that renders markdown — `st.markdown`, titles, captions,
    alerts, and the labels of buttons, expanders, tabs, metrics and page links: shown as the
    characters it holds, never as a link, image, formatting or icon. Line breaks become spaces
    (a label is one line), or hard line breaks with `multiline`; control characters show as
    escapes (`core.safe_text.printable`)."""
    lines = [
        _MARKDOWN_PUNCTUATION.sub(
            r"\\\1", _FOUND_AFTER_UNESCAPING.sub(_WORD_JOINER, printable(line))
        ).strip()  # leading spaces would make an indented code block
        for line in _LINE_BREAK.split(str(value))
    ]
    return ("  \n" if multiline else " ").join(lines)
