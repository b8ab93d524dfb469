"""TimelineView: the central canvas widget, one date axis across and lanes down.

It listens to the Document (rebuild on a new timeline, refresh on edits, highlight the selection,
dim or hide what the filters leave out) and writes back only through `document.select`. The
same paint functions draw the widget and `render()`, which exports and printing call with any
QPainter and any size.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QToolTip, QWidget

from desktop.document import Document
from desktop.core.model import Event, Tenure
from desktop.timeline import accessible, compose
from desktop.timeline import hit as hit_test
from desktop.timeline import keys
from desktop.timeline import lanes as lane_model
from desktop.timeline import layout as lane_layout
from desktop.timeline.chrome import paint_gutter, paint_legend
from desktop.timeline.drag import DragEditor
from desktop.timeline.items import LanesItem, PaintedPart
from desktop.timeline.labels import TextCache
from desktop.timeline.navigation import Navigator
from desktop.timeline.paint import PaintState, item_rect, paint_lanes
from desktop.timeline import preview as moving_preview
from desktop.timeline.style import Style
from desktop.timeline.ticks import paint_axis



class _Graphics(pg.GraphicsView):
    """The graphics view; keys go to the TimelineView, Tab included (it steps through events)."""

    def __init__(self, view: "TimelineView") -> None:
        super().__init__(view)
        self._view = view
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        if not self._view.handle_key(ev):
            super().keyPressEvent(ev)

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False

    def wheelEvent(self, ev) -> None:
        """Shift+wheel scrolls the lanes up and down (when they are taller than the view); the
        wheel alone zooms, as before."""
        scroll = self._view._scroll
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier and scroll.isVisible():
            delta = ev.angleDelta().y() or ev.angleDelta().x()
            scroll.setValue(scroll.value() - int(delta / 120 * scroll.singleStep() * 3))
            ev.accept()
            return
        super().wheelEvent(ev)

    def mouseDoubleClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            self._view.fit_all()
            ev.accept()
            return
        super().mouseDoubleClickEvent(ev)


class TimelineView(QWidget):
    #: right-click on the canvas: the time under the pointer (POSIX seconds) and the global position
    context_menu_requested = Signal(float, QPoint)
    #: a drag on the canvas ended: the Event or Tenure, "date" | "start" | "end", the dropped time (POSIX s)
    item_dragged = Signal(object, str, float)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._style = self._fitted = Style("light")
        self._state = PaintState()
        self._cache = TextCache()
        self._selected: Event | Tenure | None = None
        self._boxes: tuple[float, list] = (-1.0, [])
        # Previews while the range keeps changing (`preview`), the exact frame once it stops.
        self._preview = moving_preview.Preview()
        self._big = False  # enough items for previews to pay
        self._progressive = True
        self._moving = False
        self._last_move = -1.0e9
        self._frame_kind = "exact"
        self.context_lane: str | None = None  # the lane of the last right-click
        self._shown: tuple = (None, None)  # the last two different ranges the lanes were painted for
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(moving_preview.SETTLE_MS)
        self._settle.timeout.connect(self._exact)
        self._graphics = _Graphics(self)
        self._graphics.setAccessibleName("Timeline")
        self._graphics.setAccessibleDescription(
            "Events and tenures by date. Tab and Shift+Tab step through the events in date order, "
            "arrows pan, plus and minus zoom, F fits everything, Escape clears the selection.")
        accessible.register(self._graphics, self)  # its events and tenures as a screen reader's list
        # Lanes taller than the view (every event lane with all the label rows it can use) scroll.
        self._scroll = QScrollBar(Qt.Orientation.Vertical, self)
        self._scroll.setAccessibleName("Scroll the lanes")
        self._scroll.hide()
        self._scroll.valueChanged.connect(self._scrolled)
        self._lanes_height = (0.0, 0.0)  # what the lanes need, and what they have
        self._scroll_sync = QTimer(self)
        self._scroll_sync.setSingleShot(True)
        self._scroll_sync.setInterval(0)
        self._scroll_sync.timeout.connect(self._sync_scroll)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._graphics)
        layout.addWidget(self._scroll)
        self.setFocusProxy(self._graphics)
        grid = pg.GraphicsLayout()
        grid.layout.setSpacing(0)
        grid.setContentsMargins(0, 0, 0, 0)
        self._graphics.setCentralItem(grid)
        self._vb = pg.ViewBox(enableMenu=False, defaultPadding=0)
        self._legend = PaintedPart(lambda p, r: paint_legend(p, r, self._fitted, self._model), cached=True)
        self._gutter = PaintedPart(lambda p, r: paint_gutter(p, r, self._model, self._lane_boxes(r.height()),
                                                             self._fitted), cached=True)
        self._axis_texts = (TextCache(), TextCache())  # the axis's two rows of labels
        self._axis = PaintedPart(lambda p, r: paint_axis(p, r, *self.view_range(), self._fitted, self._axis_texts))
        grid.addItem(self._legend, 0, 0, 1, 2)
        grid.addItem(self._gutter, 1, 0)
        grid.addItem(self._vb, 1, 1)
        grid.addItem(self._axis, 2, 1)
        self._corner = PaintedPart(lambda p, r: p.fillRect(r, self._fitted.colour("background")), cached=True)
        grid.addItem(self._corner, 2, 0)
        self._lanes = LanesItem(self._vb, self._paint_lanes, self._on_click, self._on_hover)
        self._nav = Navigator(self._vb, self)
        self._drag = DragEditor(self._vb, self)
        self._vb.sigXRangeChanged.connect(self._range_changed)
        document.add_preparer("canvas", lane_model.build)  # built off the GUI thread by a background open
        document.timeline_replaced.connect(lambda: self._rebuild(fit=True, prepared=document.take_prepared("canvas")))
        document.changed.connect(self._changed)
        #: the keys of the lanes the last edit laid out again (`lanes.relay`; "*": all of them)
        self.relaid: frozenset[str] = lane_model.ALL
        document.selection_changed.connect(self._selection_changed)
        document.filter_changed.connect(self._filter_changed)
        self._rebuild(fit=True)
        self.set_theme("light")

    # -- data --------------------------------------------------------------------------------
    def _rebuild(self, fit: bool, prepared: lane_model.CanvasModel | None = None) -> None:
        self._model = prepared if prepared is not None else lane_model.build(self._document.timeline)
        self._events_in_order: list[Event] | None = None  # made when first needed: 0.1 s at 100k events
        self._boxes = (-1.0, [])
        self._state.hovered = None  # an index into the old model (placed labels go with the picture, cleared below)
        self._last_move = -1.0e9
        self._big = sum(len(lane.items) for lane in self._model.lanes) >= moving_preview.PREVIEW_FROM
        self._nav.set_span(*self._model.span)
        self._filter_changed(update=False)
        self._selection_changed(self._document.selection)
        self._relayout()
        if fit:
            self.fit_all()
        self._update_all()

    def _changed(self, change) -> None:
        """An edit: lay out again only the lanes it touched, and keep the rest as they are."""
        model, self.relaid = lane_model.relay(self._model, self._document.timeline, change)
        if self.relaid == lane_model.ALL:
            self._rebuild(fit=False, prepared=model)
        elif model is not self._model:
            self._model = model
            self._events_in_order = None
            self._boxes = (-1.0, [])
            self._state.hovered = None
            self._big = sum(len(lane.items) for lane in model.lanes) >= moving_preview.PREVIEW_FROM
            self._nav.set_span(*model.span)
            self._filter_changed(update=False, keys=self.relaid)
            self._selection_changed(self._document.selection)
            self._relayout()
            self._update_all()

    @property
    def _index(self) -> lane_model.Positions:
        """(lane, position) of each drawn event and tenure, by object identity."""
        return lane_model.Positions(self._model.lanes)

    @property
    def _order(self) -> list[Event]:
        """Events in date order, for Tab and Shift+Tab."""
        if self._events_in_order is None:
            self._events_in_order = self._document.timeline.events_in_order()
        return self._events_in_order

    def _filter_changed(self, update: bool = True, keys: frozenset[str] | None = None) -> None:
        ids = self._document.event_filter
        for lane in self._model.lanes:
            if not lane.is_tenure and (keys is None or lane.key in keys):
                lane.keep = (np.ones(len(lane.items), dtype=bool) if ids is None
                             else np.fromiter((e.id in ids for e in lane.items), dtype=bool, count=len(lane.items)))
        self._preview.clear()  # the next preview draws the picture again and places labels
        if update:
            self._exact()

    def _selection_changed(self, item) -> None:
        pair = self._index.get(id(item)) if item is not None else None
        self._selected = item if pair is not None else None
        self._state.selected = pair
        self._state.version += 1  # the selected item's label goes first
        if pair is not None:
            self._show_lane(pair[0])
        self._exact()
        accessible.selection_moved(self._graphics, self)

    def _show_lane(self, li: int) -> None:
        """Scroll the lanes, if they scroll, so that lane li is in view (selecting from the list or
        with Tab never leaves the selection out of sight)."""
        if not self._scroll.isVisible():
            return
        height = self._lanes.boundingRect().height()
        box = self._lane_boxes(height)[li]
        if box.top < 0:
            self._scroll.setValue(self._scroll.value() + int(box.top))
        elif box.top + box.height > height:
            self._scroll.setValue(self._scroll.value() + int(min(box.top, box.top + box.height - height) + 1))

    # -- layout and painting --------------------------------------------------------------------
    def _relayout(self) -> None:
        f = compose.frame(self._model, self._style, self.width(), self.height())
        self._fitted = f.style
        self._cache.use(f.style.font())
        self._boxes = (-1.0, [])
        self._preview.clear()
        for part, h in ((self._legend, f.legend), (self._axis, f.axis), (self._corner, f.axis)):
            part.setMinimumHeight(h)
            part.setMaximumHeight(h)
        for part in (self._gutter, self._corner):
            part.setMinimumWidth(f.gutter)
            part.setMaximumWidth(f.gutter)

    def _lane_boxes(self, height: float) -> list:
        """The lanes' boxes in a lane area `height` pixels tall, scrolled by the scroll bar. When the
        lanes want more height than that (all the label rows they could use), they are laid out
        at that height and the scroll bar shows."""
        key = (height, self._scroll.value())
        if self._boxes[0] != key:
            total = max(height, lane_layout.wanted_height(self._model, self._fitted))
            boxes = lane_layout.lane_boxes(self._model, total, self._fitted)
            dy = min(self._scroll.value(), max(total - height, 0.0))
            self._boxes = (key, lane_layout.shifted(boxes, dy) if dy else boxes)
            if (total > height + 0.5) != self._scroll.isVisible() or abs(total - height - self._scroll.maximum()) > 1:
                self._lanes_height = (total, height)
                self._scroll_sync.start()  # not while painting: showing the bar resizes the canvas
        return self._boxes[1]

    def _sync_scroll(self) -> None:
        total, height = self._lanes_height
        extra = max(int(round(total - height)), 0)
        self._scroll.setRange(0, extra)
        self._scroll.setPageStep(max(int(height), 1))
        self._scroll.setSingleStep(max(int(self._fitted.line), 1))
        self._scroll.setVisible(extra > 0)

    def _scrolled(self, _value: int) -> None:
        self._boxes = (-1.0, [])
        self._preview.clear()
        self._state.version += 1
        self._gutter.update()
        self._exact()

    def _paint_lanes(self, p: QPainter, rect: QRectF) -> None:
        if rect.width() < 2 or rect.height() < 2:
            return
        x0, x1 = self.view_range()
        self._cache.use(self._fitted.font())
        boxes = self._lane_boxes(rect.height())
        if self._shown[1] != (x0, x1):
            self._shown = (self._shown[1], (x0, x1))
        if self._moving and self._preview.paint(p, rect, x0, x1, self._model, boxes, self._fitted, self._state,
                                                self._cache, self._shown[0]):
            self._frame_kind = "preview"
            return
        paint_lanes(p, rect, x0, x1, self._model, boxes, self._fitted, self._state, self._cache)
        self._frame_kind = "exact"

    def _range_changed(self, *_args) -> None:
        now = time.monotonic()
        # A change soon after another is part of a movement (a drag, wheel or held key): a preview,
        # and the exact frame once it stops. Animated moves are exact all the way.
        self._moving = (self._progressive and self._big and (now - self._last_move) * 1000 < moving_preview.SETTLE_MS
                        and not self._nav.animating())
        self._last_move = now
        if self._moving:
            self._settle.start()
        self._lanes.update()
        self._axis.update()

    def _exact(self) -> None:
        """Paint the lanes exactly at the next frame (after a movement, or any change but the range)."""
        self._moving = False
        self._settle.stop()
        self._lanes.update()

    def _update_all(self) -> None:
        self._moving = False
        for part in (self._legend, self._gutter, self._axis, self._corner, self._lanes):
            part.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()
        self._exact()

    def render(self, painter: QPainter, target_rect: QRectF, x_range: tuple[float, float] | None = None) -> None:
        """Draw the whole canvas (legend, lane names, lanes, axis) into `target_rect` of any painter,
        for `x_range` (default: what the widget shows), whatever the widget's own size."""
        x0, x1 = x_range if x_range is not None else self.view_range()
        state = PaintState(selected=self._state.selected, filter_mode=self._state.filter_mode)
        compose.render(painter, target_rect, x0, x1, self._model, self._style, state)

    # -- the contract other views and windows use ------------------------------------------------
    def selected(self) -> Event | Tenure | None:
        return self._selected

    def is_event_shown(self, event: Event) -> bool:
        pair = self._index.get(id(event))
        return pair is not None and (self._state.filter_mode != "hide" or bool(self._model.lanes[pair[0]].keep[pair[1]]))

    def is_event_dimmed(self, event: Event) -> bool:
        pair = self._index.get(id(event))
        return pair is not None and self._state.filter_mode == "dim" and not self._model.lanes[pair[0]].keep[pair[1]]

    def set_filter_mode(self, mode: str) -> None:
        if mode not in ("dim", "hide"):
            raise ValueError(f"filter mode is 'dim' or 'hide', not {mode!r}")
        self._state.filter_mode = mode
        self._preview.clear()
        self._exact()

    def set_theme(self, name: str) -> None:
        self._style = Style(name, self._style.font_scale)
        self._graphics.setBackground(self._style.colour("background"))
        self._relayout()
        self._update_all()

    def set_font_scale(self, factor: float) -> None:
        self._style = Style(self._style.theme, max(0.5, float(factor)))
        self._relayout()
        self._update_all()

    def view_range(self) -> tuple[float, float]:
        return self._nav.view_range()

    def set_view_range(self, x0: float, x1: float, animate: bool = False) -> None:
        self._nav.set_range(x0, x1, animate)

    def set_progressive(self, on: bool) -> None:
        """Previews while the range keeps changing (the default), or exact frames throughout."""
        self._progressive = bool(on)
        if not on:
            self._exact()

    def frame_kind(self) -> str:
        """How the lanes were last painted: "exact", or "preview" (while the range was changing)."""
        return self._frame_kind

    def fit_all(self) -> None:
        self._nav.set_range(*self._nav.fit_range())

    def zoom_in(self) -> None:
        self._nav.zoom(0.5)

    def zoom_out(self) -> None:
        self._nav.zoom(2.0)

    def pan(self, fraction: float) -> None:
        self._nav.pan(fraction)

    def interval(self, item: Event | Tenure) -> tuple[float, float] | None:
        """Where an event or tenure is drawn on the time axis (POSIX seconds), or None if not drawn."""
        pair = self._index.get(id(item))
        if pair is None:
            return None
        lane = self._model.lanes[pair[0]]
        return float(lane.t0[pair[1]]), float(lane.t1[pair[1]])

    def zoom_to_selection(self) -> None:
        span = self.interval(self._selected) if self._selected is not None else None
        if span is not None:
            self._nav.show_interval(*span)

    def center_on(self, item: Event | Tenure, animate: bool = True) -> None:
        span = self.interval(item)
        if span is not None:
            self._nav.centre_on(*span, animate=animate)

    # -- for tests and tools: what the last frame drew, and where --------------------------------
    def label_rects(self) -> list[QRectF]:
        return [QRectF(r) for _, _, r in self._state.labels]

    def labelled_items(self) -> list:
        return [self._model.lanes[li].items[i] for li, i, _ in self._state.labels]

    @property
    def document(self) -> Document:
        return self._document

    # -- for screen readers (timeline/accessible.py) -------------------------------------------
    def accessible_key(self) -> tuple:
        """Changes whenever the list of items a screen reader sees may have changed."""
        return id(self._model), self._document.event_filter, self._state.filter_mode

    def accessible_items(self) -> list:
        """The events shown, in date order, then the tenures lane by lane."""
        events = [e for e in self._order if self.is_event_shown(e)]
        return events + [t for lane in self._model.lanes if lane.is_tenure for t in lane.items]

    def item_screen_rect(self, item: Event | Tenure) -> QRect | None:
        """Where the item's mark is on screen (global pixels), or None when it is out of view."""
        r = self._item_rect(item)
        if r is None:
            return None
        r = r.intersected(self._lanes.boundingRect())
        if r.isEmpty():
            return None
        scene = self._lanes.mapRectToScene(r)
        port = self._graphics.mapFromScene(scene).boundingRect()
        port = port.intersected(self._graphics.viewport().rect())
        if port.isEmpty():
            return None
        return QRect(self._graphics.viewport().mapToGlobal(port.topLeft()), port.size())

    def item_at_screen(self, x: int, y: int) -> Event | Tenure | None:
        local = self._graphics.viewport().mapFromGlobal(QPoint(x, y))
        pair = self._hit(self._lanes.mapFromScene(self._graphics.mapToScene(local)))
        return self._model.lanes[pair[0]].items[pair[1]] if pair is not None else None

    def viewport(self) -> QWidget:
        return self._graphics.viewport()

    def viewport_pos(self, item: Event | Tenure) -> QPoint | None:
        """Centre of the item's mark in viewport coordinates (where a click selects it)."""
        r = self._item_rect(item)
        return None if r is None else self._graphics.mapFromScene(self._lanes.mapToScene(r.center()))

    def _item_rect(self, item: Event | Tenure):
        """The item's mark in the lanes' own coordinates at the current view, or None when not drawn."""
        pair = self._index.get(id(item))
        if pair is None:
            return None
        x0, x1 = self.view_range()
        rect = self._lanes.boundingRect()
        return item_rect(self._model, self._lane_boxes(rect.height()), *pair, x0, rect.width() / (x1 - x0))

    # -- input -------------------------------------------------------------------------------------
    def _hit(self, pos: QPointF):
        rect = self._lanes.boundingRect()
        x0, x1 = self.view_range()
        pair = hit_test.hit(self._model, self._lane_boxes(rect.height()), self._state, x0, rect.width() / (x1 - x0), pos)
        return pair

    def _on_click(self, pos: QPointF, button, global_pos: QPoint) -> None:
        if button == Qt.MouseButton.RightButton:
            x0, x1 = self.view_range()
            self.context_lane = self.lane_key_at(pos.y())  # for "New event here": the lane decides the kind
            self.context_menu_requested.emit(x0 + pos.x() * (x1 - x0) / self._lanes.boundingRect().width(), global_pos)
            return
        pair = self._hit(pos)
        self._document.select(self._model.lanes[pair[0]].items[pair[1]] if pair else None)

    def lane_key_at(self, y: float) -> str | None:
        """The key of the lane at `y` in lane-area pixels ("inspections", "post:leader"), or None."""
        boxes = self._lane_boxes(self._lanes.boundingRect().height())
        return next((lane.key for lane, box in zip(self._model.lanes, boxes) if box.top <= y < box.top + box.height),
                    None)

    def point_at(self, timestamp: float, lane_key: str) -> QPoint | None:
        """Where in `viewport()` the time `timestamp` lies on the lane `lane_key` (its middle), or None."""
        rect = self._lanes.boundingRect()
        boxes = self._lane_boxes(rect.height())
        box = next((b for lane, b in zip(self._model.lanes, boxes) if lane.key == lane_key), None)
        if box is None:
            return None
        x0, x1 = self.view_range()
        local = QPointF((timestamp - x0) * rect.width() / (x1 - x0), box.top + box.height / 2)
        return self._graphics.mapFromScene(self._lanes.mapToScene(local))

    def seconds_per_pixel(self) -> float:
        x0, x1 = self.view_range()
        return (x1 - x0) / max(1.0, self._lanes.boundingRect().width())

    def _on_hover(self, pos: QPointF | None, global_pos: QPoint | None) -> None:
        pair = self._hit(pos) if pos is not None else None
        if pair == self._state.hovered:
            return
        self._state.hovered = pair
        self._exact()
        if pair is None:
            QToolTip.hideText()
        else:
            item = self._model.lanes[pair[0]].items[pair[1]]
            QToolTip.showText(global_pos, hit_test.tooltip(self._document.timeline, item), self._graphics)

    def step(self, forward: bool = True) -> None:
        """Select the next (or previous) event in date order among those the filters keep."""
        nxt = keys.next_event(self._order, self._document.event_filter, self._selected, forward)
        if nxt is None:
            return
        self._document.select(nxt)
        span = self.interval(nxt)
        x0, x1 = self.view_range()
        if span is not None and not (x0 <= span[0] and span[1] <= x1):
            self._nav.centre_on(*span, animate=False)

    def clear_selection(self) -> None:
        self._document.select(None)

    def go_to_start(self) -> None:
        self._nav.go_to_start()

    def go_to_end(self) -> None:
        self._nav.go_to_end()

    def handle_key(self, ev: QKeyEvent) -> bool:
        return keys.handle(self, ev)
