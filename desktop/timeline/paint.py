"""Painting the lanes: backgrounds, grid, marks, selection and labels, in pixels.

The same code paints the widget and, through `TimelineView.render`, exported pictures and
printouts. Marks are drawn by `marks` (cost capped by pixels); labels are placed by `labels`
(a few hundred at most, never overlapping) and drawn here from cached static text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from desktop.timeline import labels as label_placing
from desktop.timeline.lanes import CanvasModel, Lane
from desktop.timeline.layout import LaneBox
from desktop.timeline.marks import MARK, LaneMarks, draw_rects, event_marks, tenure_spans, visible_slice
from desktop.timeline.style import Style
from desktop.timeline.ticks import ticks


@dataclass
class PaintState:
    """What the view highlights: (lane, index) pairs, and how filtered-out events are shown."""

    selected: tuple[int, int] | None = None
    hovered: tuple[int, int] | None = None
    filter_mode: str = "dim"
    labels: list[tuple[int, int, QRectF]] = field(default_factory=list)  # filled by each paint
    # The labels last placed (by an exact frame, or a preview drawing its picture): (lane, index,
    # rect, shown text, on a bar's certain part, leader: (x, y of the mark's foot) or None), and the
    # (x0, pixels per second) they were placed for; a preview moves them with the view.
    placed: list[tuple] = field(default_factory=list)
    # Leader lines drawn by the last paint: (lane, index, x1, y1, x2, y2), each straight down or across.
    leaders: list[tuple[int, int, float, float, float, float]] = field(default_factory=list)
    placed_at: tuple[float, float] = (0.0, 1.0)
    # Raised by the view whenever labels would be placed differently (model, filter, selection,
    # style, size); `placed` is current while placed_version == version.
    version: int = 0
    placed_version: int = -1


def paint_lanes(p: QPainter, rect: QRectF, x0: float, x1: float, model: CanvasModel, boxes: list[LaneBox],
                style: Style, state: PaintState, cache: label_placing.TextCache) -> None:
    """Paint every lane into `rect`, whose left and right edges are the times x0 and x1.

    The background is the caller's (the graphics view's, or `render`'s fill): not filled twice.
    """
    p.save()
    p.setClipRect(rect)
    p.translate(rect.topLeft())
    w, h = rect.width(), rect.height()
    scale = w / (x1 - x0)
    spans = paint_marks(p, w, h, x0, x1, model, boxes, style, state)
    placed = place_labels(x0, scale, w, model, boxes, style, state, cache, spans)
    paint_highlights(p, model, boxes, x0, scale, h, style, state)
    state.labels = []
    draw_labels(p, placed, style, state, cache)
    paint_now_date(p, model, x0, scale, h, style, state.labels)
    if not any(len(lane.items) for lane in model.lanes):
        p.setPen(style.colour("muted"))
        p.setFont(style.font())
        p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter,
                   "No events yet: open a timeline file, or right-click a lane to add an event.")
    p.restore()


def paint_marks(p: QPainter, w: float, h: float, x0: float, x1: float, model: CanvasModel,
                boxes: list[LaneBox], style: Style, state: PaintState) -> list:
    """The lanes without text or highlights, in pixels from (0, 0): stripes, grid, event marks and
    tenure bars. Returns (lane index, lane, visible spans) of each tenure lane with bars in view."""
    scale = w / (x1 - x0)
    for i, box in enumerate(boxes):
        if i % 2:
            p.fillRect(QRectF(0, box.top, w, box.height), style.colour("lane_alt"))
    _grid(p, w, h, x0, x1, style)
    event_marks(p, [_visible_marks(lane, box, x0, scale, w) for lane, box in zip(model.lanes, boxes)
                    if not lane.is_tenure], state.filter_mode == "hide", w, style)
    spans = _spans_in_view(model, boxes, x0, scale, w)
    for _, lane, span in spans:
        tenure_spans(p, lane, span.a, span.b, span.c0, span.c1, span.shade, span.y, span.h, w, style, span.open_end)
    return spans


def _spans_in_view(model: CanvasModel, boxes: list[LaneBox], x0: float, scale: float, w: float) -> list:
    """(lane index, lane, visible spans) of each tenure lane with bars in a view `w` pixels wide."""
    return [(li, lane, span) for li, (lane, box) in enumerate(zip(model.lanes, boxes))
            if lane.is_tenure and (span := _visible_spans(lane, box, x0, scale, w)) is not None]


def place_labels(x0: float, scale: float, w: float, model: CanvasModel, boxes: list[LaneBox], style: Style,
                 state: PaintState, cache: label_placing.TextCache, spans: list | None = None) -> list:
    """Place the labels of a view `w` pixels wide from time x0 (and keep them in `state.placed`):
    (lane, index, rect, shown text, on a bar's certain part, leader), most important first.
    `spans` are the tenure lanes' visible bars if `paint_marks` has just found them."""
    if spans is None:
        spans = _spans_in_view(model, boxes, x0, scale, w)
    placed: list[tuple] = []
    limit = label_placing.lane_limit(len(model.lanes))
    for li, (lane, box) in enumerate(zip(model.lanes, boxes)):
        if not lane.is_tenure:
            placed += _event_labels(li, lane, box, x0, scale, w, style, state, cache, limit)
    for li, lane, span in spans:
        placed += _tenure_names(li, lane, span, w, style, cache, limit)
    state.placed, state.placed_at, state.placed_version = placed, (x0, scale), state.version
    return placed


def paint_highlights(p: QPainter, model: CanvasModel, boxes: list[LaneBox], x0: float, scale: float, h: float,
                     style: Style, state: PaintState) -> None:
    """What is drawn over the marks and under the labels: the "now" line, the hovered and selected items."""
    _now_line(p, (model.now - x0) * scale, h, style)
    _selection(p, model, boxes, x0, scale, h, style, state)


def _grid(p: QPainter, w: float, h: float, x0: float, x1: float, style: Style) -> None:
    fine, major = ticks(x0, x1, w, style.digit_width(0.95))
    scale = w / (x1 - x0)
    p.setPen(Qt.PenStyle.NoPen)
    for items, colour in ((fine, "grid"), (major, "grid_major")):
        if items:  # one pixel column per line (as a 1 px line with square caps): all in one native call
            p.setBrush(style.colour(colour))
            draw_rects(p, np.round((np.array([t for t, _ in items]) - x0) * scale), -0.5, 1.0, h + 1.0)


def _now_line(p: QPainter, x: float, h: float, style: Style) -> None:
    """The dashed "now" line (its date is drawn over the labels, by `paint_now_date`)."""
    pen = QPen(style.colour("now"), 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QLineF(x, 0, x, h))


def paint_now_date(p: QPainter, model: CanvasModel, x0: float, scale: float, h: float, style: Style,
                   labels: list) -> None:
    """The date of the "now" line beside it, right of it where there is room, else left; at the
    foot of the lanes, or at their top when a label is there (over a label only if both are taken)."""
    x = (model.now - x0) * scale
    font = style.font(0.85)
    now = model.now
    key = (now, font.pixelSize(), font.family())
    hit = _NOW_TEXT.get(key)
    if hit is None:  # laid out once: this is drawn in every frame, previews included
        text = QStaticText("today, " + now_text(now))
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.prepare(QTransform(), font)
        hit = _NOW_TEXT[key] = (text, QFontMetricsF(font).horizontalAdvance(text.text()) + 6,
                                QFontMetricsF(font).height())
        if len(_NOW_TEXT) > 8:
            _NOW_TEXT.clear()
            _NOW_TEXT[key] = hit
    text, width, text_h = hit
    view_w = p.clipBoundingRect().width() if p.hasClipping() else float("inf")
    if x < -width or x > view_w + width:
        return
    left = x + 3 if x + 3 + width <= view_w else x - 3 - width
    for top in (h - style.line * 0.95, style.line * 0.1, h - style.line * 0.95):
        box = QRectF(left, top, width, style.line * 0.85)
        if not any(box.intersects(r) for _, _, r in labels):
            break
    p.fillRect(box, style.colour("background"))
    p.setFont(font)
    p.setPen(style.colour("now"))
    p.drawStaticText(QPointF(left + 3, box.top() + (box.height() - text_h) / 2), text)


_NOW_TEXT: dict = {}


def now_text(now: float) -> str:
    day = dt.datetime.fromtimestamp(now, dt.timezone.utc).date()
    return f"{day.day} {day:%b %Y}"


def _visible_marks(lane: Lane, box: LaneBox, x0: float, scale: float, w: float) -> LaneMarks:
    pad = MARK / scale
    marks = lane.marks
    j0, j1 = visible_slice(marks, x0 - pad, x0 + w / scale + pad)
    kept, dropped = marks.masks(lane.keep)
    return LaneMarks((marks.t0[j0:j1] - x0) * scale, (marks.t1[j0:j1] - x0) * scale, marks.group[j0:j1],
                     kept[j0:j1], dropped[j0:j1], box.rows[0])


def _event_labels(li, lane: Lane, box: LaneBox, x0, scale, w, style: Style, state: PaintState, cache, limit):
    pad = MARK / scale
    i0, i1 = visible_slice(lane, x0 - pad, x0 + w / scale + pad)
    if i1 <= i0:
        return []
    if not box.label_rows:
        return []
    sel = state.selected[1] if state.selected and state.selected[0] == li else None
    rows = label_placing.Rows(len(box.label_rows))
    budget = len(box.label_rows) * int(w / (style.line * 6) + 1)  # labels average ~6 lines wide
    # The slice starts at the first item whose lane *reach* (the latest end so far) is in view: after a
    # long event, items that ended well before the view are in it too. They must not be labelled, nor
    # take the candidates' places.
    visible = np.flatnonzero(lane.t1[i0:i1] >= x0 - pad) + i0
    idx = label_placing.candidates(visible, lane.keep, lane.priority, sel, budget)
    # Latest first (within each priority when they cannot all fit): a label then reaches to the
    # right over marks already labelled, whose leaders come down before it, and labels stack in a
    # staircase under their marks. The selected item stays first.
    first = idx[:1] if sel is not None and len(idx) and idx[0] == sel else idx[:0]
    rest = idx[len(first):]
    # An event wider than half the view (a plan over years) goes last: its label would cover the
    # marks under it, whose leaders could then not pass.
    long = (np.minimum(lane.t1[rest], x0 + w / scale) - np.maximum(lane.t0[rest], x0)) * scale > w / 2
    few = len(rest) - int(long.sum()) <= 2 * len(box.label_rows)  # a few: worth arranging with care
    key = (-lane.t0[rest], long) if few else (-lane.t0[rest], lane.priority[rest], long)
    idx = np.concatenate((first, rest[np.lexsort(key)]))
    ia, ib = (lane.t0[idx] - x0) * scale, (lane.t1[idx] - x0) * scale
    narrow, c = ib - ia < MARK, (ia + ib) / 2
    left = np.where(narrow, c - MARK / 2, np.maximum(ia, 0.0) + 2).tolist()  # a label starts by its mark,
    right = np.where(narrow, c + MARK / 2, np.minimum(ib, w) - 2).tolist()  # or ends there near the right edge
    texts = lane.shown
    anchors = [(i, a, b, texts[i]) for i, a, b in zip(idx.tolist(), left, right)]
    placed = label_placing.place(rows, anchors, cache, style.line * 16, w, box.label_rows, limit, few)
    if few and len(placed) < len(anchors):
        # A few labels that do not all fit so: earliest first, each ending at its mark where it can
        # (a staircase down to the right), or earliest first weighing both sides, may fit more.
        end = len(anchors) - int(long.sum())  # the long ones stay last
        again = anchors[:len(first)] + anchors[len(first):end][::-1] + anchors[end:]
        for leftward in (True, False):
            other = label_placing.place(label_placing.Rows(len(box.label_rows)), again, cache, style.line * 16, w, box.label_rows,
                             limit, few, leftward)
            if len(other) > len(placed):
                placed = other
            if len(placed) == len(anchors):
                break
    my, mh = box.rows[0]
    return [(li, i, r, t, False, (tie, my + mh * 0.85)) for i, r, t, tie in placed]


@dataclass
class _Spans:
    """The visible tenures of a lane, from index i0, in pixels: bars [a, b), certain parts [c0, c1),
    shade, sub-row, top of the bar and its height, and which have no recorded end."""

    i0: int
    a: np.ndarray
    b: np.ndarray
    c0: np.ndarray
    c1: np.ndarray
    shade: np.ndarray
    row: np.ndarray
    y: np.ndarray
    h: float
    open_end: np.ndarray


def _visible_spans(lane: Lane, box: LaneBox, x0, scale, w) -> _Spans | None:
    i0, i1 = visible_slice(lane, x0, x0 + w / scale)
    if i1 <= i0:
        return None
    a = (lane.t0[i0:i1] - x0) * scale
    b = (lane.t1[i0:i1] - x0) * scale
    c0 = np.maximum((lane.core0[i0:i1] - x0) * scale, a)
    c1 = np.minimum((lane.core1[i0:i1] - x0) * scale, b)
    row = lane.row[i0:i1]
    ry = np.array([box.rows[r][0] for r in range(lane.rows)])[row] + 2
    return _Spans(i0, a, b, c0, c1, lane.cls[i0:i1], row, ry, box.rows[0][1] - 4, lane.open_end[i0:i1])


def _tenure_names(li, lane: Lane, span: _Spans, w, style: Style, cache, limit):
    """The names on a lane's tenure bars: a few, never overlapping, each on one part of its bar."""
    i0, c0, c1, row, ry, rh = span.i0, span.c0, span.c1, span.row, span.y, span.h
    a, b = np.clip(span.a, -4, w + 4), np.clip(span.b, -4, w + 4)
    placed = []
    if rh < style.font().pixelSize():  # squeezed rows: no room for names
        return placed
    rows = {r: label_placing.Rows(1) for r in range(lane.rows)}
    wide = np.nonzero((b - a) > style.line * 1.5)[0]
    if len(wide) > limit:  # sampled by absolute index, so labels do not flicker
        stride = -(-len(wide) // limit)
        wide = wide[(wide + i0) % stride == 0]
    if len(wide) == 0:
        return placed
    labels = lane.labels
    fit, width = cache.fit, cache.width
    full = [labels[j] for j in (wide + i0).tolist()]
    full_w = np.fromiter((width(t) for t in full), dtype=float, count=len(full))
    # Each span has three parts: pale before the certain part, the certain (solid) part, pale after.
    # The name sits wholly on the certain part when it fits there, else on the widest part (the
    # first of equals): text colour is chosen per part, so it never straddles solid and pale.
    aw, bw, c0w, c1w = a[wide], b[wide], c0[wide], c1[wide]
    lo_ = np.maximum(np.stack((aw, c0w, c1w)), 0.0)
    hi = np.minimum(np.stack((c0w, c1w, bw)), w)
    room = hi - lo_
    part = np.where(room[1] - 8 >= full_w, 1, np.argmax(room, axis=0))
    cols = np.arange(len(wide))
    x = lo_[part, cols] + 4
    right = hi[part, cols]
    for j, name, name_w, xj, rj_, core, rj, yj in zip(
            wide.tolist(), full, full_w.tolist(), x.tolist(), right.tolist(), (part == 1).tolist(),
            row[wide].tolist(), ry[wide].tolist()):
        shown, tw = (name, name_w) if name_w <= rj_ - xj - 4 else _short_name(name, rj_ - xj - 4, fit, width)
        if (shown != name and len(shown) < 7) or rows[rj].place(xj, tw) is None:  # no "J. …" stubs
            continue
        placed.append((li, i0 + j, QRectF(xj, yj, tw, rh), shown, core, None))
        if len(placed) >= limit:
            break
    return placed


def _short_name(name: str, room: float, fit, width) -> tuple[str, float]:
    """A name that does not fit whole: initials and surname ("G. Cooney"), else the surname, else elided."""
    words = name.split()
    for short in ([" ".join([w[0] + "." for w in words[:-1]] + words[-1:]), words[-1]] if len(words) > 1 else []):
        if width(short) <= room:
            return short, width(short)
    return fit(name, room)


def draw_labels(p: QPainter, placed, style: Style, state: PaintState, cache: label_placing.TextCache) -> None:
    """The labels, each event's with a thin leader line from its mark to its text (drawn first)."""
    state.leaders = _leaders(placed)
    if state.leaders:  # each one a rectangle a pixel wide: one native call for all of them
        seg = np.array([line[2:] for line in state.leaders])
        x, y = np.minimum(seg[:, 0], seg[:, 2]), np.minimum(seg[:, 1], seg[:, 3])
        dx, dy = np.abs(seg[:, 2] - seg[:, 0]), np.abs(seg[:, 3] - seg[:, 1])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.colour("leader"))
        draw_rects(p, np.where(dx > 0, x, x - 0.5), np.where(dx > 0, y - 0.5, y), np.maximum(dx, 1.0),
                   np.maximum(dy, 1.0))
    p.setFont(style.font())
    text, on_bar, accent = style.colour("text"), style.colour("tenure_text"), style.colour("accent")
    pen = None
    line = cache.line_height
    selected, static, out = state.selected, cache.static, state.labels
    for li, i, r, shown, on_core, _tie in placed:
        if not on_core and selected == (li, i):
            p.fillRect(r.adjusted(-3, 1, 3, -1), accent)
            want = style.colour("background")
        else:
            want = on_bar if on_core else text
        if want is not pen:
            p.setPen(want)
            pen = want
        p.drawStaticText(QPointF(r.x(), r.y() + (r.height() - line) / 2), static(shown))
        out.append((li, i, r))  # each rect is made fresh for this frame: no copy needed


def _leaders(placed) -> list[tuple[int, int, float, float, float, float]]:
    """The leader lines of placed labels: down from the mark's foot at the tie, into the label's top
    when the tie is over it, else to its middle and then along to its nearer end."""
    lines = []
    for li, i, r, _shown, _core, tie in placed:
        if tie is None:
            continue
        x, foot = tie
        left, right, top = r.left(), r.right(), r.top()
        if left - 1 <= x <= right + 1:
            if top - foot > 1.5:
                lines.append((li, i, x, foot, x, top))
            continue
        mid = top + r.height() / 2
        lines.append((li, i, x, foot, x, mid))
        lines.append((li, i, x, mid, left - 1 if x < left else right + 1, mid))
    return lines


def item_rect(model: CanvasModel, boxes: list[LaneBox], li: int, i: int, x0: float, scale: float) -> QRectF:
    """Where item i of lane li is drawn, in lane pixels (markers have their fixed width)."""
    lane, box = model.lanes[li], boxes[li]
    a, b = (lane.t0[i] - x0) * scale, (lane.t1[i] - x0) * scale
    if lane.is_tenure:
        y, h = box.rows[int(lane.row[i])]
        return QRectF(a, y + 2, max(b - a, 1.0), h - 4)
    y, h = box.rows[0]
    if b - a < MARK:
        return QRectF((a + b) / 2 - MARK / 2, y + h * 0.15, MARK, h * 0.7)
    return QRectF(a, y + h * 0.1, b - a, h * 0.8)


def _selection(p, model, boxes, x0, scale, h, style: Style, state: PaintState) -> None:
    for pair, width in ((state.hovered, 1.5), (state.selected, 3.0)):
        if pair is None:
            continue
        r = item_rect(model, boxes, *pair, x0, scale)
        colour = style.colour("accent") if pair is state.selected else style.colour("text")
        if pair is state.selected:
            guide = QPen(QColor(colour.red(), colour.green(), colour.blue(), 150), 1.5, Qt.PenStyle.DotLine)
            p.setPen(guide)
            p.drawLine(QLineF(r.center().x(), 0, r.center().x(), h))
        p.setPen(QPen(colour, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r.adjusted(-3, -3, 3, 3))
