"""Text boxes that take no more text than the file format allows, checked before the text goes in.

The loader refuses a text value over `MAX_TEXT` characters (an id over `MAX_ID`), so the editor must
not accept one: it would save a file the app then refuses to open. Pasted and dropped text is
measured before it is inserted, because inserting 10 MB into a text box is what froze the window
(44 s); a box that refuses keeps its text and emits `refused(length)` with the length the value
would have had, and the binding says so by the field. Typing past the limit is refused the same way.
Lengths are counted as the loader counts them: characters of the value without surrounding white
space (Qt's positions count UTF-16 units, so they are converted, never compared directly).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

__all__ = ["BoundedLineEdit", "BoundedPlainTextEdit", "length_after"]

_QT_MAX_LENGTH = 2**31 - 1  # QLineEdit's own default (32,767) cut longer text silently


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def length_after(text: str, start: int, end: int, incoming: str) -> int:
    """The loader's length of `text` once its UTF-16 range [start, end) is replaced by `incoming`."""
    units = _utf16(text)
    before = units[: 2 * start].decode("utf-16-le", "surrogatepass")
    after = units[2 * end:].decode("utf-16-le", "surrogatepass")
    new = before + incoming + after
    return len(new.strip()) if new[:1].isspace() or new[-1:].isspace() else len(new)


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Within(QValidator):
    """Refuses any change that leaves the text longer than the limit (and longer than it was shown)."""

    def __init__(self, edit: BoundedLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self.rejected_length = 0

    def validate(self, text: str, pos: int):  # noqa: ANN201 - Qt's (state, text, pos)
        edit = self._edit
        length = len(text.strip()) if len(text) > edit.limit else len(text)
        if length > max(edit.limit, edit.floor):
            self.rejected_length = length
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class BoundedLineEdit(QLineEdit):
    """A one-line box holding at most `limit` characters; `refused(length)` when input would pass it."""

    refused = Signal(int)

    def __init__(self, limit: int, parent=None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.floor = 0  # a value shown from the file may be longer (a list); it must then not grow
        self.setMaxLength(_QT_MAX_LENGTH)
        self._within = _Within(self)
        self.setValidator(self._within)  # typing, and anything else that inserts text
        self.inputRejected.connect(lambda: self.refused.emit(self._within.rejected_length))

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self.floor = len(text)
        super().setText(text)

    def _fits(self, incoming: str, at_end: bool = False) -> bool:
        """Whether `incoming`, put where a paste would put it, keeps the value within the limit."""
        if self.hasSelectedText() and not at_end:
            start, end = self.selectionStart(), self.selectionEnd()
        else:
            start = end = len(_utf16(self.text())) // 2 if at_end else self.cursorPosition()
        length = length_after(self.text(), start, end, incoming)
        if length > max(self.limit, self.floor):
            self.refused.emit(length)
            return False
        return True

    def paste(self) -> None:
        if not self.isReadOnly() and self._fits(QGuiApplication.clipboard().text()):
            super().paste()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802, ANN001
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":  # Qt's own Paste goes around paste(): measure first
                action.triggered.disconnect()
                action.triggered.connect(self.paste)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def dropEvent(self, event) -> None:  # noqa: N802, ANN001
        mime: QMimeData = event.mimeData()
        if event.source() is not self and mime.hasText() and not self._fits(mime.text(), at_end=True):
            event.ignore()
            return
        super().dropEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802, ANN001 - X11: a middle click pastes the selection
        clipboard = QGuiApplication.clipboard()
        if (event.button() == Qt.MouseButton.MiddleButton and clipboard.supportsSelection()
                and not self._fits(clipboard.text(QClipboard.Mode.Selection))):
            event.accept()
            return
        super().mouseReleaseEvent(event)


class BoundedPlainTextEdit(QPlainTextEdit):
    """A multi-line box holding at most `limit` characters; `refused(length)` when input would pass it."""

    refused = Signal(int)

    def __init__(self, limit: int, parent=None) -> None:
        super().__init__(parent)
        self.limit = limit

    def _fits(self, incoming: str) -> bool:
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if self.document().characterCount() - 1 - (end - start) + len(_utf16(incoming)) // 2 <= self.limit:
            return True  # UTF-16 units never undercount characters: certainly within the limit
        length = length_after(self.toPlainText(), start, end, incoming)
        if length > self.limit:
            self.refused.emit(length)
            return False
        return True

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - paste, drop, middle click
        if source.hasText() and not self._fits(_plain(source.text())):
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = _plain(event.text())
        typed = text and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if typed and (text.isprintable() or text == "\n") and not self._fits(text):
            event.accept()
            return
        super().keyPressEvent(event)
