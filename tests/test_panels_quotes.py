"""The quotes panel: what a researcher reads for the selected event or tenure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.document import Document
from desktop.panels.quotes import QuotesPanel
from samples import HTML_QUOTE, open_panel_sample


@pytest.fixture
def panel(qtbot, tmp_path):
    document = Document()
    timeline = open_panel_sample(document, tmp_path)
    widget = QuotesPanel(document)
    qtbot.addWidget(widget)
    return widget, document, timeline


def test_selected_event_fills_title_date_kind_rating_summary(panel):
    widget, document, timeline = panel
    document.select(timeline.event("ofsted-2016"))
    assert widget.title_label.text() == "Ofsted rates services inadequate"
    assert widget.meta_label.text() == "2016 (year only) \u00b7 Inspection \u00b7 Rating: Inadequate"
    assert widget.sources_label.text() == (
        "Sources:\n\u2022 Tameside Reporter, 'Ofsted warns progress too slow', Nigel Pivaro, 19 Oct 2017")
    assert [c.speaker_label.text() for c in widget.cards] == [
        "\u2014 Ofsted, inspectorate", "\u2014 Alison Gwynne, Executive member"]
    assert widget.cards[0].source_label.text() == (
        "Source: Tameside Reporter, &#x27;Ofsted warns progress too slow&#x27;, Nigel Pivaro, 19 Oct 2017")


def test_html_in_quotes_is_shown_literally(panel):
    widget, document, timeline = panel
    document.select(timeline.event("statement-2023"))
    label = widget.cards[0].text_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == f"\u201c{HTML_QUOTE}\u201d"
    assert widget.meta_label.text().startswith("c. Aug 2023 \u00b7 Statement")


def test_html_in_source_title_is_escaped_and_non_web_links_are_not_links(panel):
    widget, document, timeline = panel
    document.select(timeline.event("plan-2019"))
    source = widget.cards[0].source_label
    assert "&lt;i&gt;bold&lt;/i&gt;" in source.text() and "<a " not in source.text()
    assert not widget.cards[0].open_button.isEnabled()  # javascript: URL and no archive


def test_badges_say_whether_each_quote_is_in_the_archive(qtbot, panel):
    widget, document, timeline = panel
    document.select(timeline.event("ofsted-2016"))
    assert [c.badge.text() for c in widget.cards] == ["Checking\u2026"] * 2  # read in the background
    qtbot.waitUntil(lambda: [c.badge.objectName() for c in widget.cards] == ["badgeFound", "badgeMissing"])
    document.select(timeline.event("statement-2023"))
    assert widget.cards[0].badge.objectName() == "badgeUnknown"  # web source, no archived text


def test_copy_citation_puts_the_formatted_citation_on_the_clipboard(qtbot, panel):
    widget, document, timeline = panel
    document.select(timeline.event("statement-2023"))
    qtbot.mouseClick(widget.cards[0].copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        f"\u201c{HTML_QUOTE}\u201d \u2014 Ged Cooney, Council leader. Manchester Evening News, "
        "'Council leader speaks', Aug 2023. https://example.org/news/leader"
    )
    assert widget.cards[0].copy_button.text() == "Copied \u2713"
    qtbot.waitUntil(lambda: widget.cards[0].copy_button.text() == "Copy citation", timeout=5000)


def test_open_source_shows_archive_read_only_with_quote_highlighted(qtbot, panel):
    widget, document, timeline = panel
    document.select(timeline.event("ofsted-2016"))
    qtbot.mouseClick(widget.cards[0].open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.viewer is not None)  # the archive is read in the background
    viewer = widget.viewer
    qtbot.addWidget(viewer)
    assert viewer.editor.isReadOnly()
    assert " ".join(viewer.highlighted_text().split()) == (
        "services for children remain inadequate and that leaders had")


def test_open_source_with_url_shows_the_address_before_opening(qtbot, panel, monkeypatch):
    widget, document, timeline = panel
    shown, opened = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Open.value)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    document.select(timeline.event("statement-2023"))
    qtbot.mouseClick(widget.cards[0].open_button, Qt.MouseButton.LeftButton)
    assert "https://example.org/news/leader" in shown[0]
    assert opened == ["https://example.org/news/leader"]
    widget.open_url("javascript:alert(1)")
    assert len(shown) == 1 and len(opened) == 1


def test_selected_tenure_shows_person_post_dates_and_their_quotes(panel):
    widget, document, timeline = panel
    document.select(timeline.tenures[0])
    assert widget.title_label.text() == "Ged Cooney"
    assert widget.meta_label.text() == "Leader of the council \u00b7 May 2021 (month only) \u2013 2024 (year only)"
    assert [c.quote.text for c in widget.cards] == ["The plan is working", HTML_QUOTE]  # date order


def test_nothing_selected_after_a_new_timeline(panel):
    widget, document, timeline = panel
    document.select(timeline.events[0])
    document.set_timeline(timeline, None)
    assert widget.title_label.text() == "Nothing selected" and widget.cards == []


def test_a_note_citing_a_source_by_id_reads_as_the_source(panel):
    """Notes in the file cite sources by id; the panel shows whom they cite, and the file keeps the id."""
    from PySide6.QtWidgets import QLabel

    from desktop.document.commands import SetField

    widget, document, timeline = panel
    event = timeline.event("ofsted-2016")
    source_id = timeline.sources[0].id
    note = f"{source_id}: dated by its report; not {source_id}-draft or x{source_id}."
    document.push(SetField(document, event, "note", note))
    document.select(event)
    shown = [label.text() for label in widget.findChildren(QLabel) if label.text().startswith("Note:")]
    assert shown == [f"Note: Tameside Reporter, 19 Oct 2017: dated by its report; not {source_id}-draft or "
                     f"x{source_id}."]
    assert event.note == note


def test_a_source_id_that_is_an_ordinary_word_stays_a_word_in_notes():
    from desktop.core.citation import readable_note
    from desktop.core.dates import PartialDate
    from desktop.core.model import Source, Timeline

    timeline = Timeline(title="t", sources=[Source("ofsted", "Ofsted", "Report", None, PartialDate(2016), None, None),
                                            Source("men-2023", "Manchester Evening News", "Leader", None,
                                                   PartialDate(2023, 8), None, None)])
    assert readable_note(timeline, "ofsted said so; see men-2023.") == (
        "ofsted said so; see Manchester Evening News, Aug 2023.")
