"""Which slides a presentation shows, in which order, with which quote. No Qt.

A talk prepared in advance (the file's `presentation.steps`) is shown as prepared; otherwise
every event the filters keep, in date order, each with its first quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Event, Timeline

__all__ = ["Slide", "build_slides"]


@dataclass(frozen=True)
class Slide:
    event: Event
    quote: int | None  # index into event.quotes; None: no quote on this slide


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
