"""The event form: follows the selected event; "New event here" adds one at a clicked date.

A new event starts with an empty title (the field shows a placeholder), the kind its canvas lane
stands for, and an id made from its date and title that follows them until the user sets one.
The Sources field picks a source or creates one ("Create source '...'") in the same undo step.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from desktop.document.commands import InsertItem, SetField
from desktop.panels.editor.wording import describe
from desktop.document.edits import rename_id
from desktop.core.dates import PartialDate
from desktop.core.model import INSPECTION_KINDS, INTERVENTION_KINDS, LABEL_MAX, Event, EventKind, Rating
from desktop.panels.editor.fields import ChoiceBinding, DateBinding, ListBinding, NoteBinding, TextBinding
from desktop.panels.editor.form import EntryForm
from desktop.panels.editor.new_source import NewSourceDialog
from desktop.panels.editor.pickers import CreatingCompleter, create_person, slug_id
from desktop.core.rules import not_before, parse_id_list

__all__ = ["EventForm", "new_event_id", "auto_id_base", "KIND_OF_LANE"]

#: the kind a new event gets in each event lane of the canvas (timeline.lanes' keys)
KIND_OF_LANE = {
    "inspections": EventKind.INSPECTION,
    "interventions": EventKind.INTERVENTION,
    "leadership": EventKind.LEADERSHIP,
    "statements": EventKind.STATEMENT,
}


#: the lane each kind is drawn in (timeline.lanes groups them the same way)
LANE_OF_KIND = {
    **{k: "Inspections" for k in INSPECTION_KINDS},
    **{k: "Interventions" for k in INTERVENTION_KINDS},
    EventKind.LEADERSHIP: "Leadership changes",
    EventKind.STATEMENT: "Statements",
}


def auto_id_base(date: PartialDate, title: str) -> str:
    """The id an event gets from its date and title: `2024-06-ofsted-monitoring-visit`."""
    words = slug_id(title or "", set(), fallback="event")
    return f"{date.iso()}-{words}"[:80].strip("-")


def new_event_id(date: PartialDate, events: list[Event], title: str = "", entry: Event | None = None) -> str:
    used = {e.id for e in events if e is not entry}
    base = auto_id_base(date, title)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def id_follows(event: Event) -> bool:
    """True while the event's id is the one made from its date and title (not set by hand)."""
    return re.sub(r"-\d+$", "", event.id) == auto_id_base(event.date, event.title) or \
        event.id == auto_id_base(event.date, event.title)


class EventForm(EntryForm):
    noun = "event"
    catalogs = ("people", "sources")

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("event-form")
        tl = lambda: self.document.timeline  # noqa: E731  (the timeline changes on open)
        self.bind(TextBinding("title", "&Title", required=True, placeholder="what happened (required)"))
        self.bind(TextBinding("label", "Short &label", checks=[self._label_fits],
                              placeholder=f"on the timeline, at most {LABEL_MAX} characters (else the title)"))
        self.bind(DateBinding("date", "&Date", required=True,
                              checks=[lambda value, e: not_before(value, e.end)]))
        self.bind(ChoiceBinding("kind", "&Kind", lambda: [(k.label, k) for k in EventKind]), commit=self._set_kind)
        self.lane_hint = QLabel()  # which lane of the timeline the kind puts the event in: no guessing
        self.lane_hint.setObjectName("event-lane-hint")
        self.lane_hint.setStyleSheet("color: palette(mid);")
        self.bindings["kind"].container.layout().addWidget(self.lane_hint)
        self.bind(ChoiceBinding("rating", "&Rating", lambda: [("(none)", None)] + [(r.label, r) for r in Rating],
                                checks=[self._rating_allowed]))
        self.bind(ListBinding("sources", "&Sources", None,
                              placeholder="type a title: pick a source or create one",
                              parse=lambda text: parse_id_list(text, {s.id for s in tl().sources}, "source")))
        self.source_picker = CreatingCompleter(
            self.bindings["sources"].editor,
            lambda: [(f"{s.title} ({s.outlet})", s.id) for s in tl().sources], "source", list_mode=True)
        self.source_picker.create_requested.connect(self.create_source)
        self.bind(NoteBinding("summary", "S&ummary"))
        self.bind(ListBinding("people", "&People", None,
                              placeholder="type a name: pick a person or create one",
                              parse=lambda text: parse_id_list(text, {p.id for p in tl().people}, "person")))
        self.people_picker = CreatingCompleter(self.bindings["people"].editor,
                                               lambda: [(p.name, p.id) for p in tl().people], "person", list_mode=True)
        self.people_picker.create_requested.connect(self.create_person)
        self.bind(DateBinding("end", "&Ends", checks=[lambda value, e: not_before(e.date, value)]))
        self.bind(NoteBinding("note", "&Note"))
        self.bind_id("made from the date and title until you set one")
        self.add_quote_button = QPushButton("Add &quote")  # below the fields: the button row stays narrow
        self.add_quote_button.clicked.connect(lambda _checked=False: self.add_quote_requested())
        self.form.addRow(self.add_quote_button)
        self.add_quote_button.setObjectName("event-add-quote")
        self.add_quote_button.setToolTip("Add a quote to this event (shown on the Quotes tab)")
        self.add_quote_requested = lambda: None  # the panel points this at its quote form
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

    def set_entry(self, entry) -> None:
        super().set_entry(entry)
        self.add_quote_button.setEnabled(entry is not None)
        self._show_lane()

    def refresh(self, gone: bool = True) -> None:
        super().refresh(gone)
        self._show_lane()

    def _show_lane(self) -> None:
        kind = self.entry.kind if self.entry is not None else None
        self.lane_hint.setText(f"drawn in the {LANE_OF_KIND[kind]} lane" if kind is not None else "")

    def _set_kind(self, _binding, kind: EventKind) -> None:
        """A kind that takes no rating drops the rating in the same undo step."""
        event = self.entry
        text = lambda: f"Set kind of {describe(event)} to {kind.label}"  # noqa: E731
        with self.document.macro(text()):
            if event.rating is not None and kind not in INSPECTION_KINDS:
                self.document.push(SetField(self.document, event, "rating", None))
            self.document.push(SetField(self.document, event, "kind", kind))
        self.remember_text(text)

    def set_field(self, binding, value) -> None:
        """Date and title changes take the id along while it is still the one made from them."""
        event = self.entry
        if binding.name not in ("date", "title") or not id_follows(event):
            super().set_field(binding, value)
            return
        date = value if binding.name == "date" else event.date
        title = value if binding.name == "title" else event.title
        new_id = new_event_id(date, self.entries(), title, event)
        with self.document.macro(self.set_text(binding, value)):
            self.document.push(SetField(self.document, event, binding.name, value))
            if new_id != event.id:
                rename_id(self.document, event, new_id)
        self.remember_text(lambda: self.set_text(binding, value, event))

    def _selection_changed(self, item) -> None:
        if item is self.entry or (self.entry is not None and not self.confirm_leave()):
            return  # the same entry, or the user chose to fix a field first: keep what is typed
        if isinstance(item, Event):
            self.set_entry(item)
        elif item is None:
            self.set_entry(None)

    # -- sources picked or created ----------------------------------------------------------
    def create_source(self, title: str) -> object | None:
        """"Create source '...'": ask for the outlet, then add the source and cite it, one undo step."""
        event = self.entry
        if event is None or not title:
            return None
        source_id = slug_id(title, {s.id for s in self.document.timeline.sources}, "source")
        dialog = NewSourceDialog(title, source_id, self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        source = dialog.source()
        tl = self.document.timeline
        text = lambda: f"Add {describe(source)} and cite it in {describe(event)}"  # noqa: E731
        with self.document.macro(text()):
            self.document.push(InsertItem(self.document, tl.sources, len(tl.sources), source))
            self.document.push(SetField(self.document, event, "sources", [*event.sources, source.id]))
        self.remember_text(text)
        self.bindings["sources"].show(event)
        return source

    def create_person(self, name: str) -> object | None:
        """"Create person '...'" in the People field: add them and name them here, one undo step."""
        event = self.entry
        if event is None or not name:
            return None
        person = create_person(self.document, name, event, "people", lambda pid: [*event.people, pid],
                               lambda p: f"Add person '{p.name}' to {describe(event)}")
        self.remember_text(lambda: f"Add person '{person.name}' to {describe(event)}")
        self.bindings["people"].show(event)
        return person

    # -- adding ---------------------------------------------------------------------------
    def new_entry(self, date: PartialDate | None = None, kind: EventKind = EventKind.STATEMENT) -> Event:
        date = date or PartialDate(dt.date.today().year)
        return Event(new_event_id(date, self.entries()), date, kind, "")

    def add_event_at(self, date: PartialDate, kind: EventKind = EventKind.STATEMENT) -> Event:
        """"New event here": an event at the clicked date, selected so the form shows it."""
        return self.add_new(self.new_entry(date, kind))

    def show_entry(self, entry) -> None:
        self.document.select(entry)
        self.set_entry(entry)
