"""Slides anyone in the room can read: every slide of the bundled Tameside talk, at the three
screen sizes a council meeting meets, checked from the texts as they are painted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from desktop.core import paths
from desktop.document import Document
from desktop.formats.slide_deck import SlideDeck
from desktop.core.slides import context, event_lane

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def tameside(qapp):
    document = Document()
    document.open(paths.default_timeline())
    return document


def _paint(deck: SlideDeck, index: int, size: tuple[int, int]):
    image = QImage(*size, QImage.Format.Format_RGB32)
    record = []
    painter = QPainter(image)
    deck.paint(painter, QRectF(image.rect()), index, record)
    painter.end()
    return record


def _overlap(a: QRectF, b: QRectF) -> float:
    cut = a.intersected(b)
    return cut.width() * cut.height() if cut.isValid() else 0.0


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_is_readable_from_the_back_and_nothing_overflows(tameside, size):
    deck = SlideDeck(tameside)
    width, height = size
    smallest = round(height * 0.03)  # 22 px at 720 lines, 32 at 1080
    page = QRectF(0, 0, width, height)
    assert len(deck) == len(tameside.timeline.events) + 1  # the title slide, then every event
    for index in range(len(deck)):
        texts = _paint(deck, index, size)
        where = f"slide {index} at {width}x{height}"
        assert texts, where
        for t in texts:
            assert t.px >= smallest, (where, t.role, t.text, t.px)
            assert page.contains(t.rect), (where, "off the slide", t.role, t.text, t.rect)
            # the glyphs stay in the room they were laid out in: nothing runs over or is cut by a neighbour
            assert t.box.adjusted(-1, -1, 1, 1).contains(t.rect), (where, "overflows", t.role, t.text, t.rect, t.box)
            assert "\u2026" not in t.text, (where, "shortened", t.role, t.text)
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert _overlap(a.rect, b.rect) < 1, (where, "overlap", a.role, a.text, b.role, b.text)
        roles = {t.role for t in texts}
        assert {"headline", "counter", "lane", "axis"} <= roles, (where, roles)


def test_each_slide_shows_its_event_in_context(tameside):
    deck = SlideDeck(tameside)
    timeline = tameside.timeline
    lane_names = {f"post:{p.id}": p.name for p in timeline.posts}
    lane_names.update({lane.key: lane.name for lane in deck.model.lanes})
    for index, slide in enumerate(deck.slides, 1):
        texts = _paint(deck, index, (1280, 720))
        event = slide.event
        lanes = [t.text for t in texts if t.role == "lane"]
        relevant = [lane_names[k] for k in context(timeline, slide).lanes]
        assert lane_names[event_lane(event)] in lanes, (event.id, lanes)  # its own lane, whole
        assert set(lanes) <= set(relevant) and len(lanes) < len(deck.model.lanes), (event.id, lanes)
        years = [int(t.text) for t in texts if t.role == "axis"]
        assert min(years) <= event.date.year <= max(years) and max(years) - min(years) <= 6, (event.id, years)
        if slide.quote is not None:  # the quote in full, word for word
            quote = " ".join(t.text for t in texts if t.role == "quote")
            assert event.quotes[slide.quote].text in quote


def test_the_strip_uses_an_events_short_label_when_it_has_one(tameside):
    deck = SlideDeck(tameside)
    event = deck.slides[0].event
    try:
        event.label = "Inadequate, 2016"  # the optional short title, when the model has it
        labels = [t.text for t in _paint(deck, 1, (1280, 720)) if t.role == "label"]
    finally:
        del event.label
    assert "Inadequate, 2016" in labels and event.title not in labels


def test_a_quote_too_long_for_any_slide_is_shortened_visibly_not_cut(qapp):
    from samples import rich_timeline

    timeline = rich_timeline()
    event = timeline.events_in_order()[0]
    event.quotes[0].text = "Widespread and serious failures. " * 200
    document = Document()
    document.set_timeline(timeline, None)
    deck = SlideDeck(document)
    texts = _paint(deck, 1, (1280, 720))
    quote = next(t for t in texts if t.role == "quote")
    assert quote.text.endswith("\u2026\u201d") and quote.px == 22  # shortened only at the smallest size
    assert quote.box.adjusted(-1, -1, 1, 1).contains(quote.rect) and quote.rect.bottom() <= 720


def test_a_slides_lanes_are_its_own_then_the_posts_of_the_people_it_names_then_those_held_then(tameside):
    from desktop.core.slides import Slide, _overlaps

    timeline = tameside.timeline
    event = timeline.event("ofsted-2024-02-inadequate")
    ctx = context(timeline, Slide(event, 0))
    assert ctx.lanes[0] == "inspections"
    named = {t.post for t in timeline.tenures if t.person in event.people}
    posts = [k.removeprefix("post:") for k in ctx.lanes[1:]]
    assert named and set(posts[:len(named)]) == named  # Bill Fairfoull's posts first
    start, end = event.date.start, event.date.end
    for post in posts[len(named):]:  # then only posts someone may have held at the time
        assert any(t.post == post and _overlaps(t, start, end) for t in timeline.tenures), post
    assert ctx.window[0].year == 2022 and ctx.window[1].year == 2027  # whole years around February 2024
    assert ctx.people == frozenset(event.people) | {q.speaker for q in event.quotes[:1]
                                                    if timeline.person(q.speaker)}
    overview = context(timeline, None)
    assert overview.window is None and len(overview.lanes) == 4 + len(timeline.posts)


@pytest.mark.parametrize("size", [(1024, 768), (800, 600), (4000, 500), (500, 2000)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_other_shapes_of_window_keep_every_text_in_its_room(tameside, size):
    """A 4:3 projector, a wide strip of a screen, a window turned on its side: smaller type where
    the width is short, but nothing runs over."""
    deck = SlideDeck(tameside)
    page = QRectF(0, 0, *size)
    for index in range(len(deck)):
        for t in _paint(deck, index, size):
            assert page.contains(t.rect) and t.box.adjusted(-1, -1, 1, 1).contains(t.rect), (index, t.role, t.text)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_people_in_post_are_named_on_the_strip(tameside, size):
    """A tenure spanning the strip, solid then pale, is named on the part it fits in (its name used to
    be dropped whenever it would sit across both parts, which left every long tenure unnamed)."""
    deck = SlideDeck(tameside)
    index = next(i for i, s in enumerate(deck.slides, start=1) if s.event.id == "ofsted-2024-02-inadequate")
    names = {t.text for t in _paint(deck, index, size) if t.role == "tenure"}
    assert {"Ged Cooney", "John Taylor", "Bill Fairfoull"} <= names
