"""After an edit each view updates only what the edit touched, and ends up as a fresh build would:
the event list changes rows without a reset, the quotes panel of an untouched event stays as it
is, and the canvas lays out again only the touched lanes, array for array as `lanes.build` does."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop.document.commands import InsertItem, RemoveItem, SetField
from desktop.core.dates import PartialDate
from desktop.document import Document
from desktop.core.model import INSPECTION_KINDS, Event, EventKind, Rating, Source
from desktop.panels.event_model import event_rows
from desktop.panels.eventlist import EventListPanel
from desktop.document.edits import delete_entry, rename_id
from desktop.panels.quotes import QuotesPanel
from desktop.timeline import TimelineView
from desktop.timeline import lanes as lane_model

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from generate import make_timeline  # noqa: E402


@pytest.fixture
def big(qtbot):
    document = Document()
    document.set_timeline(make_timeline(600, seed=3), None)
    return document


# -- the event list -------------------------------------------------------------------------------
def _list(qtbot, document):
    panel = EventListPanel(document)
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show()
    resets, changed = [], []
    panel.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    panel.model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    return panel, resets, changed


def test_an_edit_changes_its_row_without_resetting_the_list(qtbot, big):
    panel, resets, changed = _list(qtbot, big)
    event = big.timeline.events[10]
    row = panel.model.row_of(event)
    big.push(SetField(big, event, "title", "A title no other event has"))
    assert resets == []
    assert changed == [(row, row)]
    assert panel.model.index(row, 1).data() == "A title no other event has"
    big.undo_stack.undo()
    assert resets == [] and changed[-1] == (row, row)


def test_the_selected_event_stays_selected_when_its_new_date_moves_its_row(qtbot, big):
    """Its row leaves and comes back elsewhere: the table must not select the neighbour that slid into
    its place (the editor then showed, and typing went into, another event)."""
    panel, _resets, _changed = _list(qtbot, big)
    event = big.timeline.events_in_order()[5]
    big.select(event)
    big.push(SetField(big, event, "date", PartialDate(2099, 1)))
    assert big.selection is event and panel.selected_event() is event
    big.undo_stack.undo()
    assert big.selection is event and panel.selected_event() is event


def test_an_edit_of_a_field_the_list_does_not_show_changes_no_row(qtbot, big):
    panel, resets, changed = _list(qtbot, big)
    big.push(SetField(big, big.timeline.events[3], "sources", []))
    assert resets == [] and changed == []


def test_a_new_date_moves_the_row_where_a_rebuild_puts_it(qtbot, big):
    panel, resets, changed = _list(qtbot, big)
    event = big.timeline.events[5]
    big.push(SetField(big, event, "date", PartialDate(1991, 2)))
    new = panel.model.row_of(event)
    assert resets == [] and changed[-1] == (new, new)
    assert [panel.model.event_at(r) for r in range(panel.model.rowCount())] == event_rows(big.timeline)[0]


def test_the_rows_stay_as_a_rebuild_makes_them_through_many_edits(qtbot, big):
    """Dates, titles, new and deleted events, a source renamed, undo and redo, in a seeded random
    order: rows, their order (ties in file order) and what the search looks in stay those of a
    rebuild, and the model is never reset."""
    panel, resets, _ = _list(qtbot, big)
    rng = random.Random(7)
    events = big.timeline.events
    for step in range(60):
        roll = rng.random()
        event = rng.choice(events)
        if roll < 0.3:
            big.push(SetField(big, event, "date", PartialDate(rng.randint(1990, 2025), rng.choice([None, 3]))))
        elif roll < 0.4:
            big.push(SetField(big, event, "date", rng.choice(events).date))  # a tie
        elif roll < 0.5:
            big.push(SetField(big, event, "title", f"words {step}"))
        elif roll < 0.6:
            big.push(InsertItem(big, events, rng.randrange(len(events)),
                                Event(f"new-{step}", PartialDate(2001, 1), EventKind.DECISION, f"new {step}")))
        elif roll < 0.7:
            delete_entry(big, event)
        elif roll < 0.75:
            rename_id(big, rng.choice(big.timeline.sources), f"source-renamed-{step}")
        elif roll < 0.9:
            big.undo_stack.undo()
        else:
            big.undo_stack.redo()
        rows, search = event_rows(big.timeline)
        assert [panel.model.event_at(r) for r in range(panel.model.rowCount())] == rows, step
        assert [panel.model.search_text(r) for r in range(panel.model.rowCount())] == search, step
        assert all(panel.model.row_of(e) == r for r, e in enumerate(rows[:50]))
    assert resets == []


# -- the quotes panel -----------------------------------------------------------------------------
def test_the_quotes_panel_of_an_untouched_event_is_not_rebuilt(qtbot, doc):
    panel = QuotesPanel(doc)
    qtbot.addWidget(panel)
    shown, other = doc.timeline.events
    doc.select(shown)
    body = panel.widget()
    doc.push(SetField(doc, other, "title", "Another title"))
    rename_id(doc, doc.timeline.sources[1], "mel")  # cited by the other event only
    assert panel.widget() is body
    doc.push(SetField(doc, shown, "summary", "Edited."))
    assert panel.widget() is not body
    body = panel.widget()
    rename_id(doc, doc.timeline.people[1], "a-gwynne")  # named by the shown event
    assert panel.widget() is not body


# -- the canvas -----------------------------------------------------------------------------------
def _same_model(a: lane_model.CanvasModel, b: lane_model.CanvasModel) -> None:
    assert [lane.key for lane in a.lanes] == [lane.key for lane in b.lanes]
    for x, y in zip(a.lanes, b.lanes):
        assert len(x.items) == len(y.items) and all(p is q for p, q in zip(x.items, y.items)), x.key
        for name in ("t0", "t1", "cls", "approx", "priority", "row", "reach", "group", "core0", "core1",
                     "open_end", "sort_key", "rank"):
            u, v = getattr(x, name), getattr(y, name)
            assert (u is None and v is None) or np.array_equal(u, v), (x.key, name)
        assert (x.labels, x.shown, x.rows, x.palette) == (y.labels, y.shown, y.rows, y.palette), x.key
        if x.marks is not None:
            assert all(np.array_equal(getattr(x.marks, n), getattr(y.marks, n))
                       for n in ("t0", "t1", "group", "reach", "inverse")), x.key
        assert x.positions() == y.positions(), x.key
    assert (a.span, a.earliest) == (b.span, b.earliest)


def _canvas(qtbot, document):
    view = TimelineView(document)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    return view


def test_an_edit_relays_only_the_lane_it_touched(qtbot, big):
    view = _canvas(qtbot, big)
    inspection = next(e for e in big.timeline.events if e.kind is EventKind.INSPECTION)
    others = {lane.key: lane for lane in view._model.lanes if lane.key != "inspections"}
    big.push(SetField(big, inspection, "title", "Renamed inspection"))
    assert view.relaid == {"inspections"}
    assert all(lane.key not in others or lane is others[lane.key] for lane in view._model.lanes)
    big.push(SetField(big, inspection, "sources", []))  # not drawn
    assert view.relaid == frozenset()
    tenure = big.timeline.tenures[0]
    big.push(SetField(big, tenure, "end", PartialDate(2024)))
    assert view.relaid == {f"post:{tenure.post}"}
    big.push(SetField(big, inspection, "kind", EventKind.STATEMENT))
    big.push(SetField(big, inspection, "rating", None))
    assert view.relaid == {"statements"}
    _same_model(view._model, lane_model.build(big.timeline, view._model.now))


def test_the_canvas_stays_as_a_fresh_build_makes_it_through_many_edits(qtbot, big):
    view = _canvas(qtbot, big)
    rng = random.Random(11)
    timeline = big.timeline
    relaid = []
    for step in range(80):
        roll = rng.random()
        event = rng.choice(timeline.events)
        if roll < 0.25:
            big.push(SetField(big, event, "date", PartialDate(rng.randint(1985, 2026), rng.choice([None, 5]),
                                                              approx=rng.random() < 0.2)))
        elif roll < 0.3:
            big.push(SetField(big, event, "date", rng.choice(timeline.events).date))  # a tie
        elif roll < 0.4:
            big.push(SetField(big, event, "title", f"title {step}"))
        elif roll < 0.5:
            kind = rng.choice(list(EventKind))
            with big.macro("kind"):
                big.push(SetField(big, event, "rating", rng.choice(list(Rating)) if kind in INSPECTION_KINDS else None))
                big.push(SetField(big, event, "kind", kind))
        elif roll < 0.55:
            big.push(SetField(big, event, "end", PartialDate(event.date.year + 2)))
        elif roll < 0.6:
            tenure = rng.choice(timeline.tenures)
            big.push(SetField(big, tenure, rng.choice(["start", "end"]), PartialDate(rng.randint(1980, 2025))))
        elif roll < 0.65:
            big.push(SetField(big, rng.choice(timeline.tenures), "post", rng.choice(timeline.posts).id))
        elif roll < 0.7:
            big.push(SetField(big, rng.choice(timeline.people), "name", f"Person {step}"))
        elif roll < 0.73:
            big.push(SetField(big, rng.choice(timeline.sources), "published", PartialDate(1970 + step)))
        elif roll < 0.78:
            big.push(InsertItem(big, timeline.events, rng.randrange(len(timeline.events)),
                                Event(f"new-{step}", PartialDate(2001, 1), EventKind.INSPECTION, "new")))
        elif roll < 0.83:
            big.push(RemoveItem(big, timeline.events, rng.randrange(len(timeline.events))))
        elif roll < 0.85:
            big.push(InsertItem(big, timeline.sources, 0, Source(f"s-{step}", "Outlet", "Title")))
        elif roll < 0.93:
            big.undo_stack.undo()
        else:
            big.undo_stack.redo()
        _same_model(view._model, lane_model.build(timeline, view._model.now))
        relaid.append(view.relaid)
    assert lane_model.ALL not in relaid  # no lane came or went, no post changed: never all of them


# -- the editor's choice boxes --------------------------------------------------------------------
def test_a_renamed_source_shows_its_new_id_in_the_source_boxes(qtbot, doc):
    from desktop.panels.editor.catalog_forms import SourceForm
    from desktop.panels.editor.quote_form import QuoteForm

    sources, quotes = SourceForm(doc), QuoteForm(doc)
    for form in (sources, quotes):
        qtbot.addWidget(form)
    doc.select(doc.timeline.events[0])
    box = quotes.bindings["source"].editor
    before = [box.itemText(i) for i in range(box.count())]
    rename_id(doc, doc.timeline.sources[0], "reporter")
    after = [box.itemText(i) for i in range(box.count())]
    assert after == [before[0].rsplit(" (", 1)[0] + " (reporter)", before[1]]  # "title (id)"
    assert box.currentText().endswith(" (reporter)")
    assert [sources.picker.itemText(i) for i in range(sources.picker.count())][0].startswith("reporter: ")
    doc.undo_stack.undo()
    assert [box.itemText(i) for i in range(box.count())] == before
