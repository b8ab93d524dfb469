"""Every control a screen reader reaches has an accessible name (and the canvas a description):
the main window's widgets, the editor's forms included, asked through QAccessible as a screen
reader would ask them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QDockWidget,
    QGraphicsView, QHeaderView, QLineEdit, QMenuBar, QPlainTextEdit, QScrollBar, QTabBar, QTextEdit, QToolBar,
)

from desktop import storage
from samples import editor_timeline

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QDockWidget, QGraphicsView, QAbstractSpinBox,
            QAbstractSlider, QTabBar, QTextEdit, QPlainTextEdit, QToolBar, QMenuBar)


def _qt_internal(widget) -> bool:
    """Parts Qt makes and names itself (a dock's close button, a combo box's pop-up list, a spin box's
    line edit, a scroll area's bars, a table's header): Qt's own accessibility speaks for them."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
        return True
    if isinstance(widget, QScrollBar) and widget.parentWidget().objectName().startswith("qt_scrollarea"):
        return True
    w = widget
    while w is not None:
        if type(w).__name__ == "QComboBoxPrivateContainer":
            return True
        w = w.parentWidget()
    return False


def _path(widget) -> str:
    parts, w = [], widget
    while w is not None:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(parts))


@pytest.fixture
def window(open_window, tmp_path):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    win = open_window(path, (1366, 768))
    win.editor.editor_dock.show()  # the editor's forms: every kind of entry
    return win


def _controls(win):
    return [w for w in QApplication.allWidgets()
            if isinstance(w, CONTROLS) and w.window() is win and not _qt_internal(w)]


def _name(widget) -> str:
    """The name a screen reader says. A combo box's accessible Name is its value on Linux (AT-SPI
    names it by its label relation instead): there the label that names it is the name."""
    face = QAccessible.queryAccessibleInterface(widget)
    if isinstance(widget, QComboBox):
        labels = [other.text(QAccessible.Text.Name) for other, _ in face.relations(QAccessible.Relation.Label)]
        return (labels[0] if labels and widget.accessibleName() else "").strip()
    return face.text(QAccessible.Text.Name).strip()


def test_every_control_has_an_accessible_name_and_role(window):
    controls = _controls(window)
    assert len(controls) > 40  # the docks, the filters, the table, the toolbar and every editor form
    unnamed, roleless = [], []
    for w in controls:
        face = QAccessible.queryAccessibleInterface(w)
        assert face is not None and face.isValid(), _path(w)
        if not _name(w):
            unnamed.append(f"{_path(w)} ({face.role().name})")
        if face.role() in (QAccessible.Role.NoRole, QAccessible.Role.Client):  # a box that says nothing of itself
            roleless.append(_path(w))
    assert not unnamed, unnamed
    assert not roleless, roleless


def test_combo_boxes_are_named_for_what_they_choose_not_for_their_value(window):
    combos = {w.accessibleName(): _name(w) for w in _controls(window) if isinstance(w, QComboBox)}
    assert combos["Filter by kind"] == "Kind" and combos["Filter by person"] == "Person"
    assert combos["Rating"] == "Rating" and combos["Kind"] == "Kind"  # the editor's event form
    assert "Any" not in combos.values()


def test_the_canvas_is_named_and_says_how_to_use_it(window):
    face = QAccessible.queryAccessibleInterface(window.timeline_view._graphics)
    assert face.text(QAccessible.Text.Name) == "Timeline"
    assert "Tab" in face.text(QAccessible.Text.Description)


def test_toolbar_actions_are_named_and_described(window):
    toolbar = window.findChild(QToolBar, "mainToolbar")
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    assert len(buttons) >= 8
    for button in buttons:
        face = QAccessible.queryAccessibleInterface(button)
        assert face.text(QAccessible.Text.Name).strip(), button
        description = face.text(QAccessible.Text.Description)
        assert description.strip() and "<" not in description, face.text(QAccessible.Text.Name)  # words, not markup
