"""Dates at the calendar's edge: an event in Dec 9999 and a tenure ending 9999-12-31 are valid dates.

`validate` accepts them, every export writes them, and the app shows, filters, zooms and drags them
without an error (Python's dates stop at 9999-12-31, so the day after it cannot be computed).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from samples import BASE
from PySide6.QtCore import QDate

from desktop.app import main
from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.formats.export import FORMATS, SUFFIXES
from desktop.timeline.ticks import ticks

# an inspection in Dec 9999, a tenure to the calendar's last day, and another held only on that day
EDGE = BASE.replace("    date: 2020-01-02", "    date: 9999-12").replace("    end: 2021", "    end: 9999-12-31") + """\
  - id: last-day
    date: 9999-12-31
    approx: false
    kind: statement
    title: The last day
    people: []
    sources: [src]
"""
EDGE = EDGE.replace("""    sources: [src]
events:""", """    sources: [src]
  - person: ann
    post: leader
    start: 9999-12-31
    end: 9999-12-31
    sources: [src]
events:""")


@pytest.fixture
def edge_file(tmp_path) -> Path:
    path = tmp_path / "edge.yaml"
    path.write_text(EDGE, encoding="utf-8")
    return path


def test_validate_accepts_the_last_day_of_the_calendar(edge_file, capsys):
    assert main(["validate", str(edge_file)]) == 0
    out = capsys.readouterr()
    assert "internal error" not in out.err and "valid (2 events, 2 tenures" in out.err


def test_a_tenure_that_truly_ends_before_it_starts_is_still_refused(tmp_path, capsys):
    path = tmp_path / "backwards.yaml"
    path.write_text(BASE.replace("    start: 2019\n    end: 2021", "    start: 9999-12-31\n    end: 9999-12-30"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert "before it starts" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_writes_dates_up_to_9999_12_31(fmt, edge_file, tmp_path, capsys, qapp):
    out = tmp_path / f"out{SUFFIXES[fmt]}"
    assert main(["export", str(edge_file), "--format", fmt, "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as f:
            rows = [(r["start"], r["start_precision"]) for r in csv.DictReader(f)]
            assert rows == [("9999-12-01", "month"), ("9999-12-31", "day")]
    if fmt == "timelinejs":
        dates = [e["start_date"] for e in json.loads(out.read_text(encoding="utf-8"))["events"]]
        assert {"year": 9999, "month": 12, "day": 31} in dates


@pytest.mark.parametrize("fmt", ["png", "csv"])
def test_an_export_of_the_last_month_only(fmt, edge_file, tmp_path, capsys, qapp):
    out = tmp_path / f"dec{SUFFIXES[fmt]}"
    args = ["export", str(edge_file), "--format", fmt, "-o", str(out), "--from", "9999-12", "--to", "9999-12-31"]
    assert main(args) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0


@pytest.fixture
def window(open_window, edge_file):
    return open_window(edge_file, (1366, 768))


def test_the_canvas_shows_and_zooms_into_the_last_day(window, qtbot):
    view, timeline = window.timeline_view, window.document.timeline
    last = timeline.event("last-day")
    assert view.interval(last) == PartialDate(9999, 12, 31).timestamps()
    view.fit_all()
    view.go_to_end()
    for _ in range(40):  # down to the narrowest range, at the end of time
        view.zoom_in()
    view.center_on(last, animate=False)
    for _ in range(10):
        view.pan(0.5)  # past the calendar's last day, as far as the canvas goes
    qtbot.wait(200)
    picture = window.timeline_view.grab()
    assert not picture.isNull()
    x0, x1 = view.view_range()
    assert x1 > PartialDate(9999, 12, 31).timestamps()[1]  # looking beyond the end: nothing failed
    window.document.select(last)
    view.zoom_to_selection()
    qtbot.wait(200)
    assert last in view.labelled_items()
    fine, major = ticks(*view.view_range(), 1000.0, 8.0)  # the axis under it names the right days
    assert "Dec 9999" in [text for _, text in major]
    dec = PartialDate(9999, 12).timestamps()
    assert fine and all(dec[0] <= t < dec[1] for t, _ in fine)


def test_the_event_list_filters_up_to_the_last_day(window, qtbot):
    panel = window.event_list
    assert panel.to_edit.maximumDate() <= QDate(9999, 12, 31)
    panel.from_edit.setDate(QDate(9999, 12, 31))
    panel.to_edit.setDate(panel.to_edit.maximumDate())
    panel.apply_filters()
    assert window.document.event_filter == {"last-day", "ev1"}


def test_dragging_onto_the_last_day_of_the_calendar(qtbot, edge_file):
    from desktop.document import Document
    from desktop.document.drops import drag_to

    document = Document()
    document.open(edge_file)
    event = document.timeline.event("ev1")  # Dec 9999: a month, dropped as far right as the canvas goes
    far_right = date_to_timestamp(dt.date(9999, 12, 31)) + 86400 * 400
    assert drag_to(document, event, "date", far_right) is None or event.date == PartialDate(9999, 12)
    assert event.date == PartialDate(9999, 12)
    event.date, event.end = PartialDate(9999, 6), PartialDate(9999, 11)  # lasting: its end moves with it
    assert drag_to(document, event, "date", far_right) is None
    assert (event.date, event.end) == (PartialDate(9999, 12), PartialDate(9999, 12))
    tenure = document.timeline.tenures[0]  # 2019 to 9999-12-31: its end dragged to the calendar's end
    assert drag_to(document, tenure, "end", far_right) is None
    assert tenure.end == PartialDate(9999, 12, 31)
