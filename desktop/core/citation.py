"""How a source, a speaker and a quote are cited, everywhere in the app. No Qt.

One place decides the wording, so the quotes panel, "Copy citation", the CSV, the PDF handout,
the TimelineJS credit and the slides all cite a source the same way:
    Outlet, 'Headline', Author, 19 Oct 2017
and a quote as
    "Words of the quote." - Speaker, Role. Outlet, 'Headline', Author, 19 Oct 2017. https://...
Fields from the file are bidi-isolated (see `textsafety.isolate`) so an override in one cannot
reverse the rest of the line.
"""

from __future__ import annotations

import re

from desktop.core.model import Quote, Source, Timeline
from desktop.core.textsafety import isolate

__all__ = [
    "WEB_SCHEMES", "is_web_url", "source_line", "speaker_line", "quote_citation",
    "full_citation", "short_citation", "cite_id", "readable_note",
]

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
    """`Speaker, Role` (the role the article gives, when there is one)."""
    name = isolate(timeline.speaker_name(quote.speaker))
    return f"{name}, {isolate(quote.role)}" if quote.role else name


def full_citation(source: Source) -> str:
    """`Outlet, 'Headline', author, date.` and the web address when there is one."""
    text = source_line(source) + "."
    if is_web_url(source.url):
        text += f" {source.url.strip()}"
    return text


def quote_citation(timeline: Timeline, quote: Quote) -> str:
    """The formatted citation "Copy citation" puts on the clipboard."""
    source = timeline.source(quote.source)
    cited = full_citation(source) if source else f"{source_line(None, quote.source)}."
    return f"\u201c{quote.text.strip()}\u201d \u2014 {speaker_line(timeline, quote)}. {cited}"


def short_citation(source: Source) -> str:
    """`Tameside Reporter, 19 Oct 2017`: enough to find it in the full list."""
    if source.published:
        return f"{isolate(source.outlet)}, {source.published.display()}"
    return isolate(source.outlet)


def cite_id(timeline: Timeline, source_id: str, full: bool = True) -> str:
    """Cite a source by id; an id that does not resolve is shown as itself."""
    source = timeline.source(source_id)
    if source is None:
        return source_id
    return full_citation(source) if full else short_citation(source)


#: a token shaped like an id (`progress-too-slow-2017`): looked up among the sources, one pass per note
_ID_TOKEN = re.compile(r"(?<![\w-])\w[\w.-]*(?<![.-])")


def readable_note(timeline: Timeline, note: str) -> str:
    """A note as people read it: the source ids it cites ("progress-too-slow-2017: ...") shown
    as the sources' short citations ("Tameside Reporter, 19 Oct 2017: ..."). The file keeps the ids.
    Ids without a hyphen or a digit ("ofsted") are ordinary words in prose, so they are left alone."""
    sources = {source.id: source for source in timeline.sources}
    if not sources:
        return note

    def cite(match: re.Match) -> str:
        token = match.group()
        source = sources.get(token) if ("-" in token or any(c.isdigit() for c in token)) else None
        return short_citation(source) if source is not None else token

    return _ID_TOKEN.sub(cite, note)
