"""The tenure form: who held which post from when to when; follows the selected tenure."""

from __future__ import annotations

from desktop.core.model import Tenure
from desktop.panels.editor.fields import ChoiceBinding, DateBinding, ListBinding, NoteBinding
from desktop.document.edits import insert_after
from desktop.panels.editor.form import EntryForm
from desktop.panels.editor.wording import describe
from desktop.core.rules import not_before, parse_id_list

__all__ = ["TenureForm"]


class TenureForm(EntryForm):
    catalogs = ("people", "posts", "sources")
    noun = "tenure"

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("tenure-form")
        tl = lambda: self.document.timeline  # noqa: E731
        self.bind(ChoiceBinding("person", "&Person", lambda: [(p.name, p.id) for p in tl().people]))
        self.bind(ChoiceBinding("post", "P&ost", lambda: [(p.name, p.id) for p in tl().posts]))
        self.bind(DateBinding("start", "&Start", checks=[lambda value, t: not_before(value, t.end)]))
        self.bind(DateBinding("end", "&End", checks=[lambda value, t: not_before(t.start, value)]))
        self.bind(ListBinding("sources", "So&urces", lambda: [s.id for s in tl().sources],
                              placeholder="source ids, comma separated",
                              parse=lambda text: parse_id_list(text, {s.id for s in tl().sources}, "source")))
        self.bind(NoteBinding("note", "&Note"))
        document.selection_changed.connect(self._selection_changed)
        self.set_entry(document.selection if isinstance(document.selection, Tenure) else None)

    def entries(self) -> list:
        return self.document.timeline.tenures

    def _selection_changed(self, item) -> None:
        if item is self.entry or (self.entry is not None and not self.confirm_leave()):
            return  # the same entry, or the user chose to fix a field first: keep what is typed
        if isinstance(item, Tenure):
            self.set_entry(item)
        elif item is None:
            self.set_entry(None)

    def set_entry(self, entry) -> None:
        super().set_entry(entry)
        tl = self.document.timeline
        self.add_button.setEnabled(bool(tl.people and tl.posts))

    def new_entry(self) -> Tenure:
        tl = self.document.timeline
        return Tenure(tl.people[0].id, tl.posts[0].id)

    def add_new(self, entry=None):
        """A new tenure is written beside its post's other tenures (after the last), not at the end
        of the file, so the YAML reads post by post as people keep it."""
        tl = self.document.timeline
        if entry is None and not (tl.people and tl.posts):
            return None  # a tenure needs a person and a post: add those first
        entry = entry if entry is not None else self.new_entry()
        anchor = next((t for t in reversed(tl.tenures) if t.post == entry.post), None)
        insert_after(self.document, tl.tenures, anchor, entry, f"Add {describe(entry, tl)}")
        self.show_entry(entry)
        return entry

    def show_entry(self, entry) -> None:
        self.document.select(entry)
        self.set_entry(entry)
