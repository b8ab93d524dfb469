"""File > New timeline: a title, a folder, a file name derived from the title, and a template.

The dialog writes `NAME.yaml` with an empty `sources/` folder beside it (`storage.creating`, which
never replaces a file and refuses a folder it cannot write), then the window opens the new file
through its file life cycle, which has asked about unsaved changes before the dialog showed.
A refusal is shown in the dialog itself, as plain text, and the dialog stays open to fix it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from desktop.core.templates import TEMPLATES, file_name_for, new_timeline
from desktop.panels.plaintext import plain_label
from desktop.storage.creating import CannotCreate, create_timeline

__all__ = ["NewTimelineDialog", "start_new_timeline"]


class NewTimelineDialog(QDialog):
    """Asks for the new timeline's title, folder, file name and template; `created` is the file written."""

    #: the new file, once written
    created = Signal(Path)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newTimelineDialog")
        self.setWindowTitle("New timeline")
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("e.g. Tameside children's services, 2010 to now")
        self.folder_edit = QLineEdit(str(folder), self)
        browse = QPushButton("&Browse\u2026", self)
        browse.setToolTip("Choose the folder the timeline and its sources/ folder go in")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.name_edit = QLineEdit(file_name_for(""), self)
        self.template_box = QComboBox(self)
        for key, label in TEMPLATES.items():
            self.template_box.addItem(label, key)
        self.template_box.setToolTip("The council template adds the usual posts (leader, deputy leader, executive "
                                     "member, chief executive, director and assistant director)")
        self.message = plain_label(QLabel(self))
        self.message.setObjectName("newTimelineMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        folder_label = QLabel("&Folder:", self)
        folder_label.setBuddy(self.folder_edit)  # a row holding a layout gets no buddy of its own
        form.addRow(folder_label, folder_row)
        form.addRow("File &name:", self.name_edit)
        form.addRow("T&emplate:", self.template_box)
        for edit, name in ((self.title_edit, "Title"), (self.folder_edit, "Folder"), (self.name_edit, "File name"),
                           (self.template_box, "Template")):
            edit.setAccessibleName(name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._name_typed = False
        self.title_edit.textEdited.connect(self._title_edited)
        self.name_edit.textEdited.connect(lambda _text: setattr(self, "_name_typed", True))
        self.title_edit.textChanged.connect(self._sync_create)
        self._sync_create()
        self.resize(560, self.sizeHint().height())

    def _title_edited(self, title: str) -> None:
        if not self._name_typed:  # the name follows the title until the user types one
            self.name_edit.setText(file_name_for(title))

    def _sync_create(self) -> None:
        self.create_button.setEnabled(bool(self.title_edit.text().strip()))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the new timeline", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def accept(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.message.setText("Give the timeline a title.")
            return
        folder = self.folder_edit.text().strip()
        if not folder:
            self.message.setText("Choose the folder the timeline goes in.")
            return
        try:
            path = create_timeline(new_timeline(title, self.template_box.currentData()), Path(folder),
                                   self.name_edit.text().strip())
        except CannotCreate as exc:
            self.message.setText(str(exc))
            return
        super().accept()
        self.created.emit(path)


def start_new_timeline(window) -> NewTimelineDialog | None:  # noqa: ANN001 - the MainWindow
    """File > New timeline: ask about unsaved changes, then show the dialog (window-modal, returns at
    once); the file it creates is opened in the window. None when the user cancelled the prompt."""
    if not window.files.maybe_save("starting a new timeline"):
        return None
    if window.document.path is not None:
        folder = window.document.path.parent
    else:
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                      or Path.home())
    dialog = NewTimelineDialog(folder, window)
    dialog.created.connect(lambda path: window.files.open_now(path, ask_to_save=False))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
