"""Fits the editor into the main window: docks, the Edit menu section, the canvas' fast paths, and the
prompts that keep work safe (recovery at start-up, a file changed on disk).

The window calls `EditorDocks(window)` once; everything here still goes through the Document
(selection, commands on its undo stack), so the editor and the other panels never talk directly.
"""

from __future__ import annotations

import datetime as dt
import difflib

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QDockWidget, QLineEdit, QMenu, QPlainTextEdit, QVBoxLayout,
)

from desktop import storage
from desktop.document.opening import is_large
from desktop.core.dates import PartialDate, Precision, timestamp_to_date
from desktop.core.model import Event, Tenure, EventKind
from desktop.document.drops import drag_to
from desktop.panels.editor.event_form import KIND_OF_LANE
from desktop.panels.editor.panel import EditorPanel
from desktop.panels.editor.prompts import choose
from desktop.panels.editor.wording import describe, field_name
from desktop.window.live_provenance import LiveProvenance
from desktop.panels.history import HistoryView
from desktop.document.recovery import Autosaver, RecoveryStore, autosave_interval_ms

__all__ = ["EditorDocks", "click_precision", "model_gaps"]

#: the finest date precision a click can mean: a day when a day is this many pixels wide, else a month...
MIN_PIXELS = 4.0


def click_precision(seconds_per_pixel: float) -> Precision:
    """The date precision a click on the canvas can honestly mean at the current zoom."""
    day = 86400.0 / max(seconds_per_pixel, 1e-9)
    if day >= MIN_PIXELS:
        return Precision.DAY
    return Precision.MONTH if day * 30.44 >= MIN_PIXELS else Precision.YEAR


def model_gaps(timeline) -> list[tuple[object, str, str]]:
    """(entry, field, label) of every required text left empty: the loader would refuse the file."""
    gaps = [(e, "title", "title") for e in timeline.events if not e.title.strip()]
    gaps += [(q, name, name) for e in timeline.events for q in e.quotes
             for name in ("speaker", "text") if not getattr(q, name).strip()]
    gaps += [(s, name, name) for s in timeline.sources for name in ("title", "outlet") if not getattr(s, name).strip()]
    gaps += [(x, "name", "name") for x in [*timeline.people, *timeline.posts] if not x.name.strip()]
    return gaps


class TextFieldKeys(QObject):
    """Ctrl+Del in an editor field deletes the next word there, as in any text box, not the selected entry:
    the field claims the key before the window's shortcut sees it (the menu item still deletes)."""

    def __init__(self, delete_action: QAction, fields_in, parent: QObject) -> None:
        super().__init__(parent)
        self._keys = delete_action.shortcuts()
        # on the editor's own text fields only: an application-wide filter would see every event
        for field in [*fields_in.findChildren(QLineEdit), *fields_in.findChildren(QPlainTextEdit)]:
            field.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, (QLineEdit, QPlainTextEdit)) \
                and not watched.isReadOnly():
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self._keys):
                event.accept()  # the field gets the key press (QLineEdit: delete to the end of the word)
                return True
        return False


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
            window.quotes_dock.raise_()  # reading comes first; the first edit action brings the editor forward
        self.history_dock.hide()
        self._build_actions()
        self.live_provenance = LiveProvenance(self.document, self)
        self.text_keys = TextFieldKeys(self.delete_action, self.panel, self)
        self.panel.live_texts.changed.connect(self.history.viewport().update)  # steps worded with today's names
        for form in self.panel.forms():
            form.attention.connect(self._attention)
        files = getattr(window, "files", None)
        if files is not None:
            files.ready_to_save = self.ready_to_save
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
        # Not the dock's toggleViewAction: that is ticked while the editor is a tab hidden behind another
        # dock, so its first press hid it. This one is ticked only when the editor is on screen.
        self.editor_action = self._action("&Editor panel", self.toggle_editor, "Ctrl+Shift+E",
                                          "Show the editor (or hide it when it is showing)")
        self.editor_action.setCheckable(True)
        self.editor_dock.visibilityChanged.connect(lambda _v: self.editor_action.setChecked(self.editor_on_screen()))
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

    def editor_on_screen(self) -> bool:
        return self.editor_dock.isVisible() and not self.editor_dock.visibleRegion().isEmpty()

    def toggle_editor(self) -> None:
        if self.editor_on_screen():
            self.editor_dock.hide()
        else:
            self.show_editor()
            self.panel.currentWidget().setFocus()
        self.editor_action.setChecked(self.editor_on_screen())

    def show_editor(self, form=None) -> None:
        self.editor_dock.show()
        self.editor_dock.raise_()
        if form is not None:
            self.panel.show_form(form)
        self.editor_action.setChecked(True)

    def add_event(self, date: PartialDate | None = None, kind: EventKind = EventKind.STATEMENT) -> Event | None:
        if not self.panel.event_form.confirm_leave():
            return None  # the shown event holds typing that was not accepted and the user chose to fix it
        self.show_editor(self.panel.event_form)
        event = self.panel.event_form.add_event_at(date or self._view_centre(), kind)
        self.panel.event_form.bindings["title"].editor.setFocus()
        return event

    def _attention(self, form, binding) -> None:
        """A form asks to be seen (the user chose to fix a field): bring the editor and the field forward."""
        self.show_editor(form)
        target = getattr(binding, "text", binding.editor)
        target.setFocus()

    # -- saving: nothing typed lost in silence -------------------------------------------------
    def ready_to_save(self) -> bool:
        """Before a save: typed text that was not accepted, or required fields left empty, are named,
        with the offer to go there; True when the save may go on."""
        rejected = [(form, b) for form in self.panel.forms() for b in form.rejected()]
        gaps = model_gaps(self.document.timeline)
        if not rejected and not gaps:
            return True
        tl = self.document.timeline
        lines = [f"{field_name(b).capitalize()} of {describe(form.entry, tl)}: {b.message} "
                 f"(you typed '{b.typed_text()}'; not saved)" for form, b in rejected]
        lines += [f"{label.capitalize()} of {describe(entry, tl)} is empty (required)" for entry, _f, label in gaps
                  if not any(form.entry is entry and b.name == _f for form, b in rejected)]
        shown = "\n".join(f"• {line}" for line in lines[:10]) + (f"\n… and {len(lines) - 10} more" if len(lines) > 10 else "")
        if gaps:
            buttons, informative = ["Go to the field", "Cancel"], (
                "A required field is empty: the file would not open again, so nothing was saved.")
        else:
            buttons, informative = ["Go to the field", "Save without them", "Cancel"], (
                "Save without them writes the last accepted values; what you typed stays in the fields.")
        answer = choose(self.window, "Not saved yet", f"Some fields hold values that cannot be saved:\n{shown}",
                        buttons, "Go to the field", informative, escape="Cancel")
        if answer == "Save without them":
            return True
        if answer == "Go to the field":
            if rejected:
                form, binding = rejected[0]
            else:
                entry, name, _label = gaps[0]
                form, binding = self._show_entry(entry, name)
            if form is not None:
                self._attention(form, binding)
        return False

    def _show_entry(self, entry, name: str):
        """Select `entry` (or its event) and return (form, binding) showing its field `name`."""
        from desktop.document.edits import event_of
        from desktop.core.model import Quote

        panel, tl = self.panel, self.document.timeline
        if isinstance(entry, Quote):
            self.document.select(event_of(tl, entry))
            form = panel.quote_form
        elif isinstance(entry, (Event, Tenure)):
            self.document.select(entry)
            form = panel.event_form if isinstance(entry, Event) else panel.tenure_form
        else:
            form = {"Source": panel.source_form, "Person": panel.person_form, "Post": panel.post_form}[type(entry).__name__]
        form.set_entry(entry)
        return form, form.bindings[name]

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
        """The canvas' right-click menu: "New event here": the lane clicked decides the kind, the place
        the date, as precise as the zoom lets a click be (a day, a month or a year)."""
        canvas = self.window.timeline_view
        spp = canvas.seconds_per_pixel() if hasattr(canvas, "seconds_per_pixel") else 86400.0
        date = PartialDate.from_date(timestamp_to_date(timestamp), click_precision(spp))
        lane = getattr(canvas, "context_lane", None) or ""
        kind = KIND_OF_LANE.get(lane, EventKind.LEADERSHIP if lane.startswith("post:") else EventKind.STATEMENT)
        menu = QMenu(self.window)
        menu.setObjectName("canvas-context-menu")
        action = menu.addAction(f"New event here ({kind.label}, {date.display()})")
        action.triggered.connect(lambda _checked=False, d=date, k=kind: self.add_event(d, k))
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

