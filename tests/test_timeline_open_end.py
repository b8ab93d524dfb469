"""A tenure with no recorded end is not drawn as certain up to today: solid to its latest source, then light."""

from __future__ import annotations

import datetime as dt

from desktop.core.dates import PartialDate, date_to_timestamp
from desktop.core.model import Person, Post, Source, Tenure, Timeline
from desktop.timeline import lanes
from desktop.timeline.hit import tooltip

NOW = date_to_timestamp(dt.date(2026, 11, 23))


def _timeline(sources: list[str]) -> Timeline:
    return Timeline(
        title="t",
        sources=[Source("early", "Gazette", "A", published=PartialDate(2021, 3)),
                 Source("late", "Gazette", "B", published=PartialDate(2024, 2, 10)),
                 Source("undated", "Gazette", "C")],
        people=[Person("ann", "Ann Example"), Person("bob", "Bob Example")],
        posts=[Post("leader", "Leader")],
        tenures=[Tenure("ann", "leader", start=PartialDate(2019, 5, 1), end=None, sources=sources),
                 Tenure("bob", "leader", start=PartialDate(2015), end=PartialDate(2019, 4, 30))],
    )


def _spans(timeline: Timeline):
    lane = next(lane for lane in lanes.build(timeline, now=NOW).lanes if lane.key == "post:leader")
    i = next(k for k, t in enumerate(lane.items) if t.person == "ann")
    return lane.t0[i], lane.core0[i], lane.core1[i], lane.t1[i]


def test_an_open_tenure_is_solid_only_to_its_latest_source():
    t0, c0, c1, t1 = _spans(_timeline(["early", "late", "undated"]))
    assert t1 == NOW  # it still reaches today, with the arrow
    assert c1 == date_to_timestamp(dt.date(2024, 2, 10))  # certain only as far as the evidence goes
    assert c0 == t0 == date_to_timestamp(dt.date(2019, 5, 1))


def test_without_dated_sources_the_open_end_reaches_now():
    _, _, c1, t1 = _spans(_timeline(["undated"]))
    assert c1 == t1 == NOW


def test_a_recorded_end_is_unchanged():
    timeline = _timeline(["late"])
    lane = next(lane for lane in lanes.build(timeline, now=NOW).lanes if lane.key == "post:leader")
    i = next(k for k, t in enumerate(lane.items) if t.person == "bob")
    assert lane.core1[i] == lane.t1[i] == date_to_timestamp(dt.date(2019, 5, 1))  # a day: all certain


def test_the_tooltip_says_the_end_is_not_recorded_and_when_they_were_last_seen_in_post():
    timeline = _timeline(["early", "late"])
    text = tooltip(timeline, timeline.tenures[0])
    assert "end not recorded" in text and "10 Feb 2024" in text
    assert "still in post" not in text
