"""One small QUndoCommand per kind of edit.

Every change to a Timeline goes through one of these, pushed with `Document.push` (the one way
onto its undo stack), so undo, redo, the unsaved mark and autosave all come from one place. Each
command records the old value in `__init__` (not in `redo`), so undoing restores exactly what was
there, object for object, and saving after an undo writes the same bytes as before the edit.
After `redo`/`undo` each command tells the document what it touched
(`document.notify_changed(Change)`); the document sends the views one `changed` per undo step.

Compound edits (delete a person and the references to them, rename an id everywhere) are pushed
inside `with document.macro(text):` so they undo as one step.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from desktop.core.dates import PartialDate
from desktop.core.model import Event, Person, Post, Quote, Source, Tenure, PresentationStep, Timeline
from desktop.core.change import Change, touched

__all__ = ["SetField", "ReplaceDate", "InsertItem", "RemoveItem", "MoveItem", "COMMANDS", "describe"]


class _Notifiable(Protocol):
    timeline: Timeline

    def notify_changed(self, change: Change) -> None: ...


def _owner(document: _Notifiable, entry: object, items: list | None = None) -> object:
    """The event holding a quote (or the quote list `items`), the person holding an alias list.
    Looked up once when the command is made, for the Change it reports; callers that know it pass it."""
    timeline = getattr(document, "timeline", None)
    if timeline is None:
        return None
    if isinstance(entry, Quote):
        return next((e for e in timeline.events if e.quotes is items or any(q is entry for q in e.quotes)), None)
    if isinstance(entry, str) and items is not None:
        return next((p for p in timeline.people if p.aliases is items), None)
    return None


def _list_change(document: _Notifiable, items: list, item: object, owner: object) -> Change:
    """What adding, removing or moving `item` in `items` touches."""
    if isinstance(item, (Quote, str)) and owner is None:
        owner = _owner(document, item, items)
    top = isinstance(item, (Event, Tenure, Source, Person, Post))
    return touched(item, owner=owner, structure=top) if not isinstance(item, PresentationStep) else \
        Change(presentation=True)


def describe(entry: object) -> str:
    """A short human name for an entry, for undo texts and warnings ("event 'Ofsted rates ...'")."""
    if isinstance(entry, Event):
        return f"event '{_clip(entry.title)}'"
    if isinstance(entry, Quote):
        return f"quote '{_clip(entry.text)}'"
    if isinstance(entry, Tenure):
        return f"tenure {entry.person} in {entry.post}"
    if isinstance(entry, (Person, Post)):
        return f"{type(entry).__name__.lower()} '{entry.name}'"
    if isinstance(entry, Source):
        return f"source '{_clip(entry.title)}'"
    return type(entry).__name__.lower()


def _clip(text: str, limit: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SetField(QUndoCommand):
    """Set one attribute of any entry (event, quote, source, person, post, tenure, timeline)."""

    def __init__(self, document: _Notifiable, entry: object, name: str, value: Any,
                 text: str | None = None, parent: QUndoCommand | None = None, owner: object = None) -> None:
        """`owner`: the event of a quote (found when not given), for the Change reported."""
        super().__init__(parent)
        if not hasattr(entry, name):
            raise AttributeError(f"{type(entry).__name__} has no field {name!r}")
        self._document = document
        self._entry = entry
        self._name = name
        self._old = getattr(entry, name)
        self._new = value
        if isinstance(entry, Quote) and owner is None:
            owner = _owner(document, entry)
        self._change = touched(entry, name, value, owner, old=self._old)
        self.setText(text or f"Change {name.replace('_', ' ')} of {describe(entry)}")

    def redo(self) -> None:
        setattr(self._entry, self._name, self._new)
        self._document.notify_changed(self._change)

    def undo(self) -> None:
        setattr(self._entry, self._name, self._old)
        self._document.notify_changed(self._change)


class ReplaceDate(SetField):
    """Replace a date field (`date`, `end`, `start`, `published`), e.g. after a drag on the canvas.

    With `keep_approx` the new date keeps the old one's "approximate" mark, which the canvas
    cannot know about; the precision is whatever the caller snapped to.
    """

    def __init__(self, document: _Notifiable, entry: object, name: str, value: PartialDate | None,
                 keep_approx: bool = True, parent: QUndoCommand | None = None, owner: object = None) -> None:
        old = getattr(entry, name)
        if keep_approx and value is not None and isinstance(old, PartialDate):
            value = value.with_approx(old.approx)
        shown = value.display() if value is not None else "none"
        super().__init__(document, entry, name, value, f"Move {name} of {describe(entry)} to {shown}", parent, owner)


class InsertItem(QUndoCommand):
    """Insert `item` into a list (timeline.events, event.quotes, person.aliases...) at `index`."""

    def __init__(self, document: _Notifiable, items: list, index: int, item: Any,
                 text: str | None = None, parent: QUndoCommand | None = None, owner: object = None) -> None:
        super().__init__(parent)
        self._document = document
        self._items = items
        self._index = max(0, min(index, len(items)))
        self._item = item
        self._change = _list_change(document, items, item, owner)
        self.setText(text or f"Add {describe(item)}")

    def redo(self) -> None:
        self._items.insert(self._index, self._item)
        self._document.notify_changed(self._change)

    def undo(self) -> None:
        del self._items[self._index]
        self._document.notify_changed(self._change)


class RemoveItem(QUndoCommand):
    """Remove the item at `index` from a list; undo puts the same object back at the same place."""

    def __init__(self, document: _Notifiable, items: list, index: int,
                 text: str | None = None, parent: QUndoCommand | None = None, owner: object = None) -> None:
        super().__init__(parent)
        if not 0 <= index < len(items):
            raise IndexError(f"no item {index} in a list of {len(items)}")
        self._document = document
        self._items = items
        self._index = index
        self._item = items[index]
        self._change = _list_change(document, items, self._item, owner)
        self.setText(text or f"Delete {describe(self._item)}")

    def redo(self) -> None:
        del self._items[self._index]
        self._document.notify_changed(self._change)

    def undo(self) -> None:
        self._items.insert(self._index, self._item)
        self._document.notify_changed(self._change)


class MoveItem(QUndoCommand):
    """Move the item at `source` so that it ends up at index `target` (reorder quotes, lanes...)."""

    def __init__(self, document: _Notifiable, items: list, source: int, target: int,
                 text: str | None = None, parent: QUndoCommand | None = None, owner: object = None) -> None:
        super().__init__(parent)
        if not (0 <= source < len(items) and 0 <= target < len(items)):
            raise IndexError(f"cannot move {source} to {target} in a list of {len(items)}")
        self._document = document
        self._items = items
        self._source = source
        self._target = target
        self._change = _list_change(document, items, items[source], owner)
        self.setText(text or f"Move {describe(items[source])}")

    @staticmethod
    def _move(items: list, a: int, b: int) -> None:
        items.insert(b, items.pop(a))

    def redo(self) -> None:
        self._move(self._items, self._source, self._target)
        self._document.notify_changed(self._change)

    def undo(self) -> None:
        self._move(self._items, self._target, self._source)
        self._document.notify_changed(self._change)


#: every kind of command (a test checks each sends one `changed` per push, undo and redo)
COMMANDS = (SetField, ReplaceDate, InsertItem, RemoveItem, MoveItem)
