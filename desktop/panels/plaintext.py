"""Qt surfaces that would guess rich text, made to show untrusted text as plain text.

A QLabel, a QMessageBox or a tooltip shows its text as HTML when it merely looks like HTML
(`Qt.mightBeRichText`: a tag anywhere on the first line), and a message box's labels open the links
in it: a timeline title `<a href="file:///etc/passwd">` in "Delete event '...'?" became a link that
opened the file, bypassing the "web links only, after asking" rule. So:

- every message box that can carry text from a file is made by `message_box()` (or `tell()`), with
  its text and informative text in plain text and its labels opening no links;
- a label that shows such text is passed through `plain_label()`;
- a tooltip built from such text goes through `textsafety.tooltip()` (escaped HTML, Qt-free), and
  the Undo / Redo buttons, whose tooltips Qt builds from the command's text, get theirs from
  `escape_undo_tooltips()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from shiboken6 import isValid

from desktop.core.textsafety import tooltip

__all__ = ["plain_label", "message_box", "tell", "escape_undo_tooltips"]


def plain_label(label: QLabel) -> QLabel:
    """`label` set to show its text as typed: no tags read, no links opened."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons=QMessageBox.StandardButton.NoButton, informative: str = "", detail: str = "") -> QMessageBox:
    """A QMessageBox whose texts are plain text (the detailed text always is)."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the main and the informative label
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    for label in box.findChildren(QLabel):
        plain_label(label)
    return box


def tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = "") -> None:
    """Show a message with an OK button and wait: QMessageBox.critical() and friends, in plain text."""
    message_box(parent, icon, title, text, QMessageBox.StandardButton.Ok, detail=detail).exec()


def escape_undo_tooltips(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Keep the Undo / Redo tooltips ("Undo Delete event '<title>'") escaped as the stack changes.

    The stack renames its actions on every change, which emits their own `changed`; the tooltip is
    set again from there (a connection that ends with the action)."""
    def escape(action: QAction, verb: str, text_of) -> None:
        if not isValid(stack):  # the document went first, as a window closes
            return
        text = text_of()
        tip = tooltip(f"{verb} {text}" if text else verb)
        if action.toolTip() != tip:  # setting it emits `changed` again, once
            action.setToolTip(tip)

    undo.changed.connect(lambda: escape(undo, "Undo", stack.undoText))
    redo.changed.connect(lambda: escape(redo, "Redo", stack.redoText))
    escape(undo, "Undo", stack.undoText)
    escape(redo, "Redo", stack.redoText)
