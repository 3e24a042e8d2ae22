"""`formatting.md_text` over a corpus of hostile strings and generated text: the markdown it
returns holds nothing live, reads back as the text it was given, and stays on its lines."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from core.safe_text import printable
from dashboard.formatting import md_text
from tests.dashboard.helpers import assert_inert, visible

NASTY = [
    "[Session expired - log in again](https://evil.example)",
    "![x](https://evil.example/t.png)",
    "<a href='https://evil.example'>click</a>",
    "<img src=https://evil.example/i.png>",
    "<https://evil.example>",
    "https://evil.example/a HTTP://EVIL.EXAMPLE",
    "www.evil.example WWW.Evil.Example",
    "mail boss@evil.example",
    "[ref]\n\n[ref]: https://evil.example",
    "[x](javascript:alert(1))",
    "&lt;b&gt; &amp; &#x5b;x&#x5d;(https://evil.example) &#60;b&#62;",
    "\\[x\\](https://evil.example) \\\\[y](https://evil.example)",
    ":red[alarm] :blue-background[x] :help[tip] :small[s] ::leaf :::container",
    ":material/warning: :material_warning: :streamlit: :smile: :+1:",
    "$x^2$ and $$y$$ \\(z\\) \\[w\\]",
    "# head\n## h2\n- item\n+ item\n* item\n1. one\n2) two\n> quote\n    code\n\tcode",
    "line\n===\nline\n---\n***\n___",
    "*a* _b_ ~~c~~ ~d~ `code` ``co`de`` **e** __f__",
    "a | b\n---|---\nc | d",
    "```\nfenced\n```\n~~~\nx\n~~~",
    "- [ ] task\n- [x] done",
    "footnote[^1]\n\n[^1]: https://evil.example",
    "A -> B -- C <= D",
    "trailing backslash \\",
    "\x1b]0;pwned\x07 \x1b[2J \x00 \x7f \x9b \u202etxt.exe \ud800",
    "   leading spaces and tabs\t",
    "\r\nCRLF\rCR\u2028LS\u2029PS\x0bVT\x0cFF\x85NEL",
    "<!-- comment --> <script>alert(1)</script> <style>*{}</style>",
]
LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
TOKENS = [
    "[", "]", "(", ")", "!", "<", ">", "`", "*", "_", "~", "$", ":", "#", "-", "+", "=", "|",
    "\\", "&", "@", "://", "https", "www.", "material_x", "streamlit", "red", "\n", " ", "    ",
    "evil.example", "1.", "{", "}", '"', "'", "%", "^",
]  # fmt: skip


def read_back(text: str) -> str:
    """What the escaped text shows, line by line as `md_text` keeps it."""
    return " ".join(printable(line).strip() for line in LINE_BREAK.split(text))


def test_the_corpus_renders_as_text() -> None:
    for text in NASTY:
        for multiline in (False, True):
            markdown = md_text(text, multiline=multiline)
            assert_inert(markdown)
            assert not re.search(r"^(?: {4}|\t)", markdown, re.M)  # no indented code block
        assert "\n" not in md_text(text)
        assert visible(md_text(text)) == read_back(text)


def test_a_link_reads_as_its_escaped_source() -> None:
    assert md_text("[a](https://x.example)") == "\\[a\\]\\(https\\:\u2060\\/\\/x\\.example\\)"
    assert md_text("a\nb", multiline=True) == "a  \nb"
    assert md_text("a\nb") == "a b"
    assert md_text("\x1b[2J") == "\\\\x1b\\[2J"  # the escape shown, never sent


@given(st.text())
def test_any_text_is_inert_and_reads_back(text: str) -> None:
    markdown = md_text(text)
    assert_inert(markdown)
    assert "\n" not in markdown
    assert visible(markdown) == read_back(text)


@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=30).map("".join))
def test_markdown_made_of_its_own_tokens_is_inert(text: str) -> None:
    assert_inert(md_text(text))
    lines = md_text(text, multiline=True).split("  \n")  # one hard break per line break
    for line in lines:
        assert_inert(line)
    assert [visible(line) for line in lines] == [
        printable(line).strip() for line in LINE_BREAK.split(text)
    ]
