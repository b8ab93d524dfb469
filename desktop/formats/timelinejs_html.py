"""Plain text out of TimelineJS `text.text` HTML. No Qt.

TimelineJS keeps an event's body as HTML. Our own export marks its paragraphs with `ct-...`
classes (rating, summary, quote, sources) so an export can be read back into the right fields;
HTML written by other tools becomes the summary as plain text, paragraphs kept apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Blocks", "blocks_of"]

_BLOCK_TAGS = {"p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "section"}
_SKIP_TAGS = {"script", "style"}


@dataclass
class Blocks:
    plain: str = ""  # all text, paragraphs separated by a blank line
    summary: str = ""
    rating: str = ""
    quotes: list[str] = field(default_factory=list)
    sources: str = ""  # our export's "Sources: ..." paragraph, citations as text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[str]]] = []  # (ct class of the outermost block, text parts)
        self._depth = 0
        self._skip = 0
        self._class = ""
        self._loose = False  # top-level text outside any block is being collected

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "br":
            self._text("\n")
        elif tag in _BLOCK_TAGS:
            if self._depth == 0:
                classes = (dict(attrs).get("class") or "").split()
                self._class = next((c for c in classes if c.startswith("ct-")), "")
                self.blocks.append((self._class, []))
                self._loose = False
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and self._depth:
            self._depth -= 1
            self._loose = False

    def handle_data(self, data):
        if not self._skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if self._depth == 0 and not self._loose:
            self.blocks.append(("", []))
            self._loose = True
        self.blocks[-1][1].append(data)


def _fold(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def blocks_of(markup: str | None) -> Blocks:
    """Split TimelineJS body HTML into plain text and, for our own exports, its marked fields."""
    if not markup:
        return Blocks()
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    pairs = [(cls, _fold("".join(parts))) for cls, parts in collector.blocks]
    pairs = [(cls, text) for cls, text in pairs if text]
    out = Blocks(plain="\n\n".join(text for _, text in pairs))
    if not any(cls for cls, _ in pairs):
        out.summary = out.plain
        return out
    out.summary = "\n\n".join(text for cls, text in pairs if cls in ("ct-summary", ""))
    out.quotes = [" ".join(text.split()) for cls, text in pairs if cls == "ct-quote"]
    out.sources = next((text for cls, text in pairs if cls == "ct-sources"), "")
    rating = next((text for cls, text in pairs if cls == "ct-rating"), "")
    out.rating = rating.split(":", 1)[-1].strip()
    return out
