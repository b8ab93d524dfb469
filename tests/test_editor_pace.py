"""Editing at a researcher's pace: the whole task (a new event with a new source, a new speaker and a
quote, saved) driven through the real widgets at 1366x768 and counted, and one test per problem the
researcher met on the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QMessageBox

from desktop import storage
from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.core.model import EventKind
from desktop.window.mainwindow import MainWindow
from editor_helpers import Answers

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "The local authority has made progress since the last visit."


@pytest.fixture
def window(qtbot, tmp_path, settings):
    shutil.copy(ROOT / "data" / "tameside.yaml", tmp_path / "t.yaml")
    shutil.copytree(ROOT / "data" / "sources", tmp_path / "sources")
    (tmp_path / "sources" / "ofsted-letter-2024.txt").write_text(f"Ofsted letter.\n{QUOTE}\nMore.\n")
    from desktop.document import Document

    win = MainWindow(Document(), settings)
    assert win.open_path(tmp_path / "t.yaml", interactive=False)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class User:
    """Drives the real widgets and counts what a user does: each click, key sequence or typed field."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.actions: list[str] = []

    def click(self, widget, pos: QPoint | None = None, button=Qt.MouseButton.LeftButton, what: str = "") -> None:
        self.actions.append(f"click {what}")
        self.qtbot.mouseClick(widget, button, pos=pos if pos is not None else widget.rect().center())

    def type(self, widget, text: str) -> None:
        self.actions.append(f"type {text!r}")
        self.qtbot.keyClicks(widget, text)

    def key(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.actions.append(f"key {key} {modifier}")
        self.qtbot.keyClick(widget, key, modifier)

    def pick_popup_row(self, popup, text: str) -> None:
        """Click the row of a completer's (or combo's) popup list that shows `text`."""
        model = popup.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)
        rect = popup.visualRect(model.index(row, 0))
        self.click(popup.viewport(), rect.center(), what=text)


def _in_dialog(qtbot, user: User, steps) -> None:
    """Run `steps(dialog)` on the modal dialog that the next action opens."""
    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), dialog
        steps(dialog)
    QTimer.singleShot(0, act)


def test_a_new_event_with_a_new_source_speaker_and_quote_in_at_most_20_actions(window, qtbot):
    user = User(qtbot)
    view = window.timeline_view
    editor = window.editor
    # 1-2. Right-click the Inspections lane at June 2024, choose "New event here"
    where = view.point_at(date_to_timestamp(PartialDate(2024, 6, 15).start), "inspections")
    user.click(view.viewport(), where, Qt.MouseButton.RightButton, "canvas")
    menu = window.findChild(QMenu, "canvas-context-menu")
    [new_here] = menu.actions()
    assert "Inspection" in new_here.text()
    user.click(menu, menu.actionGeometry(new_here).center(), what=new_here.text())
    event = window.document.selection
    assert event.kind is EventKind.INSPECTION and event.date.year == 2024  # the lane and the place decide
    form = editor.panel.event_form
    assert editor.editor_on_screen() and form.entry is event
    # 3. The title field has the focus and is empty (a placeholder, no sample text to select first)
    title = form.bindings["title"].editor
    assert QApplication.focusWidget() is title and title.text() == ""
    user.type(title, "Ofsted monitoring visit")
    # 4-5. The date as precise as the article gives it
    date = form.bindings["date"].text
    user.click(date, what="date")
    date.selectAll()  # a click then typing replaces a selection the user made with the same click
    user.type(date, "2024-06")
    # 6-7. Kind: open the combo, click "Monitoring visit"
    kind = form.bindings["kind"].editor
    user.click(kind, what="kind")
    qtbot.waitUntil(kind.view().isVisible)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a combo ignores a release this soon after it opened
    user.pick_popup_row(kind.view(), "Monitoring visit")
    # 8-12. Sources: type a title, "Create source '...'", give the outlet and archive, OK
    sources = form.bindings["sources"].editor
    user.click(sources, what="sources")
    user.type(sources, "Ofsted monitoring letter")
    popup = form.source_picker.popup()
    assert popup.isVisible()

    def fill(dialog):
        user.type(dialog.outlet, "Ofsted")
        user.click(dialog.archive, what="archive")
        user.type(dialog.archive, "sources/ofsted-letter-2024.txt")
        user.click(dialog.buttons.button(dialog.buttons.StandardButton.Ok), what="OK")
    _in_dialog(qtbot, user, fill)
    user.pick_popup_row(popup, "Create source 'Ofsted monitoring letter'")
    window.activateWindow()  # what the window system does when a dialog closes (offscreen does not)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # 13-15. Add quote (on the event form), type a new speaker, "Create person 'Jane Doe'"
    user.click(form.add_quote_button, what="Add quote")
    quotes = editor.panel.quote_form
    speaker = quotes.bindings["speaker"].editor
    assert QApplication.focusWidget() is speaker and speaker.currentText() == ""
    user.type(speaker, "Jane Doe")
    user.pick_popup_row(quotes.speaker_picker.popup(), "Create person 'Jane Doe'")
    # 16-17. The quote's words
    text = quotes.bindings["text"].editor
    user.click(text.viewport(), what="quote text")
    user.type(text, QUOTE)
    # 18. Save
    user.key(text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.document.is_dirty)

    saved = storage.load(window.document.path).timeline
    [new] = [e for e in saved.events if e.title == "Ofsted monitoring visit"]
    assert (new.date, new.kind) == (PartialDate(2024, 6), EventKind.MONITORING_VISIT)
    assert new.id == "2024-06-ofsted-monitoring-visit"  # the id followed the date and the title
    source = saved.source(new.sources[0])
    assert (source.title, source.outlet, source.archive) == ("Ofsted monitoring letter", "Ofsted",
                                                              "sources/ofsted-letter-2024.txt")
    [quote] = new.quotes
    assert (quote.text, quote.source) == (QUOTE, source.id)
    assert saved.person(quote.speaker).name == "Jane Doe"
    print(f"\n{len(user.actions)} actions:", *user.actions, sep="\n  ")
    assert len(user.actions) <= 20
