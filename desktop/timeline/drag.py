"""Drag-editing dates on the canvas: an event mark, or a tenure's start or end edge.

A transparent item above the lanes claims a left-drag only when it starts on something that can be
moved (an event mark the filters show, or within EDGE pixels of a tenure edge whose date is known);
any other drag falls through to the ViewBox, which pans. While dragging, a ghost of the mark or
span and a small date label show where the drop lands, already snapped to the date's own
precision by the same `snap()` the editor uses, so the preview is the result. Release asks the
window for one undoable change through `TimelineView.item_dragged`; Esc cancels; a press that
moved less than CLICK_SLOP pixels is a click and selects, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QMetaMethod, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from desktop.core.dates import PartialDate
from desktop.core.model import Event, Tenure
from desktop.document.drops import snap
from desktop.core.rules import not_before
from desktop.timeline.marks import MARK
from desktop.timeline.paint import item_rect

EDGE = 5.0  # pixels either side of a tenure edge that grab it
CLICK_SLOP = 4.0  # a press that moved less than this is a click, not a drag


@dataclass
class Grab:
    """What a drag holds: the item, the field it moves, and where it was drawn (POSIX s, lane pixels)."""

    item: Event | Tenure
    field: str  # "date", "start" or "end"
    t0: float
    t1: float
    rect: QRectF
    dx: float = 0.0  # pixels moved so far
    cancelled: bool = False


class DragEditor(pg.GraphicsObject):
    """Sits over the lanes (same rect, one z above); paints nothing unless a drag is under way."""

    def __init__(self, viewbox: pg.ViewBox, view) -> None:
        super().__init__()
        self._vb, self._view = viewbox, view
        self.grab: Grab | None = None
        self.setParentItem(viewbox)
        self.setZValue(11)
        self.setAcceptHoverEvents(True)
        viewbox.sigResized.connect(self.prepareGeometryChange)
        self._keys = _EscapeFilter(self)
        for widget in (view.viewport(), view.viewport().parentWidget()):
            widget.installEventFilter(self._keys)

    def boundingRect(self) -> QRectF:
        return QRectF(self._vb.rect())

    # -- what is under the pointer -------------------------------------------------------------
    def _geometry(self):
        rect = self.boundingRect()
        x0, x1 = self._view.view_range()
        view = self._view
        return view._model, view._lane_boxes(rect.height()), x0, rect.width() / (x1 - x0)

    def target(self, pos: QPointF) -> Grab | None:
        """The movable thing a drag starting at `pos` would take, or None (the drag then pans).

        Nothing is movable when nobody listens to `item_dragged` (presentation mode, picture export):
        there a drag always pans rather than preview an edit that could not happen."""
        if not self._view.isSignalConnected(QMetaMethod.fromSignal(self._view.item_dragged)):
            return None
        model, boxes, x0, scale = self._geometry()
        x, y = pos.x(), pos.y()
        for li, (lane, box) in enumerate(zip(model.lanes, boxes)):
            if not box.top <= y < box.top + box.height:
                continue
            if lane.is_tenure:
                return self._edge(model, boxes, li, x, y, x0, scale)
            pair = self._view._hit(pos)
            if pair is None or pair[0] != li:
                return None
            r = item_rect(model, boxes, *pair, x0, scale)
            if not r.adjusted(-3, -3, 3, 3).contains(pos):  # on the label, not the mark: a click selects
                return None
            if self._view._state.filter_mode == "hide" and not lane.keep[pair[1]]:
                return None
            return Grab(lane.items[pair[1]], "date", float(lane.t0[pair[1]]), float(lane.t1[pair[1]]), r)
        return None

    def _edge(self, model, boxes, li, x, y, x0, scale) -> Grab | None:
        lane, box = model.lanes[li], boxes[li]
        best = None
        for i, item in enumerate(lane.items):
            ry, rh = box.rows[int(lane.row[i])]
            if not ry <= y < ry + rh:
                continue
            for field, t in (("start", lane.t0[i]), ("end", lane.t1[i])):
                gap = abs((t - x0) * scale - x)
                if gap <= EDGE and getattr(item, field) is not None and (best is None or gap < best[0]):
                    best = (gap, i, field)
        if best is None:
            return None
        _, i, field = best
        return Grab(lane.items[i], field, float(lane.t0[i]), float(lane.t1[i]),
                    item_rect(model, boxes, li, i, x0, scale))

    # -- pointer ---------------------------------------------------------------------------------
    def hoverEvent(self, ev) -> None:
        if self.grab is not None:
            return
        grab = None if ev.isExit() else self.target(ev.pos())
        if grab is not None and grab.field != "date":
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.unsetCursor()

    def mouseDragEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            self.grab = self.target(ev.buttonDownPos())
        if self.grab is None:
            ev.ignore()  # empty space: the ViewBox pans
            return
        ev.accept()
        grab = self.grab
        if not grab.cancelled:
            grab.dx = ev.pos().x() - ev.buttonDownPos().x()
        if ev.isFinish():
            self.grab = None
            if not grab.cancelled:
                self._drop(grab)
        self.update()

    def cancel(self) -> bool:
        """Esc: forget the drag in progress (True if there was one); the data is untouched."""
        if self.grab is None or self.grab.cancelled:
            return False
        self.grab.cancelled = True
        self.update()
        return True

    def _drop(self, grab: Grab) -> None:
        self._view._document.select(grab.item)
        if abs(grab.dx) >= CLICK_SLOP:
            self._view.item_dragged.emit(grab.item, grab.field, self.dropped(grab))

    # -- preview ---------------------------------------------------------------------------------
    def dropped(self, grab: Grab) -> float:
        """The time the view reports: where the mark's start (or the span's right edge) now is."""
        _, _, _, scale = self._geometry()
        return (grab.t1 if grab.field == "end" else grab.t0) + grab.dx / scale

    def preview(self, grab: Grab) -> tuple[PartialDate, float, float, str | None]:
        """The snapped date, the interval the ghost covers (POSIX s) and why the drop would be refused."""
        item, field = grab.item, grab.field
        old = getattr(item, field)
        new = snap(self.dropped(grab), old.precision, "end" if field == "end" else "start").with_approx(old.approx)
        a, b = new.timestamps()
        if field == "date":
            return new, a, (a + grab.t1 - grab.t0 if item.end is not None else b), None
        if field == "start":
            return new, a, grab.t1, not_before(new, item.end)
        return new, grab.t0, b, not_before(item.start, new)

    def paint(self, p: QPainter, *args) -> None:
        grab = self.grab
        if grab is None or grab.cancelled or abs(grab.dx) < CLICK_SLOP:
            return
        style = self._view._fitted
        _, _, x0, scale = self._geometry()
        new, a, b, problem = self.preview(grab)
        xa, xb = (a - x0) * scale, (b - x0) * scale
        edge = xb if grab.field == "end" else xa
        if xb - xa < MARK:
            xa, xb = (xa + xb) / 2 - MARK / 2, (xa + xb) / 2 + MARK / 2
        ghost = QRectF(xa, grab.rect.y(), xb - xa, grab.rect.height())
        colour = QColor(style.colour("now" if problem else "accent"))
        p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
        if not problem:  # a refused drop has no shape to show: the line and the reason say where and why
            fill = QColor(colour)
            fill.setAlpha(70)
            p.setBrush(fill)
            p.drawRect(ghost)
        p.drawLine(QPointF(edge, 0), QPointF(edge, self.boundingRect().height()))
        self._label(p, style, edge, ghost, self._text(grab, new, problem), colour)

    @staticmethod
    def _text(grab: Grab, new: PartialDate, problem: str | None) -> str:
        what = {"date": "", "start": "Start ", "end": "End "}[grab.field]
        return f"{what}{new.display()}" + (" \u2014 ends before it starts" if problem else "")

    def _label(self, p: QPainter, style, x: float, ghost: QRectF, text: str, colour: QColor) -> None:
        font = style.font()
        metrics = QFontMetricsF(font)
        box = QRectF(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 6)
        above = ghost.top() - box.height() - 2
        box.moveTo(min(max(x - box.width() / 2, 0.0), self.boundingRect().width() - box.width()),
                   above if above >= 0 else ghost.bottom() + 2)
        p.setPen(QPen(colour, 1))
        p.setBrush(style.colour("background"))
        p.drawRect(box)
        p.setFont(font)
        p.setPen(style.colour("text"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class _EscapeFilter(QObject):
    """Esc during a drag cancels it before the canvas's own Esc (clear selection) sees the key."""

    def __init__(self, editor: DragEditor) -> None:
        super().__init__()
        self._editor = editor

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.Type.KeyPress and ev.key() == Qt.Key.Key_Escape:
            return self._editor.cancel()
        return False
