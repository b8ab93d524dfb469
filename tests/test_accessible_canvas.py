"""The canvas is a list to a screen reader: its events (in date order) and tenures are its
accessible children, each with a spoken name, a role, a state and a place on screen, and the
selected one is the focused one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from desktop import storage
from samples import editor_timeline

Text, Role = QAccessible.Text, QAccessible.Role


@pytest.fixture
def window(open_window, tmp_path):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    return open_window(path, (1366, 768))


def _face(win):
    return QAccessible.queryAccessibleInterface(win.timeline_view._graphics)


def _names(face):
    return [face.child(i).text(Text.Name) for i in range(face.childCount())]


def test_the_canvas_lists_every_event_in_date_order_then_every_tenure(window):
    face = _face(window)
    timeline = window.document.timeline
    assert face.role() == Role.List and face.text(Text.Name) == "Timeline"
    assert face.childCount() == len(timeline.events) + len(timeline.tenures)
    names = _names(face)
    events = timeline.events_in_order()
    for name, event in zip(names, events):
        assert name.endswith(f": {event.title}") and name.startswith(event.kind.label + ", ")
    assert names[len(events):] == ["Ged Cooney, Council leader, from 2021 to June 2022"]
    child = face.child(0)
    assert child.role() == Role.ListItem and child.parent() is face
    assert face.indexOfChild(child) == 0


def test_an_inspection_is_named_with_its_date_rating_and_quotes(window):
    face = _face(window)
    event = window.document.timeline.events_in_order()[0]
    name = face.child(0).text(Text.Name)
    quotes = f"{len(event.quotes)} quote" + ("" if len(event.quotes) == 1 else "s")
    assert name == f"Inspection, 2016, rated {event.rating.label}, {quotes}: {event.title}"


def test_selecting_an_event_makes_it_the_focused_child(window, qtbot):
    face = _face(window)
    assert face.focusChild() is None
    canvas = window.timeline_view._graphics
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)  # the first event in date order
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)  # the second
    second = window.document.timeline.events_in_order()[1]
    assert window.document.selection is second
    focus = face.focusChild()
    assert focus is not None and face.indexOfChild(focus) == 1
    assert focus.text(Text.Name) == "Leadership, about 1 June 2022, 1 quote: Council leader resigns"
    state = focus.state()
    assert state.focused and state.selected and state.selectable
    assert not face.child(0).state().focused


def test_a_child_is_where_its_mark_is_drawn(window):
    face = _face(window)
    view = window.timeline_view
    event = window.document.timeline.events_in_order()[0]
    rect = face.child(0).rect()
    assert not rect.isEmpty()
    centre = view.viewport().mapToGlobal(view.viewport_pos(event))
    assert rect.contains(centre)
    assert face.childAt(centre.x(), centre.y()).text(Text.Name) == face.child(0).text(Text.Name)


def test_hiding_filtered_events_takes_them_out_of_the_list(window):
    face = _face(window)
    timeline = window.document.timeline
    before = face.childCount()
    keep = timeline.events_in_order()[0]
    window.timeline_view.set_filter_mode("hide")
    window.document.set_event_filter(frozenset({keep.id}))
    assert face.childCount() == before - (len(timeline.events) - 1)
    assert face.child(0).text(Text.Name).endswith(keep.title)


def test_moving_the_selection_tells_assistive_technology(window, qtbot, monkeypatch):
    from desktop.timeline import accessible

    told = []
    monkeypatch.setattr(accessible.QAccessible, "isActive", staticmethod(lambda: True))  # as when a screen reader runs
    monkeypatch.setattr(accessible.QAccessible, "updateAccessibility",
                        staticmethod(lambda event: told.append((event.type(), event.child(), event.object()))))
    canvas = window.timeline_view._graphics
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    focus = [(child, obj) for kind, child, obj in told if kind == QAccessible.Event.Focus]
    assert [child for child, _ in focus][-2:] == [0, 1]
    assert all(obj is canvas for _, obj in focus)
