"""Moving along the time axis: limits, fit, zoom, pan and smooth moves, all on x only.

The lanes never scroll vertically (the ViewBox's y axis is fixed and its mouse disabled). Zoom is
limited from a few days to the whole span; panning may go half a span past either end so that
centring on the first or last event (presentation mode) is always possible.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

DAY = 86400.0
MIN_RANGE = 3 * DAY
ANIMATION_MS = 300


class Navigator(QObject):
    def __init__(self, viewbox: pg.ViewBox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vb = viewbox
        viewbox.setMouseEnabled(x=True, y=False)
        viewbox.setMenuEnabled(False)
        viewbox.disableAutoRange()
        viewbox.setYRange(0, 1, padding=0)
        self.span = (0.0, 365 * DAY)
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(ANIMATION_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._step)
        self._anim.finished.connect(self._ended)
        self._live = False  # an animated move is under way (set before its first step is emitted)
        self._from = self._to = (0.0, 1.0)

    def set_span(self, start: float, end: float) -> None:
        """The extent of the data: fit shows it with a margin; limits allow a little more."""
        if end - start < MIN_RANGE * 4:
            mid = (start + end) / 2
            start, end = mid - MIN_RANGE * 2, mid + MIN_RANGE * 2
        self.span = (start, end)
        width = end - start
        self.vb.setLimits(xMin=start - width * 0.6, xMax=end + width * 0.6,
                          minXRange=MIN_RANGE, maxXRange=width * 1.1, yMin=0, yMax=1)

    def fit_range(self) -> tuple[float, float]:
        a, b = self.span
        pad = (b - a) * 0.03
        return a - pad, b + pad

    def view_range(self) -> tuple[float, float]:
        x0, x1 = self.vb.viewRange()[0]
        return float(x0), float(x1)

    def set_range(self, x0: float, x1: float, animate: bool = False) -> None:
        if x1 < x0:
            x0, x1 = x1, x0
        if x1 - x0 < MIN_RANGE:
            mid = (x0 + x1) / 2
            x0, x1 = mid - MIN_RANGE / 2, mid + MIN_RANGE / 2
        self._anim.stop()
        self._live = False
        if not animate:
            self.vb.setXRange(x0, x1, padding=0)
            return
        self._from, self._to = self.view_range(), (x0, x1)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._live = True
        self._anim.start()

    def animating(self) -> bool:
        return self._live

    def _ended(self) -> None:
        self._live = False

    def _step(self, value) -> None:
        f = float(value)
        (a0, a1), (b0, b1) = self._from, self._to
        self.vb.setXRange(a0 + (b0 - a0) * f, a1 + (b1 - a1) * f, padding=0)

    def zoom(self, factor: float, centre: float | None = None) -> None:
        """Zoom by `factor` (<1 zooms in) about `centre` (default: the middle of the view)."""
        x0, x1 = self.view_range()
        c = (x0 + x1) / 2 if centre is None else centre
        self.set_range(c - (c - x0) * factor, c + (x1 - c) * factor)

    def pan(self, fraction: float) -> None:
        """Move by a fraction of the visible width (negative: towards the past)."""
        x0, x1 = self.view_range()
        d = (x1 - x0) * fraction
        self.set_range(x0 + d, x1 + d)

    def go_to_start(self) -> None:
        x0, x1 = self.view_range()
        start = self.fit_range()[0]
        self.set_range(start, start + (x1 - x0))

    def go_to_end(self) -> None:
        x0, x1 = self.view_range()
        end = self.fit_range()[1]
        self.set_range(end - (x1 - x0), end)

    def show_interval(self, a: float, b: float, animate: bool = False) -> None:
        """Zoom so that [a, b] fills the middle of the view with context either side."""
        width = max((b - a) * 2.0, 60 * DAY)
        mid = (a + b) / 2
        self.set_range(mid - width / 2, mid + width / 2, animate)

    def centre_on(self, a: float, b: float, animate: bool = True) -> None:
        """Keep the zoom (widening it if the item would not fit) and put [a, b] in the middle."""
        x0, x1 = self.view_range()
        width = max(x1 - x0, (b - a) * 1.2)
        mid = (a + b) / 2
        self.set_range(mid - width / 2, mid + width / 2, animate)
