"""The Sources menu: add a source from a plain-text file or from the clipboard.

The text is kept beside the timeline file (`core.capture`) and the source added as one undoable
step (`document.capture`). A timeline not yet saved has no folder for its sources, so it is saved
first (Save As) when the user agrees. Refusals name the file and say why, as plain text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from desktop.core.capture import CaptureError, Captured, from_clipboard, read_text_file
from desktop.document.capture import add_captured_source
from desktop.panels.plaintext import tell

__all__ = ["CaptureMenu", "FILE_FILTER"]

FILE_FILTER = "Plain text (*.txt);;All files (*)"


class CaptureMenu(QObject):
    """Builds the Sources menu in `window`'s menu bar (before Help) and runs its actions."""

    def __init__(self, window) -> None:  # noqa: ANN001 - the MainWindow
        super().__init__(window)
        self.window = window
        self.menu = QMenu("&Sources", window)
        self.menu.setObjectName("sourcesMenu")
        self.add_file = self.menu.addAction("Add from &file\u2026", self.choose_file)
        self.add_file.setStatusTip("Keep a .txt file as a source: its text beside the timeline, quotes checked "
                                   "against it")
        self.add_clipboard = self.menu.addAction("Add from &clipboard", self.from_clipboard)
        self.add_clipboard.setStatusTip("Keep the text on the clipboard as a source")
        bar = window.menuBar()
        actions = bar.actions()
        bar.insertMenu(actions[-1], self.menu) if actions else bar.addMenu(self.menu)

    def _folder(self) -> Path | None:
        path = self.window.document.path
        if path is None:
            tell(self.window, QMessageBox.Icon.Information, "Save the timeline first",
                 "A source's text is kept in a sources folder beside the timeline file. Save the timeline "
                 "(File > Save As) and add the source again.")
            return None
        return Path(path).parent

    def choose_file(self) -> None:
        folder = self._folder()
        if folder is None:
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Add a source from a text file", str(folder), FILE_FILTER)
        if name:
            self.add_path(Path(name))

    def add_path(self, path: Path) -> bool:
        """Capture the file at `path`; True when the source was added (else the reason was shown)."""
        folder = self._folder()
        if folder is None:
            return False
        try:
            captured = read_text_file(path)
        except CaptureError as exc:
            return self._refuse(str(exc))
        return self._add(captured, folder)

    def from_clipboard(self) -> bool:
        folder = self._folder()
        if folder is None:
            return False
        try:
            captured = from_clipboard(QGuiApplication.clipboard().text())
        except CaptureError as exc:
            return self._refuse(str(exc))
        return self._add(captured, folder)

    def _add(self, captured: Captured, folder: Path) -> bool:
        try:
            source = add_captured_source(self.window.document, captured, folder)
        except CaptureError as exc:
            return self._refuse(str(exc))
        self.window.statusBar().showMessage(f"Added source '{source.id}' ({source.archive})", 8000)
        return True

    def _refuse(self, reason: str) -> bool:
        tell(self.window, QMessageBox.Icon.Warning, "Source not added", reason)
        return False
