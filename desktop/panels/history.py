"""Edit > History: the Document's undo stack as a list; clicking a step undoes or redoes back to it."""

from __future__ import annotations

from PySide6.QtWidgets import QUndoView, QWidget

__all__ = ["HistoryView"]


class HistoryView(QUndoView):
    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(document.undo_stack, parent)
        self.setObjectName("history-view")
        self.setAccessibleName("Undo history")
        self.setAccessibleDescription("Every edit since the file was opened; choose one to go back to it")
        self.setEmptyLabel("Opened file")
        self.setCleanIcon(self.style().standardIcon(self.style().StandardPixmap.SP_DialogSaveButton))
