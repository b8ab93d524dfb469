"""The editor's words for undo texts and History: entries by their names (tenures by person and
post names, not ids) and the new value of a change ("Set outlet of source 'Council leader steps
down' to 'Manchester Evening News'")."""

from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.core.dates import PartialDate
from desktop.core.model import Event, Person, Post, Quote, Source, Tenure, Timeline
from desktop.document.commands import describe as _describe

__all__ = ["describe", "field_name", "set_text", "shown_value", "LiveTexts"]


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(entry: object, timeline: Timeline | None = None) -> str:
    if isinstance(entry, Event) and not entry.title.strip():
        return f"new event ({entry.date.display()})"
    if isinstance(entry, (Source, Person, Post)) and not (getattr(entry, "title", None) or getattr(entry, "name", "")).strip():
        return f"new {type(entry).__name__.lower()}"
    if isinstance(entry, Quote) and not entry.text.strip():
        return "new quote"
    if isinstance(entry, Tenure) and timeline is not None:
        person = next((p.name for p in timeline.people if p.id == entry.person), entry.person)
        post = next((p.name for p in timeline.posts if p.id == entry.post), entry.post)
        return f"tenure of {person} as {post}"
    return _describe(entry)


def field_name(binding) -> str:
    """"&Title" -> "title"."""
    return binding.label.replace("&", "").lower()


def shown_value(value: object, name: str = "", timeline: Timeline | None = None) -> str:
    if value is None or value == [] or value == "":
        return "nothing"
    if isinstance(value, PartialDate):
        return value.display()
    if hasattr(value, "label"):
        return value.label
    if timeline is not None and name in ("person", "speaker"):
        value = next((p.name for p in timeline.people if p.id == value), value)
    if timeline is not None and name == "post":
        value = next((p.name for p in timeline.posts if p.id == value), value)
    if isinstance(value, list):
        return ", ".join(_clip(v, 30) for v in value)
    return f"'{_clip(value)}'"


def set_text(timeline: Timeline, entry: object, label: str, name: str, value: object) -> str:
    """The text of one field change; a change of the entry's own name names it by the new one."""
    if name == "title" and not isinstance(entry, Person):
        old = _describe(entry)
        return f"Set title of {old.split(' ', 1)[0]} to {shown_value(value)}"
    if name == "name":
        return f"Rename {type(entry).__name__.lower()} '{_clip(getattr(entry, 'name', ''))}' to {shown_value(value)}"
    return f"Set {label} of {describe(entry, timeline)} to {shown_value(value, name, timeline)}"


class LiveTexts(QObject):
    """Undo texts that name entries by their current names. A form calls `remember(make)` right after
    it pushes a step; after every change each remembered step is worded again, so History reads
    "Set outlet of source 'Council leader steps down' ..." even if the title was typed later.
    A step whose text someone else changed since is left alone."""

    #: some texts changed (History repaints)
    changed = Signal()

    def __init__(self, stack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self._texts: dict[int, tuple[Callable[[], str], str]] = {}

    def remember(self, make: Callable[[], str]) -> None:
        command = self._stack.command(self._stack.index() - 1)
        if command is not None:
            self._texts[shiboken6.getCppPointer(command)[0]] = (make, command.text())

    def refresh(self) -> None:
        alive, changed = set(), False
        for i in range(self._stack.count()):
            command = self._stack.command(i)
            key = shiboken6.getCppPointer(command)[0]
            alive.add(key)
            known = self._texts.get(key)
            if known is None or command.text() != known[1]:
                continue
            text = known[0]()
            if text != known[1]:
                command.setText(text)
                self._texts[key] = (known[0], text)
                changed = True
        for key in set(self._texts) - alive:  # steps gone (undone and replaced, stack cleared)
            del self._texts[key]
        if changed:
            self.changed.emit()
