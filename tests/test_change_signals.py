"""One `changed` per undo step: every command kind and every compound edit sends exactly one on
push, one on undo and one on redo, carrying what the step touched."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand

import desktop
from desktop.document import commands
from desktop.document.commands import COMMANDS, InsertItem, MoveItem, RemoveItem, ReplaceDate, SetField
from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.core.model import EventKind, PresentationStep, Quote, Source, Tenure
from desktop.document import edits as references
from desktop.document.drops import drag_to

# One edit per command class, then every compound edit (references.py, a drag, the event form's
# kind change). Each takes the Document and returns a predicate on the Change it must send.
SINGLE = {
    SetField: lambda d: (d.push(SetField(d, d.timeline.events[0], "title", "New")),
                         lambda c: c.touches(d.timeline.events[0]) and "title" in c.fields),
    ReplaceDate: lambda d: (d.push(ReplaceDate(d, d.timeline.tenures[0], "end", PartialDate(2023))),
                            lambda c: c.touches(d.timeline.tenures[0]) and "end" in c.fields),
    InsertItem: lambda d: (d.push(InsertItem(d, d.timeline.sources, 0, Source("new", "Outlet", "Title"))),
                           lambda c: c.structure and "new" in c.sources),
    RemoveItem: lambda d: (d.push(RemoveItem(d, d.timeline.events[0].quotes, 0)),
                           lambda c: c.touches(d.timeline.events[0]) and "quotes" in c.fields and not c.structure),
    MoveItem: lambda d: (d.push(MoveItem(d, d.timeline.people, 0, 1)),
                         lambda c: c.structure and c.people == {"ged-cooney"}),
}


def _first_event(d):
    return d.timeline.events[0]


COMPOUND = {
    "delete source": lambda d: (references.delete_entry(d, d.timeline.sources[0]),
                                lambda c: "reporter-2017" in c.sources and c.structure),
    "delete person": lambda d: (references.delete_entry(d, d.timeline.people[0]),
                                lambda c: "ged-cooney" in c.people and len(c.tenures) == 1),
    "delete post": lambda d: (references.delete_entry(d, d.timeline.posts[0]),
                              lambda c: "leader" in c.posts and len(c.tenures) == 1),
    "delete event": lambda d: (references.delete_entry(d, _first_event(d)),
                               lambda c: c.structure and c.presentation and c.events),
    "delete quote": lambda d: (references.delete_entry(d, _first_event(d).quotes[0]),
                               lambda c: c.presentation and c.events and "quotes" in c.fields),
    "delete tenure": lambda d: (references.delete_entry(d, d.timeline.tenures[0]),
                                lambda c: c.structure and len(c.tenures) == 1),
    "rename source": lambda d: (references.rename_id(d, d.timeline.sources[0], "reporter"),
                                lambda c: {"reporter-2017", "reporter"} <= c.sources and len(c.events) == 1),
    "rename person": lambda d: (references.rename_id(d, d.timeline.people[0], "g-cooney"),
                                lambda c: {"ged-cooney", "g-cooney"} <= c.people and len(c.events) == 1
                                and len(c.tenures) == 1),
    "rename post": lambda d: (references.rename_id(d, d.timeline.posts[0], "head"),
                              lambda c: {"leader", "head"} <= c.posts and len(c.tenures) == 1),
    "rename event": lambda d: (references.rename_id(d, _first_event(d), "ofsted"),
                               lambda c: c.touches(d.timeline.events[0]) and c.presentation),
    "move quote": lambda d: (references.move_quote(d, _first_event(d), 1, 0),
                             lambda c: c.touches(d.timeline.events[0]) and c.presentation),
    "insert after": lambda d: (references.insert_after(d, d.timeline.tenures, d.timeline.tenures[0],
                                                       Tenure("alison-gwynne", "leader"), "Duplicate"),
                               lambda c: c.structure and len(c.tenures) == 1),
    "drag an event that lasts": lambda d: (_drag_plan(d), lambda c: "date" in c.fields and "end" in c.fields),
    "change kind": lambda d: (_change_kind(d), lambda c: {"kind", "rating"} <= c.fields),
}

#: what references.py exports that is not an edit
NOT_EDITS = {"referrers", "owner_list", "event_of"}


def _drag_plan(d):
    event = _first_event(d)
    event.end = PartialDate(2018)  # not through a command: a drag must then move both ends
    assert drag_to(d, event, "date", date_to_timestamp(PartialDate(2015).start)) is None


def _change_kind(d):
    from desktop.panels.editor.event_form import EventForm

    form = EventForm(d)
    d.select(_first_event(d))
    form._set_kind(None, EventKind.STATEMENT)


EDITS = {**{cls.__name__: edit for cls, edit in SINGLE.items()}, **COMPOUND}


def test_every_command_class_and_compound_edit_is_counted():
    classes = {obj for _name, obj in inspect.getmembers(commands, inspect.isclass)
               if issubclass(obj, QUndoCommand) and obj is not QUndoCommand}
    assert classes == set(COMMANDS) == set(SINGLE)
    edits = set(references.__all__) - NOT_EDITS
    assert edits == {"delete_entry", "rename_id", "move_quote", "insert_after"}
    covered = {name.split()[0] for name in COMPOUND}
    assert {"delete", "rename", "move", "insert"} <= covered


@pytest.mark.parametrize("name", list(EDITS))
def test_one_changed_per_push_undo_and_redo(doc, name):
    seen = []
    doc.changed.connect(seen.append)
    _, expected = EDITS[name](doc)
    assert len(seen) == 1, f"{name}: {len(seen)} changed signals for one edit"
    assert expected(seen[0]), seen[0]
    doc.undo_stack.undo()
    assert len(seen) == 2
    assert expected(seen[1]), seen[1]
    doc.undo_stack.redo()
    assert len(seen) == 3
    assert expected(seen[2]), seen[2]


def test_a_hand_made_macro_is_one_changed(doc):
    seen = []
    doc.changed.connect(seen.append)
    event = _first_event(doc)
    with doc.macro("Three edits"):
        doc.push(SetField(doc, event, "title", "a"))
        doc.push(SetField(doc, event, "summary", "b"))
        doc.push(InsertItem(doc, event.quotes, 0, Quote("Ofsted", "c", "reporter-2017")))
    assert len(seen) == 1 and seen[0].fields == {"title", "summary", "quotes"}
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert len(seen) == 3


def test_jumping_back_in_the_history_is_one_changed(doc):
    """The History panel sets the stack's index: several steps undone, one changed."""
    for title in ("a", "b", "c"):
        doc.push(SetField(doc, _first_event(doc), "title", title))
    seen = []
    doc.changed.connect(seen.append)
    doc.undo_stack.setIndex(0)
    assert len(seen) == 1 and _first_event(doc).title == "Ofsted rates services inadequate"


def test_presentation_steps_are_reported_as_such(doc):
    seen = []
    doc.changed.connect(seen.append)
    steps = doc.timeline.presentation.steps
    doc.push(InsertItem(doc, steps, 0, PresentationStep("ofsted-2016")))
    assert seen[0].presentation and not seen[0].structure and not seen[0].everything


def test_only_the_document_pushes_onto_the_undo_stack():
    """One way to push: `Document.push` and `Document.macro`; no other module touches the stack's
    push or macro calls (undo, redo and the History panel only move along it)."""
    root = Path(desktop.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py") if path.name != "document.py"
                 and any(call in path.read_text(encoding="utf-8") for call in (".push(", "beginMacro", "endMacro"))
                 and "undo_stack" in path.read_text(encoding="utf-8")]
    assert offenders == []
