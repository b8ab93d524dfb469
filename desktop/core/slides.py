"""Which slides a presentation shows, in which order, with which quote, and what each slide's
timeline strip is about. No Qt.

A talk prepared in advance (the file's `presentation.steps`) is shown as prepared; otherwise
every event the filters keep, in date order, each with its first quote.

A slide's strip shows its event in context, at type large enough for the back of the room: a few
years around it and only the lanes that matter, most important first (`context`): the event's
own lane, the posts of the people it names (and of the quote's speaker), then the posts with a
tenure running at its date. The painter keeps as many of them as fit. The title slide's strip is
the overview: every date, the event lanes, then the posts in file order.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from desktop.core.model import INSPECTION_KINDS, INTERVENTION_KINDS, Event, EventKind, Timeline

__all__ = ["Slide", "Context", "build_slides", "context", "event_lane", "EVENT_LANES"]

YEARS_BEFORE, YEARS_AFTER = 2, 2  # a slide's strip: whole years around its event
EVENT_LANES = ("inspections", "interventions", "leadership", "statements")  # the canvas's lane keys


@dataclass(frozen=True)
class Slide:
    event: Event
    quote: int | None  # index into event.quotes; None: no quote on this slide


@dataclass(frozen=True)
class Context:
    """What a slide's strip shows: lane keys, most important first, and the dates (None: all)."""

    lanes: tuple[str, ...]
    window: tuple[_dt.date, _dt.date] | None
    people: frozenset[str] = frozenset()  # person ids the slide names: their tenures are marked


def build_slides(document) -> list[Slide]:
    """The prepared steps when the talk has them, else every event the filters keep, by date."""
    timeline: Timeline = document.timeline
    prepared = timeline.presentation.steps if timeline.presentation else []
    if prepared:
        slides = []
        for step in prepared:
            event = timeline.event(step.event)
            if event is not None:
                ok = step.quote is not None and 0 <= step.quote < len(event.quotes)
                slides.append(Slide(event, step.quote if ok else None))
        return slides
    keep = document.event_filter
    return [Slide(e, 0 if e.quotes else None) for e in timeline.events_in_order() if keep is None or e.id in keep]


def event_lane(event: Event) -> str:
    """The key of the canvas lane an event is drawn in."""
    if event.kind in INSPECTION_KINDS:
        return "inspections"
    if event.kind in INTERVENTION_KINDS:
        return "interventions"
    return "leadership" if event.kind is EventKind.LEADERSHIP else "statements"


def _interval(event: Event) -> tuple[_dt.date, _dt.date]:
    return event.date.start, max(event.date.end, event.end.end if event.end else event.date.end)


def _overlaps(tenure, start: _dt.date, end: _dt.date) -> bool:
    """Whether the tenure may run in [start, end): unknown ends are open."""
    begins = tenure.start.start if tenure.start else _dt.date.min
    ends = tenure.end.end if tenure.end else _dt.date.max
    return begins < end and start < ends


def context(timeline: Timeline, slide: Slide | None) -> Context:
    """The strip of `slide` (None: the title slide's overview)."""
    if slide is None:
        return Context(EVENT_LANES + tuple(f"post:{p.id}" for p in timeline.posts), None)
    event = slide.event
    start, end = _interval(event)
    window = (_dt.date(start.year - YEARS_BEFORE, 1, 1), _dt.date(min((end - _dt.timedelta(days=1)).year
                                                                      + YEARS_AFTER + 1, 9999), 1, 1))
    named = list(event.people)
    if slide.quote is not None and timeline.person(event.quotes[slide.quote].speaker) is not None:
        named.insert(0, event.quotes[slide.quote].speaker)
    lanes = [event_lane(event)]

    def add(post: str) -> None:
        if f"post:{post}" not in lanes:
            lanes.append(f"post:{post}")

    order = {p.id: i for i, p in enumerate(timeline.posts)}
    for person in named:  # their posts around then first, then any post they held
        held = [t for t in timeline.tenures if t.person == person and t.post in order]
        for t in sorted(held, key=lambda t: (not _overlaps(t, *window), order[t.post])):
            add(t.post)
    for t in sorted(timeline.tenures, key=lambda t: order.get(t.post, len(order))):
        if t.post in order and _overlaps(t, start, end):
            add(t.post)
    return Context(tuple(lanes), window, frozenset(named))
