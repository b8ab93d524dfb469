"""What refers to an entry, and the compound edits that keep references whole.

Deleting a person that events still name, or renaming a source id that quotes cite, would leave
a file the loader refuses. So the editor never does the bare edit: `referrers()` lists what
would be affected (shown in the delete warning) and `delete_entry()` / `rename_id()` push one
macro that fixes every reference in the same undoable step.
"""

from __future__ import annotations

from desktop.document.commands import InsertItem, MoveItem, RemoveItem, SetField, describe
from desktop.core.model import Event, Person, Post, Quote, Source, Tenure, Timeline
from operator import attrgetter


__all__ = ["referrers", "delete_entry", "rename_id", "move_quote", "insert_after", "owner_list", "event_of"]


def owner_list(timeline: Timeline, entry: object) -> list:
    """The list of the timeline that holds `entry` (quotes: their event's list)."""
    if isinstance(entry, Quote):
        event = event_of(timeline, entry)
        if event is None:
            raise ValueError("this quote belongs to no event")
        return event.quotes
    kind = {Event: "events", Tenure: "tenures", Person: "people", Post: "posts", Source: "sources"}
    return getattr(timeline, kind[type(entry)])


def event_of(timeline: Timeline, quote: Quote) -> Event | None:
    return next((e for e in timeline.events if any(q is quote for q in e.quotes)), None)


def _index(items: list, entry: object) -> int:
    return next(i for i, x in enumerate(items) if x is entry)


def _steps_for(timeline: Timeline, event_id: str) -> list:
    if timeline.presentation is None:
        return []
    return [s for s in timeline.presentation.steps if s.event == event_id]


def referrers(timeline: Timeline, entry: object) -> list[str]:
    """One line per thing that refers to `entry`, saying what deleting it will do to that thing."""
    out: list[str] = []
    if isinstance(entry, Source):
        sid = entry.id
        out += [f"{describe(e)} cites it (the citation is removed)" for e in timeline.events if sid in e.sources]
        out += [f"{describe(t)} cites it (the citation is removed)" for t in timeline.tenures if sid in t.sources]
        out += [f"{describe(q)} comes from it (the quote is deleted)"
                for e in timeline.events for q in e.quotes if q.source == sid]
    elif isinstance(entry, Person):
        pid = entry.id
        out += [f"{describe(e)} names them (the name is removed)" for e in timeline.events if pid in e.people]
        out += [f"{describe(t)} (deleted)" for t in timeline.tenures if t.person == pid]
        out += [f"{describe(q)} is theirs (the speaker becomes the text '{entry.name}')"
                for e in timeline.events for q in e.quotes if q.speaker == pid]
    elif isinstance(entry, Post):
        out += [f"{describe(t)} (deleted)" for t in timeline.tenures if t.post == entry.id]
    elif isinstance(entry, Event):
        out += [f"presentation step {_step_no(timeline, s)} shows it (the step is removed)"
                for s in _steps_for(timeline, entry.id)]
    elif isinstance(entry, Quote):
        event = event_of(timeline, entry)
        if event is not None:
            index = _index(event.quotes, entry)
            out += [f"presentation step {_step_no(timeline, s)} shows it (the step shows no quote)"
                    for s in _steps_for(timeline, event.id) if s.quote == index]
    return out


def _step_no(timeline: Timeline, step) -> int:
    return _index(timeline.presentation.steps, step) + 1


def delete_entry(document, entry: object) -> None:
    """Delete `entry` and fix what refers to it, as one undo step."""
    timeline: Timeline = document.timeline
    with document.macro(f"Delete {describe(entry)}"):
        if isinstance(entry, Source):
            _drop_id_from_lists(document, [*timeline.events, *timeline.tenures], "sources", entry.id)
            for event in timeline.events:
                for quote in [q for q in event.quotes if q.source == entry.id]:
                    _delete_quote(document, event, quote)
        elif isinstance(entry, Person):
            _drop_id_from_lists(document, timeline.events, "people", entry.id)
            _delete_where(document, timeline.tenures, lambda t: t.person == entry.id)
            for event in timeline.events:
                for quote in event.quotes:
                    if quote.speaker == entry.id:
                        document.push(SetField(document, quote, "speaker", entry.name, owner=event))
        elif isinstance(entry, Post):
            _delete_where(document, timeline.tenures, lambda t: t.post == entry.id)
        elif isinstance(entry, Event):
            if timeline.presentation is not None:
                _delete_where(document, timeline.presentation.steps, lambda s: s.event == entry.id)
        if isinstance(entry, Quote):
            _delete_quote(document, event_of(timeline, entry), entry)
        else:
            items = owner_list(timeline, entry)
            document.push(RemoveItem(document, items, _index(items, entry)))


def _drop_id_from_lists(document, entries: list, field: str, ident: str) -> None:
    for entry in entries:
        ids = getattr(entry, field)
        if ident in ids:
            document.push(SetField(document, entry, field, [i for i in ids if i != ident]))


def _delete_where(document, items: list, predicate) -> None:
    for index in reversed([i for i, x in enumerate(items) if predicate(x)]):
        document.push(RemoveItem(document, items, index))


def _delete_quote(document, event: Event, quote: Quote) -> None:
    """Remove a quote and keep presentation steps pointing at the same quotes as before."""
    index = _index(event.quotes, quote)
    for step in _steps_for(document.timeline, event.id):
        if step.quote is None or step.quote < index:
            continue
        new = None if step.quote == index else step.quote - 1
        document.push(SetField(document, step, "quote", new))
    document.push(RemoveItem(document, event.quotes, index, owner=event))


def move_quote(document, event: Event, source: int, target: int) -> None:
    """Reorder a quote; presentation steps keep showing the quote they showed."""
    order = list(range(len(event.quotes)))
    order.insert(target, order.pop(source))
    new_index = {old: new for new, old in enumerate(order)}
    with document.macro(f"Move {describe(event.quotes[source])}"):
        for step in _steps_for(document.timeline, event.id):
            if step.quote is not None and new_index.get(step.quote, step.quote) != step.quote:
                document.push(SetField(document, step, "quote", new_index[step.quote]))
        document.push(MoveItem(document, event.quotes, source, target, owner=event))


def rename_id(document, entry: object, new_id: str) -> None:
    """Change an entry's id and every reference to it, as one undo step."""
    timeline: Timeline = document.timeline
    old = entry.id

    def replace_in(entries: list, field: str) -> None:
        get = attrgetter(field)
        for e in [e for e in entries if old in get(e)]:  # found first: a pass over 100k events is the cost
            document.push(SetField(document, e, field, [new_id if i == old else i for i in get(e)]))

    def set_where(entries, field: str) -> None:
        for e in entries:
            if getattr(e, field) == old:
                document.push(SetField(document, e, field, new_id))

    def in_events(field: str, quote_field: str) -> None:
        """Events naming the id in `field`, and quotes naming it in `quote_field`, in one pass."""
        get, get_quote = attrgetter(field), attrgetter(quote_field)
        for e in [e for e in timeline.events if e.quotes or old in get(e)]:
            if old in get(e):
                document.push(SetField(document, e, field, [new_id if i == old else i for i in get(e)]))
            for q in e.quotes:
                if get_quote(q) == old:
                    document.push(SetField(document, q, quote_field, new_id, owner=e))

    with document.macro(f"Rename {describe(entry)} to {new_id}"):
        if isinstance(entry, Source):
            in_events("sources", "source")
            replace_in(timeline.tenures, "sources")
        elif isinstance(entry, Person):
            in_events("people", "speaker")
            set_where(timeline.tenures, "person")
        elif isinstance(entry, Post):
            set_where(timeline.tenures, "post")
        elif isinstance(entry, Event) and timeline.presentation is not None:
            set_where(timeline.presentation.steps, "event")
        document.push(SetField(document, entry, "id", new_id))


def insert_after(document, items: list, entry: object | None, new: object, text: str) -> None:
    """Insert `new` into `items` right after `entry` (duplicate), or at the end when entry is None."""
    index = _index(items, entry) + 1 if entry is not None else len(items)
    document.push(InsertItem(document, items, index, new, text))
