"""Saving in the background: atomic, FILE.bak kept, and edits made while it writes are never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QTimer

from desktop.document import saving as saver_module
from desktop import storage
from desktop.document.commands import SetField
from desktop.document import Document, FileChangedOnDisk
from desktop.document.saving import BackgroundSaver
from samples import write_timeline


@pytest.fixture
def document(tmp_path, qtbot) -> Document:
    doc = Document()
    doc.open(write_timeline(tmp_path, events=50))
    return doc


@pytest.fixture
def saver(document, monkeypatch):
    """A saver that writes even this small timeline in the background (as it does from SYNC_BELOW events)."""
    monkeypatch.setattr(saver_module, "SYNC_BELOW", 0)
    saver = BackgroundSaver(document)
    yield saver
    assert saver.wait()


def _retitle(document: Document, title: str) -> None:
    document.push(SetField(document, document.timeline, "title", title))


def _title_on_disk(path: Path) -> str:
    return storage.load(path).timeline.title


def test_background_save_writes_the_file_keeps_a_backup_and_marks_clean(document, saver, qtbot):
    before = document.path.read_text(encoding="utf-8")
    _retitle(document, "Saved title")
    with qtbot.waitSignal(saver.saved, timeout=10_000):
        assert saver.save()
    assert _title_on_disk(document.path) == "Saved title"
    assert document.path.with_name(document.path.name + ".bak").read_text(encoding="utf-8") == before
    assert not document.is_dirty
    assert document.disk_hash is not None
    assert not list(document.path.parent.glob(".*.tmp"))  # no temporary file left behind


def test_edits_made_while_the_file_is_written_are_kept_and_leave_the_document_dirty(document, saver, qtbot):
    _retitle(document, "Snapshot title")
    saver.writing.connect(lambda _path: _retitle(document, "Typed while saving"))
    with qtbot.waitSignal(saver.saved, timeout=10_000):
        saver.save()
    assert _title_on_disk(document.path) == "Snapshot title"
    assert document.timeline.title == "Typed while saving"
    assert document.is_dirty
    saver.writing.disconnect()
    with qtbot.waitSignal(saver.saved, timeout=10_000):
        saver.save()
    assert _title_on_disk(document.path) == "Typed while saving"
    assert not document.is_dirty


def test_an_edit_between_snapshot_slices_starts_the_snapshot_again(document, saver, qtbot, monkeypatch):
    monkeypatch.setattr(saver_module, "SLICE", 7)  # 50 events: several event-loop turns
    event = document.timeline.events[40]
    with qtbot.waitSignal(saver.saved, timeout=10_000):
        saver.save()
        QTimer.singleShot(0, lambda: document.push(SetField(document, event, "title", "Renamed mid-snapshot")))
    saved = storage.load(document.path).timeline
    assert saved.events[40].title == "Renamed mid-snapshot"
    assert saved == document.timeline
    assert not document.is_dirty


def test_save_pressed_again_while_writing_runs_after_it_with_the_new_edits(document, saver, qtbot):
    _retitle(document, "First")
    saved = []
    saver.saved.connect(saved.append)
    saver.save()
    _retitle(document, "Second")
    assert saver.save()  # queued behind the first
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=10_000)
    assert _title_on_disk(document.path) == "Second"
    assert not document.is_dirty


def test_a_failed_save_keeps_the_edits_and_the_old_file(document, saver, qtbot, tmp_path):
    _retitle(document, "Not written")
    missing = tmp_path / "no-such-folder" / "out.yaml"
    with qtbot.waitSignal(saver.failed, timeout=10_000) as failed:
        saver.save(missing)
    assert failed.args[0] == missing.resolve() and isinstance(failed.args[1], OSError)
    assert document.is_dirty and document.timeline.title == "Not written"
    assert document.path != missing.resolve()


def test_a_file_changed_on_disk_is_not_overwritten(document, saver, qtbot):
    theirs = document.path.read_text(encoding="utf-8").replace("title: Sample council", "title: Theirs")
    document.path.write_text(theirs, encoding="utf-8")
    _retitle(document, "Mine")
    with qtbot.waitSignal(saver.failed, timeout=10_000) as failed:
        saver.save()
    assert isinstance(failed.args[1], FileChangedOnDisk)
    assert document.path.read_text(encoding="utf-8") == theirs
    assert document.is_dirty


def test_save_as_moves_the_document_to_the_new_file(document, saver, qtbot, tmp_path):
    target = tmp_path / "copy.yaml"
    with qtbot.waitSignal(document.path_changed, timeout=10_000):
        saver.save(target)
    assert document.path == target.resolve()
    assert storage.load(target).timeline == document.timeline


def test_waiting_save_for_closing_returns_only_when_written(document, saver, qtbot):
    _retitle(document, "Before closing")
    assert saver.save(wait=True) is True
    assert _title_on_disk(document.path) == "Before closing"
    assert not document.is_dirty and not saver.busy


def test_a_result_arriving_after_another_file_was_opened_touches_nothing(document, saver, qtbot, tmp_path):
    _retitle(document, "Old file edit")
    old_path = document.path
    other = write_timeline(tmp_path / "other", title="Other file")
    saver.writing.connect(lambda _path: document.open(other))
    with qtbot.waitSignal(saver.saved, timeout=10_000):
        saver.save()
    assert _title_on_disk(old_path) == "Old file edit"
    assert document.path == other.resolve() and not document.is_dirty
    assert document.timeline.title == "Other file"


def test_opening_another_file_before_the_snapshot_is_taken_writes_nothing(document, saver, qtbot, tmp_path):
    old_path, before = document.path, document.path.read_bytes()
    _retitle(document, "Discarded edit")
    with qtbot.waitSignal(saver.finished, timeout=10_000):
        saver.save()
        document.open(write_timeline(tmp_path / "other", title="Other file"))  # after Discard in the prompt
    assert old_path.read_bytes() == before and not saver.busy


def test_a_small_timeline_is_written_at_once(document, qtbot, tmp_path):
    saver = BackgroundSaver(document)
    _retitle(document, "Written now")
    assert saver.save() is True
    assert _title_on_disk(document.path) == "Written now" and not document.is_dirty and not saver.busy
    with qtbot.waitSignal(saver.failed) as failed:
        assert saver.save(tmp_path / "missing" / "x.yaml") is False
    assert isinstance(failed.args[1], OSError)
