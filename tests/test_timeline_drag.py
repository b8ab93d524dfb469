"""Dragging on the canvas edits dates: an event mark or a tenure edge, snapped to the date's precision,
one undo step; a click still selects and a drag on empty space still pans."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop import storage
from desktop.core.dates import PartialDate, date_to_timestamp
from samples import editor_timeline


@pytest.fixture
def window(open_window, tmp_path, monkeypatch):
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)  # every test move reaches the scene
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    return open_window(path, (1400, 900))


def _ts(y, m=1, d=1) -> float:
    return date_to_timestamp(dt.date(y, m, d))


class Canvas:
    """Drives the real canvas with mouse events; maps times to viewport x from two drawn items."""

    def __init__(self, window) -> None:
        QApplication.processEvents()  # the docks' and lanes' layout settles before anything is measured
        self.view = window.timeline_view
        self.vp = self.view.viewport()
        tl = window.document.timeline
        first, second = tl.event("ofsted-2016"), tl.tenures[0]
        (xa, ta), (xb, tb) = ((self.view.viewport_pos(x).x(), sum(self.view.interval(x)) / 2) for x in (first, second))
        self.scale = (xb - xa) / (tb - ta)  # pixels per second
        self.origin = xa - ta * self.scale

    def x(self, t: float) -> float:
        return self.origin + t * self.scale

    def _send(self, kind, pos: QPointF, buttons) -> None:
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(self.vp, QMouseEvent(kind, pos, self.vp.mapToGlobal(pos), button, buttons,
                                                    Qt.KeyboardModifier.NoModifier))

    def press(self, pos: QPointF) -> None:
        self._send(QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton)  # hover first, as a real pointer does
        self._send(QEvent.Type.MouseButtonPress, pos, Qt.MouseButton.LeftButton)

    def move(self, start: QPointF, dx: float, steps: int = 6) -> None:
        for step in range(1, steps + 1):
            self._send(QEvent.Type.MouseMove, start + QPointF(dx * step / steps, 0), Qt.MouseButton.LeftButton)

    def release(self, pos: QPointF) -> None:
        self._send(QEvent.Type.MouseButtonRelease, pos, Qt.MouseButton.NoButton)

    def drag(self, start: QPointF, dx: float) -> None:
        self.press(start)
        self.move(start, dx)
        self.release(start + QPointF(dx, 0))


@pytest.fixture
def canvas(window):
    return Canvas(window)


def test_dragging_an_event_moves_its_date_at_its_precision_in_one_undo_step(window, canvas):
    doc = window.document
    event = doc.timeline.event("ofsted-2016")  # a year-only date
    start = QPointF(canvas.view.viewport_pos(event))
    canvas.drag(start, (_ts(2017, 2) - _ts(2016)) * canvas.scale)  # a year and a month later
    assert event.date == PartialDate(2017)  # still a year, not a day nobody reported
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert event.date == PartialDate(2016)


def test_an_approximate_day_stays_approximate_and_a_day(window, canvas):
    doc = window.document
    event = doc.timeline.event("leader-resigns")  # c. 1 Jun 2022
    canvas.drag(QPointF(canvas.view.viewport_pos(event)), (_ts(2022, 10) - _ts(2022, 6)) * canvas.scale)
    assert event.date.approx and event.date.day is not None
    moved = dt.date(event.date.year, event.date.month, event.date.day)
    assert abs((moved - dt.date(2022, 10, 1)).days) <= 4  # within a pixel at this zoom
    doc.undo_stack.undo()
    assert event.date == PartialDate(2022, 6, 1, approx=True)


def _end_edge(canvas, tenure) -> QPointF:
    y = canvas.view.viewport_pos(tenure).y()
    return QPointF(canvas.x(canvas.view.interval(tenure)[1]) - 2, y)


def test_dragging_a_tenure_end_moves_the_end_only_and_hover_shows_a_resize_cursor(qtbot, window, canvas):
    doc = window.document
    tenure = doc.timeline.tenures[0]  # 2021 to Jun 2022
    edge = _end_edge(canvas, tenure)
    canvas._send(QEvent.Type.MouseMove, edge, Qt.MouseButton.NoButton)
    assert canvas.vp.cursor().shape() == Qt.CursorShape.SizeHorCursor
    canvas.drag(edge, (_ts(2023, 3) - _ts(2022, 7)) * canvas.scale)
    assert (tenure.start, tenure.end) == (PartialDate(2021), PartialDate(2023, 2))
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert tenure.end == PartialDate(2022, 6)


def test_dragging_a_tenure_start_keeps_it_a_year(window, canvas):
    doc = window.document
    tenure = doc.timeline.tenures[0]  # 2021 to Jun 2022
    edge = QPointF(canvas.x(canvas.view.interval(tenure)[0]) + 2, canvas.view.viewport_pos(tenure).y())
    canvas.drag(edge, (_ts(2019, 11) - _ts(2021)) * canvas.scale)
    assert (tenure.start, tenure.end) == (PartialDate(2020), PartialDate(2022, 6))
    doc.undo_stack.undo()
    assert tenure.start == PartialDate(2021)


def test_an_end_dragged_before_the_start_is_refused(window, canvas):
    doc = window.document
    tenure = doc.timeline.tenures[0]
    edge = _end_edge(canvas, tenure)
    canvas.drag(edge, (_ts(2019) - _ts(2022, 7)) * canvas.scale)
    assert (tenure.start, tenure.end) == (PartialDate(2021), PartialDate(2022, 6))
    assert doc.undo_stack.count() == 0
    assert "before it starts" in window.statusBar().currentMessage()


def test_escape_during_a_drag_cancels_it(qtbot, window, canvas):
    doc = window.document
    event = doc.timeline.event("ofsted-2016")
    start = QPointF(canvas.view.viewport_pos(event))
    canvas.press(start)
    canvas.move(start, 150)
    qtbot.keyClick(canvas.vp, Qt.Key.Key_Escape)
    canvas.release(start + QPointF(150, 0))
    assert event.date == PartialDate(2016) and doc.undo_stack.count() == 0


def test_a_click_on_a_mark_still_selects_and_changes_nothing(qtbot, window, canvas):
    doc = window.document
    event = doc.timeline.event("ofsted-2016")
    qtbot.mouseClick(canvas.vp, Qt.MouseButton.LeftButton, pos=canvas.view.viewport_pos(event))
    assert doc.selection is event
    assert event.date == PartialDate(2016) and doc.undo_stack.count() == 0


def test_a_drag_on_empty_space_pans_and_changes_nothing(window, canvas):
    doc = window.document
    before = canvas.view.view_range()
    empty = QPointF(canvas.x(_ts(2019, 6)), canvas.view.viewport_pos(doc.timeline.event("ofsted-2016")).y())
    canvas.drag(empty, -200)
    a, b = canvas.view.view_range()
    assert a > before[0] + 100 / canvas.scale and b - a == pytest.approx(before[1] - before[0])
    assert doc.timeline.event("ofsted-2016").date == PartialDate(2016) and doc.undo_stack.count() == 0


def test_an_event_hidden_by_the_filter_cannot_be_dragged(window, canvas):
    doc = window.document
    event = doc.timeline.event("leader-resigns")
    start = QPointF(canvas.view.viewport_pos(event))
    doc.set_event_filter(frozenset({"ofsted-2016"}))
    canvas.view.set_filter_mode("hide")
    canvas.drag(start, 150)
    assert event.date == PartialDate(2022, 6, 1, approx=True) and doc.undo_stack.count() == 0


def test_a_canvas_nobody_edits_through_pans_even_from_a_mark(qtbot, window):
    """Presentation mode and picture export have their own canvas with no editor behind it."""
    from desktop.timeline.view import TimelineView

    doc = window.document
    view = TimelineView(doc)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    before = view.view_range()
    event = doc.timeline.event("ofsted-2016")
    vp = view.viewport()
    start = QPointF(view.viewport_pos(event))
    for kind, pos, buttons in ((QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
                               (QEvent.Type.MouseMove, start + QPointF(100, 0), Qt.MouseButton.LeftButton),
                               (QEvent.Type.MouseButtonRelease, start + QPointF(200, 0), Qt.MouseButton.NoButton)):
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(vp, QMouseEvent(kind, pos, vp.mapToGlobal(pos), button, buttons,
                                               Qt.KeyboardModifier.NoModifier))
    assert view.view_range()[0] < before[0]  # dragged right: the view moved to earlier times
    assert event.date == PartialDate(2016) and doc.undo_stack.count() == 0
