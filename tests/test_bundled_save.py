"""Saving the timeline that ships inside the bundle writes a copy elsewhere, with its sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.core import paths
from desktop import storage
from desktop.document.commands import SetField
from desktop.document import Document
from desktop.window.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def frozen_bundle(tmp_path, monkeypatch) -> Path:
    """A fake unpacked PyInstaller bundle holding data/tameside.yaml and its archived sources."""
    bundle = tmp_path / "_MEI12345"
    shutil.copytree(ROOT / "data", bundle / "data")
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    monkeypatch.setattr(paths, "base_dir", lambda: bundle)
    return bundle


def test_save_of_the_bundled_timeline_asks_where_and_takes_the_sources_along(
        qtbot, settings, tmp_path, frozen_bundle, monkeypatch):
    bundled = paths.default_timeline()
    before = bundled.read_bytes()
    window = MainWindow(Document(), settings)
    qtbot.addWidget(window)
    assert window.open_path(bundled, interactive=False)
    doc = window.document
    doc.push(SetField(doc, doc.timeline, "title", "My working copy"))
    target = tmp_path / "mine" / "tameside.yaml"
    target.parent.mkdir()
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, start, filt: offered.append(start) or (str(target), filt))
    assert window.files.save(wait=True)
    assert offered and not offered[0].startswith(str(frozen_bundle)), "offered to save inside the bundle"
    assert bundled.read_bytes() == before
    result = storage.load(target, strict=True)  # every quote still found in its archive beside it
    assert result.timeline.title == "My working copy" and result.warnings == []
    assert doc.path == target.resolve() and not doc.is_dirty
    # from now on Save writes the copy, without asking
    doc.push(SetField(doc, doc.timeline, "title", "Again"))
    offered.clear()
    assert window.files.save(wait=True) and offered == []
    assert storage.load(target).timeline.title == "Again"


def test_outside_a_bundle_save_writes_in_place(qtbot, settings, tmp_path, monkeypatch):
    path = tmp_path / "t.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "canonical.yaml", path)
    assert not paths.is_bundled(path)
    window = MainWindow(Document(), settings)
    qtbot.addWidget(window)
    assert window.open_path(path, interactive=False)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("asked for a file name"))
    window.document.push(SetField(window.document, window.document.timeline, "title", "Edited"))
    assert window.files.save(wait=True)
    assert storage.load(path).timeline.title == "Edited"
