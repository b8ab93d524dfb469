"""The quotes of the selected event: a list to pick and reorder, and a form for the picked quote.

`paste_quote_beside()` is the fast path from the source viewer ("New quote from selection"): the
selected text of an archived article becomes a new quote beside the one shown, its source filled in;
`QuoteForm.paste_quote()` does the same for the event the editor shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton

from desktop.panels.editor.wording import describe
from desktop.core.model import Event, Person, Quote
from desktop.panels.editor.fields import ChoiceBinding, NoteBinding, SpeakerBinding, TextBinding
from desktop.panels.editor.form import EntryForm
from desktop.panels.editor.pickers import CreatingCompleter, create_person
from desktop.document.edits import insert_after, move_quote

__all__ = ["QuoteForm", "paste_quote_beside"]


def paste_quote_beside(document, shown: Quote, text: str) -> Quote | None:
    """From the source viewer of `shown`: text selected in its archive becomes a new quote of the
    same event and source, placed right after `shown`; one undo step."""
    from desktop.document.edits import event_of

    text = text.replace("\u2029", "\n").strip()  # Qt marks paragraph breaks in a selection with U+2029
    event = event_of(document.timeline, shown)
    if event is None or not text:
        return None
    quote = Quote("Unknown speaker", text, shown.source)
    insert_after(document, event.quotes, shown, quote, f"Paste {describe(quote)}")
    return quote


class QuoteForm(EntryForm):
    noun = "quote"
    catalogs = ("sources", "people")

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.setObjectName("quote-form")
        self.event: Event | None = None
        self.list = QListWidget()
        self.list.setObjectName("quote-list")
        self.list.setAccessibleName("Quotes of the event")
        self.list.setMaximumHeight(140)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentRowChanged.connect(self._row_changed)
        self.top.insertWidget(1, self.list)
        order = QHBoxLayout()
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        order.addWidget(self.up_button)
        order.addWidget(self.down_button)
        order.addStretch(1)
        self.top.insertLayout(2, order)
        tl = lambda: self.document.timeline  # noqa: E731
        speaker = self.bind(SpeakerBinding("speaker", "&Speaker", lambda: tl().people))
        speaker.editor.lineEdit().setPlaceholderText("type a name: pick a person or create one; or a body, e.g. Ofsted")
        self.speaker_picker = CreatingCompleter(speaker.editor.lineEdit(),
                                                lambda: [(p.name, p.name) for p in tl().people], "person")
        speaker.editor.setCompleter(None)  # the combo's own completer would fight the picker
        self.speaker_picker.create_requested.connect(self.create_speaker)
        self.bind(NoteBinding("text", "Te&xt", required=True))
        self.bindings["text"].editor.setPlaceholderText("the words exactly as the source prints them (required)")
        self.bind(TextBinding("role", "&Role", placeholder="as the article gives it, e.g. Council leader"))
        self.bind(ChoiceBinding("source", "S&ource", lambda: [(f"{s.title} ({s.id})", s.id) for s in tl().sources]))
        self.bind(NoteBinding("note", "&Note"))
        document.selection_changed.connect(self._selection_changed)
        self._selection_changed(document.selection)

    def entries(self) -> list:
        return self.event.quotes if self.event is not None else []

    def selected_owner(self):
        return self.event

    def rejected(self) -> list:
        if self.event is None or not any(e is self.event for e in self.document.timeline.events):
            return []
        return super().rejected()

    def _selection_changed(self, item) -> None:
        if item is not None and item is self.event:
            return
        if self.entry is not None and not self.confirm_leave():
            return  # the user chose to fix the quote first: it stays, with what was typed
        self.event = item if isinstance(item, Event) else None
        self._fill_list()
        self.set_entry(self.event.quotes[0] if self.event and self.event.quotes else None)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        names = {p.id: p.name for p in self.document.timeline.people}  # one pass, not one per quote
        self.list.addItems([f"{names.get(q.speaker, q.speaker)}: {' '.join(q.text.split())[:80]}"
                            for q in self.entries()])
        row = next((i for i, q in enumerate(self.entries()) if q is self.entry), -1)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self.add_button.setEnabled(self.event is not None and bool(self.document.timeline.sources))

    def _row_changed(self, row: int) -> None:
        quotes = self.entries()
        if self.entry is not None and not self.confirm_leave():
            index = next((i for i, q in enumerate(quotes) if q is self.entry), -1)
            self.list.blockSignals(True)  # the row goes back to the quote being fixed; its typing stays
            self.list.setCurrentRow(index)
            self.list.blockSignals(False)
            return
        self.set_entry(quotes[row] if 0 <= row < len(quotes) else None)

    def set_entry(self, entry) -> None:
        super().set_entry(entry)
        index = next((i for i, q in enumerate(self.entries()) if q is entry), -1)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self.entries()) - 1)
        self.list.blockSignals(True)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)

    def concerns(self, change) -> bool:
        return super().concerns(change) or (self.event is not None and change.touches(self.event))

    def refresh(self, gone: bool = True) -> None:
        if gone and self.event is not None and not any(e is self.event for e in self.document.timeline.events):
            self._selection_changed(None)
            return
        if self.entry is not None and not any(q is self.entry for q in self.entries()):
            self.entry = None  # its quote was deleted (its quotes are few: always looked for)
        self._fill_list()
        self.set_entry(self.entry)  # shows every field: no need to show them first as other forms do

    # -- adding, reordering -----------------------------------------------------------------
    def new_entry(self) -> Quote:
        event = self.event
        source = event.sources[0] if event.sources else (self.document.timeline.sources[0].id
                                                          if self.document.timeline.sources else "")
        return Quote("", "", source)

    def add_new(self, entry=None):
        if self.event is None or not self.document.timeline.sources:
            return None  # a quote needs an event and a source: add those first
        return super().add_new(entry)

    def create_speaker(self, name: str) -> Person | None:
        """"Create person '...'": add the person and make them the speaker, one undo step."""
        quote = self.entry
        if quote is None or not name:
            return None
        person = create_person(self.document, name, quote, "speaker", lambda pid: pid,
                               lambda p: f"Add person '{p.name}' as the speaker of {describe(quote)}")
        self.remember_text(lambda: f"Add person '{person.name}' as the speaker of {describe(quote)}")
        self.bindings["speaker"].show(quote)
        return person

    def move(self, step: int) -> None:
        """Move the shown quote up (-1) or down (+1), as one undo step."""
        quotes = self.entries()
        index = next((i for i, q in enumerate(quotes) if q is self.entry), -1)
        if index < 0 or not 0 <= index + step < len(quotes):
            return
        move_quote(self.document, self.event, index, index + step)
        self.set_entry(quotes[index + step])

    def paste_quote(self, source_id: str, text: str, speaker: str = "Unknown speaker") -> Quote | None:
        """A new quote on the selected event, its text and source filled in from the source viewer."""
        text = text.strip()
        if self.event is None or not text:
            return None
        quote = Quote(speaker, text, source_id)
        insert_after(self.document, self.event.quotes, None, quote, f"Paste {describe(quote)}")
        self.set_entry(quote)
        return quote
