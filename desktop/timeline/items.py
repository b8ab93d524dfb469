"""The pyqtgraph items the view is made of; each delegates painting to the view's paint functions.

The lanes item is a child of the ViewBox (not of its transformed child group) so it paints in
pixels: text, markers and spans keep their size at any zoom while the ViewBox provides wheel
zoom and drag pan on the time axis. The gutter, legend and axis sit around it in a grid layout.
"""

from __future__ import annotations

from typing import Callable

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem


class PaintedPart(pg.GraphicsWidget):
    """A fixed part of the canvas (legend, lane names, date axis) painted by a function of its rect."""

    def __init__(self, paint: Callable[[QPainter, QRectF], None], cached: bool = False) -> None:
        super().__init__()
        self._paint = paint
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsToShape, True)
        if cached:  # parts that do not move with time are painted once and blitted after that
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def paint(self, p: QPainter, *args) -> None:
        self._paint(p, self.rect())


class LanesItem(pg.GraphicsObject):
    """Covers the whole ViewBox; paints the lanes and turns clicks and hovers into view calls."""

    def __init__(self, viewbox: pg.ViewBox, paint, click, hover) -> None:
        super().__init__()
        self._vb = viewbox
        self._paint, self._click, self._hover = paint, click, hover
        self.setParentItem(viewbox)
        self.setZValue(10)
        self.setAcceptHoverEvents(True)
        viewbox.sigResized.connect(self._resized)

    def _resized(self, *_args) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._vb.rect())

    def paint(self, p: QPainter, *args) -> None:
        self._paint(p, self.boundingRect())

    def mouseClickEvent(self, ev) -> None:
        if ev.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            ev.accept()
            self._click(ev.pos(), ev.button(), ev.screenPos().toPoint())

    def hoverEvent(self, ev) -> None:
        # pyqtgraph sends hovers during drags too: a pan or a drag edit passing over a mark must
        # not pop its tooltip up, so a pressed button counts as leaving.
        gone = ev.isExit() or bool(ev.buttons())
        self._hover(None if gone else ev.pos(), None if gone else ev.screenPos().toPoint())
