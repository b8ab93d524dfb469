"""The warnings dock: provenance and load warnings as a list, never as pop-ups.

Each row is a problem's `FILE:LINE:COL: message` on one line, the file named without its folders and
a long message cut with "…"; the row's tooltip has it whole, with the full path. Clicking a row that
refers to an event selects that event through the Document (the canvas and the quotes panel follow).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.document import Document
from desktop.core.textsafety import tooltip

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


def short_text(problem) -> str:
    """`NAME:LINE:COL: message`: the problem as it prints, its file named without the folders."""
    text = str(problem)
    file = str(getattr(problem, "file", "") or "")
    if file and text.startswith(file):
        text = Path(file).name + text[len(file):]
    return text


class WarningsPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.summary = QLabel(self)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Warnings")
        self.list.setWordWrap(False)  # one line a warning: a long path wrapped over three lines in a narrow dock
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
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
            item = QListWidgetItem(short_text(problem))
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
