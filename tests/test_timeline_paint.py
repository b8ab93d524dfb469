"""What the canvas paints: labels that never overlap, honest partial dates, ticks, tooltips, render()."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLineF, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.core.model import Event, EventKind, Rating, Timeline
from desktop.timeline.hit import tooltip
from desktop.timeline.style import INADEQUATE, Style
from desktop.timeline.ticks import ticks

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
from generate import make_timeline  # noqa: E402

from canvas_helpers import assert_labels_apart, show_canvas  # noqa: E402

DAY = 86400.0
d = PartialDate.parse


def _paint(view) -> list[QRectF]:
    view.grab()
    return view.label_rects()


def test_labels_never_overlap_and_stay_in_view_at_every_zoom(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    width = view.viewport().width()
    counts = []
    for step in range(6):
        rects = _paint(view)
        counts.append(len(rects))
        assert len(rects) <= 300
        assert_labels_apart(rects, width)
        view.zoom_in() if step < 3 else view.pan(0.3)
    assert min(counts) > 10  # there is room for labels, and some were placed


def test_only_events_in_view_are_labelled_even_after_a_long_one(qtbot):
    """A long event (a plan over years) keeps the lane's reach in view: the events between it and the
    view ended long before and must not be labelled, pinned at the left edge."""
    document, view = show_canvas(qtbot, make_timeline(3000))
    view.set_progressive(False)
    x0, x1 = view.view_range()
    for k in range(6):
        width = (x1 - x0) / 6
        view.set_view_range(x0 + k * width, x0 + (k + 1) * width)
        a, b = view.view_range()
        margin = 10 * (b - a) / view.viewport().width()  # a marker's half width, and then some
        _paint(view)
        items = view.labelled_items()
        assert items
        for item in items:
            start, end = view.interval(item)
            assert end >= a - margin and start <= b + margin, f"{item} ({start}..{end}) is out of view ({a}..{b})"


def test_a_long_event_does_not_take_the_labels_of_its_lane(qtbot):
    """With one event over the whole span, every item of its lane is in the slice of every view: the
    labels must still go to the items in view, as many as without it."""
    def statement_labels(timeline) -> list[int]:
        document, view = show_canvas(qtbot, timeline)
        view.set_progressive(False)
        x0, x1 = view.view_range()
        counts = []
        for k in range(1, 8):
            width = (x1 - x0) / 40
            view.set_view_range(x0 + k * 5 * width, x0 + (k * 5 + 1) * width)
            _paint(view)
            counts.append(sum(1 for item in view.labelled_items()
                              if getattr(item, "kind", None) is EventKind.STATEMENT and item.id != "long"))
        return counts

    plain = statement_labels(make_timeline(10000))
    timeline = make_timeline(10000)
    timeline.events.append(Event("long", d("1991-01-05"), EventKind.STATEMENT, "Said all along", end=d("2024-06-01")))
    with_long = statement_labels(timeline)
    assert min(plain) >= 5
    assert all(b >= a - 2 for a, b in zip(plain, with_long)), (plain, with_long)


def test_the_selected_event_is_labelled_first_even_in_a_crowd(qtbot):
    document, view = show_canvas(qtbot, make_timeline(3000))
    x0, x1 = view.view_range()
    crowd = [e for e in document.timeline.events
             if e.rating is None and x0 < view.interval(e)[0] and view.interval(e)[1] < x1]
    plain = crowd[len(crowd) // 2]
    _paint(view)
    assert plain not in view.labelled_items()  # thousands of events: not every one has a label
    document.select(plain)
    _paint(view)
    assert plain in view.labelled_items()


def test_year_and_month_only_events_cover_their_whole_interval(qtbot):
    year = Event("y", d("2016"), EventKind.INSPECTION, "Judged inadequate", rating=Rating.INADEQUATE)
    month = Event("m", d("2019-08", approx=True), EventKind.STATEMENT, "Leader speaks")
    day = Event("x", d("2021-03-04"), EventKind.DECISION, "Cabinet decides")
    document, view = show_canvas(qtbot, Timeline("t", events=[year, month, day]))
    assert view.interval(year) == (date_to_timestamp(dt.date(2016, 1, 1)), date_to_timestamp(dt.date(2017, 1, 1)))
    assert view.interval(month) == d("2019-08").timestamps()
    view.set_view_range(date_to_timestamp(dt.date(2015, 6, 1)), date_to_timestamp(dt.date(2017, 6, 1)))
    centre = view.viewport_pos(year)
    px_per_day = view.viewport().width() / (2 * 365.25)
    for days_from_mid in (-150, 0, 150):  # February, July and November all belong to "2016"
        document.select(None)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=centre + QPoint(round(days_from_mid * px_per_day), 0))
        assert document.selection is year
    outside = centre + QPoint(round(-200 * px_per_day), 0)  # mid-2015: not the 2016 event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=outside)
    assert document.selection is None


def test_tooltips_say_date_precision_rating_and_sources():
    timeline = Timeline("t")
    year = Event("y", d("2016"), EventKind.INSPECTION, "Judged inadequate", rating=Rating.INADEQUATE,
                 sources=["a", "b"])
    approx = Event("m", d("2023-08", approx=True), EventKind.STATEMENT, "Leader speaks", sources=["a"])
    text = tooltip(timeline, year)
    assert "2016 (year only)" in text and "Inadequate" in text and "2 sources" in text
    assert "c. Aug 2023" in tooltip(timeline, approx) and "1 source" in tooltip(timeline, approx)


@pytest.mark.parametrize(("days", "fine", "major"), [
    (20 * 365, "2010", None),  # decades on screen: years
    (400, "Jul", "2021"),  # about a year: months, under the year
    (12, "17", "Mar 2021"),  # days, under the month
])
def test_axis_ticks_suit_the_zoom(days, fine, major):
    x0 = date_to_timestamp(dt.date(2021, 3, 10)) - (days * DAY if days > 1000 else 0)
    fine_ticks, major_ticks = ticks(x0, x0 + days * DAY, 1200.0, 8.0)
    labels = [t for _, t in fine_ticks]
    assert fine in labels and 3 <= len(labels) <= 60
    assert (major in [t for _, t in major_ticks]) if major else not major_ticks


def test_axis_period_lines_leave_the_month_labels_readable(qtbot):
    """The line at the start of a year runs beside the year's name, not through "Jan" above it."""
    from desktop.timeline.ticks import axis_height, paint_axis

    style = Style("light")
    x0 = date_to_timestamp(dt.date(2020, 6, 1))
    x1 = x0 + 400 * DAY
    rect = QRectF(0, 0, 1200, axis_height(style))
    image = QImage(1200, int(rect.height()) + 1, QImage.Format.Format_RGB32)
    image.fill(style.colour("background"))
    painter = QPainter(image)
    paint_axis(painter, rect, x0, x1, style)
    painter.end()
    year = date_to_timestamp(dt.date(2021, 1, 1))
    x = round((year - x0) * rect.width() / (x1 - x0))
    line = style.colour("grid_major").rgb()
    column = [image.pixelColor(c, y).rgb() for y in range(image.height()) for c in (x - 1, x, x + 1)]
    assert line in column  # the year's line is drawn...
    row = style.line
    band = range(int(row * 0.3) + 2, int(row * 1.2) - 1)  # ...but not across the month names' row
    assert all(image.pixelColor(c, y).rgb() != line for y in band for c in (x - 1, x, x + 1))


def test_render_draws_any_range_at_any_size_without_moving_the_view(qtbot):
    event = Event("y", d("2016-05-01"), EventKind.INSPECTION, "Judged inadequate", rating=Rating.INADEQUATE)
    document, view = show_canvas(qtbot, Timeline("t", events=[event]))
    before = view.view_range()
    image = QImage(1600, 900, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.render(painter, QRectF(0, 0, 1600, 900), (date_to_timestamp(dt.date(2016, 4, 1)),
                                                    date_to_timestamp(dt.date(2016, 6, 1))))
    painter.end()
    assert view.view_range() == before
    red = Style("light").classes[INADEQUATE].rgb()
    row = [x for y in range(60, 400, 2) for x in range(0, 1600, 2) if image.pixel(x, y) == red]
    assert row and 700 < sum(row) / len(row) < 1200  # early May sits half-way along April-May


def test_themes_and_large_type_keep_labels_apart_and_inside(qtbot):
    document, view = show_canvas(qtbot, make_timeline(500), size=(1280, 420))
    for theme in ("dark", "high-contrast", "light"):
        view.set_theme(theme)
        view.set_font_scale(2.0)
        assert_labels_apart(_paint(view), view.viewport().width())
    with pytest.raises(ValueError):
        view.set_theme("sepia")


def _tameside():
    from desktop.core import paths
    from desktop import storage

    return storage.load(paths.default_timeline()).timeline


@pytest.mark.parametrize("size", [(1920, 900), (1280, 640), (900, 600)])
def test_every_event_label_is_tied_to_its_own_mark(qtbot, size):
    """Each event's label hangs from its own mark by a leader line that starts at the mark's foot,
    and reaches the label; near the right edge too (a 2024 label never sits under a 2021 mark alone)."""
    from desktop.timeline.paint import item_rect

    document, view = show_canvas(qtbot, _tameside(), size)
    view.grab()
    x0, x1 = view.view_range()
    lanes = view._lanes.boundingRect()
    boxes = view._lane_boxes(lanes.height())
    leaders = {}
    for li, i, *ends in view._state.leaders:
        leaders.setdefault((li, i), []).append(QLineF(*ends))
    checked = 0
    for li, i, r in view._state.labels:
        if view._model.lanes[li].is_tenure:
            continue
        mark = item_rect(view._model, boxes, li, i, x0, lanes.width() / (x1 - x0))
        lines = leaders.get((li, i), [])
        if not lines:  # straight under its mark, in the first row
            assert mark.left() - 1 <= r.left() <= mark.right() and r.top() - mark.bottom() < 3, (r, mark)
        else:
            top = min(lines, key=lambda ln: min(ln.y1(), ln.y2()))
            assert mark.left() - 1 <= top.x1() <= mark.right() + 1 and abs(top.y1() - mark.bottom()) < 3, (top, mark)
            ends = [(ln.x2(), ln.y2()) for ln in lines]
            assert any(r.left() - 2 <= x <= r.right() + 2 and r.top() - 1 <= y <= r.bottom() + 1 for x, y in ends)
        checked += 1
    assert checked >= 3


def test_the_legend_names_every_colour_at_a_laptop_width(qtbot):
    from desktop.timeline.chrome import _legend_lines
    from desktop.timeline.style import CLASS_LABELS

    document, view = show_canvas(qtbot, _tameside(), (640, 600))  # the canvas of a 1280-wide window
    view.grab()
    shown = [text for line in _legend_lines(view._fitted, view._legend.rect().width()) for _, _, text, _ in line]
    assert set(CLASS_LABELS) <= set(shown)
    assert shown[0] == "Inspections and visits:" and "Other events:" in shown


def test_a_label_for_a_mark_at_the_very_right_edge_ends_inside_the_view(qtbot):
    from desktop.timeline import labels as label_rows
    from desktop.timeline.style import Style

    cache = label_rows.TextCache()
    cache.use(Style("light").font())
    for centre in (790.0, 796.0, 799.0, 802.0):
        placed = label_rows.place(label_rows.Rows(1), [(0, centre - 3.5, centre + 3.5, "Ofsted inspection")], cache, 300, 800,
                          [(0.0, 20.0)], 10)
        [(_, rect, _, _)] = placed
        assert 2.0 <= rect.left() and rect.right() <= 798.0, (centre, rect)
