"""The Document guards the file: FILE.bak, round trips, failed saves keep the edits, external changes are noticed."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from desktop import storage
from desktop.document.commands import SetField
from desktop.document import Document, FileChangedOnDisk
from saving import save
from unprivileged import NOBODY, call_as_nobody, nobody_folder, require_nobody


def _edit(doc: Document, title: str = "Edited title") -> None:
    doc.push(SetField(doc, doc.timeline.events[0], "title", title))


def test_save_then_load_gives_the_same_timeline(doc, tmp_path):
    _edit(doc)
    save(doc, tmp_path / "copy.yaml")
    assert storage.load(tmp_path / "copy.yaml").timeline == doc.timeline
    assert doc.path == (tmp_path / "copy.yaml").resolve()


def test_save_keeps_the_previous_version_as_bak(doc):
    before = doc.path.read_bytes()
    _edit(doc)
    save(doc)
    assert doc.path.with_name("t.yaml.bak").read_bytes() == before
    assert doc.path.read_bytes() != before
    assert not doc.is_dirty


def _fail(code: int):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return refuse


# Where each failure really happens: a full disk when the data is flushed to it (fsync, with
# delayed allocation), a read-only folder when the temporary file is created next to the target.
FAILURES = {"disk-full": (os, "fsync", errno.ENOSPC), "read-only": (tempfile, "mkstemp", errno.EACCES)}


@pytest.mark.parametrize("name", list(FAILURES))
def test_a_failed_save_reports_and_keeps_the_edits(doc, monkeypatch, name):
    module, function, code = FAILURES[name]
    before = doc.path.read_bytes()
    _edit(doc)
    monkeypatch.setattr(module, function, _fail(code))
    with pytest.raises(OSError) as info:
        save(doc)
    assert info.value.errno == code
    assert doc.is_dirty
    assert doc.timeline.events[0].title == "Edited title"
    assert doc.path.read_bytes() == before
    assert sorted(p.name for p in doc.path.parent.iterdir()) == ["t.yaml"]  # no temp file left behind
    monkeypatch.undo()
    save(doc)
    assert storage.load(doc.path).timeline == doc.timeline and not doc.is_dirty


def _save_into_read_only_folder(path: Path) -> dict:
    """Open `path`, edit, make its folder read-only, save: what a user would see."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - the Document's file watcher needs one
    doc = Document()
    doc.open(path)
    before = path.read_bytes()
    _edit(doc)
    os.chmod(path.parent, 0o555)
    try:
        save(doc)
        error = None
    except OSError as exc:
        error = exc.errno
    finally:
        os.chmod(path.parent, 0o755)
    return {"error": error, "dirty": doc.is_dirty, "title": doc.timeline.events[0].title,
            "unchanged": path.read_bytes() == before, "files": sorted(p.name for p in path.parent.iterdir())}


def test_saving_into_a_read_only_folder_fails_and_keeps_the_edits(doc):
    """Root writes into read-only folders, so as root the case runs as nobody (tests/unprivileged.py)."""
    if os.geteuid() != 0:
        seen = _save_into_read_only_folder(doc.path)
    else:
        require_nobody()
        folder = nobody_folder()
        try:
            path = folder / "t.yaml"
            shutil.copyfile(doc.path, path)
            os.chown(path, NOBODY, NOBODY)
            seen = call_as_nobody("test_document", "_save_into_read_only_folder", path, home=folder)
        finally:
            shutil.rmtree(folder)
    assert seen["error"] == errno.EACCES
    assert seen["dirty"] and seen["title"] == "Edited title"
    assert seen["unchanged"] and seen["files"] == ["t.yaml"]


def test_an_external_change_is_noticed(doc, qtbot):
    text = doc.path.read_text(encoding="utf-8").replace("Sample council", "Changed by git")
    with qtbot.waitSignal(doc.file_changed_on_disk, timeout=5000) as blocker:
        doc.path.write_text(text, encoding="utf-8")
    assert blocker.args == [doc.path]


def test_an_atomic_replace_is_noticed_and_watching_goes_on(doc, qtbot):
    for n in range(2):
        tmp = doc.path.with_name(f"other{n}.tmp")
        tmp.write_text(doc.path.read_text(encoding="utf-8") + f"# {n}\n", encoding="utf-8")
        with qtbot.waitSignal(doc.file_changed_on_disk, timeout=5000):
            os.replace(tmp, doc.path)


def test_our_own_save_is_not_an_external_change(doc, qtbot):
    seen = []
    doc.file_changed_on_disk.connect(seen.append)
    _edit(doc)
    save(doc)
    doc.check_disk()
    doc.check_disk()
    assert seen == []


def test_a_background_save_recorded_while_settling_is_not_an_external_change(doc, qtbot):
    import hashlib

    seen = []
    doc.file_changed_on_disk.connect(seen.append)
    _edit(doc)
    storage.save(doc.timeline, doc.path, backup=True)  # as desktop.document.saving's thread writes it
    doc.check_disk()  # the watcher sees new bytes before the saver reports back
    doc.mark_saved(doc.path, hashlib.sha256(doc.path.read_bytes()).digest(), clean=True)
    doc.check_disk()
    assert seen == [] and not doc.is_dirty


def test_changed_bytes_are_announced_once_they_settle(doc, qtbot):
    seen = []
    doc.file_changed_on_disk.connect(seen.append)
    doc.path.write_bytes(doc.path.read_bytes() + b"# theirs\n")
    doc.check_disk()
    assert seen == []  # first sighting: wait until they stay the same
    doc.check_disk()
    assert seen == [doc.path]
    doc.check_disk()
    assert seen == [doc.path]  # announced once


def test_saving_over_an_unacknowledged_external_change_is_refused(doc, qtbot):
    _edit(doc)
    theirs = doc.path.read_bytes() + b"# theirs\n"
    doc.path.write_bytes(theirs)
    with pytest.raises(FileChangedOnDisk):
        save(doc)
    assert doc.path.read_bytes() == theirs and doc.is_dirty


def test_keep_mine_makes_the_next_save_overwrite_on_purpose(doc, qtbot):
    doc.path.write_bytes(doc.path.read_bytes().replace(b"Sample council", b"Theirs"))
    doc.keep_mine()
    assert doc.is_dirty
    save(doc)
    assert storage.load(doc.path).timeline.title == "Sample council"


def test_reload_takes_their_version(doc, qtbot):
    _edit(doc)
    doc.path.write_bytes(doc.path.read_bytes().replace(b"Sample council", b"Theirs"))
    doc.reload()
    assert doc.timeline.title == "Theirs" and not doc.is_dirty


def test_dirty_changed_follows_the_undo_stack(doc, qtbot):
    with qtbot.waitSignal(doc.dirty_changed) as blocker:
        _edit(doc)
    assert blocker.args == [True]
    with qtbot.waitSignal(doc.dirty_changed) as blocker:
        doc.undo_stack.undo()
    assert blocker.args == [False]
