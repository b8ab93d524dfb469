"""Editing at a researcher's pace: the whole task (a new event with a new source, a new speaker and a
quote, saved) driven through the real widgets at 1366x768 and counted, and one test per problem the
researcher met on the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from desktop import storage
from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.core.model import EventKind
from desktop.window.mainwindow import MainWindow
from editor_helpers import Answers

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "The local authority has made progress since the last visit."


@pytest.fixture
def window(qtbot, tmp_path, settings):
    shutil.copy(ROOT / "data" / "tameside.yaml", tmp_path / "t.yaml")
    shutil.copytree(ROOT / "data" / "sources", tmp_path / "sources")
    (tmp_path / "sources" / "ofsted-letter-2024.txt").write_text(f"Ofsted letter.\n{QUOTE}\nMore.\n")
    from desktop.document import Document

    win = MainWindow(Document(), settings)
    assert win.open_path(tmp_path / "t.yaml", interactive=False)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class User:
    """Drives the real widgets and counts what a user does: each click, key sequence or typed field."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.actions: list[str] = []

    def click(self, widget, pos: QPoint | None = None, button=Qt.MouseButton.LeftButton, what: str = "") -> None:
        self.actions.append(f"click {what}")
        self.qtbot.mouseClick(widget, button, pos=pos if pos is not None else widget.rect().center())

    def type(self, widget, text: str) -> None:
        self.actions.append(f"type {text!r}")
        self.qtbot.keyClicks(widget, text)

    def key(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.actions.append(f"key {key} {modifier}")
        self.qtbot.keyClick(widget, key, modifier)

    def pick_popup_row(self, popup, text: str) -> None:
        """Click the row of a completer's (or combo's) popup list that shows `text`."""
        model = popup.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)
        rect = popup.visualRect(model.index(row, 0))
        self.click(popup.viewport(), rect.center(), what=text)


def _in_dialog(qtbot, user: User, steps) -> None:
    """Run `steps(dialog)` on the modal dialog that the next action opens."""
    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), dialog
        steps(dialog)
    QTimer.singleShot(0, act)


def test_a_new_event_with_a_new_source_speaker_and_quote_in_at_most_20_actions(window, qtbot):
    user = User(qtbot)
    view = window.timeline_view
    editor = window.editor
    # 1-2. Right-click the Inspections lane at June 2024, choose "New event here"
    where = view.point_at(date_to_timestamp(PartialDate(2024, 6, 15).start), "inspections")
    user.click(view.viewport(), where, Qt.MouseButton.RightButton, "canvas")
    menu = window.findChild(QMenu, "canvas-context-menu")
    [new_here] = menu.actions()
    assert "Inspection" in new_here.text()
    user.click(menu, menu.actionGeometry(new_here).center(), what=new_here.text())
    event = window.document.selection
    assert event.kind is EventKind.INSPECTION and event.date.year == 2024  # the lane and the place decide
    form = editor.panel.event_form
    assert editor.editor_on_screen() and form.entry is event
    # 3. The title field has the focus and is empty (a placeholder, no sample text to select first)
    title = form.bindings["title"].editor
    assert QApplication.focusWidget() is title and title.text() == ""
    user.type(title, "Ofsted monitoring visit")
    # 4-5. The date as precise as the article gives it
    date = form.bindings["date"].text
    user.click(date, what="date")
    date.selectAll()  # a click then typing replaces a selection the user made with the same click
    user.type(date, "2024-06")
    # 6-7. Kind: open the combo, click "Monitoring visit"
    kind = form.bindings["kind"].editor
    user.click(kind, what="kind")
    qtbot.waitUntil(kind.view().isVisible)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a combo ignores a release this soon after it opened
    user.pick_popup_row(kind.view(), "Monitoring visit")
    # 8-12. Sources: type a title, "Create source '...'", give the outlet and archive, OK
    sources = form.bindings["sources"].editor
    user.click(sources, what="sources")
    user.type(sources, "Ofsted monitoring letter")
    popup = form.source_picker.popup()
    assert popup.isVisible()

    def fill(dialog):
        user.type(dialog.outlet, "Ofsted")
        user.click(dialog.archive, what="archive")
        user.type(dialog.archive, "sources/ofsted-letter-2024.txt")
        user.click(dialog.buttons.button(dialog.buttons.StandardButton.Ok), what="OK")
    _in_dialog(qtbot, user, fill)
    user.pick_popup_row(popup, "Create source 'Ofsted monitoring letter'")
    window.activateWindow()  # what the window system does when a dialog closes (offscreen does not)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # 13-15. Add quote (on the event form), type a new speaker, "Create person 'Jane Doe'"
    user.click(form.add_quote_button, what="Add quote")
    quotes = editor.panel.quote_form
    speaker = quotes.bindings["speaker"].editor
    assert QApplication.focusWidget() is speaker and speaker.currentText() == ""
    user.type(speaker, "Jane Doe")
    user.pick_popup_row(quotes.speaker_picker.popup(), "Create person 'Jane Doe'")
    # 16-17. The quote's words
    text = quotes.bindings["text"].editor
    user.click(text.viewport(), what="quote text")
    user.type(text, QUOTE)
    # 18. Save
    user.key(text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.document.is_dirty)

    saved = storage.load(window.document.path).timeline
    [new] = [e for e in saved.events if e.title == "Ofsted monitoring visit"]
    assert (new.date, new.kind) == (PartialDate(2024, 6), EventKind.MONITORING_VISIT)
    assert new.id == "2024-06-ofsted-monitoring-visit"  # the id followed the date and the title
    source = saved.source(new.sources[0])
    assert (source.title, source.outlet, source.archive) == ("Ofsted monitoring letter", "Ofsted",
                                                              "sources/ofsted-letter-2024.txt")
    [quote] = new.quotes
    assert (quote.text, quote.source) == (QUOTE, source.id)
    assert saved.person(quote.speaker).name == "Jane Doe"
    print(f"\n{len(user.actions)} actions:", *user.actions, sep="\n  ")
    assert len(user.actions) <= 20


# -- one test per problem met on the way ---------------------------------------------------------
from editor_helpers import type_into  # noqa: E402


def _first(window, kind_name="inspection"):
    return next(e for e in window.document.timeline.events if e.kind.value == kind_name)


def test_1_the_editor_menu_item_shows_the_editor_hidden_behind_a_tab(window):
    editor = window.editor
    assert not editor.editor_on_screen() and not editor.editor_action.isChecked()
    editor.editor_action.trigger()  # the first press shows it (it used to hide it)
    assert editor.editor_on_screen() and editor.editor_action.isChecked()
    editor.editor_action.trigger()
    assert not editor.editor_dock.isVisible()


@pytest.mark.parametrize("answer", ["Fix it", "Discard the change"])
def test_2_leaving_an_event_with_typing_not_accepted_asks(window, qtbot, monkeypatch, answer):
    doc = window.document
    first, second = doc.timeline.events[:2]
    doc.select(first)
    form = window.editor.panel.event_form
    type_into(qtbot, form.bindings["date"], "2024-13")
    assert form.bindings["date"].message
    answers = Answers(monkeypatch, answer)
    doc.select(second)
    qtbot.waitUntil(lambda: not answers.labels)
    assert "You typed: '2024-13'" in answers.asked[0]
    if answer == "Fix it":
        qtbot.waitUntil(lambda: doc.selection is first)
        assert form.entry is first and form.bindings["date"].text.text() == "2024-13"
    else:
        assert form.entry is second and doc.undo_stack.count() == 0


def test_2_picking_another_quote_keeps_typing_not_accepted_until_fixed_or_discarded(window, qtbot, monkeypatch):
    doc = window.document
    event = next(e for e in doc.timeline.events if len(e.quotes) > 1)
    doc.select(event)
    form = window.editor.panel.quote_form
    window.editor.show_editor(form)
    type_into(qtbot, form.bindings["text"], " ")  # the quote's words are required
    assert form.bindings["text"].message
    answers = Answers(monkeypatch, "Fix it")
    form.list.setCurrentRow(1)
    assert answers.asked and form.entry is event.quotes[0] and form.list.currentRow() == 0
    assert form.bindings["text"].editor.toPlainText() == " "
    Answers(monkeypatch, "Discard the change")
    form.list.setCurrentRow(1)
    assert form.entry is event.quotes[1] and event.quotes[0].text.strip()


def test_2_save_with_a_field_not_accepted_names_it_and_offers_to_go_there(window, qtbot, monkeypatch):
    doc = window.document
    before = doc.path.read_bytes()
    event, other = doc.timeline.events[:2]
    doc.select(event)
    form = window.editor.panel.event_form
    type_into(qtbot, form.bindings["id"], other.id)  # a duplicate id
    answers = Answers(monkeypatch, "Go to the field")
    assert not window.save()
    assert "Id of event" in answers.asked[0] and f"you typed '{other.id}'" in answers.asked[0]
    assert doc.path.read_bytes() == before and window.editor.editor_on_screen()
    Answers(monkeypatch, "Save without them")
    type_into(qtbot, form.bindings["title"], "Edited")
    type_into(qtbot, form.bindings["id"], other.id)
    assert window.save()
    qtbot.waitUntil(lambda: not doc.is_dirty)
    saved = storage.load(doc.path).timeline
    assert saved.events[0].title == "Edited" and saved.events[0].id == event.id


def test_2_an_empty_required_field_blocks_the_save(window, monkeypatch):
    before = window.document.path.read_bytes()
    window.editor.add_event()
    answers = Answers(monkeypatch, "Cancel")
    assert not window.save()
    assert "Title of new event" in answers.asked[0] and "would not open again" in answers.asked[0]
    assert window.document.path.read_bytes() == before


def test_3_a_quote_not_in_its_archive_is_warned_about_at_once_and_the_warning_leaves_when_fixed(window, qtbot):
    doc = window.document
    event = next(e for e in doc.timeline.events if e.quotes and doc.timeline.source(e.quotes[0].source).archive)
    doc.select(event)
    panel = window.editor.panel
    panel.show_form(panel.quote_form)
    text = panel.quote_form.bindings["text"]
    original = event.quotes[0].text
    assert not doc.warnings
    type_into(qtbot, text, "Words nobody printed.")
    qtbot.waitUntil(lambda: bool(doc.warnings))
    assert "not found verbatim" in str(doc.warnings[0]) and "edited here" in str(doc.warnings[0])
    assert window.warnings.list.count() == 1
    type_into(qtbot, text, original)
    qtbot.waitUntil(lambda: not doc.warnings)
    assert window.warnings.summary.text() == "No warnings."


from desktop.timeline import lanes  # noqa: E402


@pytest.mark.parametrize("lane,kind", [("interventions", EventKind.INTERVENTION), ("statements", EventKind.STATEMENT),
                                       ("leadership", EventKind.LEADERSHIP)])
def test_4_new_event_here_takes_the_kind_of_the_lane_clicked(window, qtbot, lane, kind):
    view = window.timeline_view
    where = view.point_at(date_to_timestamp(PartialDate(2019, 6, 15).start), lane)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=where)
    menu = window.findChild(QMenu, "canvas-context-menu")
    menu.actions()[0].trigger()
    event = window.document.selection
    assert event.kind is kind and event.date.year == 2019
    hint = window.editor.panel.event_form.lane_hint.text()  # the form says where the kind is drawn
    names = {drawn.key: drawn.name for drawn in lanes.build(window.document.timeline).lanes}
    assert hint == f"drawn in the {names[lane]} lane"


def test_5_a_new_speaker_is_created_from_the_quote_form_in_one_undo_step(window, qtbot):
    doc = window.document
    doc.select(_first(window))
    quote = window.editor.panel.add_quote()
    steps = doc.undo_stack.count()
    person = window.editor.panel.quote_form.create_speaker("Jane Doe")
    assert quote.speaker == person.id == "jane-doe" and doc.undo_stack.count() == steps + 1
    assert "Add person 'Jane Doe' as the speaker" in doc.undo_stack.undoText()
    doc.undo_stack.undo()
    assert doc.timeline.person("jane-doe") is None and quote.speaker == ""


def test_6_new_entries_start_empty_with_placeholders(window):
    panel = window.editor.panel
    for form, fields in ((panel.source_form, ("title", "outlet")), (panel.person_form, ("name",)),
                         (panel.post_form, ("name",))):
        form.add_new()
        for name in fields:
            editor = form.bindings[name].editor
            assert editor.text() == "" and editor.placeholderText(), (form, name)
    window.document.select(_first(window))
    panel.add_quote()
    text = panel.quote_form.bindings["text"].editor
    assert text.toPlainText() == "" and text.placeholderText()
    assert panel.quote_form.bindings["speaker"].editor.currentText() == ""


def test_7_undo_texts_name_the_entry_and_show_the_new_value(window, qtbot):
    doc, panel = window.document, window.editor.panel
    form = panel.source_form
    form.set_entry(doc.timeline.sources[0])
    title = doc.timeline.sources[0].title
    type_into(qtbot, form.bindings["outlet"], "Manchester Evening News")
    assert doc.undo_stack.undoText() == f"Set outlet of source '{title[:29]}…' to 'Manchester Evening News'"
    tenure = doc.timeline.tenures[0]
    doc.select(tenure)
    panel.tenure_form.duplicate()
    person = doc.timeline.person(tenure.person).name
    post = next(p.name for p in doc.timeline.posts if p.id == tenure.post)
    assert doc.undo_stack.undoText() == f"Duplicate tenure of {person} as {post}"


def test_7_history_names_entries_by_their_current_names(window, qtbot):
    doc, panel = window.document, window.editor.panel
    form = panel.source_form
    form.add_new()
    type_into(qtbot, form.bindings["outlet"], "Manchester Evening News")
    type_into(qtbot, form.bindings["title"], "Council leader quits")
    stack = doc.undo_stack
    texts = [stack.text(i) for i in range(stack.count())]
    assert texts[-3:] == ["Add source 'Council leader quits'",
                          "Set outlet of source 'Council leader quits' to 'Manchester Evening News'",
                          "Set title of source to 'Council leader quits'"]
    history = window.editor.history.model()
    assert history.index(2, 0).data() == texts[-2]  # row 0 is "Opened file"


def test_9_the_id_follows_date_and_title_until_set_by_hand(window, qtbot):
    form = window.editor.panel.event_form
    event = window.editor.add_event(PartialDate(2024, 6, 18), EventKind.INSPECTION)
    assert event.id == "2024-06-18-event"
    type_into(qtbot, form.bindings["date"], "2024-06")
    type_into(qtbot, form.bindings["title"], "Ofsted visit")
    assert event.id == "2024-06-ofsted-visit"
    window.document.undo_stack.undo()  # the title and the id go back together
    assert (event.title, event.id) == ("", "2024-06-event")
    window.document.undo_stack.redo()
    type_into(qtbot, form.bindings["id"], "my-own-id")
    type_into(qtbot, form.bindings["title"], "Ofsted monitoring visit")
    assert event.id == "my-own-id"


def test_10_ctrl_del_in_a_text_field_edits_the_field_not_the_document(window, qtbot, monkeypatch):
    doc = window.document
    doc.select(_first(window))
    window.editor.show_editor(window.editor.panel.event_form)
    title = window.editor.panel.event_form.bindings["title"].editor
    title.setFocus()
    title.setCursorPosition(0)
    before = title.text()
    asked = Answers(monkeypatch)
    qtbot.keyClick(title, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert not asked.asked and title.text() != before and doc.selection in doc.timeline.events
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == before and doc.undo_stack.count() == 0


def test_8_the_editor_fits_1366x768_with_every_tab_in_sight_and_boxes_that_grow(window, qtbot):
    editor = window.editor
    editor.show_editor(editor.panel.event_form)
    window.document.select(_first(window))
    qtbot.waitUntil(editor.editor_on_screen)
    bar = editor.panel.tabBar()
    assert bar.rect().contains(bar.tabRect(bar.count() - 1))  # Posts in sight, no scroll arrows
    form = editor.panel.event_form
    title = form.bindings["title"].editor
    assert title.cursorPosition() == 0  # a long title shows its beginning
    summary = form.bindings["summary"].editor
    short = summary.height()
    summary.setPlainText("\n".join(f"line {i}" for i in range(8)))
    assert summary.height() > short * 2
    form.discard_typing()
    editor.add_event(PartialDate(2024, 6), EventKind.INSPECTION)  # a form taller than the dock
    precision = form.bindings["date"].precision
    qtbot.waitUntil(lambda: precision.width() >= precision.sizeHint().width())  # laid out
    window.grab()
    scroll = editor.panel.currentWidget()
    assert form.width() <= scroll.viewport().width()  # nothing hidden under the scroll bar


def test_10_field_labels_have_mnemonics(window):
    from PySide6.QtWidgets import QFormLayout, QLabel

    for form in window.editor.panel.forms():
        letters = []
        for row in range(form.form.rowCount()):
            item = form.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is None:  # a row of its own (the event form's Add quote button)
                continue
            label = item.widget()
            assert isinstance(label, QLabel) and "&" in label.text() and label.buddy() is not None, label.text()
            letters.append(label.text()[label.text().index("&") + 1].lower())
        assert len(letters) == len(set(letters)), (form.objectName(), letters)


def test_11_a_same_month_handover_is_drawn_on_one_row():
    from desktop.core.model import Person, Post, Tenure, Timeline
    from desktop.timeline import lanes

    timeline = Timeline(title="t", people=[Person("a", "A"), Person("b", "B")], posts=[Post("leader", "Leader")],
                        tenures=[Tenure("a", "leader", PartialDate(2020), PartialDate(2024, 5)),
                                 Tenure("b", "leader", PartialDate(2024, 5), PartialDate(2025, 1))])
    [lane] = [lane for lane in lanes.build(timeline).lanes if lane.is_tenure]
    assert lane.row.tolist() == [0, 0] and lane.rows == 1
    timeline.tenures[1].start = PartialDate(2024, 3)  # a real overlap still gets its own row
    [lane] = [lane for lane in lanes.build(timeline).lanes if lane.is_tenure]
    assert lane.row.tolist() == [0, 1]


def test_11_a_new_tenure_is_written_beside_its_posts_tenures(window):
    from desktop.core.model import Tenure

    doc = window.document
    tenures = doc.timeline.tenures
    post = tenures[0].post
    last = max(i for i, t in enumerate(tenures) if t.post == post)
    assert last < len(tenures) - 1  # other posts' tenures follow in the file
    new = window.editor.panel.tenure_form.add_new(Tenure(doc.timeline.people[0].id, post, PartialDate(2025)))
    assert tenures.index(new) == last + 1
    person = doc.timeline.people[0].name
    assert doc.undo_stack.undoText().startswith(f"Add tenure of {person} as ")
