"""The warnings dock: provenance and load warnings as a list, never as pop-ups.

Each row is a problem's `FILE:LINE:COL: message`; clicking a row that refers to an event
selects that event through the Document (the canvas and the quotes panel follow).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.document import Document
from desktop.core.textsafety import tooltip

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class WarningsPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.summary = QLabel(self)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Warnings")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemActivated.connect(self._on_clicked)
        document.warnings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        problems = self.document.warnings
        for problem in problems:
            item = QListWidgetItem(str(problem))
            item.setData(PROBLEM_ROLE, problem)
            item.setToolTip(tooltip(str(problem)))  # problems quote titles and quotes from the file
            self.list.addItem(item)
        self.list.setVisible(bool(problems))  # when there is nothing to list, the dock stays one line high
        self.summary.setText(
            f"{len(problems)} warning{'s' if len(problems) != 1 else ''}: click one to select its event"
            if problems else "No warnings."
        )

    def _on_clicked(self, item: QListWidgetItem) -> None:
        ref = getattr(item.data(PROBLEM_ROLE), "ref", None)
        if ref and ref[0] == "event":
            event = self.document.timeline.event(ref[1])
            if event is not None:
                self.document.select(event)
