"""The marks in the lanes: event markers and brackets, tenure spans; cost capped by pixels.

Each lane draws only the slice of its distinct marks (`lanes.MarkSet`: events sharing an interval
and a colour drawn once) that touches the window (two `searchsorted` calls). Narrow events are
thinned to one column per pixel and colour class (a boolean grid, no sort) and runs of
overlapping markers merged into one rectangle; brackets are merged into their union; every
colour group is one native `drawRects` from a numpy-backed array, and all colours of a lane go
through each numpy step together. Profiled at 100k events, the per-frame cost is numpy work on
the visible marks and the number of native calls, so both are kept low; none of it changes a
pixel of what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPen

from desktop.timeline.lanes import Lane, MarkSet
from desktop.timeline.style import GOOD, INADEQUATE, N_EVENT_CLASSES, NO_RATING, OUTSTANDING, \
    REQUIRES_IMPROVEMENT, Style

MARK = 7.0  # width in pixels of an event drawn as a marker (an interval narrower than that)
DIM_ALPHA = 55  # events the filters leave out, in "dim" mode

class _RectBuffer:
    """Rectangles for one native `drawRects` call, in a numpy array that Qt reads in place (a QRectF
    is four doubles). The pointer to it is wrapped once per allocation, not once per call as with
    pyqtgraph's PrimitiveArray: a frame makes dozens of these calls."""

    def __init__(self) -> None:
        self._array = np.empty((0, 4))
        self._ptr = None

    def rows(self, n: int) -> np.ndarray:
        if n > len(self._array):
            self._array = np.empty((max(n, 2 * len(self._array), 256), 4))
            self._ptr = shiboken6.wrapInstance(self._array.ctypes.data, QRectF)
        return self._array[:n]

    def draw(self, p: QPainter, n: int) -> None:
        p.drawRects(self._ptr, n)


_RECTS = _RectBuffer()

#: The shape of each rating's marker, so ratings are told apart without colour (printed in grey,
#: or by anyone who does not see the colours): half-width across the marker at height t (0 top,
#: 1 bottom), as a fraction of its width. Other events keep the plain bar.
SHAPES = {
    INADEQUATE: lambda t: 0.5 * (1 - t),  # a triangle pointing down
    REQUIRES_IMPROVEMENT: lambda t: 0.5 * (1 - np.abs(2 * t - 1)),  # a diamond
    GOOD: lambda t: 0.5 * t,  # a triangle pointing up
    OUTSTANDING: lambda t: np.maximum(0.5 * np.abs(2 * t - 1), 0.12),  # an hourglass
    NO_RATING: lambda t: np.full_like(t, 0.5),  # a square
}
SHAPE_NAMES = {INADEQUATE: "triangle down", REQUIRES_IMPROVEMENT: "diamond", GOOD: "triangle up",
               OUTSTANDING: "hourglass", NO_RATING: "square"}


def shape_rects(p: QPainter, cls: int, x, y, w, h) -> None:
    """Markers of a rating class drawn as its shape (SHAPES), one pixel row per rectangle, for all
    of them in one native call; x, y, w, h are arrays (one marker each)."""
    x, y, w, h = (np.asarray(v, dtype=float) for v in (x, y, w, h))
    if len(x) == 0:
        return
    n = max(int(np.ceil(h.max())), 1)
    j = np.arange(n, dtype=float)
    t = (j[None, :] + 0.5) / np.maximum(h[:, None], 1.0)
    half = SHAPES[cls](np.clip(t, 0.0, 1.0)) * w[:, None]
    half = np.maximum(half, 0.75)  # the point of a triangle is still a pixel wide
    keep = j[None, :] < np.ceil(h[:, None])
    cx = (x + w / 2)[:, None]
    draw_rects(p, (cx - half)[keep], (y[:, None] + j[None, :])[keep], (2 * half)[keep], 1.0)


def draw_rects(p: QPainter, x, y, w, h) -> None:
    """One native drawRects call; x and w are arrays, y and h arrays or scalars."""
    n = len(x)
    if n == 0:
        return
    a = _RECTS.rows(n)
    a[:, 0], a[:, 1], a[:, 2], a[:, 3] = x, y, w, h
    _RECTS.draw(p, n)


def outline_rects(p: QPainter, x, y, w, h, colour, t: float = 1.0, then=None) -> None:
    """Rectangle outlines as four filled edges each: no pen stroking, which costs ten times more.
    The edges are written straight into the native array: all tops, bottoms, lefts, then rights.
    `then`, (x, y, w, h), are filled rectangles of the same colour drawn after them in the same call."""
    n = len(x)
    m = len(then[0]) if then is not None else 0
    if n + m == 0:
        return
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    rows = _RECTS.rows(4 * n + m)
    e = rows[:4 * n].reshape(4, n, 4)
    e[:3, :, 0] = x
    e[3, :, 0] = x + w - t
    e[(0, 2, 3), :, 1] = y
    e[1, :, 1] = y + h - t
    e[:2, :, 2] = w
    e[2:, :, 2] = t
    e[:2, :, 3] = t
    e[2:, :, 3] = h
    if m:
        f = rows[4 * n:]
        f[:, 0], f[:, 1], f[:, 2], f[:, 3] = then
    _RECTS.draw(p, 4 * n + m)


def visible_slice(lane: Lane | MarkSet, x0: float, x1: float) -> tuple[int, int]:
    """Indices [i0, i1) of the items (or distinct marks) whose interval can touch [x0, x1]."""
    return int(np.searchsorted(lane.reach, x0, "right")), int(np.searchsorted(lane.t0, x1, "left"))


@dataclass
class LaneMarks:
    """The visible distinct marks of one event lane, in pixels: intervals [a, b), colour keys
    (colour class * 2 + approximate), which are kept and left out by the filters, and the lane's
    marker row (y, height)."""

    a: np.ndarray
    b: np.ndarray
    key: np.ndarray
    kept: np.ndarray
    dropped: np.ndarray
    row: tuple[float, float]


def event_marks(p: QPainter, lanes: list[LaneMarks], hide: bool, w: float, style: Style) -> None:
    """Markers where a mark is narrow, brackets where it is wide, for every event lane at once.

    Lanes never overlap, so all of them go through each numpy step together and each colour is
    one native call for all lanes; within a lane the drawing order is what it would be alone.
    Marks of events the filters leave out (`dropped`) are drawn first and pale (or not at all
    when hidden), so those of the kept ones are drawn over them.
    """
    lanes = [lm for lm in lanes if len(lm.a)]
    if not lanes:
        return
    a = np.concatenate([lm.a for lm in lanes])
    b = np.concatenate([lm.b for lm in lanes])
    # One key per lane and colour: (lane * keys per lane + colour key), small enough for int16.
    assert len(lanes) * _KEYS <= np.iinfo(np.int16).max  # four kinds of event lane at most
    key = np.concatenate([lm.key + np.int16(i * _KEYS) for i, lm in enumerate(lanes)])
    rows = np.array([lm.row for lm in lanes], dtype=float).reshape(-1, 2)
    narrow = (b - a) < MARK
    dropped = np.concatenate([lm.dropped for lm in lanes])
    if not dropped.any():
        passes = [(None, False)]
    else:
        kept = np.concatenate([lm.kept for lm in lanes])
        passes = [(show, dimmed) for show, dimmed in ((dropped, True), (kept, False))
                  if not (dimmed and hide) and show.any()]
    for show, dimmed in passes:
        m, wide = (narrow, ~narrow) if show is None else (show & narrow, show & ~narrow)
        _markers(p, (a[m] + b[m]) / 2, key[m], rows, w, style, dimmed)
        _brackets(p, a[wide], b[wide], key[wide], rows, w, style, dimmed)


_KEYS = 2 * N_EVENT_CLASSES  # colour keys per lane


def _by_colour(lane_key: np.ndarray):
    """Yield (colour key, indices) over items keyed by lane and colour: one draw per colour for
    all lanes together (a stable sort keeps each lane's order within a colour)."""
    colour = lane_key % _KEYS
    order = np.argsort(colour, kind="stable")
    for k, part in _runs_by_key(colour[order], _KEYS):
        yield k, order[part]


def _runs_by_key(keys: np.ndarray, count: int):
    """Yield (key, slice) over sorted small integer `keys` in [0, count): one numpy pass for
    every key at once, then a cheap slice per key."""
    bounds = np.searchsorted(keys, np.arange(count + 1)).tolist()
    for k in range(count):
        if bounds[k + 1] > bounds[k]:
            yield k, slice(bounds[k], bounds[k + 1])


def _colour(style: Style, k: int, dimmed: bool) -> QColor:
    colour = style.classes[k // 2]
    return style.pale(colour, DIM_ALPHA) if dimmed else colour


def _markers(p, c, key, rows, w, style: Style, dimmed: bool) -> None:
    """Narrow events: filled markers, hollow when the date is approximate.

    Columns closer than a marker width merge into one rectangle: the union of the overlapping
    markers, drawn once instead of up to MARK times over. All lanes and colours are thinned in
    one pass over a flat grid (one stretch of columns per lane and colour, far enough apart that
    runs never join).
    """
    if len(c) == 0:
        return
    span = int(w + 2 * MARK) + 1
    stride = span + 2 * int(MARK)
    col = np.clip(c + MARK, 0, span - 1).astype(np.int64)
    grid = np.zeros(len(rows) * _KEYS * stride, dtype=bool)
    grid[key.astype(np.int64) * stride + col] = True  # int16 keys would overflow (numpy 1.x keeps int16)
    cols = np.flatnonzero(grid)
    breaks = np.flatnonzero(np.diff(cols) >= MARK)
    first_flat = cols[np.concatenate(([0], breaks + 1))]
    last_flat = cols[np.concatenate((breaks, [len(cols) - 1]))]
    run_key = first_flat // stride
    first = (first_flat - run_key * stride) - MARK
    last = (last_flat - run_key * stride) - MARK
    x, width = first - MARK / 2, last - first + MARK
    lane = run_key // _KEYS
    y, h = rows[lane, 0] + rows[lane, 1] * 0.15, rows[lane, 1] * 0.7
    for k, i in _by_colour(run_key):
        colour = _colour(style, k, dimmed)
        if k % 2:
            outline_rects(p, x[i], y[i], width[i], h[i], colour, 2.0)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            if k // 2 in SHAPES:
                grow = MARK * 0.35  # a shape needs a little more room than a bar to read
                shape_rects(p, k // 2, x[i] - grow, y[i] - h[i] * 0.1, width[i] + 2 * grow, h[i] * 1.2)
            else:
                draw_rects(p, x[i], y[i], width[i], h[i])


def _brackets(p, a, b, key, rows, w, style: Style, dimmed: bool) -> None:
    """Events wider than a marker (partial dates, events with an end): a bar over the interval.

    Exact bounds get solid end caps; approximate ones a pale bar with an outline and no caps.
    Overlapping bars are merged and each end cap is drawn once, so a crowd costs what one bar costs.
    `a` comes sorted within each lane. Every lane and colour is merged in the same numpy pass:
    each one's pixels are moved to a stretch of its own (whole numbers, so exactly), sorted by
    lane and colour then start, merged, and moved back.
    """
    if len(a) == 0:
        return
    a = np.clip(np.round(a), -4, w + 4)
    b = np.clip(np.round(b), -4, w + 4)
    order = np.argsort(key, kind="stable")  # by lane and colour, by start within each (int16: a radix sort)
    keys = key[order]
    stretch = float(int(w) + 32)  # pixels run from -6 to w + 4: +16 keeps each key's in [10, stretch)
    shift = keys * stretch + 16
    sa, sb = a[order] + shift, b[order] + shift
    reach = np.maximum.accumulate(sb)
    starts = np.flatnonzero(np.concatenate(([True], sa[1:] > reach[:-1])))
    bar_key = keys[starts]
    bar_shift = shift[starts]
    xa = sa[starts] - bar_shift
    xb = reach[np.concatenate((starts[1:] - 1, [len(sa) - 1]))] - bar_shift
    exact = keys % 2 == 0
    cap_at = np.concatenate((sa[exact], sb[exact] - 2))
    # Caps drawn once per pixel. Only a cap past the right edge (clipped to the fractional w + 4)
    # can sit between whole pixels, and none of those shows: they are left out.
    cap_at = cap_at[cap_at - np.concatenate((shift[exact], shift[exact])) <= w]
    grid = np.zeros(int(len(rows) * _KEYS * stretch), dtype=bool)
    grid[cap_at.astype(np.int64)] = True
    cap_flat = np.flatnonzero(grid)
    cap_key = cap_flat // int(stretch)
    caps = cap_flat - (cap_key * stretch + 16)
    bar_lane, cap_lane = bar_key // _KEYS, cap_key // _KEYS
    my, mh = rows[bar_lane, 0], rows[bar_lane, 1]
    cap_parts = dict(_by_colour(cap_key))
    for kk, i in _by_colour(bar_key):
        colour = _colour(style, kk, dimmed)
        ka, kb = xa[i], xb[i]
        y, h = my[i], mh[i]
        if kk % 2:  # approximate: a pale bar with a dashed edge
            p.setBrush(style.pale(colour, 60))
            # Dashes need room, and dashing the edge of a whole lane costs milliseconds: short
            # brackets, and crowds of them, get a plain edge.
            lane = bar_lane[i]
            few = (np.bincount(lane, weights=kb - ka, minlength=len(rows)) < w / 2)[lane]  # per lane
            for dashed in (False, True):
                sel = ((kb - ka >= 4 * MARK) & few) == dashed
                if not sel.any():
                    continue
                p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
                draw_rects(p, ka[sel] + 1, y[sel] + h[sel] * 0.2, kb[sel] - ka[sel] - 2, h[sel] * 0.6)
            continue
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.pale(colour, style.fill_alpha))
        draw_rects(p, ka, y + h * 0.3, kb - ka, h * 0.4)
        c = cap_parts.get(kk)  # none when every cap of the colour is past the right edge
        if c is not None:
            p.setBrush(colour)
            cl = cap_lane[c]
            draw_rects(p, caps[c], rows[cl, 0] + rows[cl, 1] * 0.1, 2.0, rows[cl, 1] * 0.8)
        if kk // 2 in SHAPES:  # a rated bar: its rating's shape at its start
            p.setBrush(colour)
            shape_rects(p, kk // 2, ka - 1, y + h * 0.05, np.full(len(ka), MARK + 2), h * 0.9)


def tenure_spans(p: QPainter, lane: Lane, a, b, c0, c1, shade, ry, rh: float, w: float, style: Style,
                 open_end) -> None:
    """Tenure bars: the certain part solid, the part the dates leave open pale and outlined, and
    for a tenure whose end is not recorded, the stretch after its latest confirmation fading out
    towards "now" (no outline, no arrow: nothing says they are still in post)."""
    pair = style.tenures[lane.palette % len(style.tenures)]
    a, b = np.clip(a, -4, w + 4), np.clip(b, -4, w + 4)
    ca, cb = np.clip(c0, -4, w + 4), np.clip(c1, -4, w + 4)
    tail = open_end & (b > cb + 1)  # an open end with a stretch after the last confirmation
    b_drawn = np.where(tail, np.maximum(cb, a + 1), b)  # the pale fill and outline stop there
    # A tenure certain from end to end has its core over the whole bar, in the outline's colour,
    # painted after the pale fill and the outline of the bars of its shade: on screen (no
    # antialiasing) those are not drawn. Antialiased pictures keep them: their edge pixels blend.
    has_core = c1 > c0
    certain = has_core & (ca == a) & (cb == b_drawn)
    if p.testRenderHint(QPainter.RenderHint.Antialiasing):
        certain[:] = False
    for s in (0, 1):
        sel = shade == s
        pale = sel & ~certain
        width = np.maximum(b_drawn[pale] - a[pale] - 1, 1.0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.pale(pair[s], style.uncertain_alpha))
        draw_rects(p, a[pale], ry[pale], width, rh)
        core = sel & has_core
        outline_rects(p, a[pale], ry[pale], width, rh, pair[s],
                      then=(ca[core], ry[core], np.maximum(cb[core] - ca[core] - 1, 1.0), rh))
    for j in np.nonzero(tail)[0]:
        fade_tail(p, float(b_drawn[j]), float(b[j]), float(ry[j]), rh, pair[shade[j]], style)


def fade_tail(p: QPainter, x0: float, x1: float, y: float, h: float, colour: QColor, style: Style) -> None:
    """The stretch of an open tenure after its latest confirmation: its pale colour fading to
    nothing at "now", edged top and bottom by a dotted line."""
    grad = QLinearGradient(x0, 0, x1, 0)
    grad.setColorAt(0.0, style.pale(colour, style.uncertain_alpha))
    grad.setColorAt(1.0, style.colour("background"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRect(QRectF(x0, y, x1 - x0, h))
    p.setPen(QPen(colour, 1.0, Qt.PenStyle.DotLine))
    p.drawLine(QPointF(x0, y + 0.5), QPointF(x1, y + 0.5))
    p.drawLine(QPointF(x0, y + h - 0.5), QPointF(x1, y + h - 0.5))
