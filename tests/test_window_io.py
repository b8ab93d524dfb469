"""The window's side of big files: File > Clear parse cache, Save in the background, save before closing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.document import saving as saver_module
from desktop import storage
from desktop.document.commands import SetField
from desktop.window.mainwindow import MainWindow
from samples import write_timeline


@pytest.fixture
def window(open_window, tmp_path):
    return open_window(write_timeline(tmp_path, events=30))


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
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(b for b in box.buttons() if b.text() == "Save").click() or 0)
    _retitle(window, "Saved on the way out")
    path = window.document.path
    assert window.close()
    assert storage.load(path).timeline.title == "Saved on the way out"
    assert not window.files.saver.busy


START_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.document import opening as loader
from desktop.app import main

loader.LARGE_FILE_BYTES = 1  # the small test file stands in for a large one
real_open = loader.BackgroundOpener.open

def open_in_background(self, path):
    print("BACKGROUND OPEN", path, flush=True)
    real_open(self, path)

loader.BackgroundOpener.open = open_in_background

def poll():
    app = QApplication.instance()
    win = next((w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"), None)
    if win is not None and not win.files.opener.busy and win.document.path is not None:
        print("OPENED", win.document.timeline.title, "VISIBLE", win.isVisible(), flush=True)
        win.close()
    else:
        QTimer.singleShot(20, poll)

QTimer.singleShot(0, poll)
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_large_file_given_at_start_opens_in_the_background(tmp_path):
    """Run in a child process: the app's own event loop (and its quit) must not leak into other tests."""
    path = write_timeline(tmp_path, title="Opened after the window showed")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    run = subprocess.run([sys.executable, "-c", START_SCRIPT, str(path), "--settings", str(tmp_path / "s.ini")],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"BACKGROUND OPEN {path}" in run.stdout
    assert "OPENED Opened after the window showed VISIBLE True" in run.stdout
