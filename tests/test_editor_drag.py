"""Dragging a date on the canvas: snapped to the date's precision, one undoable step, never end before start."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.dates import PartialDate, Precision, date_to_timestamp
from desktop.document.drops import drag_to, snap
from saving import save
from editor_helpers import open_editor_sample


def _ts(y, m=1, d=1, hours=0):
    return date_to_timestamp(dt.date(y, m, d)) + hours * 3600


@pytest.mark.parametrize("ts,precision,edge,expected", [
    (_ts(2017, 5, 1), Precision.YEAR, "start", PartialDate(2017)),
    (_ts(2017, 9, 1), Precision.YEAR, "start", PartialDate(2018)),
    (_ts(2017, 3, 20), Precision.MONTH, "start", PartialDate(2017, 4)),
    (_ts(2017, 3, 10, 13), Precision.DAY, "start", PartialDate(2017, 3, 11)),
    (_ts(2022, 7, 3), Precision.MONTH, "end", PartialDate(2022, 6)),
    (_ts(2022, 7, 29), Precision.MONTH, "end", PartialDate(2022, 7)),
])
def test_a_dropped_time_snaps_to_the_nearest_period_of_the_date_s_precision(ts, precision, edge, expected):
    assert snap(ts, precision, edge) == expected


@pytest.fixture
def doc(qtbot, tmp_path):
    return open_editor_sample(tmp_path)


def test_dragging_an_event_is_one_undoable_step_that_keeps_approx_and_precision(doc):
    event = doc.timeline.events[1]  # c. 1 Jun 2022
    save(doc)
    before = doc.path.read_bytes()
    assert drag_to(doc, event, "date", _ts(2022, 8, 14, 20)) is None
    assert event.date == PartialDate(2022, 8, 15, approx=True)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert event.date == PartialDate(2022, 6, 1, approx=True)
    save(doc)
    assert doc.path.read_bytes() == before


def test_an_event_that_lasts_keeps_its_length(doc):
    event = doc.timeline.events[0]
    event.end = PartialDate(2018)
    assert drag_to(doc, event, "date", _ts(2019, 2, 1)) is None
    assert (event.date, event.end) == (PartialDate(2019), PartialDate(2021))
    doc.undo_stack.undo()
    assert (event.date, event.end) == (PartialDate(2016), PartialDate(2018))


def test_dragging_a_tenure_edge_moves_that_edge_only(doc):
    tenure = doc.timeline.tenures[0]  # 2021 to Jun 2022
    assert drag_to(doc, tenure, "end", _ts(2023, 3, 1)) is None
    assert (tenure.start, tenure.end) == (PartialDate(2021), PartialDate(2023, 2))
    doc.undo_stack.undo()
    assert tenure.end == PartialDate(2022, 6)


def test_a_drag_that_would_end_before_the_start_is_refused(doc):
    tenure = doc.timeline.tenures[0]
    problem = drag_to(doc, tenure, "end", _ts(2019, 1, 1))
    assert problem and "before it starts" in problem
    assert tenure.end == PartialDate(2022, 6) and doc.undo_stack.count() == 0
