"""Frames while the view is moving: the last picture of the marks, moved, with the labels moved along.

An exact frame places every label and slices every lane again: about 6 ms at 100k events here,
twice what an empty pyqtgraph plot costs, and more on a slow laptop at the projector. While the
user drags or wheel-zooms, the view paints a preview instead (what map and image viewers do):

- the marks (stripes, grid, markers, brackets, tenure bars) come from one picture drawn for twice
  the view's width at some zoom, moved and stretched to the current range: every mark lands where
  it belongs (within a pixel of the picture, so up to two of the screen's at twice its zoom), but a
  zoom stretches it until the picture is drawn again (beyond half or twice its zoom, or when the
  view leaves it);
- the labels placed for the last exact frame, or when the picture was last drawn, are moved with
  their marks, never stretched: crisp text; those that would now overlap (most important first,
  as placed) or be cut at the edge are left out;
- the "now" line, hover and selection, and the date axis are exact.

Which frames are previews is the view's choice (`TimelineView`): only on a timeline of PREVIEW_FROM
items or more, and only a change of range that comes less than SETTLE_MS after the previous one. The exact frame follows SETTLE_MS after the last, and
anything else (a selection, hover, filter, edit, resize or an animated move) is exact at once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from desktop.timeline import labels as label_rows
from desktop.timeline.lanes import CanvasModel
from desktop.timeline.layout import LaneBox
from desktop.timeline.paint import PaintState, draw_labels, paint_highlights, paint_marks, paint_now_date, place_labels
from desktop.timeline.style import Style

# Below this many events and tenures an exact frame costs about what moving the picture does (1k
# events: 4.5 against 4.2 ms, `make bench`), so small timelines such as the bundled one stay exact.
PREVIEW_FROM = 2000
SETTLE_MS = 150  # range changes closer than this are one movement; the exact frame comes this long after
MARGIN = 0.5  # the picture reaches this many view widths past either side of the view
STRETCH = (0.5, 2.0)  # zoom of the view over the picture's, beyond which the picture is drawn again
BIG_ZOOM = 1.8  # a step zooming this much or more (the zoom keys double or halve) is painted exactly


class Preview:
    """The picture of the marks a preview is made from, and what it was drawn for."""

    def __init__(self) -> None:
        self._image: QImage | None = None
        self._t0 = 0.0  # time at the picture's left edge
        self._scale = 1.0  # its pixels per second
        self._key: tuple = ()  # lanes size, device pixel ratio and antialiasing it was drawn for
        self.pictures = 0  # how many pictures were drawn (for tests and the benchmark)

    def clear(self) -> None:
        """The marks changed (model, filter, style or size): the picture must be drawn again."""
        self._key = ()

    def paint(self, p: QPainter, rect: QRectF, x0: float, x1: float, model: CanvasModel, boxes: list[LaneBox],
              style: Style, state: PaintState, cache: label_rows.TextCache, previous: tuple[float, float] | None = None) -> bool:
        """Paint a preview of the lanes into `rect` for the times x0 to x1; False if a preview would
        not pay (then the caller paints an exact frame): an empty timeline, or a big step (from
        `previous`, the range of the last frame painted) out of the picture. A new picture costs
        twice an exact frame, and after a jump, or a zoom key's halving or doubling, the next
        step is likely as big."""
        if not any(len(lane.items) for lane in model.lanes):
            return False
        w, h = rect.width(), rect.height()
        scale = w / (x1 - x0)
        dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        smooth = p.testRenderHint(QPainter.RenderHint.Antialiasing)
        key = (w, h, dpr, smooth)
        if not self._covers(x0, x1, scale, key):
            if not small_step(previous, x0, x1):
                return False
            self._draw(x0, x1, w, h, dpr, smooth, model, boxes, style, state)
            self._key = key
            place_labels(x0, scale, w, model, boxes, style, state, cache)  # labels for here, not left behind
        elif state.placed_version != state.version:  # placed before a selection, filter or edit
            place_labels(x0, scale, w, model, boxes, style, state, cache)
        assert self._image is not None
        ratio = self._scale * dpr
        p.drawImage(rect, self._image, QRectF((x0 - self._t0) * ratio, 0, (x1 - x0) * ratio, h * dpr))
        p.save()
        p.setClipRect(rect)
        p.translate(rect.topLeft())
        paint_highlights(p, model, boxes, x0, scale, h, style, state)
        state.labels = []
        draw_labels(p, moved_labels(state, x0, scale, w), style, state, cache)
        paint_now_date(p, model, x0, scale, h, style, state.labels)
        p.restore()
        return True

    def _covers(self, x0: float, x1: float, scale: float, key: tuple) -> bool:
        if self._image is None or key != self._key:  # never drawn, or cleared
            return False
        t1 = self._t0 + self._image.width() / self._image.devicePixelRatio() / self._scale
        return STRETCH[0] <= scale / self._scale <= STRETCH[1] and self._t0 <= x0 and x1 <= t1

    def _draw(self, x0: float, x1: float, w: float, h: float, dpr: float, smooth: bool, model: CanvasModel,
              boxes: list[LaneBox], style: Style, state: PaintState) -> None:
        pad = (x1 - x0) * MARGIN
        width = w * (1 + 2 * MARGIN)
        size = (math.ceil(width * dpr), math.ceil(h * dpr))
        image = self._image
        if image is None or (image.width(), image.height()) != size:  # else drawn over: 13 MB at 1080p
            image = QImage(*size, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(dpr)
        image.fill(style.colour("background"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        paint_marks(painter, width, h, x0 - pad, x1 + pad, model, boxes, style, state)
        painter.end()
        self._image, self._t0, self._scale = image, x0 - pad, width / (x1 - x0 + 2 * pad)
        self.pictures += 1


def small_step(previous: tuple[float, float] | None, x0: float, x1: float) -> bool:
    """Whether the view came to [x0, x1] from `previous` in a step a drag or a wheel notch makes:
    most of the new range was in view before, at a zoom less than BIG_ZOOM apart."""
    if previous is None:
        return False
    a, b = previous
    zoom = (x1 - x0) / (b - a)
    return min(x1, b) - max(x0, a) >= 0.55 * (x1 - x0) and 1 / BIG_ZOOM < zoom < BIG_ZOOM


def moved_labels(state: PaintState, x0: float, scale: float, w: float) -> list:
    """The last placed labels where their marks now are, left out where they would overlap one
    placed before them (the order they were placed in: most important first) or not wholly in view.

    Labels only move apart when the view zooms in or pans (their left edges scale about a point by a
    factor of at least 1), so only a zoom out needs the overlap test."""
    px0, pscale = state.placed_at
    f, shift = scale / pscale, (px0 - x0) * scale
    rows: dict[tuple[int, float], label_rows.Rows] | None = {} if f < 1 else None
    moved = []
    for li, i, r, shown, core, tie in state.placed:
        x, width = r.x() * f + shift, r.width()
        if x < 0 or x + width > w:  # never cut at the edge: left out until the exact frame places it
            continue
        if rows is not None:
            row = rows.get((li, r.y()))
            if row is None:
                row = rows[(li, r.y())] = label_rows.Rows(1)
            if row.place(x, width) is None:
                continue
        moved.append((li, i, QRectF(x, r.y(), width, r.height()), shown, core,
                      None if tie is None else (tie[0] * f + shift, tie[1])))
    return moved
