"""What one undo step touched, so that each view updates only that (no Qt).

Every command reports the entry it changed with `touched()`; the Document joins the reports of
one step (a push, an undo, a redo, a whole macro) with `|` and sends the result once with its
`changed` signal. A view looks at the parts it shows: the canvas at the events, tenures, people,
sources and posts it draws; the event list at its rows; the quotes panel at its one event.

Events and tenures are named by the objects themselves (an event's id may be what changed, and a
tenure has none); sources, people and posts by id, the old and the new one when an id changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Event, Person, Post, Presentation, PresentationStep, Quote, Source, Tenure, Timeline

__all__ = ["Change", "touched", "EVERYTHING"]


@dataclass(frozen=True)
class Change:
    #: events whose fields or quotes changed, or that were added or removed (the objects)
    events: tuple[Event, ...] = ()
    #: tenures changed, added or removed (the objects)
    tenures: tuple[Tenure, ...] = ()
    #: ids of the sources, people and posts changed, added or removed (old and new on a rename)
    sources: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    posts: frozenset[str] = frozenset()
    #: names of the fields set on events and tenures ("title", "date", "sources", "quotes" for a
    #: quote's edits...)
    fields: frozenset[str] = frozenset()
    #: names of the fields set on sources, people and posts ("id", "name", "published"...)
    catalog_fields: frozenset[str] = frozenset()
    #: entries were added to, removed from or reordered in the timeline's own lists
    structure: bool = False
    #: the timeline's title or description, or its presentation steps
    presentation: bool = False
    #: anything else: views rebuild from scratch
    everything: bool = False
    _ids: frozenset[int] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ids", frozenset(map(id, (*self.events, *self.tenures))))

    def __or__(self, other: "Change") -> "Change":
        return Change.join([self, other])

    @staticmethod
    def join(parts: list["Change"]) -> "Change":
        """Everything any of `parts` touched (the reports of one undo step), in one pass."""
        if len(parts) == 1:
            return parts[0]
        events = {id(e): e for part in parts for e in part.events}
        tenures = {id(t): t for part in parts for t in part.tenures}
        return Change(
            events=tuple(events.values()), tenures=tuple(tenures.values()),
            sources=frozenset().union(*(p.sources for p in parts)),
            people=frozenset().union(*(p.people for p in parts)),
            posts=frozenset().union(*(p.posts for p in parts)),
            fields=frozenset().union(*(p.fields for p in parts)),
            catalog_fields=frozenset().union(*(p.catalog_fields for p in parts)),
            structure=any(p.structure for p in parts), presentation=any(p.presentation for p in parts),
            everything=any(p.everything for p in parts))

    def touches(self, entry: object) -> bool:
        """Whether this step changed `entry` (an Event or Tenure, or a Source, Person or Post by id)."""
        if self.everything or id(entry) in self._ids:
            return True
        if isinstance(entry, Source):
            return entry.id in self.sources
        if isinstance(entry, Person):
            return entry.id in self.people
        if isinstance(entry, Post):
            return entry.id in self.posts
        return False


EVERYTHING = Change(everything=True)


def touched(entry: object, name: str | None = None, new: object = None, owner: object = None,
            structure: bool = False, old: object = None) -> Change:
    """The Change of setting `entry.name` from `old` to `new` (or, with `name` None, of adding,
    removing or moving `entry` in its list; `structure` when that list is one of the timeline's own).
    `owner`: the event a quote belongs to, the person an alias belongs to."""
    fields = frozenset([name] if name else [])
    if isinstance(entry, Event):
        return Change(events=(entry,), fields=fields, structure=structure)
    if isinstance(entry, Tenure):
        return Change(tenures=(entry,), fields=fields, structure=structure)
    if isinstance(entry, (Source, Person, Post)):
        ids = frozenset([entry.id] + [i for i in (new, old) if name == "id" and isinstance(i, str)])
        kind = {Source: "sources", Person: "people", Post: "posts"}[type(entry)]
        return Change(**{kind: ids}, catalog_fields=fields, structure=structure)
    if isinstance(entry, Quote) and isinstance(owner, Event):
        return Change(events=(owner,), fields=frozenset(["quotes"]))
    if isinstance(entry, str) and isinstance(owner, Person):  # an alias
        return Change(people=frozenset([owner.id]), catalog_fields=frozenset(["aliases"]))
    if isinstance(entry, (Presentation, PresentationStep)) or (
            isinstance(entry, Timeline) and name in ("title", "description", "presentation")):
        return Change(presentation=True, fields=fields)
    return EVERYTHING
