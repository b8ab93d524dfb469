"""The parts around the lanes that do not move with time: lane names and the legend.

Lane names live in their own column at the left, outside the panning area, so they stay readable
wherever the view is; long post names wrap onto two lines. The legend names every colour and
explains the marks (exact date, month or year only, approximate, end not recorded).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from desktop.timeline import style as st
from desktop.timeline.lanes import CanvasModel
from desktop.timeline.layout import LaneBox
from desktop.timeline.style import Style


def paint_gutter(p: QPainter, rect: QRectF, model: CanvasModel, boxes: list[LaneBox], style: Style) -> None:
    p.save()
    p.setClipRect(rect)
    p.fillRect(rect, style.colour("background"))
    p.setFont(style.font(0.95, bold=True))
    pad = style.line * 0.4
    for i, (lane, box) in enumerate(zip(model.lanes, boxes)):
        band = QRectF(rect.left(), rect.top() + box.top, rect.width(), box.height)
        if i % 2:
            p.fillRect(band, style.colour("lane_alt"))
        p.setPen(style.colour("text"))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        text_rect = band.adjusted(pad, 1, -pad, -1)
        fm = QFontMetricsF(p.font())
        if fm.boundingRect(text_rect, flags, lane.name).height() > text_rect.height():
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            name = fm.elidedText(lane.name, Qt.TextElideMode.ElideRight, text_rect.width())
        else:
            name = lane.name
        p.drawText(text_rect, flags, name)
        p.setPen(QPen(style.colour("grid_major"), 1))
        p.drawLine(QPointF(rect.left(), band.bottom()), QPointF(rect.right(), band.bottom()))
    p.setPen(QPen(style.colour("grid_major"), 1))
    p.drawLine(QPointF(rect.right() - 0.5, rect.top()), QPointF(rect.right() - 0.5, rect.bottom()))
    p.restore()


def _swatch(p: QPainter, x: float, y: float, s: float, kind: str, colour) -> float:
    """Draw one legend glyph at (x, y) of size s; return its width."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if kind == "marker":
        p.drawRect(QRectF(x, y, s * 0.5, s))
        return s * 0.5
    if kind == "hollow":
        p.setPen(QPen(colour, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x + 1, y + 1, s * 0.5 - 2, s - 2))
        return s * 0.5
    if kind == "bracket":
        p.drawRect(QRectF(x, y, 2, s))
        p.drawRect(QRectF(x + s * 1.6 - 2, y, 2, s))
        c = QColor(colour)
        c.setAlpha(110)
        p.setBrush(c)
        p.drawRect(QRectF(x, y + s * 0.3, s * 1.6, s * 0.4))
        return s * 1.6
    # end not recorded: a bar ending in an arrow at now
    p.drawRect(QRectF(x, y + s * 0.15, s * 1.2, s * 0.7))
    p.drawPolygon(QPolygonF([QPointF(x + s * 1.2, y), QPointF(x + s * 1.7, y + s / 2), QPointF(x + s * 1.2, y + s)]))
    return s * 1.7


def legend_groups(style: Style) -> list[list[tuple[str, object, str]]]:
    """The legend in titled groups: inspection ratings, other kinds of event, then how dates are drawn."""
    muted = style.colour("muted")
    ratings = [("title", muted, "Inspections and visits:")]
    ratings += [("marker", style.classes[c], st.CLASS_LABELS[c]) for c in
                (st.INADEQUATE, st.REQUIRES_IMPROVEMENT, st.GOOD, st.OUTSTANDING, st.NO_RATING)]
    kinds = [("title", muted, "Other events:")]
    kinds += [("marker", style.classes[c], st.CLASS_LABELS[c]) for c in
              (st.INTERVENTION, st.PLAN, st.DECISION, st.LEADERSHIP, st.STATEMENT)]
    marks = [("title", muted, "Dates:"), ("marker", muted, "exact"), ("bracket", muted, "month or year only"),
             ("hollow", muted, "approximate (c.)"), ("open", style.tenures[0][0], "in post, end not recorded")]
    return [ratings, kinds, marks]


#: the legend takes at most this many lines; on a narrower view the last entries are left out
LEGEND_LINES = 3


def _legend_lines(style: Style, width: float) -> list[list[tuple[str, object, str, float]]]:
    """Flow the entries onto at most LEGEND_LINES lines in order; a group's title stays with its
    first entry. A group that does not fit whole is left out with those after it (the first group
    is cut short instead: the rating colours matter most)."""
    fm = QFontMetricsF(style.font(0.9))
    s, gap = fm.height() * 0.8, fm.horizontalAdvance("0") * 1.5
    lines: list[list] = [[]]
    used = gap
    for g, group in enumerate(legend_groups(style)):
        before = [list(line) for line in lines]  # what is shown if this group does not fit whole
        if lines[-1]:
            lines[-1].append(("gap", None, "", gap))
            used += gap
        entries = [(k, c, t, fm.horizontalAdvance(t) + gap + (0 if k == "title" else s * 1.8)) for k, c, t in group]
        for n, (k, c, t, w) in enumerate(entries):
            need = w + (entries[n + 1][3] if k == "title" and n + 1 < len(entries) else 0)
            if used + need > width and lines[-1]:
                if len(lines) == LEGEND_LINES:
                    return lines if g == 0 else before
                lines.append([])
                used = gap
            lines[-1].append((k, c, t, w))
            used += w
    return lines


def legend_height(style: Style, width: float) -> float:
    return style.line * (0.5 + max(len(_legend_lines(style, width)), 1))


def paint_legend(p: QPainter, rect: QRectF, style: Style) -> None:
    """The legend on one line, or more (at most LEGEND_LINES) when the view is narrow; never cut
    mid-entry (what still does not fit is left out from the end)."""
    p.save()
    p.setClipRect(rect)
    p.fillRect(rect, style.colour("background"))
    font = style.font(0.9)
    p.setFont(font)
    fm = QFontMetricsF(font)
    s, gap = fm.height() * 0.8, fm.horizontalAdvance("0") * 1.5
    lines = _legend_lines(style, rect.width())
    row = (rect.height() - style.line * 0.5) / max(len(lines), 1)
    for n, line in enumerate(lines):
        top = rect.top() + style.line * 0.25 + n * row
        x = rect.left() + gap
        y = top + (row - s) / 2
        for kind, colour, text, w in line:
            if kind == "title":
                p.setPen(colour)
                p.drawText(QRectF(x, top, w, row), Qt.AlignmentFlag.AlignVCenter, text)
            elif kind != "gap":
                gw = _swatch(p, x, y, s, kind, colour)
                p.setPen(style.colour("text"))
                p.setBrush(QBrush())
                p.drawText(QRectF(x + gw + s * 0.3, top, w, row), Qt.AlignmentFlag.AlignVCenter, text)
            x += w
    p.setPen(QPen(style.colour("grid_major"), 1))
    p.drawLine(QPointF(rect.left(), rect.bottom() - 0.5), QPointF(rect.right(), rect.bottom() - 0.5))
    p.restore()
