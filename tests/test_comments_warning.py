"""Saving over a hand-edited file with `#` comments asks first, since the canonical writer drops them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.document.commands import SetField
from desktop.document import Document
from desktop.window.mainwindow import MainWindow

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "canonical.yaml"


@pytest.fixture
def commented(tmp_path) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "commented.yaml"
    path.write_text("# kept by hand: check the 2019 dates\n" + text, encoding="utf-8")
    for archive in FIXTURE.parent.glob("sources/*"):  # the fixture's archived texts, if any
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / archive.name).write_bytes(archive.read_bytes())
    return path


@pytest.fixture
def window(open_window, commented):
    w = open_window(commented)
    w.document.push(SetField(w.document, w.document.timeline, "title", "Edited title"))
    return w


def _answer(monkeypatch, label: str) -> list[str]:
    """Every message box gets the button with the text `label` pressed; their texts are kept."""
    asked = []

    def press(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    return asked


def test_cancel_keeps_the_file_and_its_comments(window, commented, monkeypatch):
    before = commented.read_bytes()
    asked = _answer(monkeypatch, "Cancel")
    assert window.files.save(wait=True) is False
    assert len(asked) == 1 and "comments" in asked[0] and "commented.yaml" in asked[0]
    assert commented.read_bytes() == before
    assert window.document.is_dirty


def test_save_anyway_writes_once_keeps_a_backup_and_asks_no_more(window, commented, monkeypatch):
    before = commented.read_text(encoding="utf-8")
    asked = _answer(monkeypatch, "Save")
    assert window.files.save(wait=True) is True
    assert len(asked) == 1
    after = commented.read_text(encoding="utf-8")
    assert "Edited title" in after and "#" not in after.splitlines()[0]
    assert commented.with_name("commented.yaml.bak").read_text(encoding="utf-8") == before
    window.document.push(SetField(window.document, window.document.timeline, "title", "Again"))
    assert window.files.save(wait=True) is True
    assert len(asked) == 1, "asked again about comments that are already gone"


def test_a_file_without_comments_saves_without_asking(qtbot, settings, tmp_path, monkeypatch):
    path = tmp_path / "plain.yaml"
    path.write_bytes(FIXTURE.read_bytes())
    w = MainWindow(Document(), settings)
    qtbot.addWidget(w)
    assert w.open_path(path, interactive=False)
    w.document.push(SetField(w.document, w.document.timeline, "title", "Edited"))
    asked = _answer(monkeypatch, "Cancel")
    assert w.files.save(wait=True) is True
    assert asked == []
