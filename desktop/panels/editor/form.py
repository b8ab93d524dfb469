"""The form every editor shares: bound fields, Add / Duplicate / Delete, and refresh from the Document.

A form shows one entry. Its fields are `Binding`s that commit one `SetField` each (or a custom
committer, e.g. renaming an id everywhere). It listens only to the Document: after any change
(an edit here, undo, a drag on the canvas) that touched what it shows (`concerns`) it shows the
model's values again, keeping a field that still shows an error so the user's typing is not thrown away.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.document.commands import SetField, describe
from desktop.panels.editor.fields import Binding, TextBinding
from desktop.panels.editor.prompts import confirm_delete
from desktop.document.edits import delete_entry, insert_after, referrers, rename_id
from desktop.core.rules import MAX_ID, parse_id, unique_id

__all__ = ["EntryForm", "unique_copy_id"]


def unique_copy_id(base: str, entries: list) -> str:
    """`base-copy`, `base-copy-2`, ... the first not used by `entries`."""
    used = {e.id for e in entries}
    candidate, n = f"{base}-copy", 2
    while candidate in used:
        candidate, n = f"{base}-copy-{n}", n + 1
    return candidate


class EntryForm(QWidget):
    """Base for the event, quote, source, person, post and tenure forms."""

    #: shown on the Add button and in undo texts
    noun = "entry"
    #: the timeline's lists the form's choices come from ("sources", "people", "posts"): an edit
    #: touching one of them refreshes the form
    catalogs: tuple[str, ...] = ()

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.entry: object | None = None
        self.bindings: dict[str, Binding] = {}
        self.top = QVBoxLayout(self)
        self.top.setContentsMargins(6, 6, 6, 6)
        self.buttons = QHBoxLayout()
        self.add_button = self._button(f"Add {self.noun}", self.add_new)
        self.duplicate_button = self._button("Duplicate", self.duplicate)
        self.delete_button = self._button("Delete…", self.delete)
        self.buttons.addStretch(1)
        self.top.addLayout(self.buttons)
        self.form = QFormLayout()
        self.top.addLayout(self.form)
        self.top.addStretch(1)
        document.changed.connect(self._changed)
        # Methods, not lambdas, on the Document's signals: Qt disconnects them when this form goes.
        document.timeline_replaced.connect(self._timeline_replaced)

    def _changed(self, change) -> None:
        if self.concerns(change):
            self.refresh(gone=change.structure or change.everything)

    def concerns(self, change) -> bool:
        """Whether an edit touched what the form shows: its entry, the list it is in, its choices."""
        return (change.everything or change.structure or (self.entry is not None and change.touches(self.entry))
                or any(getattr(change, name) for name in self.catalogs))

    def _timeline_replaced(self) -> None:
        self.set_entry(None)

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        return button

    # -- fields -----------------------------------------------------------------------------
    def bind(self, binding: Binding, commit=None) -> Binding:
        binding.commit_to = commit or self.set_field
        self.bindings[binding.name] = binding
        self.form.addRow(binding.label, binding.container)
        # the label names the field itself for screen readers (Linux reads a combo box's label this way)
        self.form.labelForField(binding.container).setBuddy(binding.editor.focusProxy() or binding.editor)
        binding.show(None)
        return binding

    def bind_id(self) -> Binding:
        """The `id` field: unique among its kind, and renaming it updates every reference."""
        return self.bind(
            TextBinding("id", "Id", parse=parse_id, limit=MAX_ID,
                        checks=[lambda value, entry: unique_id(value, entry, self.entries())]),
            commit=lambda _binding, value: rename_id(self.document, self.entry, value),
        )

    def set_field(self, binding: Binding, value: object) -> None:
        self.document.push(SetField(self.document, self.entry, binding.name, value,
                                    f"Change {binding.label.lower()} of {describe(self.entry)}",
                                    owner=getattr(self, "event", None)))

    def commit_all(self) -> bool:
        """Commit every field (each valid change one command); False when any is invalid."""
        return all([b.commit() for b in self.bindings.values()])

    # -- the shown entry --------------------------------------------------------------------
    def set_entry(self, entry: object | None) -> None:
        self.entry = entry
        for binding in self.bindings.values():
            binding.show(entry)
        self.duplicate_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)

    def refresh(self, gone: bool = True) -> None:
        """After a change: drop an entry that is gone (looked for when `gone`: entries were added to or
        removed from the timeline's lists), show the model's values again."""
        if gone and self.entry is not None and not any(e is self.entry for e in self.entries()):
            self.set_entry(None)
            return
        for binding in self.bindings.values():
            if binding.message is None:
                binding.show(self.entry)

    # -- add / duplicate / delete -----------------------------------------------------------
    def entries(self) -> list:
        """The list the shown kind of entry lives in."""
        raise NotImplementedError

    def new_entry(self) -> object:
        raise NotImplementedError

    def add_new(self, entry: object | None = None) -> object:
        """Add `entry` (default: a fresh one) at the end of its list and show it."""
        entry = entry if entry is not None else self.new_entry()
        insert_after(self.document, self.entries(), None, entry, f"Add {describe(entry)}")
        self.show_entry(entry)
        return entry

    def duplicate(self) -> object | None:
        if self.entry is None:
            return None
        twin = copy.deepcopy(self.entry)
        if hasattr(twin, "id"):
            twin.id = unique_copy_id(self.entry.id, self.entries())
        insert_after(self.document, self.entries(), self.entry, twin, f"Duplicate {describe(self.entry)}")
        self.show_entry(twin)
        return twin

    def delete(self) -> bool:
        """Delete the shown entry after a warning listing what refers to it."""
        if self.entry is None:
            return False
        if not confirm_delete(self, describe(self.entry), referrers(self.document.timeline, self.entry)):
            return False
        delete_entry(self.document, self.entry)
        return True

    def show_entry(self, entry: object) -> None:
        """Show a newly added entry (forms that follow the selection select it instead)."""
        self.set_entry(entry)
