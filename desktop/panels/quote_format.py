"""How a quote and its source read in the quotes panel: the source line and the copied citation.

Pure text (no Qt), so the clipboard test and the panel agree on one format:
    "Words of the quote." - Speaker, Role. Outlet, 'Headline', Author, 19 Oct 2017. https://...
"""

from __future__ import annotations

from desktop.model import Quote, Source, Timeline
from desktop.textsafety import isolate

WEB_SCHEMES = ("http://", "https://")


def is_web_url(url: str | None) -> bool:
    """Only http(s) addresses are opened in a browser; anything else (file:, javascript:) is not."""
    return bool(url) and url.strip().lower().startswith(WEB_SCHEMES)


def source_line(source: Source | None, source_id: str = "") -> str:
    """`Outlet, 'Headline', author, date` (missing parts left out)."""
    if source is None:
        return f"unknown source {source_id!r}" if source_id else "no source"
    parts = [isolate(source.outlet), f"'{isolate(source.title)}'"]
    if source.author:
        parts.append(isolate(source.author))
    if source.published:
        parts.append(source.published.display())
    return ", ".join(parts)


def speaker_line(timeline: Timeline, quote: Quote) -> str:
    name = isolate(timeline.speaker_name(quote.speaker))
    return f"{name}, {isolate(quote.role)}" if quote.role else name


def citation(timeline: Timeline, quote: Quote) -> str:
    """The formatted citation "Copy citation" puts on the clipboard."""
    source = timeline.source(quote.source)
    text = f"\u201c{quote.text.strip()}\u201d \u2014 {speaker_line(timeline, quote)}. {source_line(source, quote.source)}."
    if source is not None and is_web_url(source.url):
        text += f" {source.url.strip()}"
    return text
