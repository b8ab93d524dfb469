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

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from desktop.timeline.lanes import Lane, MarkSet
from desktop.timeline.style import N_EVENT_CLASSES, Style

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


def draw_rects(p: QPainter, x, y, w, h) -> None:
    """One native drawRects call; x and w are arrays, y and h arrays or scalars."""
    n = len(x)
    if n == 0:
        return
    a = _RECTS.rows(n)
    a[:, 0], a[:, 1], a[:, 2], a[:, 3] = x, y, w, h
    _RECTS.draw(p, n)


def outline_rects(p: QPainter, x, y, w, h, colour, t: float = 1.0) -> None:
    """Rectangle outlines as four filled edges each: no pen stroking, which costs ten times more.
    The edges are written straight into the native array: all tops, bottoms, lefts, then rights."""
    n = len(x)
    if n == 0:
        return
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    e = _RECTS.rows(4 * n).reshape(4, n, 4)
    e[:3, :, 0] = x
    e[3, :, 0] = x + w - t
    e[(0, 2, 3), :, 1] = y
    e[1, :, 1] = y + h - t
    e[:2, :, 2] = w
    e[2:, :, 2] = t
    e[:2, :, 3] = t
    e[2:, :, 3] = h
    _RECTS.draw(p, 4 * n)


def visible_slice(lane: Lane | MarkSet, x0: float, x1: float) -> tuple[int, int]:
    """Indices [i0, i1) of the items (or distinct marks) whose interval can touch [x0, x1]."""
    return int(np.searchsorted(lane.reach, x0, "right")), int(np.searchsorted(lane.t0, x1, "left"))


def event_marks(p: QPainter, a, b, kept, dropped, key, hide: bool, row: tuple[float, float], w: float,
                style: Style) -> None:
    """Marks at pixel intervals [a, b) (`Lane.marks`): markers when narrow, brackets when wide;
    those of events the filters leave out (`dropped`) first and pale (or not at all when hidden)
    so those of the kept ones are drawn over them. `key` is colour class * 2 + approximate.
    """
    narrow = (b - a) < MARK
    if not dropped.any():
        _markers(p, (a[narrow] + b[narrow]) / 2, key[narrow], row, w, style, False)
        wide = ~narrow
        _brackets(p, a[wide], b[wide], key[wide], row, w, style, False)
        return
    for dimmed in (True, False):
        if dimmed and hide:
            continue
        show = dropped if dimmed else kept
        if not show.any():
            continue
        m, wide = show & narrow, show & ~narrow
        _markers(p, (a[m] + b[m]) / 2, key[m], row, w, style, dimmed)
        _brackets(p, a[wide], b[wide], key[wide], row, w, style, dimmed)


def _runs_by_key(values: np.ndarray, keys: np.ndarray):
    """Yield (key, slice) over `values` sorted by key: one numpy pass for every colour at once,
    then a cheap slice per colour (each lane has up to 20 colour keys and a frame many lanes)."""
    bounds = np.searchsorted(keys, np.arange(2 * N_EVENT_CLASSES + 1)).tolist()
    for k in range(2 * N_EVENT_CLASSES):
        if bounds[k + 1] > bounds[k]:
            yield k, slice(bounds[k], bounds[k + 1])


def _markers(p, c, key, row, w, style: Style, dimmed: bool) -> None:
    """Narrow events: filled markers, hollow when the date is approximate.

    Columns closer than a marker width merge into one rectangle: the union of the overlapping
    markers, drawn once instead of up to MARK times over. All colours are thinned in one pass over
    a flat grid (one stretch of columns per colour, far enough apart that runs never join).
    """
    if len(c) == 0:
        return
    my, mh = row
    span = int(w + 2 * MARK) + 1
    stride = span + 2 * int(MARK)
    col = np.clip(c + MARK, 0, span - 1).astype(np.int64)
    grid = np.zeros(N_EVENT_CLASSES * 2 * stride, dtype=bool)
    grid[key * np.int64(stride) + col] = True
    cols = np.flatnonzero(grid)
    breaks = np.flatnonzero(np.diff(cols) >= MARK)
    first_flat = cols[np.concatenate(([0], breaks + 1))]
    last_flat = cols[np.concatenate((breaks, [len(cols) - 1]))]
    run_key = first_flat // stride
    first = (first_flat - run_key * stride) - MARK
    last = (last_flat - run_key * stride) - MARK
    x, width = first - MARK / 2, last - first + MARK
    y, h = my + mh * 0.15, mh * 0.7
    for k, part in _runs_by_key(x, run_key):
        colour = style.classes[k // 2]
        colour = style.pale(colour, DIM_ALPHA) if dimmed else colour
        if k % 2:
            outline_rects(p, x[part], y, width[part], h, colour, 2.0)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            draw_rects(p, x[part], y, width[part], h)


def _brackets(p, a, b, key, row, w, style: Style, dimmed: bool) -> None:
    """Events wider than a marker (partial dates, events with an end): a bar over the interval.

    Exact bounds get solid end caps; approximate ones a pale bar with an outline and no caps.
    Overlapping bars are merged and each end cap is drawn once, so a crowd costs what one bar costs.
    `a` comes sorted (lanes are sorted by start). Every colour is merged in the same numpy pass:
    each colour's pixels are moved to a stretch of its own (whole numbers, so exactly), sorted by
    colour then start, merged, and moved back.
    """
    if len(a) == 0:
        return
    my, mh = row
    a = np.clip(np.round(a), -4, w + 4)
    b = np.clip(np.round(b), -4, w + 4)
    order = np.argsort(key, kind="stable")  # by colour, by start within a colour
    keys = key[order]
    stretch = float(int(w) + 32)  # pixels run from -6 to w + 4: +16 keeps each colour's in [10, stretch)
    shift = keys * stretch + 16
    sa, sb = a[order] + shift, b[order] + shift
    reach = np.maximum.accumulate(sb)
    starts = np.flatnonzero(np.concatenate(([True], sa[1:] > reach[:-1])))
    bar_key = keys[starts]
    bar_shift = shift[starts]
    xa = sa[starts] - bar_shift
    xb = reach[np.concatenate((starts[1:] - 1, [len(sa) - 1]))] - bar_shift
    exact = keys % 2 == 0
    cap_flat = np.unique(np.concatenate((sa[exact], sb[exact] - 2)))
    cap_key = (cap_flat // stretch).astype(np.int64)
    caps = cap_flat - (cap_key * stretch + 16)
    cap_runs = dict(_runs_by_key(caps, cap_key))
    for kk, part in _runs_by_key(xa, bar_key):
        colour = style.classes[kk // 2]
        colour = style.pale(colour, DIM_ALPHA) if dimmed else colour
        ka, kb = xa[part], xb[part]
        if kk % 2:  # approximate: a pale bar with a dashed edge
            p.setBrush(style.pale(colour, 60))
            # Dashes need room, and dashing the edge of a whole lane costs milliseconds: short
            # brackets, and crowds of them, get a plain edge.
            few = (kb - ka).sum() < w / 2
            for dashed in (False, True):
                sel = ((kb - ka >= 4 * MARK) & few) == dashed
                p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
                draw_rects(p, ka[sel] + 1, my + mh * 0.2, kb[sel] - ka[sel] - 2, mh * 0.6)
            continue
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.pale(colour, style.fill_alpha))
        draw_rects(p, ka, my + mh * 0.3, kb - ka, mh * 0.4)
        p.setBrush(colour)
        draw_rects(p, caps[cap_runs[kk]], my + mh * 0.1, 2.0, mh * 0.8)


def tenure_spans(p: QPainter, lane: Lane, a, b, c0, c1, shade, ry, rh: float, w: float, style: Style,
                 open_end) -> None:
    """Tenure bars: the certain part solid, the part the dates leave open pale and outlined, and
    an arrow at "now" for a tenure whose end is not recorded."""
    pair = style.tenures[lane.palette % len(style.tenures)]
    a, b = np.clip(a, -4, w + 4), np.clip(b, -4, w + 4)
    ca, cb = np.clip(c0, -4, w + 4), np.clip(c1, -4, w + 4)
    # A tenure certain from end to end has its core over the whole bar, in the outline's colour,
    # painted after the pale fill and the outline of the bars of its shade: on screen (no
    # antialiasing) those are not drawn. Antialiased pictures keep them: their edge pixels blend.
    has_core = c1 > c0
    certain = has_core & (ca == a) & (cb == b)
    if p.testRenderHint(QPainter.RenderHint.Antialiasing):
        certain[:] = False
    for s in (0, 1):
        sel = shade == s
        pale = sel & ~certain
        width = np.maximum(b[pale] - a[pale] - 1, 1.0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.pale(pair[s], style.uncertain_alpha))
        draw_rects(p, a[pale], ry[pale], width, rh)
        outline_rects(p, a[pale], ry[pale], width, rh, pair[s])
        core = sel & has_core
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pair[s])
        draw_rects(p, ca[core], ry[core], np.maximum(cb[core] - ca[core] - 1, 1.0), rh)
    for j in np.nonzero(open_end & (b < w + 2))[0]:
        x, y = b[j], ry[j]
        p.setBrush(pair[shade[j]])
        p.drawPolygon(QPolygonF([QPointF(x, y - 1), QPointF(x + rh * 0.55, y + rh / 2), QPointF(x, y + rh + 1)]))
