"""Painting the lanes: spans, markers, brackets, selection and labels, in pixels.

Cost is capped by pixels, not by the number of items: each lane draws only the slice of items
that touches the window (two `searchsorted` calls), thins narrow marks to one per pixel and
colour (a boolean grid, no sort), merges identical brackets, and draws each colour group with a
single `drawRects` from a numpy-backed array. The same code paints the widget and, through
`TimelineView.render`, exported pictures and printouts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from pyqtgraph.Qt.internals import PrimitiveArray

from desktop.timeline import labels as lb
from desktop.timeline.lanes import CanvasModel, Lane
from desktop.timeline.layout import LaneBox
from desktop.timeline.style import N_EVENT_CLASSES, Style
from desktop.timeline.ticks import ticks

MARK = 7.0  # width in pixels of an event drawn as a marker (narrower than that: a bracket is not drawn)
DIM_ALPHA = 55


@dataclass
class PaintState:
    """What the view highlights: (lane, index) pairs, and how filtered-out events are shown."""

    selected: tuple[int, int] | None = None
    hovered: tuple[int, int] | None = None
    filter_mode: str = "dim"
    labels: list[tuple[int, int, QRectF]] = field(default_factory=list)  # filled by each paint


_RECTS = PrimitiveArray(QRectF, 4)


def draw_rects(p: QPainter, xywh: np.ndarray) -> None:
    """One native drawRects call for an (n, 4) array of x, y, w, h."""
    if len(xywh) == 0:
        return
    _RECTS.resize(len(xywh))
    _RECTS.ndarray()[:] = xywh
    p.drawRects(*_RECTS.drawargs())


def visible_slice(lane: Lane, x0: float, x1: float) -> tuple[int, int]:
    """Indices [i0, i1) of the items whose interval can touch [x0, x1]."""
    return int(np.searchsorted(lane.reach, x0, "right")), int(np.searchsorted(lane.t0, x1, "left"))


def _with_alpha(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def _rows(y: float, h: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full(n, y), np.full(n, h)


def paint_lanes(p: QPainter, rect: QRectF, x0: float, x1: float, model: CanvasModel, boxes: list[LaneBox],
                style: Style, state: PaintState, cache: lb.TextCache) -> None:
    """Paint every lane into `rect`, whose left and right edges are the times x0 and x1.

    The background is the caller's (the graphics view's, or `render`'s fill): not filled twice.
    """
    p.save()
    p.setClipRect(rect)
    p.translate(rect.topLeft())
    w, h = rect.width(), rect.height()
    scale = w / (x1 - x0)
    for i, box in enumerate(boxes):
        if i % 2:
            p.fillRect(QRectF(0, box.top, w, box.height), style.colour("lane_alt"))
    _grid(p, w, h, x0, x1, style)
    state.labels = []
    placed: list[tuple[int, int, QRectF, str, bool]] = []
    for li, (lane, box) in enumerate(zip(model.lanes, boxes)):
        if lane.is_tenure:
            placed += _tenure_lane(p, li, lane, box, x0, scale, w, style, state, cache)
        else:
            placed += _event_lane(p, li, lane, box, x0, scale, w, style, state, cache)
    _now_line(p, (model.now - x0) * scale, h, style)
    _selection(p, model, boxes, x0, scale, h, style, state)
    _draw_labels(p, placed, style, state, cache)
    if not any(len(lane.items) for lane in model.lanes):
        p.setPen(style.colour("muted"))
        p.setFont(style.font())
        p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter,
                   "No events yet: open a timeline file, or right-click a lane to add an event.")
    p.restore()


def _grid(p: QPainter, w: float, h: float, x0: float, x1: float, style: Style) -> None:
    fine, major = ticks(x0, x1, w, style.digit_width(0.95))
    scale = w / (x1 - x0)
    for items, colour in ((fine, "grid"), (major, "grid_major")):
        p.setPen(QPen(style.colour(colour), 1))
        for t, _ in items:
            x = round((t - x0) * scale) + 0.5
            p.drawLine(QLineF(x, 0, x, h))


def _now_line(p: QPainter, x: float, h: float, style: Style) -> None:
    pen = QPen(style.colour("now"), 1.5, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QLineF(x, 0, x, h))


def _event_lane(p, li, lane: Lane, box: LaneBox, x0, scale, w, style: Style, state: PaintState, cache):
    pad = MARK / scale
    i0, i1 = visible_slice(lane, x0 - pad, x0 + w / scale + pad)
    if i1 <= i0:
        return []
    a = (lane.t0[i0:i1] - x0) * scale
    b = (lane.t1[i0:i1] - x0) * scale
    keep, cls, approx = lane.keep[i0:i1], lane.cls[i0:i1], lane.approx[i0:i1]
    hide = state.filter_mode == "hide"
    my, mh = box.rows[0]
    narrow = (b - a) < MARK
    for dimmed in (True, False):
        show = (~keep if dimmed else keep) if not (hide and dimmed) else np.zeros_like(keep)
        if not show.any():
            continue
        _markers(p, (a + b)[show & narrow] / 2, cls[show & narrow], approx[show & narrow], my, mh, w, style, dimmed)
        wide = show & ~narrow
        _brackets(p, a[wide], b[wide], cls[wide], approx[wide], my, mh, w, style, dimmed)
    if not box.label_rows:
        return []
    sel = state.selected[1] if state.selected and state.selected[0] == li else None
    rows = lb.Rows(len(box.label_rows))
    budget = len(box.label_rows) * int(w / (style.line * 6) + 1)  # labels average ~6 lines wide
    idx = lb.candidates(i0, i1, lane.keep, lane.priority, sel, budget)
    ia, ib = (lane.t0[idx] - x0) * scale, (lane.t1[idx] - x0) * scale
    xs = np.where(ib - ia < MARK, (ia + ib) / 2 - MARK / 2, np.maximum(ia, 0.0) + 2).tolist()
    texts, approx_all = lane.labels, lane.approx
    anchors = [(i, x, f"c. {texts[i]}" if approx_all[i] else texts[i]) for i, x in zip(idx.tolist(), xs)]
    placed = lb.place(rows, anchors, cache, style.line * 16, w, box.label_rows)
    return [(li, i, r, t, False) for i, r, t in placed]


def _markers(p, c, cls, approx, my, mh, w, style: Style, dimmed: bool) -> None:
    """Narrow events: one marker per pixel column and colour class, hollow when approximate."""
    if len(c) == 0:
        return
    span = int(w + 2 * MARK) + 1
    col = np.clip(c + MARK, 0, span - 1).astype(np.int64)
    grid = np.zeros((N_EVENT_CLASSES * 2, span), dtype=bool)
    grid[cls * 2 + approx, col] = True
    for key in np.nonzero(grid.any(axis=1))[0]:
        # Runs of columns closer than a marker width merge into one rectangle: the union of the
        # overlapping markers, drawn once instead of up to MARK times over.
        cols = np.nonzero(grid[key])[0]
        breaks = np.nonzero(np.diff(cols) >= MARK)[0]
        first = cols[np.concatenate(([0], breaks + 1))].astype(float) - MARK
        last = cols[np.concatenate((breaks, [len(cols) - 1]))].astype(float) - MARK
        colour = style.classes[key // 2]
        colour = style.pale(colour, DIM_ALPHA) if dimmed else colour
        inset = 1.0 if key % 2 else 0.0
        if key % 2:  # approximate: hollow
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
        ys, hs = _rows(my + mh * 0.15 + inset, mh * 0.7 - 2 * inset, len(first))
        draw_rects(p, np.column_stack((first - MARK / 2 + inset, ys, last - first + MARK - 2 * inset, hs)))


def _brackets(p, a, b, cls, approx, my, mh, w, style: Style, dimmed: bool) -> None:
    """Events wider than a marker (partial dates, events with an end): a bar with end caps.

    Exact bounds get solid caps; approximate ones a pale bar with a dashed edge and no caps.
    Overlapping bars are merged and each end cap is drawn once, so a crowd costs what one bar costs.
    """
    if len(a) == 0:
        return
    a = np.clip(np.round(a), -4, w + 4)
    b = np.clip(np.round(b), -4, w + 4)
    key = ((a.astype(np.int64) + 8) * 65536 + (b.astype(np.int64) + 8)) * 32 + cls * 2 + approx
    if len(key) > 16:
        key = np.unique(key)
    k = key % 32
    bb = (key // 32) % 65536 - 8.0
    aa = (key // 32) // 65536 - 8.0
    for kk in np.unique(k):
        sel = k == kk
        colour = style.classes[kk // 2]
        colour = style.pale(colour, DIM_ALPHA) if dimmed else colour
        xa, xb = _union(aa[sel], bb[sel])
        ys, hs = _rows(my + mh * 0.3, mh * 0.4, len(xa))
        if kk % 2:  # approximate: a pale bar with a dashed edge
            p.setBrush(style.pale(colour, 60))
            # Dashes need room, and dashing the edge of a whole lane costs milliseconds: short
            # brackets, and crowds of them, get a plain edge.
            few = (xb - xa).sum() < w / 2
            for dashed in (False, True):
                part = ((xb - xa >= 4 * MARK) & few) == dashed
                p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
                draw_rects(p, np.column_stack((xa[part] + 1, ys[part] - mh * 0.1, xb[part] - xa[part] - 2,
                                               hs[part] + mh * 0.2)))
            continue
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.pale(colour, style.fill_alpha))
        draw_rects(p, np.column_stack((xa, ys, xb - xa, hs)))
        p.setBrush(colour)
        caps = np.unique(np.concatenate((aa[sel], bb[sel] - 2)))
        cy, ch = _rows(my + mh * 0.1, mh * 0.8, len(caps))
        draw_rects(p, np.column_stack((caps, cy, np.full(len(caps), 2.0), ch)))


def _union(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping bars merged into their union: a pale bar is blended once per pixel, not per event."""
    order = np.argsort(a, kind="stable")
    a, b = a[order], b[order]
    reach = np.maximum.accumulate(b)
    first = np.concatenate(([True], a[1:] > reach[:-1]))
    starts = np.nonzero(first)[0]
    return a[starts], reach[np.concatenate((starts[1:] - 1, [len(a) - 1]))]


def _tenure_lane(p, li, lane: Lane, box: LaneBox, x0, scale, w, style: Style, state: PaintState, cache):
    i0, i1 = visible_slice(lane, x0, x0 + w / scale)
    if i1 <= i0:
        return []
    a = (lane.t0[i0:i1] - x0) * scale
    b = (lane.t1[i0:i1] - x0) * scale
    c0 = np.maximum((lane.core0[i0:i1] - x0) * scale, a)
    c1 = np.minimum((lane.core1[i0:i1] - x0) * scale, b)
    row, shade = lane.row[i0:i1], lane.cls[i0:i1]
    ry = np.array([box.rows[r][0] for r in range(lane.rows)])[row] + 2
    rh = box.rows[0][1] - 4
    pair = style.tenures[lane.palette % len(style.tenures)]
    a, b = np.clip(a, -4, w + 4), np.clip(b, -4, w + 4)
    width = np.maximum(b - a - 1, 1.0)
    for s in (0, 1):
        sel = shade == s
        p.setPen(QPen(pair[s], 1))  # the uncertain part: pale, but its extent outlined
        p.setBrush(style.pale(pair[s], style.uncertain_alpha))
        draw_rects(p, np.column_stack((a[sel], ry[sel], width[sel], np.full(sel.sum(), rh))))
        core = sel & (c1 > c0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pair[s])
        draw_rects(p, np.column_stack((np.clip(c0[core], -4, w + 4), ry[core],
                                       np.maximum(np.clip(c1[core], -4, w + 4) - np.clip(c0[core], -4, w + 4) - 1, 1),
                                       np.full(core.sum(), rh))))
    for j in np.nonzero(lane.open_end[i0:i1] & (b < w + 2))[0]:  # still in post: an arrow at "now"
        x, y = b[j], ry[j]
        p.setBrush(pair[shade[j]])
        p.drawPolygon(QPolygonF([QPointF(x, y - 1), QPointF(x + rh * 0.55, y + rh / 2), QPointF(x, y + rh + 1)]))
    placed = []
    rows = {r: lb.Rows(1) for r in range(lane.rows)}
    wide = np.nonzero((b - a) > style.line * 1.5)[0]
    if len(wide) > lb.MAX_LABELS_PER_LANE:
        wide = wide[:: -(-len(wide) // lb.MAX_LABELS_PER_LANE)]
    for j in wide:
        x = max(c0[j] if c1[j] - c0[j] > style.line * 3 else a[j], 0.0) + 4  # on the certain part
        room = min(b[j], w) - x - 4
        full = lane.labels[i0 + j]
        shown, tw = cache.fit(full, room)
        if (shown != full and len(shown) < 7) or rows[row[j]].place(x, tw) is None:  # no "J. …" stubs
            continue
        on_core = c0[j] <= x + tw / 2 <= c1[j]
        placed.append((li, i0 + int(j), QRectF(x, ry[j], tw, rh), shown, on_core))
    return placed


def _draw_labels(p: QPainter, placed, style: Style, state: PaintState, cache: lb.TextCache) -> None:
    p.setFont(style.font())
    text, on_bar, accent = style.colour("text"), style.colour("tenure_text"), style.colour("accent")
    pen = None
    line = cache.ascent_offset
    for li, i, r, shown, on_core in placed:
        if state.selected == (li, i) and not on_core:
            p.fillRect(r.adjusted(-3, 1, 3, -1), accent)
            want = style.colour("background")
        else:
            want = on_bar if on_core else text
        if want is not pen:
            p.setPen(want)
            pen = want
        p.drawStaticText(QPointF(r.x(), r.y() + (r.height() - line) / 2), cache.static(shown))
        state.labels.append((li, i, QRectF(r)))


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
            guide = QPen(_with_alpha(colour, 150), 1.5, Qt.PenStyle.DotLine)
            p.setPen(guide)
            p.drawLine(QLineF(r.center().x(), 0, r.center().x(), h))
        p.setPen(QPen(colour, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r.adjusted(-3, -3, 3, 3))
