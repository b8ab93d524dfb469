"""Property tests: any valid Timeline survives save -> load; any bytes load or fail cleanly; dates order sanely."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.model import (
    Event,
    EventKind,
    INSPECTION_KINDS,
    Person,
    Post,
    Presentation,
    PresentationStep,
    Quote,
    Rating,
    Source,
    Tenure,
    Timeline,
)

# Text a person could type or paste: letters, digits, punctuation (curly quotes too), symbols, spaces.
_TEXT_CHARS = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\x85")
text = st.text(_TEXT_CHARS, min_size=1, max_size=60).filter(lambda s: s.strip() == s and s)
long_text = st.lists(text, min_size=1, max_size=8).map(" ".join)
multiline = st.lists(long_text, min_size=1, max_size=3).map("\n".join)
slug = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@st.composite
def partial_dates(draw, approx=None):
    year = draw(st.integers(1900, 2100))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    approx_flag = draw(st.booleans()) if approx is None else approx
    if precision == "year":
        return PartialDate(year, approx=approx_flag)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month, approx=approx_flag)
    day = draw(st.integers(1, 28))
    return PartialDate(year, month, day, approx_flag)


@st.composite
def timelines(draw):
    source_ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    person_ids = draw(st.lists(slug, min_size=0, max_size=4, unique=True))
    post_ids = draw(st.lists(slug, min_size=0, max_size=3, unique=True))
    sources = [
        Source(
            id=sid,
            outlet=draw(text),
            title=draw(long_text),
            author=draw(st.none() | text),
            published=draw(st.none() | partial_dates()),
            url=draw(st.none() | st.just(f"https://example.org/{sid}")),
        )
        for sid in source_ids
    ]
    people = [Person(id=pid, name=draw(text), aliases=draw(st.lists(text, max_size=2))) for pid in person_ids]
    posts = [Post(id=pid, name=draw(text)) for pid in post_ids]
    tenures = []
    if person_ids and post_ids:
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.none() | partial_dates())
            end = draw(st.none() | partial_dates())
            if start and end and end.sort_key() < start.sort_key():
                start, end = end, start
            tenures.append(
                Tenure(
                    person=draw(st.sampled_from(person_ids)),
                    post=draw(st.sampled_from(post_ids)),
                    start=start,
                    end=end,
                    sources=draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True)),
                )
            )
    events = []
    for eid in draw(st.lists(slug, min_size=0, max_size=6, unique=True)):
        kind = draw(st.sampled_from(list(EventKind)))
        quotes = [
            Quote(
                speaker=draw(st.sampled_from(person_ids) if person_ids and draw(st.booleans()) else text),
                text=draw(multiline),
                source=draw(st.sampled_from(source_ids)),
                role=draw(st.none() | text),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        events.append(
            Event(
                id=eid,
                date=draw(partial_dates()),
                kind=kind,
                title=draw(long_text),
                summary=draw(st.none() | multiline),
                rating=draw(st.none() | st.sampled_from(list(Rating))) if kind in INSPECTION_KINDS else None,
                people=draw(st.lists(st.sampled_from(person_ids), max_size=2, unique=True)) if person_ids else [],
                sources=draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)),
                quotes=quotes,
                note=draw(st.none() | long_text),
            )
        )
    presentation = None
    if events and draw(st.booleans()):
        steps = [
            PresentationStep(event=e.id, quote=(0 if e.quotes and draw(st.booleans()) else None))
            for e in draw(st.lists(st.sampled_from(events), max_size=3, unique_by=lambda e: e.id))
        ]
        presentation = Presentation(title=draw(st.none() | text), subtitle=draw(st.none() | text), steps=steps)
    return Timeline(
        title=draw(long_text),
        description=draw(st.none() | multiline),
        sources=sources,
        people=people,
        posts=posts,
        tenures=tenures,
        events=events,
        presentation=presentation,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
def test_any_valid_timeline_survives_save_and_load(tmp_path_factory, timeline):
    path = tmp_path_factory.mktemp("prop") / "t.yaml"
    storage.save(timeline, path)
    loaded = storage.load(path).timeline
    assert loaded == timeline
    # and the canonical form is a fixed point
    assert storage.dump(loaded) == path.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_load_or_fail_cleanly(data):
    try:
        storage.loads(data, "fuzz.yaml")
    except storage.LoadError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith("fuzz.yaml:")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_fails_cleanly(data):
    document = "format: council-timeline/1\ntitle: t\nevents:\n" + data
    try:
        storage.loads(document, "fuzz.yaml")
    except storage.LoadError as exc:
        assert all(str(p).startswith("fuzz.yaml:") for p in exc.problems)


@given(partial_dates(), partial_dates())
def test_partial_dates_order_consistently(a, b):
    # a total order that agrees with the start of the interval covered
    assert (a < b) + (b < a) + (a.sort_key() == b.sort_key()) == 1
    if a.start < b.start:
        assert a < b
    # parse(iso) is the identity, display and interval agree with precision
    assert PartialDate.parse(a.iso(), a.approx) == a
    start, end = a.interval()
    assert start < end and a.contains(start) and not a.contains(end)
    assert a.display().startswith("c. ") == a.approx
    assert str(a.year) in a.display()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_day_lies_in_its_month_and_year(day):
    d = PartialDate.from_date(day)
    month = PartialDate(day.year, day.month)
    year = PartialDate(day.year)
    assert year.contains(day) and month.contains(day) and d.contains(day)
    assert year <= month <= d


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab &*!:?-[]{},\t \n\r\x0b\x0c\u2028\xa0", max_size=24))
def test_the_fast_anchor_scan_agrees_with_its_regex(text):
    """`maybe_anchor` (str.find based, fast on big files) says exactly what the reference regex says."""
    from desktop.storage import yamlnodes

    assert yamlnodes.maybe_anchor(text) == bool(yamlnodes._MAYBE_ANCHOR.search(text))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="a[]{}\n", max_size=30), st.integers(min_value=1, max_value=7))
def test_the_windowed_nesting_scan_agrees_with_its_regex(text, window):
    """`nested_brackets` (searched a window at a time, so it never holds the GIL long) agrees with
    `_NESTED` over the whole text, whatever the window size: pairs split by a window's edge count."""
    from desktop.storage import yamlnodes

    assert yamlnodes.nested_brackets(text, window) == bool(yamlnodes._NESTED.search(text))


@given(partial_dates(), partial_dates())
def test_the_integer_sort_key_orders_like_the_tuple(a, b):
    assert (a.sort_int < b.sort_int) == (a.sort_key() < b.sort_key())
    assert (a.sort_int == b.sort_int) == (a.sort_key() == b.sort_key())


# (start px, width px, colour key, (kept, dropped)): a distinct mark is drawn for kept events, events
# the filters leave out, or both
_MARK_LANE = st.lists(st.tuples(st.floats(-30, 330), st.floats(0, 120), st.integers(0, 19),
                                st.sampled_from([(True, False), (False, True), (True, True)])), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_MARK_LANE, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_event_lanes_drawn_together_look_as_each_drawn_alone(qapp, lanes, hide, antialias):
    """The canvas draws every event lane's marks in one numpy pass and one native call per colour;
    the picture is the one each lane would give drawn on its own (lanes do not overlap)."""
    import numpy as np
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.timeline.marks import LaneMarks, event_marks
    from desktop.timeline.style import Style

    style = Style("light")
    marks = []
    for k, lane in enumerate(lanes):
        lane = sorted(lane)
        a = np.array([s for s, _, _, _ in lane], dtype=float)
        marks.append(LaneMarks(a, a + np.array([w for _, w, _, _ in lane]),
                               np.array([g for _, _, g, _ in lane], dtype=np.int16),
                               np.array([f[0] for _, _, _, f in lane], dtype=bool),
                               np.array([f[1] for _, _, _, f in lane], dtype=bool), (4 + 30 * k, 18.0)))

    def picture(groups) -> QImage:
        image = QImage(300, 130, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
            painter.setClipRect(QRectF(0, 0, 299.5, 130))  # as the canvas clips its lanes, to a fractional width
            for group in groups:
                event_marks(painter, group, hide, 299.5, style)
        finally:
            painter.end()
        return image

    assert picture([marks]) == picture([[m] for m in marks])
