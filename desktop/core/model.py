"""The timeline's domain model: plain dataclasses, no Qt.

A `Timeline` holds sources, people, posts, tenures and events; references between them
are by id (slug) so the YAML stays readable and diffable. Lookups are helpers on
`Timeline`; validation lives in `storage` (it needs file positions), and provenance
checks in `provenance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.core.dates import PartialDate

__all__ = [
    "FORMAT",
    "LABEL_MAX",
    "MAX_TEXT",
    "MAX_ID",
    "EventKind",
    "Rating",
    "Source",
    "Person",
    "Post",
    "Tenure",
    "Quote",
    "Event",
    "Timeline",
    "INSPECTION_KINDS",
    "INTERVENTION_KINDS",
    "Presentation",
    "PresentationStep",
]

FORMAT = "council-timeline/1"
#: longest `label:` of an event (a short title that fits beside its mark on the timeline)
LABEL_MAX = 40
#: longest text value the file format accepts: far above any real summary, far below a hostile 50 MB
#: string. The loader refuses longer (storage/fields.py) and the editor never lets one in (core/rules.py).
MAX_TEXT = 100_000
#: longest id (ids also contain no white space)
MAX_ID = 200


class _Worded(str, Enum):
    """An enum of file codes ("requires-improvement") with the words people read ("Requires improvement")."""

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class EventKind(_Worded):
    INSPECTION = "inspection"
    MONITORING_VISIT = "monitoring-visit"
    FOCUSED_VISIT = "focused-visit"
    INTERVENTION = "intervention"
    PLAN = "plan"
    LEADERSHIP = "leadership"
    DECISION = "decision"
    STATEMENT = "statement"


class Rating(_Worded):
    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires-improvement"
    INADEQUATE = "inadequate"


INSPECTION_KINDS = frozenset({EventKind.INSPECTION, EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT})
INTERVENTION_KINDS = frozenset({EventKind.INTERVENTION, EventKind.PLAN, EventKind.DECISION})


@dataclass(eq=True)
class Source:
    id: str
    outlet: str
    title: str
    author: str | None = None
    published: PartialDate | None = None  # its `approx` is stored as `approx:` beside it
    url: str | None = None
    archive: str | None = None  # path of the article's text, relative to the timeline file
    note: str | None = None
    sha256: str | None = None  # of the archive's bytes when it was captured (validate warns when they change)
    original: str | None = None  # the file the text was captured from, kept beside it (relative path)
    original_sha256: str | None = None  # of the original's bytes


@dataclass(eq=True)
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(eq=True)
class Post:
    id: str
    name: str
    note: str | None = None


@dataclass(eq=True)
class Tenure:
    """A person in a post from `start` to `end`; either may be None (unknown start / still in post)."""

    person: str
    post: str
    start: PartialDate | None = None  # approx stored as `start_approx:`
    end: PartialDate | None = None  # approx stored as `end_approx:`
    sources: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(eq=True)
class Quote:
    speaker: str  # a person id, or free text for a body ("Ofsted", "A council spokesperson")
    text: str
    source: str
    role: str | None = None
    note: str | None = None
    offset: int | None = None  # where the text starts in the archive (characters), when quoted from it


@dataclass(eq=True)
class Event:
    id: str
    date: PartialDate  # its `approx` is stored as the event's `approx:` key
    kind: EventKind
    title: str
    summary: str | None = None
    rating: Rating | None = None
    end: PartialDate | None = None  # for events that last (special measures, a plan's term)
    people: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    note: str | None = None
    label: str | None = None  # a short title for the timeline (at most LABEL_MAX characters)

    @property
    def approx(self) -> bool:
        return self.date.approx

    @property
    def short(self) -> str:
        """What the timeline writes beside the event's mark: its label, else its title."""
        return self.label or self.title

    @property
    def short_with_rating(self) -> str:
        """The short text with the rating's word in front when it does not say it already, so a
        rating is never told by colour alone (the canvas, slides' strips and paper use it)."""
        text = self.short
        if self.rating is not None and self.rating.label.lower() not in text.lower():
            return f"{self.rating.label}: {text}"
        return text


@dataclass(eq=True)
class PresentationStep:
    """One slide of a prepared talk: an event and which of its quotes to show (index, or None)."""

    event: str
    quote: int | None = None


@dataclass(eq=True)
class Presentation:
    """Presenter choices saved with the timeline so a talk can be prepared in advance."""

    title: str | None = None
    subtitle: str | None = None
    steps: list[PresentationStep] = field(default_factory=list)  # empty: every (filtered) event


@dataclass(eq=True)
class Timeline:
    title: str
    description: str | None = None
    sources: list[Source] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    presentation: Presentation | None = None
    format: str = FORMAT

    # -- lookups (linear; fine for the sizes a person edits, index for hot paths) --------
    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def post(self, post_id: str) -> Post | None:
        return next((p for p in self.posts if p.id == post_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def speaker_name(self, speaker: str) -> str:
        """A quote's speaker for display: the person's name for a person id, else the text itself."""
        person = self.person(speaker)
        return person.name if person else speaker

    def events_in_order(self) -> list[Event]:
        """Events sorted by date (stable for equal dates: file order)."""
        return sorted(self.events, key=lambda e: e.date.sort_int)

    def quotes_by(self, person_id: str) -> list[tuple[Event, Quote]]:
        return [(e, q) for e in self.events for q in e.quotes if q.speaker == person_id]
