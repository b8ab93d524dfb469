"""Shared test set-up: headless Qt, isolated settings and user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before any Qt import: run headless unless a display was chosen on purpose (Xvfb in make test-xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests draw new examples on every developer's run (they found a writer bug that way); CI
# (`.ci/run`, CI=true) draws the same ones each run, so a landing is not decided by the luck of a draw.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep QSettings, caches and recovery files out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    yield home


@pytest.fixture
def settings(tmp_path):
    """A Settings object backed by an ini file in tmp_path (never the user's)."""
    from desktop.window.settings import Settings

    return Settings.from_file(tmp_path / "settings.ini")


@pytest.fixture
def bundled_timeline_path() -> Path:
    return ROOT / "data" / "tameside.yaml"


@pytest.fixture
def doc(qtbot, tmp_path):
    """A Document holding the editor's sample timeline, opened from a file in tmp_path."""
    from desktop import storage
    from desktop.document import Document
    from samples import editor_timeline

    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    document = Document()
    document.open(path)
    return document


@pytest.fixture
def editor_panel(qtbot, doc):
    """The editor's panel on `doc`, shown (its forms: event, quote, tenure, source, person, post)."""
    from desktop.panels.editor.panel import EditorPanel

    widget = EditorPanel(doc)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def open_window(qtbot, settings):
    """The one way tests make a main window: `open_window(path, size=(1280, 720))` opens the file in a
    new MainWindow (with throw-away settings), shows it and waits until it is exposed. After the test
    every window made is closed without the unsaved-changes prompt and deleted at once (leftover
    windows slow every later test that re-polishes the application)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow

    made = []

    def open_(path: Path | None = None, size: tuple[int, int] = (1280, 720), document=None):
        win = MainWindow(document or Document(), settings)
        made.append(win)
        if path is not None:
            assert win.open_path(path, interactive=False)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield open_
    for win in made:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
