"""File > New timeline: the real dialog writes NAME.yaml and an empty sources/ folder, and the
window opens it; a folder that cannot be written and a file that exists are refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import storage
from desktop.core.templates import COUNCIL_POSTS
from desktop.document.commands import SetField
from desktop.window.new_timeline import NewTimelineDialog
from samples import editor_timeline
from unprivileged import call_as_nobody, nobody_folder, require_nobody


def _dialog(window) -> NewTimelineDialog:
    window.ui_actions.new.trigger()
    dialog = window.findChild(NewTimelineDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _fill(qtbot, dialog: NewTimelineDialog, title: str, folder, template: int = 0) -> None:
    qtbot.keyClicks(dialog.title_edit, title)
    dialog.folder_edit.setText(str(folder))
    dialog.template_box.setCurrentIndex(template)


def test_ctrl_n_is_file_new_and_every_field_has_its_access_key(open_window):
    from PySide6.QtWidgets import QLabel

    window = open_window()
    assert window.ui_actions.new.shortcut().toString() == "Ctrl+N"
    assert window.ui_actions.new in window.menuBar().actions()[0].menu().actions()
    dialog = _dialog(window)
    labelled = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert labelled == {"&Title:": dialog.title_edit, "&Folder:": dialog.folder_edit,
                        "File &name:": dialog.name_edit, "T&emplate:": dialog.template_box}


def test_council_template_writes_a_valid_file_with_its_posts_and_opens_it(open_window, qtbot, tmp_path):
    window = open_window()
    dialog = _dialog(window)
    _fill(qtbot, dialog, "Tameside children's services", tmp_path, template=1)
    assert dialog.name_edit.text() == "tameside-childrens-services.yaml"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "tameside-childrens-services.yaml"
    result = storage.load(path, strict=True)
    assert result.timeline.title == "Tameside children's services"
    assert [(p.id, p.name) for p in result.timeline.posts] == [(p.id, p.name) for p in COUNCIL_POSTS]
    assert result.timeline.events == [] and result.timeline.sources == []
    assert (tmp_path / "sources").is_dir() and list((tmp_path / "sources").iterdir()) == []
    assert window.document.path == path.resolve()
    assert window.document.timeline.title == "Tameside children's services"
    assert not window.document.is_dirty
    assert not dialog.isVisible()


def test_blank_template_and_a_typed_name(open_window, qtbot, tmp_path):
    window = open_window()
    dialog = _dialog(window)
    _fill(qtbot, dialog, "Rochdale", tmp_path)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "mine.yaml")
    qtbot.keyClicks(dialog.title_edit, " review")  # the name the user typed stays
    assert dialog.name_edit.text() == "mine.yaml"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    timeline = storage.load(tmp_path / "mine.yaml").timeline
    assert timeline.title == "Rochdale review" and timeline.posts == []


def test_an_existing_file_is_never_replaced(open_window, qtbot, tmp_path):
    existing = tmp_path / "rochdale.yaml"
    existing.write_text("keep me\n", encoding="utf-8")
    window = open_window()
    dialog = _dialog(window)
    _fill(qtbot, dialog, "Rochdale", tmp_path)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert dialog.isVisible() and "already exists" in dialog.message.text() and "rochdale.yaml" in dialog.message.text()
    assert not (tmp_path / "sources").exists()
    assert window.document.path is None


def _dialog_in_locked_folder(locked: Path) -> dict:
    """Fill the real dialog with a folder that cannot be written and press Create (run as nobody)."""
    from PySide6.QtWidgets import QApplication
    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow
    from desktop.window.settings import Settings

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Document(), Settings.from_file(locked.parent / "settings.ini"))
    window.ui_actions.new.trigger()
    dialog = window.findChild(NewTimelineDialog)
    dialog.title_edit.setText("Rochdale")
    dialog.folder_edit.setText(str(locked))
    dialog.create_button.click()
    seen = {"message": dialog.message.text(), "open": dialog.isVisible(), "files": sorted(os.listdir(locked))}
    window.close()
    app.processEvents()
    return seen


def test_a_folder_that_cannot_be_written_is_refused(qtbot, tmp_path):
    """Root writes into read-only folders, so as root the case runs as nobody (tests/unprivileged.py)."""
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        seen = _dialog_in_locked_folder(locked)
    else:
        require_nobody()
        folder = nobody_folder()
        try:
            locked = folder / "locked"
            locked.mkdir(mode=0o555)
            seen = call_as_nobody("test_new_timeline", "_dialog_in_locked_folder", locked, home=folder)
        finally:
            shutil.rmtree(folder)
    assert "cannot be written" in seen["message"] and str(locked) in seen["message"]
    assert seen["open"] and seen["files"] == []


def test_a_missing_folder_is_refused(open_window, qtbot, tmp_path):
    window = open_window()
    dialog = _dialog(window)
    _fill(qtbot, dialog, "Rochdale", tmp_path / "nowhere")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.message.text() and dialog.isVisible()


def test_unsaved_changes_are_asked_about_first(open_window, qtbot, tmp_path, monkeypatch):
    old = tmp_path / "old" / "t.yaml"
    old.parent.mkdir()
    storage.save(editor_timeline(), old)
    window = open_window(old)
    window.document.push(SetField(window.document, window.document.timeline, "title", "Edited"))
    asked = []

    def press(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Cancel").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    window.ui_actions.new.trigger()
    assert len(asked) == 1 and "unsaved changes" in asked[0]
    assert window.findChild(NewTimelineDialog) is None
    assert window.document.timeline.title == "Edited"

    asked.clear()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (asked.append(box.text()), next(
        b for b in box.buttons() if b.text() == "Save").click(), 0)[-1])
    dialog = _dialog(window)
    assert storage.load(old).timeline.title == "Edited"  # saved before the dialog showed
    _fill(qtbot, dialog, "Next", tmp_path)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1  # not asked a second time when the new file opens
    assert window.document.path == (tmp_path / "next.yaml").resolve()
