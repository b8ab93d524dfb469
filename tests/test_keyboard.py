"""The keyboard alone: F6 and Shift+F6 move between the timeline and the docks showing, and
Help > Keyboard shortcuts lists every action with a shortcut, from the actions themselves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop import storage
from desktop.window import keyboard
from samples import editor_timeline


@pytest.fixture
def window(open_window, tmp_path, qtbot):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    win = open_window(path, (1366, 768))
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def _pane_of(win):
    focus = QApplication.focusWidget()
    for pane in keyboard.panes(win):
        if pane is focus or pane.isAncestorOf(focus):
            return pane
    return None


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_f6_visits_the_timeline_and_every_dock_showing_and_comes_back(window, qtbot):
    canvas = window.timeline_view
    canvas._graphics.setFocus()
    shown = keyboard.panes(window)
    assert shown[0] is canvas and window.event_dock in shown and window.quotes_dock in shown
    visited = [_pane_of(window)]
    for _ in range(len(shown)):
        _press(qtbot, Qt.Key.Key_F6)
        visited.append(_pane_of(window))
    assert visited[0] is canvas and visited[1] is window.event_dock
    assert canvas in visited[2:]  # round the ring and back
    ring = visited[1:visited.index(canvas, 1)]
    assert len(set(ring)) == len(ring) and set(ring) <= set(shown[1:])  # each dock once, in window order
    assert ring == [p for p in shown if p in ring]


def test_shift_f6_goes_the_other_way(window, qtbot):
    window.timeline_view._graphics.setFocus()
    _press(qtbot, Qt.Key.Key_F6)
    forward = _pane_of(window)
    assert forward is window.event_dock
    assert window.event_list.search.hasFocus()  # the dock's first field takes the focus
    _press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _pane_of(window) is window.timeline_view
    _press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _pane_of(window) is keyboard.panes(window)[-1]


def test_a_hidden_dock_is_skipped(window, qtbot):
    window.event_dock.hide()
    window.timeline_view._graphics.setFocus()
    _press(qtbot, Qt.Key.Key_F6)
    assert _pane_of(window) not in (window.event_dock, window.timeline_view)


def test_the_shortcuts_list_holds_every_action_with_a_shortcut(window, qtbot):
    rows = keyboard.shortcuts(window)
    listed = {(action, keys) for _menu, action, keys in rows}
    native = QKeySequence.SequenceFormat.NativeText
    assert ("Open", QKeySequence(QKeySequence.StandardKey.Open).toString(native)) in listed
    assert ("Present", "F5") in listed and ("Next pane", "F6") in listed and ("Previous pane", "Shift+F6") in listed
    for action in window.findChildren(QAction):
        if action.shortcuts():
            assert any(keys.startswith(action.shortcuts()[0].toString(native)) for _a, keys in listed), action.text()
    added = QAction("&Frobnicate", window)  # a new action is listed with no list to keep
    added.setShortcut("Ctrl+Alt+J")
    window.ui_actions.view_menu.addAction(added)
    assert ("View", "Frobnicate", "Ctrl+Alt+J") in keyboard.shortcuts(window)


def test_help_menu_opens_the_list(window, qtbot):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "&Keyboard shortcuts")
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        table = dialog.table
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
        seen["name"] = table.accessibleName()
        dialog.reject()

    QTimer.singleShot(0, look)
    action.trigger()
    assert ("File", "Open", QKeySequence(QKeySequence.StandardKey.Open).toString(
        QKeySequence.SequenceFormat.NativeText)) in seen["rows"]
    assert ("View > Panels", "Next pane", "F6") in seen["rows"]
    assert seen["name"] == "Keyboard shortcuts"
