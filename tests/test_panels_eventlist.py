"""The event list: date order, search, filters feeding the Document, selection both ways."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from desktop.document.commands import InsertItem
from desktop.document import Document
from desktop.core.model import EventKind, Rating
from desktop.panels.event_model import EVENT_ROLE
from desktop.panels.eventlist import EventListPanel
from samples import open_panel_sample


@pytest.fixture
def panel(qtbot, tmp_path):
    document = Document()
    timeline = open_panel_sample(document, tmp_path)
    widget = EventListPanel(document)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    return widget, document, timeline


def shown_ids(widget: EventListPanel) -> list[str]:
    proxy = widget.proxy
    return [proxy.index(r, 0).data(EVENT_ROLE).id for r in range(proxy.rowCount())]


def test_rows_are_all_events_in_date_order(panel):
    widget, document, _ = panel
    assert shown_ids(widget) == ["ofsted-2016", "visit-2017", "plan-2019", "statement-2023"]
    assert widget.proxy.index(0, 0).data() == "2016"
    assert widget.proxy.index(3, 0).data() == "c. Aug 2023"
    assert widget.count_label.text() == "4 events"
    assert document.event_filter is None


@pytest.mark.parametrize("text, expected", [
    ("inadequate", ["ofsted-2016"]),                     # title
    ("department for education", ["plan-2019"]),         # summary
    ("never give up", ["ofsted-2016"]),                  # quote words
    ("ged cooney", ["plan-2019", "statement-2023"]),     # speaker's name
    ("OFSTED slow", ["visit-2017"]),                     # all words, any case
])
def test_search_filters_rows_and_the_document(qtbot, panel, text, expected):
    widget, document, _ = panel
    qtbot.keyClicks(widget.search, text)
    assert shown_ids(widget) == expected
    assert document.event_filter == frozenset(expected)
    assert widget.count_label.text() == f"{len(expected)} of 4 events"


def test_kind_rating_person_and_date_filters(panel):
    widget, document, _ = panel
    widget.kind_box.setCurrentIndex(widget.kind_box.findData(EventKind.PLAN))
    assert shown_ids(widget) == ["plan-2019"]
    widget.kind_box.setCurrentIndex(0)
    widget.rating_box.setCurrentIndex(widget.rating_box.findData(Rating.INADEQUATE))
    assert shown_ids(widget) == ["ofsted-2016"]
    widget.rating_box.setCurrentIndex(0)
    widget.person_box.setCurrentIndex(widget.person_box.findData("ged-cooney"))
    assert shown_ids(widget) == ["plan-2019", "statement-2023"]
    widget.person_box.setCurrentIndex(0)
    widget.from_edit.setDate(QDate(2017, 1, 1))
    widget.to_edit.setDate(QDate(2019, 12, 31))
    # the 2019-03 plan runs to March 2020; a year-only 2016 date ends before 2017
    assert shown_ids(widget) == ["visit-2017", "plan-2019"]
    assert document.event_filter == frozenset({"visit-2017", "plan-2019"})
    widget.from_edit.setDate(QDate(2020, 2, 1))
    widget.to_edit.setDate(widget.to_edit.minimumDate())
    assert shown_ids(widget) == ["plan-2019", "statement-2023"]


def test_clear_filters_shows_everything_again(qtbot, panel):
    widget, document, _ = panel
    qtbot.keyClicks(widget.search, "plan")
    assert document.event_filter == frozenset({"plan-2019"})
    qtbot.mouseClick(widget.clear_button, Qt.MouseButton.LeftButton)
    assert widget.search.text() == "" and len(shown_ids(widget)) == 4
    assert document.event_filter is None


def test_clicking_a_row_selects_the_event_in_the_document(qtbot, panel):
    widget, document, timeline = panel
    rect = widget.table.visualRect(widget.proxy.index(2, 1))
    qtbot.mouseClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert document.selection is timeline.event("plan-2019")


def test_selection_made_elsewhere_highlights_the_row(panel):
    widget, document, timeline = panel
    document.select(timeline.event("visit-2017"))
    assert widget.selected_event() is timeline.event("visit-2017")
    document.select(timeline.tenures[0])
    assert widget.selected_event() is None
    assert document.selection is timeline.tenures[0]  # clearing the row did not clear the selection


def test_a_new_timeline_resets_rows_and_filters(qtbot, panel):
    widget, document, timeline = panel
    qtbot.keyClicks(widget.search, "plan")
    timeline.events = timeline.events[:2]
    document.set_timeline(timeline, None)
    assert widget.search.text() == "" and shown_ids(widget) == ["ofsted-2016", "statement-2023"]
    assert document.event_filter is None


def test_search_on_a_large_timeline_waits_for_a_pause_in_typing(qtbot, panel, monkeypatch):
    widget, document, _ = panel
    monkeypatch.setattr("desktop.panels.eventlist.DEBOUNCE_ROWS", 2)
    qtbot.keyClicks(widget.search, "plan")
    assert widget.proxy.rowCount() == 4  # not yet filtered while typing
    qtbot.waitUntil(lambda: document.event_filter == frozenset({"plan-2019"}))
    assert widget.proxy.rowCount() == 1


def test_kind_swatch_uses_the_canvas_colour_of_the_rating_or_kind(panel):
    from desktop.timeline.style import Style

    widget, _, _ = panel
    light = Style("light").classes
    icon = widget.proxy.index(0, 2).data(Qt.ItemDataRole.DecorationRole)  # the inadequate inspection
    assert icon.pixmap(10, 10).toImage().pixelColor(5, 5) == light[0]
    widget.model.set_theme("dark")
    icon = widget.proxy.index(2, 2).data(Qt.ItemDataRole.DecorationRole)  # the plan
    assert icon.pixmap(10, 10).toImage().pixelColor(5, 5) == Style("dark").classes[6]


def test_an_edit_keeps_the_filters_and_offers_new_people(panel):
    from desktop.core.model import Person

    widget, document, timeline = panel
    widget.person_box.setCurrentIndex(widget.person_box.findData("ged-cooney"))
    document.push(InsertItem(document, timeline.people, len(timeline.people), Person("new-director", "A New Director")))
    assert widget.person_box.currentData() == "ged-cooney"
    assert widget.person_box.findData("new-director") > 0
    assert document.event_filter == frozenset({"plan-2019", "statement-2023"})


def test_a_narrow_dock_gives_the_title_the_room_and_drops_the_rating_column(qtbot, panel):
    widget = panel[0]
    widget.resize(320, 500)
    qtbot.waitUntil(lambda: widget.table.isColumnHidden(3))
    assert widget.table.columnWidth(1) >= 90  # the title stays readable
    widget.resize(700, 500)
    qtbot.waitUntil(lambda: not widget.table.isColumnHidden(3))
