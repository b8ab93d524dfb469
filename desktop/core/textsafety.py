"""Untrusted text made safe to show: bidi overrides kept inside their field, long words breakable. No Qt.

Text in a timeline file comes from anyone. Labels already show it as plain text (no HTML); two more
things can still break what a person sees:
- an explicit bidi control (U+202E RIGHT-TO-LEFT OVERRIDE, say) left open in a name reverses
  everything after it on the same line, the role and the source included: `isolate()` wraps such a
  field in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, which ends every override begun inside;
- a word of thousands of letters cannot wrap, and widens a panel past the screen: `breakable()`
  adds zero-width spaces (for display only, never to the data or the clipboard) so it can wrap.

Where a program reads text as markup, the text is escaped for it here, in one place:
- `markup()`: a field for an HTML consumer (TimelineJS renders headlines, groups, captions and
  credits as HTML), the characters kept exactly, so reading the HTML back gives the same text;
- `url_for_markup()`: an http(s) address with the characters that could end an HTML attribute or
  open a tag (`<`, `>`, quotes, backtick, spaces, controls) percent-encoded;
- `tooltip()`: a whole tooltip for Qt, which guesses rich text from a `<b>` anywhere on the first
  line; the returned HTML shows every character as typed, line breaks kept.
Message boxes and labels take no escaping: they are set to plain text (`desktop.panels.plaintext`).
"""

from __future__ import annotations

import html
import re

__all__ = [
    "isolate", "breakable", "display", "display_html", "markup", "url_for_markup", "tooltip",
    "BIDI_CONTROLS", "ZERO_WIDTH_SPACE",
]

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FSI, _PDI = "\u2068", "\u2069"
ZERO_WIDTH_SPACE = "\u200b"
LONGEST_UNBROKEN = 30  # letters; longer runs get a break opportunity every this many
_LONG_RUN = re.compile(r"\S{%d,}" % (LONGEST_UNBROKEN + 1))


def isolate(text: str) -> str:
    """The field wrapped in a bidi isolate when it holds bidi controls, so they cannot leak out."""
    if any(ch in BIDI_CONTROLS for ch in text):
        return f"{_FSI}{text}{_PDI}"
    return text


def breakable(text: str) -> str:
    """Zero-width spaces inside runs of more than LONGEST_UNBROKEN non-space characters."""
    if len(text) <= LONGEST_UNBROKEN:
        return text

    def split(match: re.Match) -> str:
        run = match.group()
        return ZERO_WIDTH_SPACE.join(run[i:i + LONGEST_UNBROKEN] for i in range(0, len(run), LONGEST_UNBROKEN))

    return _LONG_RUN.sub(split, text)


def display(text: str) -> str:
    """One untrusted field for a plain-text label."""
    return breakable(isolate(text))


def display_html(text: str) -> str:
    """One untrusted field for a rich-text label: isolated, breakable, then HTML-escaped."""
    return html.escape(display(text), quote=False)


def markup(text: str) -> str:
    """Plain text as HTML text content, nothing added: `<`, `>` and `&` escaped, so no tag or entity is read."""
    return html.escape(text, quote=False)


_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f\"'<>`]")


def url_for_markup(url: str) -> str:
    """An address safe inside HTML: characters that could end an attribute or open a tag percent-encoded
    (a browser reads `%27` as `'`); an ordinary address is returned unchanged."""
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


TOOLTIP_LINE = 100  # characters: a tooltip with longer lines is wrapped, one with shorter ones is not


def tooltip(text: str) -> str:
    """A tooltip that Qt shows literally: escaped HTML keeping line breaks, long words breakable.

    Qt wraps a rich-text tooltip into a narrow column; lines up to TOOLTIP_LINE characters are kept
    whole instead, as a plain tooltip would show them."""
    wrap = "pre-wrap" if any(len(line) > TOOLTIP_LINE for line in text.splitlines()) else "pre"
    return f'<p style="white-space:{wrap}">' + html.escape(breakable(text), quote=False) + "</p>"
