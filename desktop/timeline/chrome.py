"""The parts around the lanes that do not move with time: lane names and the legend.

Lane names live in their own column at the left, outside the panning area, so they stay readable
wherever the view is; long post names wrap onto two lines, and a lane with nothing in it is a
thin strip with its name on one line. The legend names what the lanes draw (only the ratings and
kinds present), each rating with its marker's shape, and explains the marks (exact date, month or
year only, approximate) and the tenure bars (solid, pale, faded after the latest source, "now");
it wraps onto as many lines as it needs and never leaves a group out.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from desktop.timeline import style as styles
from desktop.timeline.lanes import CanvasModel
from desktop.timeline.layout import LaneBox
from desktop.timeline.marks import fade_tail, shape_rects
from desktop.timeline.style import Style


def paint_gutter(p: QPainter, rect: QRectF, model: CanvasModel, boxes: list[LaneBox], style: Style) -> None:
    p.save()
    p.setClipRect(rect)
    p.fillRect(rect, style.colour("background"))
    pad = style.line * 0.4
    for i, (lane, box) in enumerate(zip(model.lanes, boxes)):
        band = QRectF(rect.left(), rect.top() + box.top, rect.width(), box.height)
        if band.bottom() < rect.top() or band.top() > rect.bottom():
            continue  # scrolled out of view
        if i % 2:
            p.fillRect(band, style.colour("lane_alt"))
        p.setPen(style.colour("muted" if box.folded else "text"))
        text_rect = band.adjusted(pad, 1, -pad, -1)
        font, flags, name = _lane_name(lane.name, text_rect, style, box.folded)
        p.setFont(font)
        p.drawText(text_rect, flags, name)
        p.setPen(QPen(style.colour("grid_major"), 1))
        p.drawLine(QPointF(rect.left(), band.bottom()), QPointF(rect.right(), band.bottom()))
    p.setPen(QPen(style.colour("grid_major"), 1))
    p.drawLine(QPointF(rect.right() - 0.5, rect.top()), QPointF(rect.right() - 0.5, rect.bottom()))
    p.restore()


def _lane_name(name: str, rect: QRectF, style: Style, folded: bool):
    """(font, flags, text) for a lane's name in `rect`: bold, wrapped onto two lines where it needs
    them; in a smaller type before it is ever shortened; a folded lane's on one line, in plain type."""
    wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
    one = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for scale in (0.95, 0.85, 0.75):
        font = style.font(scale, bold=not folded)
        fm = QFontMetricsF(font)
        if folded:
            if fm.horizontalAdvance(name) <= rect.width():
                return font, one, name
        elif fm.boundingRect(rect, wrap, name).height() <= rect.height() + 1:
            return font, wrap, name
    return font, one, fm.elidedText(name, Qt.TextElideMode.ElideRight, rect.width())


def _swatch(p: QPainter, x: float, y: float, s: float, kind: str, colour, style: Style | None = None) -> float:
    """Draw one legend glyph at (x, y) of size s; return its width."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if kind.startswith("shape:"):  # a rating: its marker's shape, as the lanes draw it
        shape_rects(p, int(kind[6:]), [x - s * 0.15], [y], [s * 0.8], [s])
        return s * 0.5
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
    if kind == "solid":
        p.drawRect(QRectF(x, y + s * 0.1, s * 1.7, s * 0.8))
        return s * 1.7
    if kind == "pale":
        p.setBrush(style.pale(colour, style.uncertain_alpha))
        p.setPen(QPen(colour, 1))
        p.drawRect(QRectF(x, y + s * 0.1, s * 1.7, s * 0.8))
        return s * 1.7
    if kind == "faded":
        fade_tail(p, x, x + s * 2.2, y + s * 0.1, s * 0.8, colour, style)
        return s * 2.2
    # the "now" line
    p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x + s * 0.3, y - 1), QPointF(x + s * 0.3, y + s + 1))
    return s * 0.6


def legend_groups(style: Style, model: CanvasModel | None = None) -> list[list[tuple[str, object, str]]]:
    """The legend in titled groups: inspection ratings, other kinds of event, then how dates and
    tenures are drawn. With a model, only what it draws: ratings and kinds it has, tenure bars if any."""
    muted = style.colour("muted")
    present = model.classes if model is not None else set(range(len(styles.CLASS_LABELS)))
    groups = []
    ratings = [(f"shape:{c}", style.classes[c], styles.CLASS_LABELS[c]) for c in
               (styles.INADEQUATE, styles.REQUIRES_IMPROVEMENT, styles.GOOD, styles.OUTSTANDING, styles.NO_RATING) if c in present]
    if ratings:
        groups.append([("title", muted, "Inspections and visits:")] + ratings)
    kinds = [("marker", style.classes[c], styles.CLASS_LABELS[c]) for c in
             (styles.INTERVENTION, styles.PLAN, styles.DECISION, styles.LEADERSHIP, styles.STATEMENT) if c in present]
    if kinds:
        groups.append([("title", muted, "Other events:")] + kinds)
    groups.append([("title", muted, "Dates:"), ("marker", muted, "exact"), ("bracket", muted, "month or year only"),
                   ("hollow", muted, "approximate (c.)")])
    if model is None or any(lane.is_tenure and len(lane.items) for lane in model.lanes):
        bar = style.tenures[0][0]
        groups.append([("title", muted, "In post:"), ("solid", bar, "dates recorded"),
                       ("pale", bar, "start or end not exact"),
                       ("faded", bar, "no end recorded: after the latest source"), ("now", style.colour("now"), "today")])
    return groups


def _legend_lines(style: Style, width: float, model: CanvasModel | None = None) -> list[list[tuple[str, object, str, float]]]:
    """Flow the entries onto as many lines as they need, in order; a group's title stays with its
    first entry. Nothing is ever left out: a narrow view gets more lines."""
    fm = QFontMetricsF(style.font(0.9))
    s, gap = fm.height() * 0.8, fm.horizontalAdvance("0") * 1.5
    glyph = {"solid": 1.7, "pale": 1.7, "faded": 2.2, "bracket": 1.6}
    lines: list[list] = [[]]
    used = gap
    for group in legend_groups(style, model):
        if lines[-1]:
            lines[-1].append(("gap", None, "", gap))
            used += gap
        entries = [(k, c, t, fm.horizontalAdvance(t) + gap + (0 if k == "title" else s * (glyph.get(k, 0.5) + 0.4)))
                   for k, c, t in group]
        for n, (k, c, t, w) in enumerate(entries):
            need = w + (entries[n + 1][3] if k == "title" and n + 1 < len(entries) else 0)
            if used + need > width and lines[-1] and lines[-1][-1][0] != "title":
                if lines[-1][-1][0] == "gap":
                    lines[-1].pop()
                lines.append([])
                used = gap
            lines[-1].append((k, c, t, w))
            used += w
    return lines


def legend_height(style: Style, width: float, model: CanvasModel | None = None) -> float:
    return style.line * (0.5 + max(len(_legend_lines(style, width, model)), 1))


def paint_legend(p: QPainter, rect: QRectF, style: Style, model: CanvasModel | None = None) -> None:
    """The legend on one line, or as many as it needs when the view is narrow; never cut and
    nothing left out."""
    p.save()
    p.setClipRect(rect)
    p.fillRect(rect, style.colour("background"))
    font = style.font(0.9)
    p.setFont(font)
    fm = QFontMetricsF(font)
    s, gap = fm.height() * 0.8, fm.horizontalAdvance("0") * 1.5
    lines = _legend_lines(style, rect.width(), model)
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
                gw = _swatch(p, x, y, s, kind, colour, style)
                p.setPen(style.colour("text"))
                p.setBrush(QBrush())
                p.drawText(QRectF(x + gw + s * 0.3, top, w, row), Qt.AlignmentFlag.AlignVCenter, text)
            x += w
    p.setPen(QPen(style.colour("grid_major"), 1))
    p.drawLine(QPointF(rect.left(), rect.bottom() - 0.5), QPointF(rect.right(), rect.bottom() - 0.5))
    p.restore()
