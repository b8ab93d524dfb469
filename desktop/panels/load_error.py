"""The dialog shown when a file cannot be opened: every FILE:LINE:COL problem, and its folder.

The previous timeline stays open; this dialog only reports. Problems are shown as plain
text in a read-only box the user can copy from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class LoadErrorDialog(QDialog):
    def __init__(self, path: Path, messages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle("Could not open timeline")
        self.resize(900, 380)
        count = len(messages)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setText(
            f"{self.path.name} could not be opened ({count} problem{'s' if count != 1 else ''}). "
            "The timeline that was open stays open."
        )
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one problem per line
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText("\n".join(messages))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.folder_button = QPushButton("Open containing folder", self)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.details.toPlainText()}"

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.resolve().parent)))
