"""The editor inside the main window: Edit menu, unsaved-changes prompt, disk changes, fast paths."""

from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QPlainTextEdit

from desktop import storage
from desktop.document.commands import SetField
from desktop.core.dates import PartialDate, date_to_timestamp, timestamp_to_date
from desktop.window.mainwindow import MainWindow
from desktop.core.model import Quote
from editor_helpers import Answers
from samples import editor_timeline


@pytest.fixture
def window(qtbot, tmp_path, settings):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    from desktop.document import Document

    win = MainWindow(Document(), settings)  # disposed below, not by qtbot
    assert win.open_path(path, interactive=False)
    win.show()
    yield win
    win.document.undo_stack.setClean()  # closing must not ask (and block) when a test leaves edits
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _edit(window, title="Edited title"):
    doc = window.document
    doc.push(SetField(doc, doc.timeline.events[0], "title", title))


def test_the_title_mark_follows_the_undo_stack(window):
    assert not window.isWindowModified()
    _edit(window)
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()


def test_the_edit_menu_has_the_editor_section(window):
    texts = [a.text().replace("&", "") for a in window.ui_actions.edit_menu.actions()]
    for wanted in ("New event", "Duplicate", "Delete…", "History"):
        assert wanted in texts
    window.editor.history_action.trigger()
    assert window.editor.history_dock.isVisible()
    _edit(window)
    assert window.editor.history.model().rowCount() == 2  # "Opened file" and the edit


def test_edit_menu_new_event_and_delete(window, monkeypatch):
    doc = window.document
    window.editor.add_event_action.trigger()
    added = doc.selection
    assert added in doc.timeline.events and window.editor.panel.event_form.entry is added
    x0, x1 = window.timeline_view.view_range()
    assert added.date == PartialDate.from_date(timestamp_to_date((x0 + x1) / 2))  # where the user looks
    Answers(monkeypatch, "Delete")
    window.editor.delete_action.trigger()
    assert added not in doc.timeline.events


@pytest.mark.parametrize("answer", ["Save", "Discard", "Cancel"])
def test_closing_with_unsaved_changes_asks_and_does_what_the_answer_says(window, monkeypatch, answer):
    before = window.document.path.read_bytes()
    _edit(window)
    answers = Answers(monkeypatch, answer)
    window.close()
    assert answers.asked and "unsaved changes" in answers.asked[0]
    written = window.document.path.read_bytes() != before
    assert written == (answer == "Save")
    assert window.isVisible() == (answer == "Cancel")
    if answer == "Save":
        assert storage.load(window.document.path).timeline.events[0].title == "Edited title"


def test_opening_another_file_with_unsaved_changes_can_be_cancelled(window, monkeypatch, tmp_path):
    other = tmp_path / "other.yaml"
    storage.save(editor_timeline(), other)
    _edit(window)
    Answers(monkeypatch, "Cancel")
    assert not window.open_path(other)
    assert window.document.path.name == "t.yaml" and window.document.is_dirty


def test_a_failed_save_is_reported_and_the_edits_stay(window, monkeypatch):
    import errno

    _edit(window)
    answers = Answers(monkeypatch, "OK")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # a full disk shows when the data is flushed
    assert not window.save()
    assert answers.asked and "No space left" in answers.asked[0]
    assert window.document.is_dirty and window.isWindowModified()


def test_an_external_change_is_noticed_and_keep_mine_keeps_our_edits(window, qtbot, monkeypatch):
    _edit(window)
    answers = Answers(monkeypatch, "Keep mine")
    path = window.document.path
    path.write_bytes(path.read_bytes().replace(b"Sample council", b"Changed by git"))
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=5000)
    assert "changed on disk" in answers.asked[0] and "unsaved changes here" in answers.asked[0]
    assert window.document.timeline.events[0].title == "Edited title" and window.document.is_dirty
    assert window.save()
    assert storage.load(path).timeline.title == "Sample council"


def test_compare_then_reload_takes_their_version(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog.findChild(
        QPlainTextEdit).toPlainText()) or 0)
    answers = Answers(monkeypatch, "Compare", "Reload")
    path = window.document.path
    path.write_bytes(path.read_bytes().replace(b"Sample council", b"Changed by git"))
    qtbot.waitUntil(lambda: len(answers.asked) == 2, timeout=5000)
    assert "Changed by git" in shown[0] and "Sample council" in shown[0]
    assert window.document.timeline.title == "Changed by git" and not window.document.is_dirty


def test_new_event_here_from_the_canvas_menu(window, qtbot):
    viewport = window.timeline_view.viewport()
    with qtbot.waitSignal(window.timeline_view.context_menu_requested) as blocker:
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=viewport.rect().center())
    from desktop.window.editor_docks import click_precision

    precision = click_precision(window.timeline_view.seconds_per_pixel())  # as precise as the zoom allows
    clicked = PartialDate.from_date(timestamp_to_date(blocker.args[0]), precision)
    menu = window.findChild(QMenu, "canvas-context-menu")
    [action] = menu.actions()
    assert clicked.display() in action.text()
    action.trigger()
    event = window.document.selection
    assert event.date == clicked and event in window.document.timeline.events
    assert window.editor.panel.event_form.entry is event
    window.document.undo_stack.undo()
    assert event not in window.document.timeline.events


def test_a_drop_that_would_end_before_the_start_is_reported_in_the_status_bar(window):
    tenure = window.document.timeline.tenures[0]
    window.editor.item_dragged(tenure, "end", date_to_timestamp(PartialDate(2019).start))
    assert "before it starts" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


def test_pasting_from_the_source_viewer_creates_a_quote_with_its_source(window, qtbot):
    doc = window.document
    archive = doc.path.parent / "sources" / "r.txt"
    archive.parent.mkdir()
    archive.write_text("Inspectors said: Progress is too slow. Leaders must act now, they added.", encoding="utf-8")
    doc.push(SetField(doc, doc.timeline.sources[0], "archive", "sources/r.txt"))
    doc.select(doc.timeline.events[0])
    shown = doc.timeline.events[0].quotes[0]
    window.quotes.open_source(shown)
    qtbot.waitUntil(lambda: window.quotes.viewer is not None)  # read in the background
    viewer = window.quotes.viewer
    cursor = viewer.editor.textCursor()
    start = viewer.editor.toPlainText().index("Leaders")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Leaders must act now"), cursor.MoveMode.KeepAnchor)
    viewer.editor.setTextCursor(cursor)
    assert viewer.quote_button.isEnabled()
    viewer.quote_button.click()
    quotes = doc.timeline.events[0].quotes
    assert quotes[1] == Quote("Unknown speaker", "Leaders must act now", "reporter-2017")
    assert doc.undo_stack.count() == 2


def test_escape_on_the_disk_change_prompt_keeps_both_sides(window, qtbot, monkeypatch):
    def press_escape(box):
        box.escapeButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_escape)
    _edit(window)
    path = window.document.path
    theirs = path.read_bytes().replace(b"Sample council", b"Changed by git")
    path.write_bytes(theirs)
    qtbot.waitUntil(lambda: window.document.disk_hash is not None and path.read_bytes() == theirs
                    and window.document.disk_hash == hashlib.sha256(theirs).digest(), timeout=5000)
    assert window.document.timeline.events[0].title == "Edited title" and window.document.is_dirty
    assert path.read_bytes() == theirs


@pytest.mark.parametrize("choice", ["Keep mine", "Reload"])
def test_a_save_refused_by_a_change_on_disk_offers_reload_or_keep_mine(window, qtbot, monkeypatch, choice):
    """Saving before the watcher has noticed a `git pull` must not overwrite it without asking."""
    _edit(window)
    path = window.document.path
    theirs = path.read_bytes().replace(b"Sample council", b"Changed by git")
    path.write_bytes(theirs)  # saved at once: the watcher has not settled yet
    answers = Answers(monkeypatch, choice)
    assert window.save() is False or answers.asked
    assert answers.asked and "changed on disk" in answers.asked[0]
    if choice == "Keep mine":
        qtbot.waitUntil(lambda: not window.document.is_dirty, timeout=5000)
        assert storage.load(path).timeline.events[0].title == "Edited title"
    else:
        assert path.read_bytes() == theirs
        assert window.document.timeline.title == "Changed by git"


def test_reloading_a_large_file_parses_it_in_the_background(window, qtbot, monkeypatch):
    """Reload of a big file must not freeze the window: it goes through the background opener."""
    import desktop.document.opening

    monkeypatch.setattr(desktop.document.opening, "LARGE_FILE_BYTES", 1)  # every file counts as large here
    _edit(window)
    started = []
    window.files.opener.started.connect(started.append)
    answers = Answers(monkeypatch, "Reload")
    path = window.document.path
    path.write_bytes(path.read_bytes().replace(b"Sample council", b"Changed by git"))
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=5000)
    assert started == [path]  # handed to the opener (progress bar and Cancel), not read on this thread
    qtbot.waitUntil(lambda: window.document.timeline.title == "Changed by git", timeout=10000)
    assert not window.document.is_dirty and window.document.path == path


def test_cancelling_a_background_reload_keeps_our_version(window, qtbot, monkeypatch):
    import desktop.document.opening

    monkeypatch.setattr(desktop.document.opening, "LARGE_FILE_BYTES", 1)
    _edit(window)
    window.files.opener.started.connect(lambda _path: window.files.opener.cancel())
    answers = Answers(monkeypatch, "Reload")
    path = window.document.path
    path.write_bytes(path.read_bytes().replace(b"Sample council", b"Changed by git"))
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=5000)
    window.files.opener.wait()
    qtbot.wait(50)
    assert window.document.timeline.events[0].title == "Edited title" and window.document.is_dirty
    assert window.document.timeline.title == "Sample council"
