"""The keyboard alone: F6 and Shift+F6 move the focus from pane to pane (the timeline and each
dock that is showing), and Help > Keyboard shortcuts lists every action that has a shortcut,
read from the actions themselves so the list cannot fall behind the menus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QDockWidget, QHeaderView, QMainWindow, QMenu,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

NATIVE = QKeySequence.SequenceFormat.NativeText


def panes(window: QMainWindow) -> list[QWidget]:
    """The timeline, then every dock showing, left to right and top to bottom (a dock tabbed behind
    another is not showing)."""
    docks = [d for d in window.findChildren(QDockWidget)
             if d.isVisible() and not d.visibleRegion().isEmpty() and d.widget() is not None]
    docks.sort(key=lambda d: (d.mapTo(window, d.rect().topLeft()).x(), d.mapTo(window, d.rect().topLeft()).y()))
    return [window.centralWidget(), *docks]


def _first_focusable(pane: QWidget) -> QWidget | None:
    """The first widget of `pane` that Tab would reach."""
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus and pane.isEnabled() and pane.isVisible():
        return pane
    w = pane.nextInFocusChain()
    for _ in range(2000):
        if w is pane:
            break
        if pane.isAncestorOf(w) and w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return w
        w = w.nextInFocusChain()
    return None


def cycle(window: QMainWindow, forward: bool = True) -> QWidget | None:
    """Give the focus to the next (or previous) pane; returns the widget now focused."""
    shown = panes(window)
    focus = QApplication.focusWidget()
    here = next((i for i, p in enumerate(shown) if focus is not None and (p is focus or p.isAncestorOf(focus))), -1)
    step = 1 if forward else -1
    for k in range(1, len(shown) + 1):
        pane = shown[(here + step * k) % len(shown)] if here >= 0 else shown[0 if forward else -1]
        target = _first_focusable(pane)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason if not forward else Qt.FocusReason.TabFocusReason)
            return target
    return None


def add_pane_actions(window: QMainWindow, menu: QMenu) -> tuple[QAction, QAction]:
    """F6 and Shift+F6, in `menu` so that they are found and listed like any other action."""
    made = []
    for text, key, forward in (("Next &pane", "F6", True), ("Pre&vious pane", "Shift+F6", False)):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(f"Move the keyboard focus to the {'next' if forward else 'previous'} panel ({key})")
        action.triggered.connect(lambda _checked=False, f=forward: cycle(window, f))
        menu.addAction(action)
        made.append(action)
    return made[0], made[1]


def shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the window with a shortcut: the menus' first, in
    their order, then any other action of the window."""
    rows, seen = [], set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.menu().title().replace('&', '')}")
            elif action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((path, _plain(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), top.menu().title().replace("&", ""))
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in seen:
            seen.add(id(action))
            rows.append(("Other", _plain(action.text()), _keys(action)))
    return rows


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\u2026", "")


def _keys(action: QAction) -> str:
    """The action's shortcuts as typed, leaving out the media keys some keyboards have ("Open", "Find")."""
    typed = [k for k in action.shortcuts() if k.count() and k[0].key().value < Qt.Key.Key_Back.value]
    return " or ".join(k.toString(NATIVE) for k in typed or action.shortcuts())


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: a table a screen reader reads row by row."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))  # plain text items
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(700, 560)
        self.table.setFocus()
