"""The small dialog behind "Create source '...'" in an event's Sources field: the title typed there
is filled in, the outlet is asked for (the loader requires both), the rest may wait."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.model import Source
from desktop.core.rules import Invalid, parse_date, parse_url

__all__ = ["NewSourceDialog"]


class NewSourceDialog(QDialog):
    def __init__(self, title: str, source_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new-source-dialog")
        self.setWindowTitle("New source")
        self.source_id = source_id
        self.title = QLineEdit(title)
        self.outlet = QLineEdit()
        self.outlet.setPlaceholderText("required, e.g. Manchester Evening News")
        self.published = QLineEdit()
        self.published.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD (may stay empty)")
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://... (may stay empty)")
        self.archive = QLineEdit()
        self.archive.setPlaceholderText("sources/the-article.txt, relative to the timeline")
        self.problem = QLabel()
        self.problem.setObjectName("new-source-problem")
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for text, editor in (("&Title", self.title), ("&Outlet", self.outlet), ("&Published", self.published),
                             ("&URL", self.url), ("&Archive file", self.archive)):
            label = QLabel(text)
            label.setBuddy(editor)
            form.addRow(label, editor)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"The new source's id will be {source_id}."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.outlet.setFocus()
        self.resize(440, self.sizeHint().height())

    def source(self) -> Source:
        """The entered source; raises `Invalid` naming the field that is wrong."""
        title, outlet = self.title.text().strip(), self.outlet.text().strip()
        if not title:
            raise Invalid("Title: required")
        if not outlet:
            raise Invalid("Outlet: required (the newspaper, site or body that published it)")
        try:
            published = parse_date(self.published.text(), False, False)
        except Invalid as exc:
            raise Invalid(f"Published: {exc}") from None
        try:
            url = parse_url(self.url.text())
        except Invalid as exc:
            raise Invalid(f"URL: {exc}") from None
        return Source(self.source_id, outlet, title, published=published, url=url,
                      archive=self.archive.text().strip() or None)

    def accept(self) -> None:
        try:
            self.source()
        except Invalid as exc:  # stays open with everything typed, saying what to fix
            self.problem.setText(str(exc))
            return
        super().accept()
