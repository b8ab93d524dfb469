"""What is under the pointer, and what its tooltip says.

Hit testing uses the same geometry as painting (lane boxes, marker width, the last frame's label
rectangles) so what the user clicks is what they see: a label selects its event, a marker or a
bracket its event, a span its tenure. Hidden (filtered) events are never hit.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QPointF

from desktop.core.model import Event, Tenure, Timeline
from desktop.timeline.lanes import CanvasModel
from desktop.timeline.layout import LaneBox
from desktop.timeline.marks import MARK, visible_slice
from desktop.timeline.paint import PaintState

SLOP = 3.0  # pixels of tolerance around a mark


def hit(model: CanvasModel, boxes: list[LaneBox], state: PaintState, x0: float, scale: float,
        pos: QPointF) -> tuple[int, int] | None:
    """(lane, index) of the item at `pos` (lane-area pixels), or None on empty space."""
    for li, i, rect in state.labels:
        if rect.contains(pos):
            return li, i
    x, y = pos.x(), pos.y()
    for li, (lane, box) in enumerate(zip(model.lanes, boxes)):
        if not box.top <= y < box.top + box.height:
            continue
        pad = (MARK / 2 + SLOP) / scale
        t = x0 + x / scale
        i0, i1 = visible_slice(lane, t - pad, t + pad)
        if i1 <= i0:
            return None
        idx = np.arange(i0, i1)
        a, b = (lane.t0[idx] - x0) * scale, (lane.t1[idx] - x0) * scale
        narrow = (b - a) < MARK
        mid = (a + b) / 2
        a = np.where(narrow, mid - MARK / 2, a) - SLOP
        b = np.where(narrow, mid + MARK / 2, b) + SLOP
        ok = (a <= x) & (x <= b)
        if lane.is_tenure:
            row_y = np.array([r[0] for r in box.rows])[lane.row[idx]]
            ok &= (row_y <= y) & (y < row_y + box.rows[0][1])
        elif state.filter_mode == "hide":
            ok &= lane.keep[idx]
        if not ok.any():
            return None
        cand = idx[ok]
        # Prefer what is shown at full strength, then the closest centre, then the narrowest.
        dist = np.abs(mid[ok] - x) + (b[ok] - a[ok]) * 0.01 + np.where(lane.keep[cand], 0, 1e6)
        return li, int(cand[np.argmin(dist)])
    return None


def _open_end(timeline: Timeline, tenure: Tenure) -> str:
    """What an unrecorded end means: in post at the latest source that says so, end not recorded."""
    dates = [s.published for s in map(timeline.source, tenure.sources) if s is not None and s.published]
    if not dates:
        return "end not recorded"
    return f"end not recorded (in post at the latest source, {max(dates).display()})"


def tooltip(timeline: Timeline, item: Event | Tenure) -> str:
    """Rich-text tooltip: title, date said honestly ("2016 (year only)", "c. Aug 2023"), rating, sources."""
    e = html.escape
    if isinstance(item, Event):
        when = item.date.describe() + (f" to {item.end.describe()}" if item.end else "")
        lines = [f"<b>{e(item.title)}</b>", e(when), e(item.kind.label)]
        if item.rating is not None:
            lines.append(f"Rated: <b>{e(item.rating.label)}</b>")
        n = len(item.sources)
        lines.append(f"{n} source{'s' if n != 1 else ''}" + (f", {len(item.quotes)} quote"
                                                              f"{'s' if len(item.quotes) != 1 else ''}"
                                                              if item.quotes else ""))
        return "<br>".join(lines)
    person = timeline.person(item.person)
    post = timeline.post(item.post)
    start = item.start.describe() if item.start else "start unknown"
    end = item.end.describe() if item.end else _open_end(timeline, item)
    n = len(item.sources)
    return "<br>".join([f"<b>{e(person.name if person else item.person)}</b>",
                        e(post.name if post else item.post), e(f"{start} to {end}"),
                        f"{n} source{'s' if n != 1 else ''}"])
