"""How a source is cited in exports, handouts and on presentation slides. No Qt.

One place decides the wording so the CSV, the PDF handout, the TimelineJS credit and the
slide all cite a source the same way.
"""

from __future__ import annotations

from desktop.model import Source, Timeline

__all__ = ["full_citation", "short_citation", "cite_id"]


def full_citation(source: Source) -> str:
    """`Author, "Title", Outlet, 19 Oct 2017. URL` with the parts that are known."""
    parts = []
    if source.author:
        parts.append(source.author)
    parts.append(f"\u201c{source.title}\u201d")
    parts.append(source.outlet)
    if source.published:
        parts.append(source.published.display())
    text = ", ".join(parts) + "."
    if source.url:
        text += f" {source.url}"
    return text


def short_citation(source: Source) -> str:
    """`Tameside Reporter, 19 Oct 2017`: enough to find it in the full list."""
    if source.published:
        return f"{source.outlet}, {source.published.display()}"
    return source.outlet


def cite_id(timeline: Timeline, source_id: str, full: bool = True) -> str:
    """Cite a source by id; an id that does not resolve is shown as itself."""
    source = timeline.source(source_id)
    if source is None:
        return source_id
    return full_citation(source) if full else short_citation(source)
