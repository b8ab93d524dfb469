"""Helpers for editor tests: a saved sample document, typing into fields, answering message boxes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import storage
from desktop.document import Document
from samples import editor_timeline


def open_editor_sample(tmp_path) -> Document:
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    document = Document()
    document.open(path)
    return document


def type_into(qtbot, binding, text: str) -> None:
    """Replace a field's text the way a user does, then finish editing (Return, or leaving the box)."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

    editor = getattr(binding, "text", binding.editor)
    if isinstance(editor, QComboBox):
        editor = editor.lineEdit()
    if isinstance(editor, QLineEdit):
        editor.selectAll()
        editor.clear()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    elif isinstance(editor, QPlainTextEdit):
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        QApplication.sendEvent(editor, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    else:
        raise TypeError(type(editor))


def pick(binding, data) -> None:
    """Choose the combo box item whose data is `data`, as a click would."""
    combo = binding.editor
    index = binding.index_of(data)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


class Answers:
    """Patch QMessageBox.exec to press the button with a given text; records what each box said."""

    def __init__(self, monkeypatch, *labels: str) -> None:
        self.labels = list(labels)
        self.asked: list[str] = []
        answers = self

        def fake_exec(box: QMessageBox) -> int:
            answers.asked.append("\n".join((box.text(), box.informativeText())))
            label = answers.labels.pop(0)
            button = next(b for b in box.buttons() if b.text().replace("&", "") == label)
            button.click()
            standard = box.standardButton(button)  # what a real exec returns for standard buttons
            return standard.value if standard != QMessageBox.StandardButton.NoButton else 0

        monkeypatch.setattr(QMessageBox, "exec", fake_exec)
