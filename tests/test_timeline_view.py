"""The timeline canvas driven like a user: wheel, keys, clicks, Tab; assertions on ranges and the Document."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.dates import PartialDate
from desktop.document.commands import InsertItem
from desktop.document import Document
from desktop.core.model import Event, EventKind, Person, Post, Rating, Tenure, Timeline
from desktop.timeline import TimelineView
from canvas_helpers import wheel

DAY = 86400.0
d = PartialDate.parse


def _timeline() -> Timeline:
    return Timeline(
        title="Test council",
        people=[Person("ann", "Ann Lee"), Person("bob", "Bob Ray")],
        posts=[Post("dcs", "Director of Children's Services")],
        tenures=[Tenure("ann", "dcs", d("2014-02"), d("2019-06-30")), Tenure("bob", "dcs", d("2019-07-01"), None)],
        events=[
            Event("visit-2017", d("2017-10-19"), EventKind.MONITORING_VISIT, "Progress too slow"),
            Event("ofsted-2016", d("2016"), EventKind.INSPECTION, "Services inadequate", rating=Rating.INADEQUATE),
            Event("notice-2016", d("2016-12-05"), EventKind.INTERVENTION, "Improvement notice"),
            Event("ofsted-2019", d("2019-03-12"), EventKind.INSPECTION, "Still inadequate", rating=Rating.INADEQUATE),
            Event("statement-2023", d("2023-08", approx=True), EventKind.STATEMENT, "Leader promises change"),
            Event("ofsted-2024", d("2024-06-20"), EventKind.INSPECTION, "Requires improvement",
                  rating=Rating.REQUIRES_IMPROVEMENT),
        ],
    )


@pytest.fixture
def setup(qtbot):
    document = Document()
    document.set_timeline(_timeline(), None)
    view = TimelineView(document)
    qtbot.addWidget(view)
    view.resize(1280, 600)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return document, view


def _width(view) -> float:
    x0, x1 = view.view_range()
    return x1 - x0


def test_fit_shows_every_event_and_tenure_and_wheel_zooms_time_only(setup):
    document, view = setup
    x0, x1 = view.view_range()
    for e in document.timeline.events:
        a, b = view.interval(e)
        assert x0 <= a and b <= x1
    before = _width(view)
    wheel(view, 120)
    assert _width(view) < before * 0.95
    wheel(view, -120)
    wheel(view, -120)
    assert _width(view) > before * 0.95 or _width(view) == pytest.approx(before, rel=0.15)


def test_keys_zoom_pan_go_to_ends_and_fit(qtbot, setup):
    document, view = setup
    fit = view.view_range()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus)
    assert _width(view) == pytest.approx((fit[1] - fit[0]) / 2, rel=1e-6)
    x0, x1 = view.view_range()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    assert view.view_range()[0] == pytest.approx(x0 + 0.2 * (x1 - x0), rel=1e-9)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Home)
    assert view.view_range()[0] == pytest.approx(fit[0], abs=DAY)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_End)
    assert view.view_range()[1] == pytest.approx(fit[1], abs=DAY)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    assert view.view_range() == pytest.approx(fit)


def test_zoom_stops_at_a_few_days_and_at_the_whole_span(qtbot, setup):
    document, view = setup
    fit_width = _width(view)
    for _ in range(30):
        view.zoom_in()
    assert 2 * DAY <= _width(view) <= 7 * DAY
    for _ in range(30):
        view.zoom_out()
    assert _width(view) <= fit_width * 1.1


def test_clicking_a_marker_selects_its_event_and_empty_space_clears(qtbot, setup):
    document, view = setup
    event = document.timeline.event("visit-2017")
    with qtbot.waitSignal(document.selection_changed):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport_pos(event))
    assert document.selection is event and view.selected() is event
    tenure = document.timeline.tenures[1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport_pos(tenure))
    assert document.selection is tenure
    empty = view.viewport_pos(event) + QPoint(0, 400)  # below the last lane
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(empty.x(), view.viewport().height() - 50))
    assert document.selection is None


def test_tab_steps_through_events_in_date_order_and_shift_tab_goes_back(qtbot, setup):
    document, view = setup
    seen = []
    for _ in document.timeline.events:
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Tab)
        seen.append(document.selection.id)
    assert seen == [e.id for e in document.timeline.events_in_order()]
    assert seen[:3] == ["ofsted-2016", "notice-2016", "visit-2017"]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Backtab)
    assert document.selection.id == seen[-2]


def test_z_zooms_to_the_selection(qtbot, setup):
    document, view = setup
    event = document.timeline.event("ofsted-2019")
    document.select(event)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z)
    x0, x1 = view.view_range()
    a, b = view.interval(event)
    assert x0 < a and b < x1 and x1 - x0 < 90 * DAY


def test_filtered_events_are_dimmed_or_hidden_and_hidden_ones_cannot_be_clicked(qtbot, setup):
    document, view = setup
    hidden = document.timeline.event("visit-2017")
    document.set_event_filter(frozenset({"ofsted-2016"}))
    assert view.is_event_dimmed(hidden) and view.is_event_shown(hidden)
    view.set_filter_mode("hide")
    assert not view.is_event_shown(hidden) and not view.is_event_dimmed(hidden)
    assert view.is_event_shown(document.timeline.event("ofsted-2016"))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport_pos(hidden))
    assert document.selection is not hidden
    with pytest.raises(ValueError):
        view.set_filter_mode("blur")


def test_right_click_asks_for_a_context_menu_at_that_time(qtbot, setup):
    document, view = setup
    event = document.timeline.event("visit-2017")
    with qtbot.waitSignal(view.context_menu_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=view.viewport_pos(event))
    timestamp, _pos = blocker.args
    a, b = view.interval(event)
    assert abs(timestamp - (a + b) / 2) < _width(view) / 200


def test_double_click_fits_everything(qtbot, setup):
    document, view = setup
    fit = view.view_range()
    view.zoom_in()
    view.zoom_in()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center())
    assert view.view_range() == pytest.approx(fit)
    # QTest leaves the button marked as held after a double-click; let it go, as a hand would
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center())


def test_center_on_moves_smoothly_to_an_event(qtbot, setup):
    document, view = setup
    event = document.timeline.event("statement-2023")
    view.zoom_in()
    view.zoom_in()
    view.center_on(event, animate=True)
    a, b = view.interval(event)
    qtbot.waitUntil(lambda: a <= sum(view.view_range()) / 2 <= b, timeout=2000)


def test_open_tenure_runs_to_now_and_edits_redraw(qtbot, setup):
    document, view = setup
    open_tenure = document.timeline.tenures[1]
    assert view.interval(open_tenure)[1] == pytest.approx(time.time(), abs=3600)
    events = document.timeline.events
    document.push(InsertItem(document, events, len(events), Event("new", d("2020-01-02"), EventKind.DECISION,
                                                                  "New decision")))
    assert view.interval(document.timeline.events[-1]) == d("2020-01-02").timestamps()


def test_hovering_a_mark_shows_its_tooltip(qtbot, setup):
    from PySide6.QtWidgets import QToolTip

    document, view = setup
    event = document.timeline.event("ofsted-2016")
    qtbot.mouseMove(view.viewport(), view.viewport_pos(event))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Services inadequate" in QToolTip.text() and "2016 (year only)" in QToolTip.text()


def test_dragging_pans_along_time_by_the_distance_dragged(qtbot, setup):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    document, view = setup
    x0, x1 = view.view_range()
    vp = view.viewport()
    start = QPointF(vp.width() * 0.6, vp.height() - 60)

    def send(kind, pos, buttons):
        event = QMouseEvent(kind, pos, vp.mapToGlobal(pos), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        send(QEvent.Type.MouseMove, start + QPointF(-20 * step, 15 * step), Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, start + QPointF(-200, 150), Qt.MouseButton.NoButton)
    a, b = view.view_range()
    assert b - a == pytest.approx(x1 - x0)  # a pan, not a zoom
    lanes_width = vp.width() * (b - a) / (x1 - x0)
    assert a - x0 == pytest.approx(200 * (x1 - x0) / lanes_width, rel=0.25)  # dragged left: later times


def test_no_tooltip_or_hover_highlight_while_dragging(qtbot, setup, monkeypatch):
    """A drag (a pan here) that passes over a mark must not pop its tooltip up over the canvas."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QToolTip

    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda *args: shown.append(args))
    document, view = setup
    vp = view.viewport()
    mark = QPointF(view.viewport_pos(document.timeline.event("ofsted-2016")))

    def send(kind, pos, buttons):
        event = QMouseEvent(kind, pos, vp.mapToGlobal(pos), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, event)

    start = mark + QPointF(0, 90)
    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 10):  # straight up: a pan keeps the time under the pointer, so it ends on the mark
        send(QEvent.Type.MouseMove, start - QPointF(0, 10 * step), Qt.MouseButton.LeftButton)
    assert shown == [] and view._state.hovered is None
    send(QEvent.Type.MouseButtonRelease, mark, Qt.MouseButton.NoButton)
    send(QEvent.Type.MouseMove, mark + QPointF(1, 0), Qt.MouseButton.NoButton)
    assert shown and "Services inadequate" in shown[-1][1]  # hovering without a button still explains the mark
