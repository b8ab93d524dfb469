"""The canvas read without colour, on a laptop and on paper: shapes for ratings, open ends, the legend, labels."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from desktop.core import paths
from desktop import storage
from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.document import Document
from desktop.core.model import Event, EventKind, Person, Post, Rating, Source, Tenure, Timeline
from desktop.timeline import compose, lanes
from desktop.timeline.chrome import _legend_lines, legend_groups
from desktop.timeline.paint import PaintState
from desktop.timeline.style import CLASS_LABELS, Style

from canvas_helpers import assert_labels_apart

NOW = date_to_timestamp(dt.date(2026, 12, 3))
RATINGS = ("Inadequate", "Requires improvement", "Good", "Outstanding", "No rating")

# Colour-vision simulation matrices (Machado, Oliveira and Fernandes 2009, severity 1.0), on linear RGB.
MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(h, stride)[:, :w * 3].reshape(h, w, 3) / 255.0


def _simulate(rgb: np.ndarray, how: str) -> np.ndarray:
    """One channel (grey) per pixel: as printed in greyscale, or as seen with a colour deficiency then printed."""
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if how != "grey":
        lin = np.clip(lin @ MACHADO[how].T, 0, 1)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def _every_rating() -> Timeline:
    events = [Event(f"e{n}", PartialDate(2016 + n, 3, 1), EventKind.INSPECTION, f"Inspection {n}", rating=r)
              for n, r in enumerate([Rating.INADEQUATE, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING, None])]
    return Timeline(title="t", events=events)


def _legend_picture(model, width=1400) -> tuple[QImage, list]:
    """The legend painted on its own (as exports paint it), and where each rating's swatch is."""
    style = Style("light")
    lines = _legend_lines(style, width, model)
    from desktop.timeline.chrome import legend_height, paint_legend
    height = int(legend_height(style, width, model))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    p = QPainter(image)
    paint_legend(p, QRectF(0, 0, width, height), style, model)
    p.end()
    return image, lines


def _swatches(image: QImage, lines) -> dict[str, np.ndarray]:
    """The pixels of each rating's swatch, cut from the picture where the legend put it."""
    from PySide6.QtGui import QFontMetricsF
    style = Style("light")
    fm = QFontMetricsF(style.font(0.9))
    s, gap = fm.height() * 0.8, fm.horizontalAdvance("0") * 1.5
    rgb = _rgb(image)
    row = (image.height() - style.line * 0.5) / len(lines)
    out = {}
    for n, line in enumerate(lines):
        x = gap
        top = style.line * 0.25 + n * row
        y = top + (row - s) / 2
        for kind, _c, text, w in line:
            if kind.startswith("shape:"):
                yi, xi = int(round(y)), int(round(x - s * 0.2))
                out[text] = rgb[yi:yi + int(s) + 1, xi:xi + int(s * 0.9) + 1]
            x += w
    return out


def test_the_five_ratings_stay_apart_in_grey_and_for_red_green_colour_blindness(qtbot):
    model = lanes.build(_every_rating(), now=NOW)
    image, lines = _legend_picture(model)
    swatches = _swatches(image, lines)
    assert set(swatches) == set(RATINGS)
    for how in ("grey", "deuteranopia", "protanopia"):
        seen = {k: _simulate(v, how) for k, v in swatches.items()}
        shapes = {k: v < 0.9 for k, v in seen.items()}  # the inked pixels of each swatch
        for i, a in enumerate(RATINGS):
            for b in RATINGS[i + 1:]:
                differ = np.mean(shapes[a] != shapes[b])
                assert differ > 0.08, f"{a} and {b} look alike ({how}): {differ:.3f} of their pixels differ"


def test_the_marks_on_the_lanes_have_the_ratings_shapes_too(qtbot):
    model = lanes.build(_every_rating(), now=NOW)
    image = QImage(900, 300, QImage.Format.Format_RGB32)
    p = QPainter(image)
    x0, x1 = model.span
    compose.render(p, QRectF(0, 0, 900, 300), x0 - 1e7, x1 + 1e7, model, Style("light"), PaintState())
    p.end()
    grey = _simulate(_rgb(image), "grey")
    f = compose.frame(model, Style("light"), 900, 300)
    from desktop.timeline import layout as lane_layout
    boxes = lane_layout.lane_boxes(model, 300 - f.legend - f.axis, f.style)
    y, h = boxes[0].rows[0]
    top = int(f.legend + y)
    scale = (900 - f.gutter) / (x1 - x0 + 2e7)
    profiles = []
    for lane in model.lanes[:1]:
        for t0, t1 in zip(lane.t0, lane.t1):
            cx = int(f.gutter + ((t0 + t1) / 2 - x0 + 1e7) * scale)
            cut = grey[top:top + int(h) + 1, cx - 8:cx + 9] < 0.9
            profiles.append(cut.sum(axis=1))  # inked width per pixel row: the shape
    for i in range(len(profiles)):
        for j in range(i + 1, len(profiles)):
            assert np.abs(profiles[i] - profiles[j]).sum() >= 6, (CLASS_LABELS[i], CLASS_LABELS[j])


def test_the_legend_lists_only_the_ratings_drawn():
    model = lanes.build(Timeline(title="t", events=[
        Event("a", PartialDate(2020), EventKind.INSPECTION, "A", rating=Rating.GOOD),
        Event("b", PartialDate(2021), EventKind.STATEMENT, "B")]), now=NOW)
    shown = [t for group in legend_groups(Style("light"), model) for _, _, t in group]
    assert "Good" in shown and "Statement" in shown
    assert not {"Inadequate", "Outstanding", "Requires improvement", "No rating", "Intervention"} & set(shown)
    assert "dates recorded" not in shown  # no tenures: no tenure key


def _window(qtbot, size):
    from desktop.window.mainwindow import MainWindow
    from desktop.window.settings import Settings

    document = Document()
    document.set_timeline(storage.load(paths.default_timeline()).timeline, None)
    win = MainWindow(document, Settings.from_file(Path(tempfile.mkdtemp()) / "s.ini"))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    view = win.timeline_view
    view.fit_all()
    view.grab()
    return document, view


def test_at_1280x720_the_legend_shows_every_group(qtbot):
    document, view = _window(qtbot, (1280, 720))
    lines = _legend_lines(view._fitted, view._legend.rect().width(), view._model)
    shown = [t for line in lines for _, _, t, _ in line]
    for group in legend_groups(view._fitted, view._model):
        for _, _, text in group:
            assert text in shown, f"{text!r} left out of the legend"
    assert "Dates:" in shown and "In post:" in shown
    assert view._legend.rect().height() >= view._fitted.line * (len(lines) + 0.4)  # room for every line


@pytest.mark.parametrize("size,at_least", [((1920, 1080), 22), ((1366, 768), 15)])
def test_tameside_events_are_labelled_in_fit_all(qtbot, size, at_least):
    document, view = _window(qtbot, size)
    labelled = {id(x) for x in view.labelled_items() if isinstance(x, Event)}
    width = view._lanes.boundingRect().width()
    assert_labels_apart(view.label_rects(), width)
    print(f"{size}: {len(labelled)} of {len(document.timeline.events)} events labelled")
    assert len(labelled) >= at_least


def _open_tenure() -> Timeline:
    return Timeline(title="t", sources=[Source("late", "Gazette", "B", published=PartialDate(2024, 3, 1))],
                    people=[Person("ann", "Ann Example")], posts=[Post("leader", "Leader")],
                    tenures=[Tenure("ann", "leader", start=PartialDate(2019, 5, 1), end=None, sources=["late"])])


def test_an_open_end_fades_after_its_latest_source_up_to_the_dated_now_line(qtbot):
    model = lanes.build(_open_tenure(), now=NOW)
    image = QImage(1000, 260, QImage.Format.Format_RGB32)
    p = QPainter(image)
    x0, x1 = date_to_timestamp(dt.date(2018, 1, 1)), date_to_timestamp(dt.date(2027, 6, 1))
    compose.render(p, QRectF(0, 0, 1000, 260), x0, x1, model, Style("light"), PaintState())
    p.end()
    f = compose.frame(model, Style("light"), 1000, 260)
    from desktop.timeline import layout as lane_layout
    li = next(k for k, lane in enumerate(model.lanes) if lane.key == "post:leader")
    box = lane_layout.lane_boxes(model, 260 - f.legend - f.axis, f.style)[li]
    y = int(f.legend + box.rows[0][0] + 4)  # inside the bar, above its name
    scale = (1000 - f.gutter) / (x1 - x0)
    grey = _simulate(_rgb(image), "grey")

    def at(day):
        return grey[y, int(f.gutter + (date_to_timestamp(day) - x0) * scale)]

    solid, after, later, near_now = (at(dt.date(2022, 1, 1)), at(dt.date(2024, 6, 1)), at(dt.date(2025, 9, 1)),
                                     at(dt.date(2026, 10, 1)))
    assert solid < 0.35  # solid up to the latest source (March 2024)
    assert solid + 0.2 < after < later < near_now  # then fading, lighter and lighter towards now
    assert near_now > 0.85
    from desktop.timeline.paint import now_text
    assert now_text(NOW) == "3 Dec 2026"


def test_lanes_that_want_more_height_than_a_laptop_gives_scroll(qtbot):
    document, view = _window(qtbot, (1366, 768))
    qtbot.waitUntil(view._scroll.isVisible)
    height = view._lanes.boundingRect().height()
    last = view._lane_boxes(height)[-1]
    assert last.top + last.height > height + 1  # the last lane is below the view...
    view._scroll.setValue(view._scroll.maximum())
    last = view._lane_boxes(height)[-1]
    assert abs(last.top + last.height - height) <= 2  # ...until the lanes are scrolled to the end
    view.grab()
    assert_labels_apart(view.label_rects(), view._lanes.boundingRect().width())


def test_selecting_an_item_below_the_view_scrolls_its_lane_into_view(qtbot):
    document, view = _window(qtbot, (1366, 768))
    qtbot.waitUntil(view._scroll.isVisible)
    assert view._scroll.value() == 0
    last = document.timeline.tenures[-1]
    li = view._index.get(id(last))[0]
    height = view._lanes.boundingRect().height()
    assert view._lane_boxes(height)[li].top + view._lane_boxes(height)[li].height > height  # out of sight
    document.select(last)
    box = view._lane_boxes(height)[li]
    assert 0 <= box.top and box.top + box.height <= height + 1


def test_shift_wheel_scrolls_the_lanes_and_the_wheel_alone_still_zooms(qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    document, view = _window(qtbot, (1366, 768))
    qtbot.waitUntil(view._scroll.isVisible)
    vp = view.viewport()
    pos = QPointF(vp.width() / 2, vp.height() / 2)

    def turn(mods):
        QApplication.sendEvent(vp, QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(0, 0), QPoint(0, -120),
                                               Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False))

    before = view.view_range()
    turn(Qt.KeyboardModifier.ShiftModifier)
    assert view._scroll.value() > 0 and view.view_range() == before
    turn(Qt.KeyboardModifier.NoModifier)
    assert view.view_range() != before


def test_an_imported_timelinejs_example_folds_its_empty_lane_and_keeps_lane_names_whole(qtbot):
    from desktop.timeline import layout as lane_layout
    from desktop.timeline.chrome import _lane_name
    from desktop.formats.timelinejs_import import read_timelinejs

    timeline = read_timelinejs(Path(__file__).parent / "fixtures" / "timelinejs" / "knightlab-style.json").timeline
    timeline.posts.append(Post("long", "Executive Member for Children's Services, Education and Skills"))
    timeline.people.append(Person("p", "Pat Example"))
    timeline.tenures.append(Tenure("p", "long", start=PartialDate(2017), end=PartialDate(2019)))
    model = lanes.build(timeline, now=NOW)
    style = Style("light")
    f = compose.frame(model, style, 1280, 720)
    boxes = lane_layout.lane_boxes(model, 720 - f.legend - f.axis, f.style)
    empty = [b for lane, b in zip(model.lanes, boxes) if not lane.items]
    full = [b for lane, b in zip(model.lanes, boxes) if lane.items]
    assert empty and all(b.folded and b.height <= f.style.line * 1.4 for b in empty)
    assert all(b.height >= f.style.line * 2 for b in full)
    for lane, box in zip(model.lanes, boxes):
        rect = QRectF(0, 0, f.gutter - f.style.line * 0.8, box.height - 2)
        _font, _flags, shown = _lane_name(lane.name, rect, f.style, box.folded)
        assert shown == lane.name, f"{lane.name!r} cut to {shown!r}"
