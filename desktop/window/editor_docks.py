"""Fits the editor into the main window: docks, the Edit menu section, the canvas' fast paths, and the
prompts that keep work safe (recovery at start-up, a file changed on disk).

The window calls `EditorDocks(window)` once; everything here still goes through the Document
(selection, commands on its undo stack), so the editor and the other panels never talk directly.
"""

from __future__ import annotations

import datetime as dt
import difflib

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QDockWidget, QMenu, QPlainTextEdit, QVBoxLayout,
)

from desktop import storage
from desktop.document.opening import is_large
from desktop.core.dates import PartialDate, Precision, timestamp_to_date
from desktop.core.model import Event, Tenure
from desktop.document.drops import drag_to
from desktop.panels.editor.panel import EditorPanel
from desktop.panels.editor.prompts import choose
from desktop.panels.history import HistoryView
from desktop.document.recovery import Autosaver, RecoveryStore, autosave_interval_ms

__all__ = ["EditorDocks"]


class EditorDocks(QObject):
    def __init__(self, window, store: RecoveryStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.panel = EditorPanel(self.document)
        self.history = HistoryView(self.document)
        self.editor_dock = self._dock("Editor", "editorDock", self.panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("History", "historyDock", self.history, Qt.DockWidgetArea.RightDockWidgetArea)
        if getattr(window, "quotes_dock", None) is not None:
            window.tabifyDockWidget(window.quotes_dock, self.editor_dock)
            window.quotes_dock.raise_()
        self.history_dock.hide()
        self._build_actions()
        self.store = store or RecoveryStore()
        self.autosaver = Autosaver(self.document, self.store, autosave_interval_ms(window.settings))
        app = QApplication.instance()
        if app is not None:  # a normal quit has already asked Save / Discard: nothing left to recover
            app.aboutToQuit.connect(self.autosaver.discard)
        self.document.file_changed_on_disk.connect(self.file_changed_on_disk)
        canvas = window.timeline_view
        if hasattr(canvas, "context_menu_requested"):
            canvas.context_menu_requested.connect(self.canvas_menu)
        if hasattr(canvas, "item_dragged"):  # (item, "date" | "start" | "end", dropped time in POSIX s)
            canvas.item_dragged.connect(self.item_dragged)

    def _dock(self, title: str, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    # -- Edit menu -------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.add_event_action = self._action("&New event", self.add_event, "Ctrl+Shift+N",
                                             "Add an event (at the view's date when the canvas knows it)")
        self.duplicate_action = self._action("&Duplicate", self.duplicate_selection, "Ctrl+D",
                                             "Duplicate the selected event or tenure")
        self.delete_action = self._action("&Delete\u2026", self.delete_selection, "Ctrl+Del",
                                          "Delete the selected event or tenure (lists what refers to it first)")
        self.editor_action = self.editor_dock.toggleViewAction()
        self.editor_action.setText("&Editor panel")
        self.editor_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("&History")
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        menu = getattr(self.window.ui_actions, "edit_menu", None) or self.window.menuBar().addMenu("&Edit")
        menu.addSeparator()
        menu.addActions([self.add_event_action, self.duplicate_action, self.delete_action])
        menu.addSeparator()
        menu.addActions([self.editor_action, self.history_action])
        self.document.selection_changed.connect(self._selection_changed)
        self._selection_changed(self.document.selection)

    def _selection_changed(self, item) -> None:
        for action in (self.duplicate_action, self.delete_action):
            action.setEnabled(isinstance(item, (Event, Tenure)))

    def _form_for_selection(self):
        item = self.document.selection
        if isinstance(item, Event):
            return self.panel.event_form
        if isinstance(item, Tenure):
            return self.panel.tenure_form
        return None

    def show_editor(self, form=None) -> None:
        self.editor_dock.show()
        self.editor_dock.raise_()
        if form is not None:
            self.panel.show_form(form)

    def add_event(self, date: PartialDate | None = None) -> Event:
        self.show_editor(self.panel.event_form)
        event = self.panel.event_form.add_event_at(date or self._view_centre())
        self.panel.event_form.bindings["title"].editor.setFocus()
        self.panel.event_form.bindings["title"].editor.selectAll()
        return event

    def _view_centre(self) -> PartialDate:
        """The day in the middle of the canvas' visible range (today when the canvas cannot say)."""
        view_range = getattr(self.window.timeline_view, "view_range", None)
        if view_range is None:
            return PartialDate.from_date(dt.date.today())
        x0, x1 = view_range()
        return PartialDate.from_date(timestamp_to_date((x0 + x1) / 2))

    def duplicate_selection(self) -> None:
        form = self._form_for_selection()
        if form is not None:
            self.show_editor(form)
            form.duplicate()

    def delete_selection(self) -> None:
        form = self._form_for_selection()
        if form is not None:
            form.delete()

    # -- canvas ------------------------------------------------------------------------------
    def canvas_menu(self, timestamp: float, global_pos: QPoint) -> QMenu:
        """The canvas' right-click menu: "New event here" at the clicked day."""
        date = PartialDate.from_date(timestamp_to_date(timestamp), Precision.DAY)
        menu = QMenu(self.window)
        menu.setObjectName("canvas-context-menu")
        action = menu.addAction(f"New event here ({date.display()})")
        action.triggered.connect(lambda _checked=False, d=date: self.add_event(d))
        menu.popup(global_pos)
        return menu

    def item_dragged(self, item, field: str, timestamp: float) -> None:
        """A drag on the canvas ended: one undoable date change, snapped to the date's precision."""
        problem = drag_to(self.document, item, field, timestamp)
        if problem:
            self.window.statusBar().showMessage(f"Not moved: {problem}", 6000)

    # -- safety prompts ----------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """At start-up: offer Restore / Discard for edits a crashed session left; True if restored."""
        for found in self.store.pending():
            answer = choose(self.window, "Recover unsaved changes",
                            f"Unsaved changes were recovered from a session that ended unexpectedly:\n{found.describe()}",
                            ["Restore", "Discard"], "Restore",
                            "Restore opens them as unsaved changes (save to keep them). Discard deletes them.",
                            escape="Restore")  # closing the box must not delete the only copy
            if answer == "Discard":
                self.store.remove(found.file)
                continue
            try:
                self.store.restore(found, self.document)
            except (storage.LoadError, OSError) as exc:
                choose(self.window, "Could not restore", f"{found.file}: {exc}", ["OK"], "OK")
                continue
            self.store.remove(found.file)
            self.autosaver.autosave()  # this session now holds the edits (and the lock)
            return True
        return False

    def file_changed_on_disk(self, path) -> str:
        """The open file changed on disk: Reload / Keep mine / Compare, never silently either side."""
        while True:
            gone = not path.exists()
            text = (f"{path.name} was deleted or moved on disk." if gone else
                    f"{path.name} was changed on disk by another program (a git pull, another editor).")
            mine = "You also have unsaved changes here." if self.document.is_dirty else "You have no unsaved changes here."
            buttons = ["Keep mine"] if gone else ["Reload", "Keep mine", "Compare"]
            answer = choose(self.window, "File changed on disk", text, buttons, buttons[0], escape="Keep mine",
                            informative=f"{mine}\nReload reads the file again (dropping changes made here). "
                            "Keep mine keeps this version; the next Save overwrites the file on disk. "
                            "Compare shows the differences first.")
            if answer == "Compare":
                self.compare(path)
                continue
            if answer == "Reload":
                files = getattr(self.window, "files", None)
                if files is not None and is_large(path):
                    files.reload_later(path)  # parsed off the GUI thread, with progress and Cancel
                    return answer
                try:
                    self.document.reload()
                except (storage.LoadError, OSError) as exc:
                    choose(self.window, "Cannot reload", f"The file on disk cannot be read now:\n{exc}",
                           ["OK"], "OK")
                    continue
            else:
                self.document.keep_mine()
            return answer

    def compare(self, path) -> QDialog:
        """Show the differences between the file on disk and this window's version."""
        theirs = (self.document.disk_text() or "").splitlines(keepends=True)
        mine = storage.dump(self.document.timeline).splitlines(keepends=True)
        diff = "".join(difflib.unified_diff(theirs, mine, f"on disk: {path.name}", "in this window"))
        dialog = QDialog(self.window)
        dialog.setWindowTitle(f"Compare {path.name}")
        view = QPlainTextEdit(diff or "No differences.")
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(900, 640)
        dialog.exec()
        return dialog

