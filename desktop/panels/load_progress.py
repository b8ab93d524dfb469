"""The status bar's loading strip for a background open: "Opening NAME", a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from desktop.document.opening import PROGRESS_STEPS, BackgroundOpener
from desktop.panels.plaintext import plain_label

__all__ = ["LoadProgress"]


class LoadProgress(QWidget):
    """Status-bar strip: "Opening NAME", a progress bar and Cancel; appears only if a load lasts."""

    SHOW_AFTER_MS = 250

    def __init__(self, opener: BackgroundOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.label = plain_label(QLabel(self))  # "Opening NAME": a file name is shown as typed
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop opening this file and keep the current timeline")
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(opener.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self._reveal = QTimer(self, singleShot=True, interval=self.SHOW_AFTER_MS)
        self._reveal.timeout.connect(self.show)
        opener.started.connect(self._on_started)
        opener.progressed.connect(self._on_progress)
        opener.finished.connect(self._on_finished)
        self.hide()

    def _on_started(self, path: Path) -> None:
        self.label.setText(f"Opening {path.name}\u2026")
        self.bar.setRange(0, 0)
        self._reveal.start()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, PROGRESS_STEPS)
            self.bar.setValue(done * PROGRESS_STEPS // total)

    def _on_finished(self) -> None:
        if not self.opener.busy:
            self._reveal.stop()
            self.hide()
