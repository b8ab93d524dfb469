"""The PDF handout for a meeting: the whole timeline on page one, then every event with its quotes.

Page one is A4 landscape (the timeline is wide); the event pages are A4 portrait, laid out by a
QTextDocument so long quotes flow across pages without cutting lines. Every quote carries the
full citation of its source, every event lists its sources, and the last section lists all the
sources cited, so a printed copy can be checked without the app.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from desktop.citation import cite_id, full_citation, speaker_line
from desktop.export_output import commit, memory_device, painting
from desktop.model import Event, Timeline

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


def handout_html(timeline: Timeline, events: list[Event]) -> str:
    """The event pages as Qt rich text: events in date order, then every source cited."""
    body = [f"<h2>{_esc(timeline.title)}: events, quotes and sources</h2>"]
    body += [_event_html(timeline, e) for e in events]
    cited = dict.fromkeys(s for e in events for s in [*e.sources, *(q.source for q in e.quotes)])
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
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def _first_page(painter: QPainter, document, events, x_range, theme, rect: QRectF, margin: float) -> None:
    from desktop.export_picture import paint_timeline, range_text

    t = document.timeline
    font = QFont(painter.font())
    font.setPointSizeF(18)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#000000"))
    title_h = painter.fontMetrics().height() * 1.3
    area = QRectF(margin, margin, rect.width() - 2 * margin, title_h)
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, t.title)
    font.setBold(False)
    font.setPointSizeF(10)
    painter.setFont(font)
    dates = range_text(x_range)
    line = f"{len(events)} events, {dates[0].lower()}{dates[1:]}" + (f". {t.description}" if t.description else "")
    sub = QRectF(margin, area.bottom(), area.width(), painter.fontMetrics().height() * 2.4)
    painter.drawText(sub, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, line)
    canvas = QRectF(margin, sub.bottom(), area.width(), rect.height() - sub.bottom() - margin)
    paint_timeline(document, painter, canvas, x_range, theme, header=False)


def write_handout(document, out: str | Path, events: list[Event], x_range=None, theme: str = "light") -> Path:
    """Write the handout PDF; raise OSError when it cannot be written."""
    out = Path(out)
    buffer = memory_device()
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setTitle(f"{document.timeline.title}: handout")
    writer.setCreator("Council Timeline")
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    margins = QMarginsF(0, 0, 0, 0)
    writer.setPageLayout(QPageLayout(a4, QPageLayout.Orientation.Landscape, margins))
    with painting(writer, out, "handout") as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = _MARGIN_MM / 25.4 * _DPI
        first = QRectF(writer.pageLayout().paintRectPixels(_DPI))
        _first_page(painter, document, events, x_range, "light" if theme == "high-contrast" else theme, first, margin)
        _footer(painter, first, margin, f"{document.timeline.title} \u2014 page 1")
        writer.setPageLayout(QPageLayout(a4, QPageLayout.Orientation.Portrait, margins))
        _text_pages(painter, writer, document.timeline, events, margin)
    commit(buffer, out, "handout")
    return out


def _text_pages(painter: QPainter, writer: QPdfWriter, timeline: Timeline, events, margin: float) -> None:
    page = QRectF(writer.pageLayout().paintRectPixels(_DPI))
    content = QSizeF(page.width() - 2 * margin, page.height() - 2 * margin)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setUseDesignMetrics(True)
    font = QFont(painter.font())
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(handout_html(timeline, events))
    doc.setPageSize(content)
    for number in range(doc.pageCount()):
        writer.newPage()
        painter.save()
        painter.translate(QPointF(margin, margin - number * content.height()))
        doc.drawContents(painter, QRectF(0, number * content.height(), content.width(), content.height()))
        painter.restore()
        _footer(painter, page, margin, f"{timeline.title} \u2014 page {number + 2}")
