"""The form every editor shares: bound fields, Add / Duplicate / Delete, and refresh from the Document.

A form shows one entry. Its fields are `Binding`s that commit one `SetField` each (or a custom
committer, e.g. renaming an id everywhere). It listens only to the Document: after any change
(an edit here, undo, a drag on the canvas) that touched what it shows (`concerns`) it shows the
model's values again, keeping a field that still shows an error so the user's typing is not thrown away.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.document.commands import SetField
from desktop.panels.editor.wording import describe, field_name, set_text
from desktop.panels.editor.fields import Binding, TextBinding
from desktop.panels.editor.prompts import choose, confirm_delete
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
    #: (form, binding): the user chose to fix a field; the window brings the form and field forward
    attention = Signal(object, object)

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.entry: object | None = None
        self.live_texts = None  # set by the panel: undo texts kept up to date with names
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
        # "&Title": Alt+T goes to the field (the label's buddy is the container, whose proxy is the box)
        binding.container.setFocusProxy(getattr(binding, "text", binding.editor))
        self.form.addRow(binding.label, binding.container)
        # the label names the field itself for screen readers (Linux reads a combo box's label this way)
        self.form.labelForField(binding.container).setBuddy(binding.editor.focusProxy() or binding.editor)
        binding.show(None)
        return binding

    def bind_id(self, placeholder: str = "a short slug without spaces, e.g. mel-2022") -> Binding:
        """The `id` field: unique among its kind, and renaming it updates every reference."""
        return self.bind(
            TextBinding("id", "&Id", parse=parse_id, limit=MAX_ID, placeholder=placeholder,
                        checks=[lambda value, entry: unique_id(value, entry, self.entries())]),
            commit=lambda _binding, value: rename_id(self.document, self.entry, value),
        )

    def set_text(self, binding: Binding, value: object, entry: object | None = None) -> str:
        """The undo text: the entry by its name, and the new value."""
        entry = entry if entry is not None else self.entry
        return set_text(self.document.timeline, entry, field_name(binding), binding.name, value)

    def remember_text(self, make) -> None:
        """Word the step just pushed again after later changes (entries by their current names)."""
        if self.live_texts is not None:
            self.live_texts.remember(make)

    def set_field(self, binding: Binding, value: object) -> None:
        entry = self.entry
        self.document.push(SetField(self.document, entry, binding.name, value, self.set_text(binding, value),
                                    owner=getattr(self, "event", None)))
        self.remember_text(lambda: self.set_text(binding, value, entry))

    def commit_all(self) -> bool:
        """Commit every field (each valid change one command); False when any is invalid."""
        return all([b.commit() for b in self.bindings.values()])

    def rejected(self) -> list[Binding]:
        """Fields whose typed text was not accepted (commits the valid ones first): what leaving
        the entry or saving would otherwise lose without a word."""
        if self.entry is None or not any(e is self.entry for e in self.entries()):
            return []  # gone (deleted, undone): nothing of it can be committed any more
        return [b for b in self.bindings.values() if b.editor.isEnabled() and not b.commit()]

    def selected_owner(self) -> object | None:
        """What the Document's selection is while this form shows its entry (quotes: their event)."""
        return self.entry

    def confirm_leave(self) -> bool:
        """Before another entry is shown: typing that was not accepted is never dropped without a word.
        Asks "Fix it" (stay, the selection comes back here) or "Discard the change"; True to go on."""
        bad = self.rejected()
        if not bad:
            return True
        first = bad[0]
        name = field_name(first).capitalize()
        more = f"\n(and {len(bad) - 1} more field(s))" if len(bad) > 1 else ""
        answer = choose(self, "Change not accepted",
                        f"{name} of {describe(self.entry, self.document.timeline)}: {first.message}\n"
                        f"You typed: '{first.typed_text()}'{more}",
                        ["Fix it", "Discard the change"], "Fix it",
                        "Fix it keeps your typing and goes back to the field. Discard the change "
                        "shows the last accepted value again.", escape="Fix it")
        if answer == "Fix it":
            owner = self.selected_owner()
            if owner is not None and self.document.selection is not owner:
                # after the current selection signal has reached every view, so all of them follow
                QTimer.singleShot(0, lambda: self.document.select(owner))
            self.attention.emit(self, first)
            return False
        self.discard_typing()
        return True

    def discard_typing(self) -> None:
        """Show the model's values again, dropping what was typed and not accepted."""
        for binding in self.bindings.values():
            binding.show(self.entry)

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
        insert_after(self.document, self.entries(), None, entry, f"Add {describe(entry, self.document.timeline)}")
        self.remember_text(lambda: f"Add {describe(entry, self.document.timeline)}")
        self.show_entry(entry)
        return entry

    def duplicate(self) -> object | None:
        if self.entry is None:
            return None
        twin = copy.deepcopy(self.entry)
        if hasattr(twin, "id"):
            twin.id = unique_copy_id(self.entry.id, self.entries())
        insert_after(self.document, self.entries(), self.entry, twin, f"Duplicate {describe(self.entry, self.document.timeline)}")
        self.show_entry(twin)
        return twin

    def delete(self) -> bool:
        """Delete the shown entry after a warning listing what refers to it."""
        if self.entry is None:
            return False
        if not confirm_delete(self, describe(self.entry, self.document.timeline), referrers(self.document.timeline, self.entry)):
            return False
        delete_entry(self.document, self.entry)
        return True

    def show_entry(self, entry: object) -> None:
        """Show a newly added entry (forms that follow the selection select it instead)."""
        self.set_entry(entry)
