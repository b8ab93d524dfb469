"""The editor takes no more text than the loader accepts, says so by the field, and never freezes on a paste.

Before: a 10 MB summary pasted in the editor froze the window for 44 s, was saved, and the file then
would not open ("summary is too long"); a pasted title was cut at 32,767 characters without a word.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from saving import save
from desktop import storage
from desktop.storage.fields import MAX_ID, MAX_TEXT

TEN_MB = "x" * 10_000_000


@pytest.fixture
def panel(editor_panel, doc):
    editor_panel.show_form(editor_panel.event_form)
    doc.select(doc.timeline.events[0])
    return editor_panel


@pytest.fixture
def form(panel):
    return panel.event_form


def _text(editor) -> str:
    return editor.toPlainText() if hasattr(editor, "toPlainText") else editor.text()


def _paste(qtbot, editor, text: str, select_all: bool = True) -> None:
    """Ctrl+V, as a user pastes (the keyboard path, which goes through the box's own checks)."""
    QApplication.clipboard().setText(text)
    editor.setFocus()
    if select_all:
        editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _leave(editor) -> None:
    QApplication.sendEvent(editor, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    if hasattr(editor, "editingFinished"):
        editor.editingFinished.emit()


def _reopened(doc):
    save(doc)
    return storage.load(doc.path).timeline  # raises if the app wrote a file it refuses


@pytest.mark.parametrize("field", ["summary", "title"])
def test_pasting_ten_megabytes_is_refused_with_a_message_and_the_file_still_opens(qtbot, doc, panel, form, field):
    binding = form.bindings[field]
    before = getattr(doc.timeline.events[0], field)
    shown = _text(binding.editor)
    _paste(qtbot, binding.editor, TEN_MB)
    assert _text(binding.editor) == shown  # nothing inserted, nothing cut
    assert binding.message is not None
    assert "10,000,000" in binding.message and f"{MAX_TEXT:,}" in binding.message
    _leave(binding.editor)
    assert binding.message is not None  # still said after leaving the field
    assert getattr(doc.timeline.events[0], field) == before
    assert getattr(_reopened(doc).events[0], field) == before


@pytest.mark.parametrize("field", ["summary", "title"])
def test_text_up_to_the_limit_is_kept_whole_and_one_more_character_is_refused(qtbot, doc, panel, form, field):
    binding = form.bindings[field]
    longest = ("word " * (MAX_TEXT // 5)).strip() + "s"  # exactly MAX_TEXT characters
    assert len(longest) == MAX_TEXT
    _paste(qtbot, binding.editor, longest)
    assert binding.message is None and len(_text(binding.editor)) == MAX_TEXT  # not cut at 32,767
    _leave(binding.editor)
    assert getattr(doc.timeline.events[0], field) == longest
    binding.editor.setFocus()
    qtbot.keyClick(binding.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(binding.editor, "!")  # typing past the limit
    assert len(_text(binding.editor)) == MAX_TEXT
    assert binding.message is not None and f"{MAX_TEXT + 1:,}" in binding.message
    _leave(binding.editor)
    assert getattr(_reopened(doc).events[0], field) == longest


def test_an_id_takes_at_most_the_loaders_length(qtbot, doc, panel, form):
    binding = form.bindings["id"]
    _paste(qtbot, binding.editor, "a" * (MAX_ID + 1))
    assert binding.editor.text() == doc.timeline.events[0].id
    assert binding.message is not None and f"at most {MAX_ID}" in binding.message
