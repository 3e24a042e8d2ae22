"""Text from reports and users, made safe to print: control characters shown, never obeyed.

A tag holding `\\x1b]0;pwned\\x07` or `\\x1b[2J` would retitle or clear the terminal that prints
it; a bidirectional override (U+202E) would print `txt.exe` as `exe.txt`; a lone surrogate
(from a JSON `\\ud800` escape or an undecodable file name) cannot be encoded at all. Each is
replaced by a visible escape (`\\x1b`, `\\u202e`, `\\udcff`), so the text reads as what it is.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, bidirectional embeddings, overrides and
# isolates, and surrogates (only ever lone ones in a Python str).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_ON_ONE_LINE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every control character replaced by a visible escape; tabs and newlines
    stay, unless `single_line` (a value printed inside a line: a newline there could forge
    a line of output of its own). A Windows line break (CR LF) counts as a newline."""
    if single_line:
        return _UNSAFE_ON_ONE_LINE.sub(_visible, text)
    return _UNSAFE.sub(_visible, text.replace("\r\n", "\n"))
