"""A read-only viewer for a source's archived text, with the quote highlighted.

The archive is shown as plain text (never HTML). The quote is found the way the provenance
check finds it: runs of white space in the quote match any run of white space in the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from desktop.core.quoting import from_qt, match_at, nearest, to_qt


def quote_pattern(quote_text: str) -> QRegularExpression:
    """A pattern for the quote with white space folded, case kept (the check is verbatim)."""
    words = quote_text.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    return QRegularExpression(pattern)


class SourceViewer(QDialog):
    """Shows `text` read-only; `highlight` (a quote) is selected and scrolled to when found."""

    #: "New quote from selection": the selected text (the editor turns it into a quote)
    quote_requested = Signal(str)
    #: "Quote this" (a viewer opened from a source, `quote_this`): the selected text and where it starts
    #: in the archive's text (characters, see core/quoting.py)
    quote_at = Signal(str, int)

    def __init__(self, title: str, path: Path, text: str, highlight: str = "", parent: QWidget | None = None,
                 offset: int | None = None, quote_this: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("sourceViewer")
        self.text = text
        self.setWindowTitle(f"Source: {title}")
        self.resize(760, 620)
        self.header = QLabel(str(path), self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setPlainText(text)
        self.editor.setFont(QFont("serif", 11))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.quote_button = buttons.addButton("New quote from selection", QDialogButtonBox.ButtonRole.ActionRole)
        self.quote_button.setToolTip("Add the selected text as a new quote from this source (undoable)")
        self.editor.selectionChanged.connect(
            lambda: self.quote_button.setEnabled(self.editor.textCursor().hasSelection()))
        self.quote_button.clicked.connect(
            lambda: self.quote_requested.emit(self.editor.textCursor().selectedText()))
        self.quote_this_button = buttons.addButton("Quote this", QDialogButtonBox.ButtonRole.ActionRole)
        self.quote_this_button.setToolTip("Make the selected text a quote of the event selected on the timeline, "
                                          "recording where it is in this text (undoable)")
        self.quote_this_button.setEnabled(False)
        self.editor.selectionChanged.connect(
            lambda: self.quote_this_button.setEnabled(self.editor.textCursor().hasSelection()))
        self.quote_this_button.clicked.connect(self._quote_this)
        self.quote_button.setVisible(not quote_this)
        self.quote_this_button.setVisible(quote_this)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.found = self._highlight(highlight, offset) if highlight.strip() else False
        if highlight.strip() and not self.found:
            self.header.setText(f"{path}\nThe quote was not found verbatim in this text.")

    def _quote_this(self) -> None:
        cursor = self.editor.textCursor()
        selected = cursor.selectedText().replace("\u2029", "\n")  # Qt marks paragraph breaks with U+2029
        if not selected.strip():
            return
        shown = self.editor.toPlainText()
        start = from_qt(shown, cursor.selectionStart())
        start += len(selected) - len(selected.lstrip())
        if shown != self.text:  # line breaks other than \n: the same words, nearest in the archive's text
            start = nearest(self.text, selected, start) or 0
        self.quote_at.emit(selected.strip(), start)

    def _span(self, quote_text: str, offset: int | None) -> tuple[int, int] | None:
        """The quote's place as Qt positions: at `offset` when it is there, else its first occurrence."""
        shown = self.editor.toPlainText()
        if offset is not None and shown == self.text:
            span = match_at(shown, offset, quote_text)
            if span is not None:
                return to_qt(shown, span[0]), to_qt(shown, span[1])
        match = quote_pattern(quote_text).match(shown)
        return (match.capturedStart(), match.capturedEnd()) if match.hasMatch() else None

    def _highlight(self, quote_text: str, offset: int | None = None) -> bool:
        span = self._span(quote_text, offset)
        if span is None:
            return False
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe066"))
        fmt.setForeground(QColor("#000000"))
        mark.format = fmt
        mark.cursor = cursor
        self.editor.setExtraSelections([mark])
        # the caret (not a selection, which would hide the yellow) goes to the quote; centred once shown
        caret = QTextCursor(self.editor.document())
        caret.setPosition(span[0])
        self.editor.setTextCursor(caret)
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        QTimer.singleShot(0, self.editor.centerCursor)  # after the first layout, when heights are known

    def highlighted_text(self) -> str:
        """The text currently highlighted (empty when the quote was not found)."""
        marks = self.editor.extraSelections()
        return marks[0].cursor.selectedText() if marks else ""
