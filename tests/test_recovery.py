"""Crash recovery: unsaved edits reach a recovery file, vanish on save, and come back after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import storage
from desktop.document.commands import SetField
from desktop.document import Document
from desktop.document.recovery import ENV_INTERVAL, Autosaver, RecoveryStore, autosave_interval_ms
from samples import editor_timeline
from saving import save


@pytest.fixture
def store(tmp_path):
    return RecoveryStore(tmp_path / "recovery")


def _edit(doc, title="Edited before the crash"):
    doc.push(SetField(doc, doc.timeline.events[0], "title", title))


def test_the_interval_is_30_seconds_unless_configured(settings, monkeypatch):
    monkeypatch.delenv(ENV_INTERVAL, raising=False)
    assert autosave_interval_ms(settings) == 30_000
    settings.set_value("recovery/autosave_seconds", 5)
    assert autosave_interval_ms(settings) == 5_000
    monkeypatch.setenv(ENV_INTERVAL, "50")
    assert autosave_interval_ms(settings) == 50


def test_unsaved_edits_are_autosaved_and_removed_on_save(doc, store, qtbot):
    saver = Autosaver(doc, store, 50)
    _edit(doc)
    qtbot.waitUntil(lambda: saver.recovery_file is not None and saver.recovery_file.exists(), timeout=5000)
    recovered = storage.load(saver.recovery_file).timeline
    assert recovered.events[0].title == "Edited before the crash"
    written = saver.recovery_file
    save(doc)
    assert not written.exists() and saver.recovery_file is None


def test_saving_while_an_autosave_is_being_written_leaves_no_recovery_file(doc, store, qtbot):
    saver = Autosaver(doc, store, 60_000)
    _edit(doc)
    saver.autosave()  # the write runs in a thread...
    save(doc)  # ...and the save's discard waits for it, then removes the file
    assert list(store.folder.glob("*.yaml")) == [] and saver.recovery_file is None


def test_undoing_back_to_the_saved_state_removes_the_recovery_file(doc, store, qtbot):
    saver = Autosaver(doc, store, 50)
    _edit(doc)
    qtbot.waitUntil(lambda: saver.recovery_file is not None, timeout=5000)
    written = saver.recovery_file
    doc.undo_stack.undo()
    assert not written.exists()


def test_a_running_window_s_recovery_file_is_not_offered(doc, store, qtbot):
    saver = Autosaver(doc, store, 50)
    _edit(doc)
    qtbot.waitUntil(lambda: saver.recovery_file is not None, timeout=5000)
    assert store.pending() == []


def test_a_dead_writer_s_file_is_offered_and_restores_as_unsaved_edits(doc, store, qtbot):
    _edit(doc)
    store.write(doc.timeline, doc.path)  # as if written by a process that then died (no lock held)
    [found] = store.pending()
    assert found.original == doc.path
    fresh = Document()
    fresh.open(doc.path)
    assert fresh.timeline.events[0].title != "Edited before the crash"
    store.restore(found, fresh)
    assert fresh.timeline.events[0].title == "Edited before the crash"
    assert fresh.is_dirty and fresh.path == doc.path
    assert fresh.timeline == doc.timeline


def test_restored_quotes_are_checked_against_archives_next_to_the_original(doc, store, qtbot):
    archive = doc.path.parent / "sources" / "r.txt"
    archive.parent.mkdir()
    archive.write_text("Inspectors: Progress is too slow. The end.", encoding="utf-8")
    doc.push(SetField(doc, doc.timeline.sources[0], "archive", "sources/r.txt"))
    store.write(doc.timeline, doc.path)
    fresh = Document()
    store.restore(store.pending()[0], fresh)
    messages = [p.message for p in fresh.warnings]
    assert len(messages) == 1 and "We accept the findings." in messages[0], messages


# -- a real crash: the app is killed with SIGKILL, then started again ---------------------------
CRASHING_SESSION = """
import sys
from desktop.document.commands import SetField
from desktop.window.mainwindow import MainWindow

opened = MainWindow.open_path

def open_and_edit(self, path, interactive=True):
    ok = opened(self, path, interactive)
    doc = self.document
    doc.push(SetField(doc, doc.timeline.events[0], "title", "Edited before the crash"))
    print("EDITED", flush=True)
    return ok

MainWindow.open_path = open_and_edit
from desktop.app import main
raise SystemExit(main(sys.argv[1:]))
"""

RESTARTED_SESSION = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop.window.editor_docks import EditorDocks

def press_restore(box):
    print("ASKED", box.windowTitle(), "|", box.text().replace("\\n", " "), flush=True)
    next(b for b in box.buttons() if b.text() == "Restore").click()
    return 0

QMessageBox.exec = press_restore
offered = EditorDocks.offer_recovery

def offer_then_save(self):
    restored = offered(self)
    print("RESTORED", restored, self.document.is_dirty, flush=True)
    QTimer.singleShot(0, lambda: (self.window.save(), QApplication.quit()))
    return restored

EditorDocks.offer_recovery = offer_then_save
from desktop.app import main
raise SystemExit(main(sys.argv[1:]))
"""


def _run_env() -> dict:
    """The test's isolated HOME and XDG folders (set by conftest), a 100 ms autosave, no display."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNCIL_TIMELINE_AUTOSAVE_MS="100")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return env


@pytest.mark.slow
def test_edits_survive_a_crash_and_are_offered_on_the_next_start(tmp_path, _isolated_home):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    before = path.read_bytes()
    env = _run_env()
    data_home = _isolated_home / ".local" / "share"
    args = [str(path), "--settings", str(tmp_path / "s.ini")]
    crashing = subprocess.Popen([sys.executable, "-c", CRASHING_SESSION, *args], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30  # a bound on a hung child, not a speed assertion
        found = []
        while not found and time.monotonic() < deadline and crashing.poll() is None:
            found = [f for f in data_home.rglob("recovery/*.yaml")
                     if b"Edited before the crash" in f.read_bytes()]
            time.sleep(0.05)
        assert found, f"no recovery file; child said: {crashing.stderr.read() if crashing.poll() is not None else ''}"
    finally:
        os.kill(crashing.pid, signal.SIGKILL)
        crashing.wait()
    assert crashing.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # the edit was never saved

    restarted = subprocess.run([sys.executable, "-c", RESTARTED_SESSION, *args], env=env,
                               capture_output=True, text=True, timeout=60)
    assert restarted.returncode == 0, restarted.stderr
    assert "ASKED Recover unsaved changes" in restarted.stdout and "t.yaml" in restarted.stdout
    assert "RESTORED True True" in restarted.stdout
    assert storage.load(path).timeline.events[0].title == "Edited before the crash"
    assert list(data_home.rglob("recovery/*.yaml")) == []  # saved: nothing left to recover
