"""Pick or create: a completer for a line edit that lists the known entries matching what is typed
and, when none is exactly it, a last row "Create person 'Jane Doe'".

The completer is not the line edit's own (`setWidget` only), so it alone decides what a chosen row
puts in the field. Choosing a known row puts its id (or name) into the field and commits it; choosing the create row leaves the
typed text alone and emits `create_requested(text)`, so the form can add the entry and use it in
one undo step. In a list field (`a, b, c`) only the item after the last comma is matched.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

__all__ = ["CreatingCompleter", "slug_id"]

MAX_ROWS = 12


def create_person(document, name: str, entry: object, field: str, value, text: Callable[[], str]):
    """"Create person '...'": add a person called `name` and set `entry.field` to `value(person_id)`,
    as one undo step worded by `text`; returns the person."""
    from desktop.core.model import Person
    from desktop.document.commands import InsertItem, SetField

    people = document.timeline.people
    person = Person(slug_id(name, {p.id for p in people}, "person"), name)
    with document.macro(text(person)):
        document.push(InsertItem(document, people, len(people), person))
        document.push(SetField(document, entry, field, value(person.id)))
    return person


def slug_id(text: str, used: set[str], fallback: str = "entry") -> str:
    """`Jane Doe` -> `jane-doe` (`jane-doe-2`... when taken): the id a new entry gets from its name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or fallback
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class CreatingCompleter(QCompleter):
    """`choices()` gives (shown label, value put in the field) pairs; `noun` names the create row."""

    create_requested = Signal(str)

    def __init__(self, line_edit: QLineEdit, choices: Callable[[], list[tuple[str, str]]], noun: str,
                 list_mode: bool = False) -> None:
        super().__init__(line_edit)
        self._list = QStringListModel(self)
        self.setModel(self._list)
        self._edit = line_edit
        self._choices = choices
        self.noun = noun
        self._list_mode = list_mode
        self._values: dict[str, str] = {}
        self._create_row = ""
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(MAX_ROWS + 1)
        self.setWidget(line_edit)
        line_edit.textEdited.connect(self._typed)
        self.activated[str].connect(self._chosen)

    def typed_part(self) -> str:
        text = self._edit.text()
        return (text.rsplit(",", 1)[-1] if self._list_mode else text).strip()

    def create_label(self, text: str) -> str:
        return f"Create {self.noun} '{text}'"

    def _typed(self, _text: str = "") -> None:
        part = self.typed_part()
        if not part:
            self.popup().hide()
            return
        rows = [(label, value) for label, value in self._choices() if part.casefold() in label.casefold()]
        self._values = dict(rows[:MAX_ROWS])
        labels = list(self._values)
        exact = any(part.casefold() in (label.casefold(), value.casefold()) for label, value in rows)
        self._create_row = "" if exact else self.create_label(part)
        if self._create_row:
            labels.append(self._create_row)
        self._list.setStringList(labels)
        if labels:
            self.complete()
        else:
            self.popup().hide()

    def _chosen(self, label: str) -> None:
        if not label:
            return
        if label == self._create_row:
            self.create_requested.emit(self.typed_part())  # the typed text stays; the form creates the entry
            return
        value = self._values.get(label, label)
        text = self._edit.text()
        if self._list_mode and "," in text:
            value = text.rsplit(",", 1)[0] + ", " + value
        self._edit.setText(value)
        self._edit.editingFinished.emit()  # a pick is a finished edit: the field commits it
