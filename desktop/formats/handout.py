"""The PDF handout for a meeting: the whole timeline on page one, then who held which post when,
then every event with its quotes.

Page one is the paper sheet of `desktop.formats.paper` (landscape: the timeline is wide; every label in
full); the following pages are the same paper portrait, laid out by a QTextDocument so long quotes
flow across pages without cutting lines. A table lists every tenure (post, person, from, to, sources),
every quote carries the full citation of its source, every event lists its sources, and the last
section lists all the sources cited, so a printed copy can be checked without the app.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from desktop.formats.output import commit, memory_device, painting
from desktop.core.citation import cite_id, full_citation, speaker_line
from desktop.core.dates import PartialDate
from desktop.core.model import Event, Tenure, Timeline

__all__ = ["write_handout", "handout_html"]

_DPI = 96  # one unit is one CSS pixel, as in the other picture exports
_MARGIN_MM = 15


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def _event_html(timeline: Timeline, e: Event) -> str:
    when = e.date.display() + (f" to {e.end.display()}" if e.end else "")
    facts = [f"<b>{_esc(e.kind.label)}</b>"]
    if e.rating:
        facts.append(f"Rating: <b>{_esc(e.rating.label)}</b>")
    names = [timeline.person(p).name if timeline.person(p) else p for p in e.people]
    if names:
        facts.append("People: " + _esc(", ".join(names)))
    parts = [f"<h3>{_esc(when)} \u2014 {_esc(e.title)}</h3>", "<p>" + " \u00b7 ".join(facts) + "</p>"]
    if e.summary:
        parts.append(f"<p>{_esc(e.summary)}</p>")
    for q in e.quotes:
        who, cite = speaker_line(timeline, q), cite_id(timeline, q.source)
        parts.append(
            f"<blockquote><p><i>\u201c{_esc(q.text)}\u201d</i><br/>\u2014 {_esc(who)}<br/>"
            f"<span style='font-size:8pt'>{_esc(cite)}</span></p></blockquote>"
        )
    cites = [cite_id(timeline, s) for s in e.sources]
    if cites:
        parts.append("<p style='font-size:8pt'>Sources: " + "<br/>".join(_esc(c) for c in cites) + "</p>")
    return "\n".join(parts)


def tenures_html(timeline: Timeline, tenures: list[Tenure]) -> str:
    """Who held which post when, as a table: post, person, from, to, sources."""
    if not tenures:
        return ""
    head = "".join(f"<th align='left'>{h}</th>" for h in ("Post", "Person", "From", "To", "Sources"))
    rows = []
    for t in tenures:
        post, person = timeline.post(t.post), timeline.person(t.person)
        cells = [post.name if post else t.post, person.name if person else t.person,
                 t.start.display() if t.start else "not known", t.end.display() if t.end else "no end recorded"]
        cites = "<br/>".join(_esc(cite_id(timeline, s)) for s in t.sources)
        rows.append("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in cells)
                    + f"<td style='font-size:8pt'>{cites}</td></tr>")
    return ("<h2>Who held which post</h2>"
            "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-collapse:collapse'>"
            f"<thead><tr>{head}</tr></thead>" + "".join(rows) + "</table>")


def handout_html(timeline: Timeline, events: list[Event], tenures: list[Tenure] | None = None,
                 dates: str = "") -> str:
    """The pages after the timeline as Qt rich text: the tenures, the events in date order, then every
    source cited."""
    tenures = list(timeline.tenures) if tenures is None else tenures
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}" + (f", {dates}" if dates else "")
    body = [f"<h2>{_esc(timeline.title)}: events, quotes and sources</h2>",
            f"<p>{_esc(count)}." + (f" {_esc(timeline.description)}" if timeline.description else "") + "</p>",
            tenures_html(timeline, tenures), "<h2>Events</h2>"]
    body += [_event_html(timeline, e) for e in events]
    cited = dict.fromkeys(s for e in events for s in [*e.sources, *(q.source for q in e.quotes)])
    cited.update(dict.fromkeys(s for t in tenures for s in t.sources))
    body.append("<h2>Sources cited</h2><ol>")
    for sid in cited:
        source = timeline.source(sid)
        body.append(f"<li>{_esc(full_citation(source) if source else sid)}</li>")
    body.append("</ol>")
    return "\n".join(body)


def _footer(painter: QPainter, page_rect: QRectF, margin: float, text: str) -> None:
    font = QFont(painter.font())
    font.setPointSizeF(8)
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    box = QRectF(margin, page_rect.height() - margin * 0.8, page_rect.width() - 2 * margin, margin * 0.6)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)


def write_handout(document, out: str | Path, events: list[Event], x_range=None, theme: str = "light",
                  paper: str = "A4", date_from: PartialDate | None = None, date_to: PartialDate | None = None) -> Path:
    """Write the handout PDF on `paper` (A4, A3 or Letter); raise OSError when it cannot be written."""
    from desktop.formats.csv_tables import select_tenures
    from desktop.formats.picture import range_text
    from desktop.formats.paper import page_layout, paint_sheets, plan_sheets

    out = Path(out)
    timeline = document.timeline
    buffer = memory_device()
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setTitle(f"{timeline.title}: handout")
    writer.setCreator("Council Timeline")
    writer.setPageLayout(page_layout(paper))
    size = QSizeF(writer.pageLayout().fullRectPixels(_DPI).size())
    plan = plan_sheets(timeline, size, 1, x_range, "light" if theme == "high-contrast" else theme,
                       frozenset(e.id for e in events))
    with painting(writer, out, "handout") as painter:
        margin = _MARGIN_MM / 25.4 * _DPI
        paint_sheets(writer, plan, painter)
        _footer(painter, QRectF(QPointF(0, 0), size), margin, f"{timeline.title} \u2014 page 1")
        writer.setPageLayout(QPageLayout(QPageSize(writer.pageLayout().pageSize()),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        dates = range_text(x_range)
        html = handout_html(timeline, events, select_tenures(timeline, date_from, date_to),
                            dates[0].lower() + dates[1:])
        _text_pages(painter, writer, timeline, html, margin)
    commit(buffer, out, "handout")
    return out


def _text_pages(painter: QPainter, writer: QPdfWriter, timeline: Timeline, html: str, margin: float) -> None:
    page = QRectF(writer.pageLayout().paintRectPixels(_DPI))
    content = QSizeF(page.width() - 2 * margin, page.height() - 2 * margin)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setUseDesignMetrics(True)
    font = QFont(painter.font())
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setPageSize(content)
    for number in range(doc.pageCount()):
        writer.newPage()
        painter.save()
        painter.translate(QPointF(margin, margin - number * content.height()))
        doc.drawContents(painter, QRectF(0, number * content.height(), content.width(), content.height()))
        painter.restore()
        _footer(painter, page, margin, f"{timeline.title} \u2014 page {number + 2}")
