"""Undo commands: each edit is one step, undo gives back exactly what was there (down to the saved bytes)."""

from __future__ import annotations

import copy

import pytest

from desktop import storage
from desktop.document.commands import InsertItem, MoveItem, RemoveItem, ReplaceDate, SetField
from desktop.core.dates import PartialDate
from desktop.document import Document
from desktop.core.model import Person, Quote
from desktop.document.edits import delete_entry, move_quote, referrers, rename_id
from saving import save


def _bytes_after_undo(doc: Document, edit) -> tuple[bytes, bytes]:
    """Save, apply `edit`, undo it, save again: return both files' bytes."""
    save(doc)
    before = doc.path.read_bytes()
    edit(doc)
    assert doc.is_dirty
    doc.undo_stack.undo()
    assert not doc.is_dirty
    save(doc)
    return before, doc.path.read_bytes()


EDITS = {
    "set title": lambda d: d.push(SetField(d, d.timeline.events[0], "title", "New title")),
    "replace date": lambda d: d.push(ReplaceDate(d, d.timeline.events[1], "date", PartialDate(2023, 1, 2))),
    "insert": lambda d: d.push(InsertItem(d, d.timeline.people, 0, Person("x", "X"))),
    "remove": lambda d: d.push(RemoveItem(d, d.timeline.events, 0)),
    "move": lambda d: d.push(MoveItem(d, d.timeline.events[0].quotes, 0, 1)),
    "delete person": lambda d: delete_entry(d, d.timeline.people[0]),
    "delete source": lambda d: delete_entry(d, d.timeline.sources[0]),
    "delete post": lambda d: delete_entry(d, d.timeline.posts[0]),
    "delete quote": lambda d: delete_entry(d, d.timeline.events[0].quotes[0]),
    "rename person": lambda d: rename_id(d, d.timeline.people[0], "g-cooney"),
    "move quote": lambda d: move_quote(d, d.timeline.events[0], 1, 0),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_undo_restores_the_exact_file_bytes(doc, name):
    before, after = _bytes_after_undo(doc, EDITS[name])
    assert after == before


@pytest.mark.parametrize("name", list(EDITS))
def test_every_edit_is_one_undo_step_that_redo_repeats(doc, name):
    original = copy.deepcopy(doc.timeline)
    EDITS[name](doc)
    edited = copy.deepcopy(doc.timeline)
    assert edited != original
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.timeline == original
    doc.undo_stack.redo()
    assert doc.timeline == edited


def test_commands_notify_the_document_on_redo_and_undo(doc, qtbot):
    with qtbot.waitSignal(doc.changed):
        doc.push(SetField(doc, doc.timeline, "title", "Renamed"))
    with qtbot.waitSignal(doc.changed):
        doc.undo_stack.undo()
    assert doc.timeline.title == "Sample council"


def test_replace_date_keeps_the_approximate_mark(doc):
    event = doc.timeline.events[1]
    assert event.approx
    doc.push(ReplaceDate(doc, event, "date", PartialDate(2022, 7)))
    assert event.date == PartialDate(2022, 7, approx=True)


def test_deleting_a_person_keeps_the_file_loadable(doc, tmp_path):
    person = doc.timeline.person("ged-cooney")
    lines = referrers(doc.timeline, person)
    assert any("tenure" in line for line in lines) and any("quote" in line for line in lines)
    delete_entry(doc, person)
    tl = doc.timeline
    assert tl.person("ged-cooney") is None
    assert not tl.tenures
    assert tl.events[1].people == [] and tl.events[1].quotes[0].speaker == "Ged Cooney"
    save(doc, tmp_path / "out.yaml")
    assert storage.load(tmp_path / "out.yaml").timeline == tl


def test_deleting_a_quote_keeps_presentation_steps_on_their_quotes(doc):
    first, second = doc.timeline.events[0].quotes
    delete_entry(doc, first)
    step = doc.timeline.presentation.steps[0]
    assert doc.timeline.events[0].quotes[step.quote] is second
    delete_entry(doc, second)
    assert step.quote is None


def test_moving_a_quote_keeps_presentation_steps_on_their_quote(doc):
    event = doc.timeline.events[0]
    shown = event.quotes[1]
    move_quote(doc, event, 1, 0)
    assert event.quotes[0] is shown
    assert event.quotes[doc.timeline.presentation.steps[0].quote] is shown


def test_renaming_a_source_updates_every_reference(doc):
    rename_id(doc, doc.timeline.sources[1], "mel-2022-06")
    tl = doc.timeline
    assert tl.tenures[0].sources == ["mel-2022-06"]
    assert tl.events[1].sources == ["mel-2022-06"]
    assert tl.events[1].quotes[0].source == "mel-2022-06"


def test_a_macro_is_one_step(doc):
    quotes = doc.timeline.events[0].quotes
    with doc.macro("Two edits"):
        doc.push(SetField(doc, quotes[0], "text", "a"))
        doc.push(InsertItem(doc, quotes, 2, Quote("Ofsted", "b", "reporter-2017")))
    assert doc.undo_stack.count() == 1 and len(quotes) == 3
    doc.undo_stack.undo()
    assert len(quotes) == 2 and quotes[0].text == "Progress is too slow."


def test_setting_an_unknown_field_is_refused(doc):
    with pytest.raises(AttributeError):
        SetField(doc, doc.timeline.events[0], "titel", "x")
