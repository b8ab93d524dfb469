"""Previews while the view moves: cheap frames during a drag or a burst of wheel zooms, exact once it stops."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage

from desktop.core.dates import PartialDate
from desktop.core.model import Event, EventKind, Rating, Timeline
from desktop.timeline import TimelineView
from desktop.timeline import preview
from desktop.timeline.preview import SETTLE_MS, STRETCH
from desktop.timeline.style import INADEQUATE, Style

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
from generate import make_timeline  # noqa: E402

from canvas_helpers import assert_labels_apart, show_canvas, wheel  # noqa: E402

d = PartialDate.parse


@pytest.fixture(autouse=True)
def previews_for_small_timelines_too(monkeypatch):
    """The few-event timelines here are previewed as a big one would be, and changes up to a second
    apart count as one movement, so that a loaded machine does not turn a preview into an exact frame."""
    monkeypatch.setattr(preview, "PREVIEW_FROM", 1)
    monkeypatch.setattr(preview, "SETTLE_MS", 1000)


def _frame(view) -> QImage:
    """Paint the viewport now and return the picture."""
    return view.viewport().grab().toImage()


def _settled(qtbot, view) -> None:
    """Wait (without painting anything ourselves) for the exact frame that follows a movement."""
    qtbot.waitUntil(lambda: view.frame_kind() == "exact", timeout=SETTLE_MS * 20)


def _notch_in(view) -> None:
    wheel(view, 120, at=0.6)  # a wheel notch zooms by about 1.35


def _notch_out(view) -> None:
    wheel(view, -120, at=0.6)


def _mark_x(image: QImage, pos: QPoint, colour: QColor, reach: int = 40) -> float:
    """Centre of the pixels of `colour` on the row through `pos`, within `reach` pixels of it."""
    xs = [x for x in range(max(pos.x() - reach, 0), min(pos.x() + reach, image.width()))
          if image.pixelColor(x, pos.y()).rgb() == colour.rgb()]
    assert xs, f"no mark of {colour.name()} near {pos}"
    return sum(xs) / len(xs)


def _few() -> Timeline:
    return Timeline("t", events=[
        Event("a", d("2016-03-01"), EventKind.INSPECTION, "First inadequate", rating=Rating.INADEQUATE),
        Event("b", d("2018-09-14"), EventKind.INSPECTION, "Second inadequate", rating=Rating.INADEQUATE),
        Event("c", d("2021-05-20"), EventKind.INSPECTION, "Third inadequate", rating=Rating.INADEQUATE),
        Event("n", d("2019-01-07"), EventKind.INTERVENTION, "Improvement notice"),
    ])


def test_a_burst_of_wheel_zooms_is_previewed_then_painted_exactly_as_a_still_view_would_be(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    assert view.frame_kind() == "exact"
    for _ in range(3):  # one wheel notch after another, as a hand turns it
        wheel(view, 120, at=0.6)
        _frame(view)
    assert view.frame_kind() == "preview"
    assert_labels_apart(view.label_rects(), view.viewport().width())
    _settled(qtbot, view)
    settled = sorted((r.x(), r.y(), r.width()) for r in view.label_rects())
    view.set_progressive(False)  # the same range painted from scratch
    _frame(view)
    assert view.frame_kind() == "exact"
    assert settled == sorted((r.x(), r.y(), r.width()) for r in view.label_rects())
    assert len(settled) > 10


def test_one_change_after_a_pause_is_painted_exactly_at_once(qtbot, monkeypatch):
    monkeypatch.setattr(preview, "SETTLE_MS", 50)
    document, view = show_canvas(qtbot, make_timeline(1000))
    _frame(view)
    qtbot.wait(200)
    view.zoom_in()  # a single key press, a click on a list, a test: no movement to preview
    _frame(view)
    assert view.frame_kind() == "exact"


def test_marks_in_a_preview_sit_where_the_exact_frame_draws_them(qtbot):
    document, view = show_canvas(qtbot, _few())
    red = Style("light").classes[INADEQUATE]
    exact_view = TimelineView(document)  # the same ranges, painted exactly by a second view
    qtbot.addWidget(exact_view)
    exact_view.set_progressive(False)
    exact_view.resize(view.size())
    exact_view.show()
    qtbot.waitExposed(exact_view)
    _frame(view)
    for move in (lambda: _notch_in(view), lambda: _notch_in(view), lambda: view.pan(0.15), lambda: _notch_out(view),
                 lambda: _notch_out(view), lambda: _notch_out(view)):
        move()
        preview = _frame(view)
        assert view.frame_kind() == "preview"
        exact_view.set_view_range(*view.view_range())
        exact = _frame(exact_view)
        assert exact_view.frame_kind() == "exact"
        x0, x1 = view.view_range()
        seen = [e for e in document.timeline.events[:3] if x0 < view.interval(e)[0] < x1]
        assert seen
        for event in seen:
            pos = view.viewport_pos(event)
            # a picture pixel is drawn up to STRETCH[1] pixels wide: half of that off, and rounding
            assert abs(_mark_x(preview, pos, red) - _mark_x(exact, pos, red)) <= STRETCH[1] / 2 + 1


def test_labels_in_a_preview_never_overlap_or_cross_the_edge_while_zooming_out(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    view.set_progressive(False)
    for _ in range(4):
        view.zoom_in()
    _frame(view)
    view.set_progressive(True)
    before = len(view.label_rects())
    counts = []
    for _ in range(4):
        _notch_out(view)
        _frame(view)
        assert view.frame_kind() == "preview"
        assert_labels_apart(view.label_rects(), view.viewport().width())
        counts.append(len(view.label_rects()))
    assert before > 10 and min(counts) > 0
    _settled(qtbot, view)


def test_a_selection_during_a_movement_is_painted_exactly_with_its_label(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    _notch_in(view)
    view.pan(0.1)
    _frame(view)
    assert view.frame_kind() == "preview"
    x0, x1 = view.view_range()
    middle = [e for e in document.timeline.events if e.rating is None
              and x0 + (x1 - x0) * 0.3 < view.interval(e)[0] < x0 + (x1 - x0) * 0.6]
    plain = middle[len(middle) // 2]
    assert plain not in view.labelled_items()
    document.select(plain)
    _frame(view)
    assert view.frame_kind() == "exact"
    assert plain in view.labelled_items()
    document.select(None)
    view.pan(0.01)
    _frame(view)
    x0, x1 = view.view_range()
    unlabelled = [e for e in document.timeline.events if e.rating is None and e not in view.labelled_items()
                  and x0 + (x1 - x0) * 0.3 < view.interval(e)[0] < x0 + (x1 - x0) * 0.6]
    other = unlabelled[len(unlabelled) // 2]
    document.select(other)  # Tab selects and centres the next event: a selection and a move at once
    view.pan(0.01)
    _frame(view)
    assert view.frame_kind() == "preview"
    assert other in view.labelled_items()


def test_animated_moves_are_exact_throughout(qtbot):
    document, view = show_canvas(qtbot, _few())
    view.zoom_in()
    view.zoom_in()  # a movement is under way when the animation starts
    _frame(view)
    start, kinds = view.view_range(), []
    view.center_on(document.timeline.event("c"), animate=True)
    for _ in range(200):
        qtbot.wait(10)
        if view.view_range() != start:  # a step of the animation
            _frame(view)
            kinds.append(view.frame_kind())
        if kinds and not view._nav.animating():
            break
    assert len(kinds) >= 3 and set(kinds) == {"exact"}


def test_hiding_events_mid_movement_redraws_the_picture_previews_are_made_of(qtbot):
    document, view = show_canvas(qtbot, _few())
    red = Style("light").classes[INADEQUATE]
    hidden = document.timeline.event("b")
    view.set_filter_mode("hide")  # nothing is filtered out yet
    _frame(view)
    view.pan(0.05)
    view.pan(0.05)
    assert abs(_mark_x(_frame(view), view.viewport_pos(hidden), red) - view.viewport_pos(hidden).x()) <= 2
    assert view.frame_kind() == "preview"
    document.set_event_filter(frozenset({"a", "c", "n"}))  # the search box, mid-movement
    view.pan(0.05)
    view.pan(0.05)
    image = _frame(view)
    assert view.frame_kind() == "preview"
    with pytest.raises(AssertionError, match="no mark"):
        _mark_x(image, view.viewport_pos(hidden), red, reach=6)
    _mark_x(image, view.viewport_pos(document.timeline.event("c")), red, reach=6)  # a kept one is drawn


def test_small_timelines_are_always_painted_exactly(qtbot, monkeypatch):
    monkeypatch.setattr(preview, "PREVIEW_FROM", 2000)
    document, view = show_canvas(qtbot, make_timeline(1000))  # 1,050 events and tenures: exact frames cost little
    for _ in range(3):
        wheel(view, 120, at=0.6)
        _frame(view)
        assert view.frame_kind() == "exact"
    document.set_timeline(make_timeline(2000), None)  # 2,100
    _frame(view)
    for _ in range(3):
        wheel(view, 120, at=0.6)
        _frame(view)
    assert view.frame_kind() == "preview"


def test_with_previews_off_every_frame_is_exact(qtbot):
    document, view = show_canvas(qtbot, make_timeline(1000))
    view.set_progressive(False)
    for _ in range(3):
        wheel(view, -120, at=0.6)
        _frame(view)
        assert view.frame_kind() == "exact"


def test_labels_in_a_preview_move_with_their_marks(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    view.pan(0.05)
    _frame(view)  # a preview that draws the picture and places labels for this range
    before = {(id(item), r.y()): r.x() for item, r in zip(view.labelled_items(), view.label_rects())}
    x0, x1 = view.view_range()
    view.pan(0.05)
    _frame(view)
    assert view.frame_kind() == "preview"
    pixels = view._lanes.boundingRect().width() * 0.05  # the view moved 5% of the lanes' width
    moved = [(r.x(), before[(id(item), r.y())]) for item, r in zip(view.labelled_items(), view.label_rects())
             if (id(item), r.y()) in before]
    assert len(moved) > 10
    assert all(abs(now - (then - pixels)) < 0.01 for now, then in moved)


def test_a_new_picture_comes_with_the_labels_an_exact_frame_would_place(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    pictures = view._preview.pictures
    for _ in range(6):  # wheel notches, until one takes the view past twice the zoom of the picture
        _notch_in(view)
        _frame(view)
        assert view.frame_kind() == "preview"
        if view._preview.pictures > pictures + 1:
            break
    assert view._preview.pictures == pictures + 2  # the first notch drew one, and a later one again
    shown = [(id(item), r.x(), r.y()) for item, r in zip(view.labelled_items(), view.label_rects())]
    view.set_progressive(False)
    _frame(view)
    assert len(shown) > 10
    assert shown == [(id(item), r.x(), r.y()) for item, r in zip(view.labelled_items(), view.label_rects())]


def test_a_new_timeline_mid_movement_is_previewed_with_its_own_labels(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _notch_in(view)
    _frame(view)
    smaller = make_timeline(2000)
    document.set_timeline(smaller, None)  # File > Open, or an edit that rebuilds the canvas
    _notch_in(view)
    _frame(view)
    _notch_in(view)
    _frame(view)
    assert view.frame_kind() == "preview"
    labelled = view.labelled_items()
    events = {id(e) for e in smaller.events} | {id(t) for t in smaller.tenures}
    assert labelled and all(id(item) in events for item in labelled)


def test_a_change_of_theme_mid_movement_redraws_the_picture(qtbot):
    document, view = show_canvas(qtbot, _few())
    _frame(view)
    view.pan(0.05)
    view.pan(0.05)
    below = QPoint(view.viewport().width() // 2, view.viewport().height() - 70)  # under the two lanes
    assert _frame(view).pixelColor(below).rgb() == Style("light").colour("background").rgb()
    view.set_theme("dark")
    view.pan(0.05)
    view.pan(0.05)
    image = _frame(view)
    assert view.frame_kind() == "preview"
    assert image.pixelColor(below).rgb() == Style("dark").colour("background").rgb()


def test_hovering_a_mark_mid_movement_paints_an_exact_frame(qtbot):
    document, view = show_canvas(qtbot, _few())
    _frame(view)
    view.pan(0.05)
    view.pan(0.05)
    _frame(view)
    assert view.frame_kind() == "preview"
    qtbot.mouseMove(view.viewport(), view.viewport_pos(document.timeline.event("b")))
    qtbot.waitUntil(lambda: view._state.hovered is not None, timeout=2000)
    _frame(view)
    assert view.frame_kind() == "exact"


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_previews_at_any_device_pixel_ratio_put_marks_where_the_exact_frame_does(qtbot, ratio):
    """A HiDPI screen: the picture is drawn in device pixels, and moved in them."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from desktop.timeline.paint import paint_lanes

    years = range(2012, 2025)
    document, view = show_canvas(qtbot, Timeline("t", events=[
        Event(f"e{y}", d(f"{y}-06-15"), EventKind.INSPECTION, "Inadequate", rating=Rating.INADEQUATE) for y in years]))
    red = Style("light").classes[INADEQUATE]
    rect = QRectF(0, 0, 1000, 300)
    x0, x1 = view.view_range()
    model, boxes, style, state = view._model, view._lane_boxes(rect.height()), view._fitted, view._state

    def picture(paint, a, b) -> QImage:
        image = QImage(int(rect.width() * ratio), int(rect.height() * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(style.colour("background"))
        p = QPainter(image)
        paint(p, rect, a, b, model, boxes, style, state, view._cache)
        p.end()
        return image

    maker = preview.Preview()
    a, b = x0 + (x1 - x0) * 0.3, x1 - (x1 - x0) * 0.1  # a pan and a zoom (x1.67) within the picture's reach

    def previewed(p, rect, t0, t1, *rest):
        assert maker.paint(p, rect, t0, t1, *rest, previous=(x0, x1))

    picture(previewed, x0, x1)  # draws the picture at this zoom
    moved, exact = picture(previewed, a, b), picture(paint_lanes, a, b)
    assert maker.pictures == 1
    found = 0
    for event in document.timeline.events:
        t = view.interval(event)[0]
        if a < t < b:
            x = (t - a) / (b - a) * rect.width() * ratio
            y = (boxes[0].rows[0][0] + boxes[0].rows[0][1] / 2) * ratio
            pos = QPoint(round(x), round(y))
            assert abs(_mark_x(moved, pos, red, reach=int(20 * ratio)) - _mark_x(exact, pos, red, reach=int(20 * ratio))) <= ratio * 1.5
            found += 1
    assert found >= 5


def test_a_resize_mid_movement_is_painted_exactly(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    _notch_in(view)
    _frame(view)
    _notch_in(view)
    _frame(view)
    assert view.frame_kind() == "preview"
    view.resize(1100, 600)
    _frame(view)
    assert view.frame_kind() == "exact"


def test_hovering_the_last_event_then_opening_a_smaller_timeline_paints_it(qtbot):
    """The hovered item is an index into the old timeline's lanes: it must not outlive them."""
    document, view = show_canvas(qtbot, make_timeline(3000))
    last = max((e for e in document.timeline.events if e.rating is not None), key=lambda e: view.interval(e)[0])
    view.set_view_range(view.interval(last)[0] - 86400 * 30,
                        view.interval(last)[0] + 86400 * 30)
    _frame(view)
    qtbot.mouseMove(view.viewport(), view.viewport_pos(last))
    qtbot.waitUntil(lambda: view._state.hovered is not None, timeout=2000)
    document.set_timeline(_few(), None)
    image = _frame(view)  # an IndexError in paint would end the process here
    assert not image.isNull() and view.frame_kind() == "exact"


def test_a_jump_mid_movement_is_exact_and_the_movement_after_it_previewed(qtbot):
    """A jump lands where no picture is: drawing one costs twice an exact frame, and the next change
    may jump again, so the jump is painted exactly; moving on from there draws the picture."""
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    x0, x1 = view.view_range()
    width = (x1 - x0) / 8
    view.set_view_range(x0, x0 + width)
    _frame(view)
    view.set_view_range(x0 + width, x0 + 2 * width)  # the width of the view further: no overlap
    _frame(view)
    assert view.frame_kind() == "exact"
    pictures = view._preview.pictures
    view.pan(0.1)
    _frame(view)
    assert view.frame_kind() == "preview" and view._preview.pictures == pictures + 1


def test_zoom_keys_mid_movement_are_exact(qtbot):
    """Each press of + or - halves or doubles the range: a new picture every time would cost twice an
    exact frame, so held zoom keys get exact frames."""
    document, view = show_canvas(qtbot, make_timeline(3000))
    _frame(view)
    for zoom in (view.zoom_in, view.zoom_in, view.zoom_out, view.zoom_out):
        zoom()
        _frame(view)
        assert view.frame_kind() == "exact"
    assert view._preview.pictures == 0


def test_many_changes_between_two_frames_count_as_one_step(qtbot):
    """A flick of the touchpad: eight small moves reach the canvas before it paints again. Measured from
    the frame last painted, that is a jump, painted exactly, and no picture is drawn for it."""
    document, view = show_canvas(qtbot, make_timeline(3000))
    x0, x1 = view.view_range()
    view.set_view_range(x0 + (x1 - x0) * 0.3, x0 + (x1 - x0) * 0.4)  # room to pan either way
    _frame(view)
    view.pan(0.05)
    _frame(view)
    assert view.frame_kind() == "preview"
    pictures = view._preview.pictures
    for _ in range(8):
        view.pan(0.1)
    _frame(view)
    assert view.frame_kind() == "exact" and view._preview.pictures == pictures
    _frame(view)  # painted again at the same range (an expose, a tooltip): still the same step
    assert view.frame_kind() == "exact" and view._preview.pictures == pictures
    view.pan(0.05)
    _frame(view)
    assert view.frame_kind() == "preview" and view._preview.pictures == pictures + 1
