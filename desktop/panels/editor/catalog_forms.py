"""Forms for the things events refer to: sources, people and posts, each picked from a list."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton, QLabel

from desktop.core.model import Person, Post, Source
from desktop.panels.source_opening import SourceOpener
from desktop.panels.editor.fields import DateBinding, ListBinding, NoteBinding, TextBinding, narrow, refill
from desktop.panels.editor.form import EntryForm
from desktop.core.rules import parse_url

__all__ = ["SourceForm", "PersonForm", "PostForm"]


def _new_id(base: str, entries: list) -> str:
    used = {e.id for e in entries}
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class PickedForm(EntryForm):
    """A form whose entry is chosen in a combo box above it (these kinds are not on the canvas)."""

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.picker = narrow(QComboBox())
        self.picker.setObjectName(f"{self.noun}-picker")
        self.picker.setAccessibleName(f"Choose the {self.noun} to edit")
        self.picker.activated.connect(lambda index: self.set_entry(self.entries()[index]))
        self._labels: list[str] = []
        self.top.insertWidget(1, self.picker)
        picker_label = QLabel(f"{self.noun.capitalize()} to edit")
        picker_label.setBuddy(self.picker)  # names the picker for screen readers (its own name is its value)
        self.top.insertWidget(1, picker_label)
        document.timeline_replaced.connect(self._fill_picker)

    def label_of(self, entry) -> str:
        return f"{entry.name} ({entry.id})"

    def _fill_picker(self) -> None:
        self.picker.blockSignals(True)
        labels = [self.label_of(e) for e in self.entries()]
        if labels != self._labels:  # rewritten only where the entries differ
            refill(self.picker, self._labels, labels)
            self._labels = labels
        self.picker.setCurrentIndex(next((i for i, e in enumerate(self.entries()) if e is self.entry), -1))
        self.picker.blockSignals(False)

    def set_entry(self, entry) -> None:
        super().set_entry(entry)
        self._fill_picker()

    def refresh(self, gone: bool = True) -> None:
        super().refresh(gone)
        self._fill_picker()


class SourceForm(PickedForm):
    catalogs = ("sources",)
    noun = "source"

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("source-form")
        self.bind_id()
        self.bind(TextBinding("title", "&Title", required=True, placeholder="the article's headline (required)"))
        self.bind(TextBinding("outlet", "&Outlet", required=True, placeholder="who published it (required)"))
        self.bind(TextBinding("author", "&Author"))
        self.bind(DateBinding("published", "&Published"))
        self.bind(TextBinding("url", "&URL", parse=parse_url, placeholder="https://..."))
        self.bind(TextBinding("archive", "Archive &file", placeholder="sources/the-article.txt, relative to the timeline"))
        self.bind(NoteBinding("note", "&Note"))
        self.opener = SourceOpener(document, self)  # panels/source_opening.py: the viewer and "Quote this"
        self.open_text_button = QPushButton("Open te&xt to quote from\u2026")
        self.open_text_button.clicked.connect(lambda _checked=False: self.opener.open(self.entry))
        # its own row under the archive's (before the note): the button row is full on a laptop
        self.form.insertRow(self.form.rowCount() - 1, "", self.open_text_button)
        self.open_text_button.setToolTip("Show the source's archived text; select words and press Quote this "
                                         "to quote them on the selected event")
        self.open_text_button.setEnabled(False)

    def set_entry(self, entry) -> None:
        super().set_entry(entry)
        self.open_text_button.setEnabled(self.opener.can_open(entry))

    def refresh(self, gone: bool = True) -> None:
        super().refresh(gone)
        self.open_text_button.setEnabled(self.opener.can_open(self.entry))

    def entries(self) -> list:
        return self.document.timeline.sources

    def label_of(self, entry: Source) -> str:
        return f"{entry.id}: {entry.title}"

    def new_entry(self) -> Source:
        return Source(_new_id("new-source", self.entries()), "", "")


class PersonForm(PickedForm):
    catalogs = ("people",)
    noun = "person"

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("person-form")
        self.bind_id()
        self.bind(TextBinding("name", "&Name", required=True, placeholder="full name (required)"))
        self.bind(ListBinding("aliases", "&Aliases", parse=_names, placeholder="other names, comma separated"))
        self.bind(NoteBinding("note", "N&ote"))

    def entries(self) -> list:
        return self.document.timeline.people

    def new_entry(self) -> Person:
        return Person(_new_id("new-person", self.entries()), "")


class PostForm(PickedForm):
    catalogs = ("posts",)
    noun = "post"

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("post-form")
        self.bind_id()
        self.bind(TextBinding("name", "&Name", required=True, placeholder="e.g. Director of Children's Services (required)"))
        self.bind(NoteBinding("note", "N&ote"))

    def entries(self) -> list:
        return self.document.timeline.posts

    def new_entry(self) -> Post:
        return Post(_new_id("new-post", self.entries()), "")
