"""What the canvas keeps between frames (each distinct mark once, its filter masks) never shows
stale data: after a filter change, a filter mode change or an edit, the frame is the one a
canvas built from scratch in that state paints."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.core.dates import PartialDate
from desktop.document.commands import SetField
from desktop.document import Document
from desktop.core.model import Event, EventKind, Rating, Timeline
from desktop.timeline import TimelineView

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
from generate import make_timeline  # noqa: E402

SIZE = (1100, 560)


def _view(qtbot, timeline: Timeline, ids=None, mode: str = "dim", x_range=None) -> tuple[Document, TimelineView]:
    document = Document()
    document.set_timeline(timeline, None)
    document.set_event_filter(ids)
    view = TimelineView(document)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.set_filter_mode(mode)
    if x_range is not None:
        view.set_view_range(*x_range)
    return document, view


def _frame(view: TimelineView) -> QImage:
    return view.viewport().grab().toImage()


def _fresh(qtbot, view: TimelineView, document: Document, mode: str = "dim") -> QImage:
    _, other = _view(qtbot, document.timeline, document.event_filter, mode, view.view_range())
    return _frame(other)


def test_a_filter_change_repaints_the_marks_as_a_fresh_canvas_would(qtbot):
    timeline = make_timeline(2000)
    document, view = _view(qtbot, timeline)
    unfiltered = _frame(view)
    ids = frozenset(e.id for e in timeline.events[::3])
    document.set_event_filter(ids)
    dimmed = _frame(view)
    assert dimmed != unfiltered  # the dropped events are drawn pale
    assert dimmed == _fresh(qtbot, view, document)
    view.set_filter_mode("hide")
    hidden = _frame(view)
    assert hidden != dimmed
    assert hidden == _fresh(qtbot, view, document, "hide")
    document.set_event_filter(None)
    assert _frame(view) == unfiltered


def test_an_edit_repaints_the_marks_as_a_fresh_canvas_would(qtbot):
    events = [Event(f"e{i}", PartialDate(2010 + i % 8, 1 + i % 12, 1 + i % 27), EventKind.INSPECTION,
                    f"Inspection {i}", rating=list(Rating)[i % 4]) for i in range(40)]
    events.append(Event("twin", PartialDate(2012, 5, 5), EventKind.INSPECTION, "Twin", rating=Rating.GOOD))
    events.append(Event("moved", PartialDate(2012, 5, 5), EventKind.INSPECTION, "Moved", rating=Rating.GOOD))
    timeline = Timeline(title="t", events=events)
    document, view = _view(qtbot, timeline)
    before = _frame(view)
    moved = next(e for e in timeline.events if e.id == "moved")
    document.push(SetField(document, moved, "date", PartialDate(2016)))  # was on its twin; now a year's bracket
    after = _frame(view)
    assert after != before
    assert after == _fresh(qtbot, view, document)
