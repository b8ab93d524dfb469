"""The event form: follows the selected event; "New event here" adds one at a clicked date."""

from __future__ import annotations

import datetime as dt

from desktop.document.commands import SetField
from desktop.core.dates import PartialDate
from desktop.core.model import INSPECTION_KINDS, LABEL_MAX, Event, EventKind, Rating
from desktop.panels.editor.fields import ChoiceBinding, DateBinding, ListBinding, NoteBinding, TextBinding
from desktop.panels.editor.form import EntryForm
from desktop.core.rules import not_before, parse_id_list

__all__ = ["EventForm", "new_event_id"]


def new_event_id(date: PartialDate, events: list[Event]) -> str:
    used = {e.id for e in events}
    base = f"event-{date.iso()}"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class EventForm(EntryForm):
    catalogs = ("people", "sources")
    noun = "event"

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("event-form")
        tl = lambda: self.document.timeline  # noqa: E731  (the timeline changes on open)
        self.bind_id()
        self.bind(DateBinding("date", "Date", required=True,
                              checks=[lambda value, e: not_before(value, e.end)]))
        self.bind(DateBinding("end", "Ends", checks=[lambda value, e: not_before(e.date, value)]))
        self.bind(ChoiceBinding("kind", "Kind", lambda: [(k.label, k) for k in EventKind]), commit=self._set_kind)
        self.bind(ChoiceBinding("rating", "Rating", lambda: [("(none)", None)] + [(r.label, r) for r in Rating],
                                checks=[self._rating_allowed]))
        self.bind(TextBinding("title", "Title", required=True))
        self.bind(TextBinding("label", "Short label", checks=[self._label_fits],
                              placeholder=f"on the timeline, at most {LABEL_MAX} characters (else the title)"))
        self.bind(NoteBinding("summary", "Summary"))
        self.bind(ListBinding("people", "People", lambda: [p.id for p in tl().people],
                              placeholder="person ids, comma separated",
                              parse=lambda text: parse_id_list(text, {p.id for p in tl().people}, "person")))
        self.bind(ListBinding("sources", "Sources", lambda: [s.id for s in tl().sources],
                              placeholder="source ids, comma separated",
                              parse=lambda text: parse_id_list(text, {s.id for s in tl().sources}, "source")))
        self.bind(NoteBinding("note", "Note"))
        document.selection_changed.connect(self._selection_changed)
        self.set_entry(document.selection if isinstance(document.selection, Event) else None)

    def entries(self) -> list:
        return self.document.timeline.events

    @staticmethod
    def _label_fits(value, _entry) -> str | None:
        if value is not None and len(value) > LABEL_MAX:
            return f"at most {LABEL_MAX} characters ({len(value)} now): the full wording goes in the title"
        return None

    @staticmethod
    def _rating_allowed(value, entry) -> str | None:
        if value is not None and entry.kind not in INSPECTION_KINDS:
            return "only inspections and visits have a rating"
        return None

    def _set_kind(self, _binding, kind: EventKind) -> None:
        """A kind that takes no rating drops the rating in the same undo step."""
        event = self.entry
        with self.document.macro(f"Change kind of event to {kind.label}"):
            if event.rating is not None and kind not in INSPECTION_KINDS:
                self.document.push(SetField(self.document, event, "rating", None))
            self.document.push(SetField(self.document, event, "kind", kind))

    def _selection_changed(self, item) -> None:
        if isinstance(item, Event):
            self.set_entry(item)
        elif item is None:
            self.set_entry(None)

    # -- adding ---------------------------------------------------------------------------
    def new_entry(self, date: PartialDate | None = None) -> Event:
        date = date or PartialDate(dt.date.today().year)
        return Event(new_event_id(date, self.entries()), date, EventKind.STATEMENT, "New event")

    def add_event_at(self, date: PartialDate) -> Event:
        """"New event here": an event at the clicked date, selected so the form shows it."""
        return self.add_new(self.new_entry(date))

    def show_entry(self, entry) -> None:
        self.document.select(entry)
        self.set_entry(entry)
