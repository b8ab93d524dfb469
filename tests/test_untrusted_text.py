"""Untrusted text from a file is shown literally everywhere and never breaks the layout.

Titles, names and quotes may hold HTML, Qt rich text, bidi overrides and very long words. Each view
must show the characters as they are (no tag interpreted, no image or link loaded) and stay inside
a normal window.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.textsafety import ZERO_WIDTH_SPACE
from desktop.core.model import Event, EventKind, Person, Post, Quote, Rating, Source, Tenure, Timeline

TAG_TITLE = "<b>bold</b> <img src=x>"
RICH_QUOTE = '<a href="javascript:alert(1)">click</a> <font color=red>red</font> &amp;'
RLO_NAME = "Ann \u202eredaeL Example"  # a right-to-left override left open inside a name
LONG_WORD = "Supercalifragilistic" * 150  # 3,000 letters with no space to break at


def hostile_timeline() -> Timeline:
    return Timeline(
        title="<h1>Hostile</h1> timeline",
        sources=[Source(id="src", outlet="<i>Gazette</i>", title=TAG_TITLE, url=None)],
        people=[Person(id="ann", name=RLO_NAME)],
        posts=[Post(id="leader", name="<u>Leader</u>")],
        tenures=[Tenure(person="ann", post="leader", start=PartialDate(2015), end=PartialDate(2019), sources=["src"])],
        events=[
            Event(
                id="ev",
                date=PartialDate(2017, 5),
                kind=EventKind.INSPECTION,
                rating=Rating.INADEQUATE,
                title=TAG_TITLE,
                summary=f"Summary with {LONG_WORD} in it",
                people=["ann"],
                sources=["src"],
                quotes=[
                    Quote(speaker="ann", role="<b>Leader</b>", text=RICH_QUOTE, source="src"),
                    Quote(speaker="Ofsted", text=LONG_WORD, source="src"),
                ],
            )
        ],
    )


def shown_text(label: QLabel) -> str:
    """What a person sees in a label: rich text rendered to plain characters, invisible break hints dropped."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text().replace(ZERO_WIDTH_SPACE, "")
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText().replace(ZERO_WIDTH_SPACE, "")


@pytest.fixture
def window(open_window, qtbot, tmp_path):
    path = tmp_path / "hostile.yaml"
    storage.save(hostile_timeline(), path)
    w = open_window(path)
    w.document.select(w.document.timeline.event("ev"))
    qtbot.wait(50)
    return w


def test_quotes_panel_shows_tags_literally_and_loads_nothing(window):
    labels = window.quotes.findChildren(QLabel)
    seen = "\n".join(shown_text(label) for label in labels)
    assert TAG_TITLE in seen
    assert RICH_QUOTE in seen
    assert "<b>Leader</b>" in seen
    for label in labels:
        if label.textFormat() != Qt.TextFormat.PlainText:
            # rich labels carry only escaped text and http(s) links, never a tag from the file
            assert "<img" not in label.text() and "javascript:" not in label.text().replace("&quot;", "")
            assert "<font" not in label.text() and "<b>" not in label.text()


def test_event_list_shows_the_title_as_typed(window):
    proxy = window.event_list.table.model()
    titles = [proxy.index(r, c).data(Qt.ItemDataRole.DisplayRole) for r in range(proxy.rowCount())
              for c in range(proxy.columnCount())]
    assert TAG_TITLE in titles


def test_a_very_long_word_does_not_widen_the_window(window, qtbot):
    assert window.minimumSizeHint().width() <= 1280
    assert window.width() <= 1280
    scroll = window.quotes.horizontalScrollBar()
    assert scroll.maximum() == 0, "the quotes panel scrolls sideways: a long word broke the layout"


def test_bidi_override_stays_inside_its_field(window):
    """An open RLO in a name must not reverse what follows it on the line (the role, the source)."""
    speaker_lines = [shown_text(label) for label in window.quotes.findChildren(QLabel) if "Ann" in shown_text(label)]
    assert speaker_lines
    for line in speaker_lines:
        # the name is wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, which ends the override
        assert "\u2068" + RLO_NAME + "\u2069" in line, repr(line)
    attribution = next(line for line in speaker_lines if "Leader" in line)
    assert attribution.index("\u2069") < attribution.index("<b>Leader</b>")


def test_canvas_draws_titles_as_text_not_markup(tmp_path, qtbot, window):
    """Exported SVG keeps the canvas' text: tags appear as characters, not as formatting."""
    from desktop.formats.export import ExportOptions, export_timeline

    out = tmp_path / "t.svg"
    export_timeline(window.document, out, ExportOptions("svg", width=1600, height=900))
    root = ElementTree.parse(out).getroot()
    texts = "".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    texts = "".join(texts.split())  # lane names wrap onto two lines
    assert "<b>bold</b>" in texts
    assert "<u>Leader</u>" in texts


def test_presentation_slide_shows_tags_literally(window, qtbot):
    from desktop.window.present import PresentationWindow

    slides = PresentationWindow(window.document)
    qtbot.addWidget(slides)
    slides.resize(1280, 720)
    slides.show()
    qtbot.keyClick(slides, Qt.Key.Key_Right)  # from the title slide to the event
    seen = "\n".join(t.text for t in slides.painted()).replace(ZERO_WIDTH_SPACE, "")
    assert TAG_TITLE in seen  # painted as plain text: the tags are characters, not formatting
    assert RICH_QUOTE in seen
