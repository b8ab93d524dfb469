"""Crash recovery: unsaved edits reach a recovery file, vanish on save, and come back after a crash."""

from __future__ import annotations

import pytest

from desktop import storage
from desktop.commands import SetField
from desktop.document import Document
from desktop.recovery import ENV_INTERVAL, Autosaver, RecoveryStore, autosave_interval_ms
from editor_sample import sample_timeline


@pytest.fixture
def doc(qtbot, tmp_path):
    path = tmp_path / "t.yaml"
    storage.save(sample_timeline(), path)
    document = Document()
    document.open(path)
    return document


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
    doc.save()
    assert not written.exists() and saver.recovery_file is None


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
