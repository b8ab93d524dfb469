"""Minimal main window; replaced by the full window (issue 5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop import APP_NAME, storage
from desktop.document import Document
from desktop.settings import Settings
from desktop.timeline import TimelineView


class MainWindow(QMainWindow):
    def __init__(self, document: Document, settings: Settings) -> None:
        super().__init__()
        self.document = document
        self.settings = settings
        self.timeline_view = TimelineView(document, self)
        self.setCentralWidget(self.timeline_view)
        self.resize(1280, 800)
        document.path_changed.connect(lambda _p: self._update_title())
        document.dirty_changed.connect(lambda _d: self._update_title())
        self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] - {APP_NAME}")
        self.setWindowModified(self.document.is_dirty)

    def open_path(self, path: Path, interactive: bool = True) -> bool:
        try:
            self.document.open(path)
        except storage.LoadError as exc:
            if interactive:
                QMessageBox.critical(self, "Could not open timeline", str(exc))
            return False
        return True
