"""Where a quote is in its archive's text: offsets in characters (code points) of the text as
`provenance.read_archive` returns it. No Qt.

A quote made from a selection in the source viewer records its `offset:`; `validate` checks the
quote's words start there (white space folded, as the provenance check folds it), and Open source
highlights that place. Qt counts positions in UTF-16 units, so the viewer converts with `to_qt` and
`from_qt`.
"""

from __future__ import annotations

import re

__all__ = ["pattern", "match_at", "nearest", "to_qt", "from_qt"]


def pattern(quote_text: str) -> re.Pattern | None:
    """The quote's words with any run of white space between them (None for a quote with no words)."""
    words = quote_text.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words)) if words else None


def match_at(text: str, offset: int, quote_text: str) -> tuple[int, int] | None:
    """(start, end) of the quote in `text` when it starts at `offset` (white space before it allowed)."""
    found = pattern(quote_text)
    if found is None or not 0 <= offset <= len(text):
        return None
    start = offset
    while start < len(text) and text[start].isspace():
        start += 1
    m = found.match(text, start)
    return (m.start(), m.end()) if m else None


def nearest(text: str, quote_text: str, near: int) -> int | None:
    """The start of the quote's occurrence in `text` nearest `near` (None when it is not there)."""
    found = pattern(quote_text)
    if found is None:
        return None
    starts = [m.start() for m in found.finditer(text)]
    return min(starts, key=lambda s: abs(s - near)) if starts else None


def to_qt(text: str, index: int) -> int:
    """A code-point index into `text` as a Qt position (UTF-16 units: characters beyond U+FFFF count 2)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def from_qt(text: str, position: int) -> int:
    """A Qt position (UTF-16 units) in `text` as a code-point index."""
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
