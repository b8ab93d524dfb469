"""Editor forms: every field commits one command, undo gives back the exact file, invalid input is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.model import EventKind, Quote, Rating
from saving import save
from editor_helpers import Answers, pick, type_into


@pytest.fixture
def panel(editor_panel):
    return editor_panel


def _show(panel, form_name: str, doc):
    """Put an entry of the right kind in the form: select on the 'canvas' or pick in the list."""
    tl = doc.timeline
    form = getattr(panel, form_name)
    panel.show_form(form)
    if form_name in ("event_form", "quote_form"):
        doc.select(tl.events[0])
    elif form_name == "tenure_form":
        doc.select(tl.tenures[0])
    else:
        form.picker.setCurrentIndex(0)
        form.picker.activated.emit(0)
    assert panel.currentIndex() == panel.forms().index(form)
    return form


TEXT_EDITS = [
    ("event_form", "title", "Ofsted: inadequate", lambda tl: tl.events[0].title),
    ("event_form", "label", "Ofsted: inadequate", lambda tl: tl.events[0].label),
    ("event_form", "date", "2016-11-04", lambda tl: tl.events[0].date),
    ("event_form", "end", "2018", lambda tl: tl.events[0].end),
    ("event_form", "summary", "Rewritten summary.", lambda tl: tl.events[0].summary),
    ("event_form", "people", "alison-gwynne, ged-cooney", lambda tl: tl.events[0].people),
    ("event_form", "id", "ofsted-2016-11", lambda tl: tl.events[0].id),
    ("quote_form", "text", "Progress is far too slow.", lambda tl: tl.events[0].quotes[0].text),
    ("quote_form", "speaker", "Ged Cooney", lambda tl: tl.events[0].quotes[0].speaker),
    ("quote_form", "role", "Inspector", lambda tl: tl.events[0].quotes[0].role),
    ("source_form", "outlet", "The Reporter", lambda tl: tl.sources[0].outlet),
    ("source_form", "published", "2017-10", lambda tl: tl.sources[0].published),
    ("source_form", "url", "https://example.org/r", lambda tl: tl.sources[0].url),
    ("source_form", "archive", "sources/r.txt", lambda tl: tl.sources[0].archive),
    ("person_form", "name", "Gerald Cooney", lambda tl: tl.people[0].name),
    ("person_form", "aliases", "Ged, Cllr Cooney", lambda tl: tl.people[0].aliases),
    ("post_form", "name", "Leader of the council", lambda tl: tl.posts[0].name),
    ("tenure_form", "start", "2020-05", lambda tl: tl.tenures[0].start),
    ("tenure_form", "sources", "mel-2022, reporter-2017", lambda tl: tl.tenures[0].sources),
]


@pytest.mark.parametrize("form_name,field,typed,read", TEXT_EDITS, ids=[f"{f}.{n}" for f, n, _, _ in TEXT_EDITS])
def test_a_field_commits_one_command_and_undo_restores_the_file_bytes(panel, doc, qtbot, form_name, field, typed, read):
    save(doc)
    before_bytes, before_value = doc.path.read_bytes(), read(doc.timeline)
    form = _show(panel, form_name, doc)
    type_into(qtbot, form.bindings[field], typed)
    assert form.bindings[field].message is None
    assert read(doc.timeline) != before_value
    assert doc.undo_stack.count() == 1 and doc.is_dirty
    save(doc)
    assert doc.path.read_bytes() != before_bytes
    assert storage.load(doc.path).timeline == doc.timeline  # what the form made loads back the same
    doc.undo_stack.undo()
    assert read(doc.timeline) == before_value
    save(doc)
    assert doc.path.read_bytes() == before_bytes


def test_choices_commit_and_undo(panel, doc, qtbot):
    form = _show(panel, "tenure_form", doc)
    pick(form.bindings["person"], "alison-gwynne")
    assert doc.timeline.tenures[0].person == "alison-gwynne"
    form = _show(panel, "event_form", doc)
    pick(form.bindings["rating"], Rating.REQUIRES_IMPROVEMENT)
    assert doc.timeline.events[0].rating is Rating.REQUIRES_IMPROVEMENT
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.timeline.tenures[0].person == "ged-cooney" and doc.timeline.events[0].rating is Rating.INADEQUATE


def test_the_approximate_box_commits(panel, doc, qtbot):
    form = _show(panel, "event_form", doc)
    qtbot.mouseClick(form.bindings["date"].approx, Qt.MouseButton.LeftButton)
    assert doc.timeline.events[0].date == PartialDate(2016, approx=True)


def test_a_kind_without_rating_drops_the_rating_in_one_step(panel, doc):
    form = _show(panel, "event_form", doc)
    pick(form.bindings["kind"], EventKind.STATEMENT)
    event = doc.timeline.events[0]
    assert event.kind is EventKind.STATEMENT and event.rating is None
    doc.undo_stack.undo()
    assert event.kind is EventKind.INSPECTION and event.rating is Rating.INADEQUATE


INVALID = [
    ("event_form", "date", "2017-02-30", "not a real date"),
    ("event_form", "date", "19/10/2017", "partial iso date"),
    ("event_form", "end", "2015", "before it starts"),
    ("event_form", "title", "", "required"),
    ("event_form", "label", "Ofsted judges the council's children's services inadequate", "at most 40"),
    ("event_form", "id", "leader-resigns", "already used"),
    ("event_form", "id", "ofsted 2016", "no spaces"),
    ("event_form", "people", "nobody", "unknown person"),
    ("tenure_form", "end", "2020", "before it starts"),
    ("source_form", "id", "mel-2022", "already used"),
    ("source_form", "url", "ftp://x", "http"),
    ("person_form", "name", "", "required"),
    ("quote_form", "text", " ", "required"),
]


@pytest.mark.parametrize("form_name,field,typed,words", INVALID, ids=[f"{f}.{n}={t!r}" for f, n, t, _ in INVALID])
def test_invalid_input_is_shown_next_to_the_field_and_not_committed(panel, doc, qtbot, form_name, field, typed, words):
    form = _show(panel, form_name, doc)
    before = doc.path.read_bytes()
    type_into(qtbot, form.bindings[field], typed)
    binding = form.bindings[field]
    assert binding.error.isVisible() and words in binding.error.text().lower()
    assert doc.undo_stack.count() == 0 and not doc.is_dirty
    save(doc)
    assert doc.path.read_bytes() == before


def test_fixing_the_input_clears_the_error_and_commits(panel, doc, qtbot):
    form = _show(panel, "event_form", doc)
    type_into(qtbot, form.bindings["date"], "2016-13")
    assert form.bindings["date"].error.isVisible()
    type_into(qtbot, form.bindings["date"], "2016-12")
    assert not form.bindings["date"].error.isVisible()
    assert doc.timeline.events[0].date == PartialDate(2016, 12)


def test_delete_warns_with_what_refers_to_it_then_deletes_in_one_step(panel, doc, qtbot, monkeypatch):
    form = _show(panel, "person_form", doc)  # ged-cooney: a tenure, an event and a quote refer to him
    answers = Answers(monkeypatch, "Cancel", "Delete")
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert doc.timeline.person("ged-cooney") is not None and doc.undo_stack.count() == 0
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert "tenure ged-cooney in leader" in answers.asked[0] and "quote 'That report" in answers.asked[0]
    assert doc.timeline.person("ged-cooney") is None and doc.undo_stack.count() == 1
    save(doc)
    assert storage.load(doc.path).timeline == doc.timeline
    doc.undo_stack.undo()
    assert doc.timeline.person("ged-cooney") is not None and doc.timeline.tenures


def test_add_and_duplicate_make_new_entries_with_unique_ids(panel, doc, qtbot):
    form = _show(panel, "source_form", doc)
    form.duplicate_button.click()
    assert [s.id for s in doc.timeline.sources] == ["reporter-2017", "reporter-2017-copy", "mel-2022"]
    assert form.entry is doc.timeline.sources[1]
    panel.event_form.add_button.click()
    added = doc.selection
    assert added is doc.timeline.events[-1] and panel.event_form.entry is added
    assert doc.undo_stack.count() == 2
    assert added.title == "" and panel.event_form.bindings["title"].editor.placeholderText()  # no sample text
    type_into(qtbot, panel.event_form.bindings["title"], "Council announces review")
    save(doc)
    assert storage.load(doc.path).timeline == doc.timeline


def test_new_event_here_adds_an_event_at_the_date(panel, doc):
    event = panel.event_form.add_event_at(PartialDate(2019, 3, 14))
    assert event.date == PartialDate(2019, 3, 14) and event.id == "2019-03-14-event"
    assert doc.selection is event and doc.undo_stack.count() == 1


def test_quotes_reorder_with_the_buttons(panel, doc, qtbot):
    form = _show(panel, "quote_form", doc)
    first, second = doc.timeline.events[0].quotes
    form.list.setCurrentRow(1)
    assert form.entry is second
    form.up_button.click()
    assert doc.timeline.events[0].quotes == [second, first]
    assert form.list.currentRow() == 0
    doc.undo_stack.undo()
    assert doc.timeline.events[0].quotes == [first, second]


def test_pasting_a_quote_fills_in_the_source(panel, doc):
    _show(panel, "quote_form", doc)
    quote = panel.quote_form.paste_quote("mel-2022", "  The findings are stark.\n")
    assert doc.timeline.events[0].quotes[-1] == Quote("Unknown speaker", "The findings are stark.", "mel-2022")
    assert panel.quote_form.entry is quote and doc.undo_stack.count() == 1


def test_forms_show_the_model_again_after_undo(panel, doc, qtbot):
    form = _show(panel, "event_form", doc)
    type_into(qtbot, form.bindings["title"], "Changed")
    doc.undo_stack.undo()
    assert form.bindings["title"].editor.text() == "Ofsted rates services inadequate"


def _rows(popup) -> list[str]:
    model = popup.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _click_row(qtbot, popup, text: str) -> None:
    model = popup.model()
    row = _rows(popup).index(text)
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(model.index(row, 0)).center())


def test_id_lists_pick_the_item_being_typed_by_name(panel, doc, qtbot):
    form = _show(panel, "event_form", doc)
    binding = form.bindings["people"]
    binding.editor.clear()
    qtbot.keyClicks(binding.editor, "alison-gwynne, coo")
    popup = form.people_picker.popup()
    assert _rows(popup) == ["Ged Cooney", "Create person 'coo'"]
    _click_row(qtbot, popup, "Ged Cooney")
    assert doc.timeline.events[0].people == ["alison-gwynne", "ged-cooney"]


def test_the_people_field_creates_a_person_in_one_undo_step(panel, doc, qtbot):
    form = _show(panel, "event_form", doc)
    binding = form.bindings["people"]
    binding.editor.end(False)
    qtbot.keyClicks(binding.editor, ", Jane Doe")
    _click_row(qtbot, form.people_picker.popup(), "Create person 'Jane Doe'")
    event = doc.timeline.events[0]
    assert event.people == ["alison-gwynne", "jane-doe"] and doc.timeline.person("jane-doe").name == "Jane Doe"
    assert binding.editor.text() == "alison-gwynne, jane-doe" and doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert event.people == ["alison-gwynne"] and doc.timeline.person("jane-doe") is None
