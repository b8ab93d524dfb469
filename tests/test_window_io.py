"""The window's side of big files: File > Clear parse cache, Save in the background, save before closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import saver as saver_module
from desktop import storage
from desktop.commands import SetField
from desktop.document import Document
from desktop.mainwindow import MainWindow
from tests.io_sample import write_timeline


@pytest.fixture
def window(qtbot, tmp_path, settings):
    win = MainWindow(Document(), settings)
    win.show()
    assert win.open_path(write_timeline(tmp_path, events=30), interactive=False)
    yield win
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _menu_action(win: MainWindow, menu_title: str, text: str):
    menu = next(a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == menu_title)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _retitle(win: MainWindow, title: str) -> None:
    win.document.push(SetField(win.document, win.document.timeline, "title", title))


def test_clear_parse_cache_from_the_file_menu(window):
    cache = window.files.cache
    assert cache.entries()  # the open above parsed the file and kept it
    _menu_action(window, "File", "Clear parse cache").trigger()
    assert cache.entries() == []
    assert "cleared" in window.statusBar().currentMessage()
    assert window.open_path(window.document.path, interactive=False)  # parsed again, and kept again
    assert cache.entries()


def test_save_of_a_large_timeline_runs_in_the_background(window, qtbot, monkeypatch):
    monkeypatch.setattr(saver_module, "SYNC_BELOW", 0)  # this small file stands in for a large one
    _retitle(window, "Saved in the background")
    with qtbot.waitSignal(window.files.saver.saved, timeout=10_000):
        window.ui_actions.save.trigger()
        assert window.files.saver.busy  # the action returned before the file was written
    assert storage.load(window.document.path).timeline.title == "Saved in the background"
    assert not window.isWindowModified()


def test_save_before_closing_waits_for_the_background_write(window, monkeypatch):
    monkeypatch.setattr(saver_module, "SYNC_BELOW", 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save.value)
    _retitle(window, "Saved on the way out")
    path = window.document.path
    assert window.close()
    assert storage.load(path).timeline.title == "Saved on the way out"
    assert not window.files.saver.busy
