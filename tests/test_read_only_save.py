"""A read-only timeline file (0444) is never silently replaced: Save asks first.

The atomic save renames a new file over the old one, which needs only the folder's permission, so
without a check a file someone marked read-only was replaced without a word.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import storage
from desktop.document.commands import SetField
from samples import write_timeline


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_storage_refuses_a_read_only_file_unless_told_to_replace_it(tmp_path):
    path = write_timeline(tmp_path, title="As marked read-only")
    before = path.read_bytes()
    path.chmod(0o444)
    timeline = storage.load(path).timeline
    timeline.title = "Changed"
    with pytest.raises(storage.ReadOnlyFile) as caught:
        storage.save(timeline, path, backup=True)
    assert "read-only" in str(caught.value)
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, "sources"])
    storage.save(timeline, path, backup=True, overwrite_read_only=True)
    assert storage.load(path).timeline.title == "Changed"
    assert _mode(path) == 0o444  # replaced on request, and still read-only
    assert (tmp_path / f"{path.name}.bak").read_bytes() == before


@pytest.fixture
def window(open_window, tmp_path):
    return open_window(write_timeline(tmp_path, title="As marked read-only"))


def _answer(monkeypatch, label: str) -> list[str]:
    """Every message box asked gets the button whose text starts with `label`; their texts are kept."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "").startswith(label)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def _edit_and_save(window, title: str) -> None:
    window.document.push(SetField(window.document, window.document.timeline, "title", title))
    window.ui_actions.save.trigger()


def test_save_over_a_read_only_file_asks_and_cancel_leaves_it(window, monkeypatch):
    path = window.document.path
    before = path.read_bytes()
    path.chmod(0o444)
    asked = _answer(monkeypatch, "Cancel")
    _edit_and_save(window, "Not saved")
    assert len(asked) == 1 and "read-only" in asked[0]
    assert path.read_bytes() == before and window.document.is_dirty


def test_replace_after_confirming_keeps_it_read_only_and_asks_once(window, monkeypatch):
    path = window.document.path
    before = path.read_bytes()
    path.chmod(0o444)
    asked = _answer(monkeypatch, "Replace")
    _edit_and_save(window, "Replaced on purpose")
    assert storage.load(path).timeline.title == "Replaced on purpose"
    assert _mode(path) == 0o444 and not window.document.is_dirty
    assert (path.parent / f"{path.name}.bak").read_bytes() == before
    _edit_and_save(window, "Again")
    assert storage.load(path).timeline.title == "Again" and len(asked) == 1  # the answer holds for this file


def test_save_as_from_the_read_only_question_writes_elsewhere(window, monkeypatch, tmp_path):
    path = window.document.path
    before = path.read_bytes()
    path.chmod(0o444)
    _answer(monkeypatch, "Save As")
    other = tmp_path / "copy" / "mine.yaml"
    other.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    _edit_and_save(window, "Saved as a copy")
    assert path.read_bytes() == before
    assert storage.load(other).timeline.title == "Saved as a copy"
    assert window.document.path == other.resolve()
