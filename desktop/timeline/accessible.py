"""The canvas as screen readers meet it: a list whose items are the events (in date order) and
the tenures, each with a spoken name, a role, a state and where it is on screen.

`install()` adds a `QAccessible` factory (once per process) that answers for every canvas
registered with `register(graphics, view)`. The canvas tells assistive technology when the
selection moves (`selection_moved`): a Focus event on the selected item, so a screen reader says
it as it would a row of a list.
"""

from __future__ import annotations

import calendar
import weakref

from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from desktop.core.dates import PartialDate, Precision
from desktop.core.model import Event, Tenure, Timeline

Text, Role = QAccessible.Text, QAccessible.Role

_canvases: "weakref.WeakKeyDictionary[QWidget, object]" = weakref.WeakKeyDictionary()
_installed = False


def spoken_date(date: PartialDate) -> str:
    """A date as it is read out: '2016', 'February 2024', '12 October 2017', 'about May 2019'."""
    if date.precision is Precision.YEAR:
        text = f"{date.year}"
    elif date.precision is Precision.MONTH:
        text = f"{calendar.month_name[date.month]} {date.year}"
    else:
        text = f"{date.day} {calendar.month_name[date.month]} {date.year}"
    return f"about {text}" if date.approx else text


def event_name(event: Event) -> str:
    """'Inspection, February 2024, rated Inadequate, 7 quotes: Ofsted judges services inadequate'."""
    parts = [event.kind.label, spoken_date(event.date) + (f" to {spoken_date(event.end)}" if event.end else "")]
    if event.rating is not None:
        parts.append(f"rated {event.rating.label}")
    n = len(event.quotes)
    parts.append(f"{n} quote" if n == 1 else f"{n} quotes")
    return ", ".join(parts) + f": {event.title}"


def tenure_name(timeline: Timeline, tenure: Tenure) -> str:
    """'Ged Cooney, Council leader, from 2021 to June 2022'."""
    person, post = timeline.person(tenure.person), timeline.post(tenure.post)
    start = spoken_date(tenure.start) if tenure.start else "an unknown date"
    end = spoken_date(tenure.end) if tenure.end else "no end recorded"
    return (f"{person.name if person else tenure.person}, {post.name if post else tenure.post}, "
            f"from {start} to {end}")


class ItemFace(QAccessibleInterface):
    """One event or tenure of the canvas: no QObject of its own, so every answer comes from the canvas."""

    def __init__(self, canvas: "CanvasFace", item: Event | Tenure) -> None:
        super().__init__()
        self._canvas, self.item = canvas, item

    def isValid(self) -> bool:  # noqa: N802 (Qt API)
        return self._canvas.isValid() and self._canvas.index_of_item(self.item) >= 0

    def object(self):
        return None

    def window(self):
        return self._canvas.window()

    def relations(self, _match=QAccessible.Relation.AllRelations):
        return []

    def focusChild(self):  # noqa: N802
        return None

    def childAt(self, _x: int, _y: int):  # noqa: N802
        return None

    def parent(self):
        return self._canvas

    def child(self, _index: int):
        return None

    def childCount(self) -> int:  # noqa: N802
        return 0

    def indexOfChild(self, _child) -> int:  # noqa: N802
        return -1

    def text(self, t) -> str:
        view = self._canvas.view
        if t == Text.Name:
            if isinstance(self.item, Event):
                return event_name(self.item)
            return tenure_name(view.document.timeline, self.item)
        if t == Text.Description and isinstance(self.item, Event):
            return self.item.summary or ""
        return ""

    def setText(self, _t, _text: str) -> None:  # noqa: N802
        pass

    def rect(self) -> QRect:
        return self._canvas.view.item_screen_rect(self.item) or QRect()

    def role(self):
        return Role.ListItem

    def state(self):
        view = self._canvas.view
        s = QAccessible.State()
        s.focusable = s.selectable = True
        s.selected = s.focused = view.selected() is self.item
        s.offscreen = self.rect().isEmpty()
        return s


class CanvasFace(QAccessibleWidget):
    """The canvas's graphics view as a list of its events and tenures."""

    def __init__(self, graphics: QWidget, view) -> None:
        super().__init__(graphics, Role.List, "Timeline")
        self.view = view
        self._key: tuple | None = None
        self._items: list = []
        self._where: dict[int, int] = {}
        self._faces: dict[int, ItemFace] = {}  # kept here: Qt holds only pointers to them

    def items(self) -> list:
        """The events the canvas shows, in date order, then the tenures lane by lane (made again only
        after the canvas's lanes or the filter changed)."""
        key = self.view.accessible_key()
        if key != self._key:
            self._key = key
            self._items = self.view.accessible_items()
            self._where = {id(item): i for i, item in enumerate(self._items)}
            self._faces = {k: f for k, f in self._faces.items() if k in self._where}
        return self._items

    def index_of_item(self, item) -> int:
        self.items()
        return self._where.get(id(item), -1)

    def childCount(self) -> int:  # noqa: N802
        return len(self.items())

    def child(self, index: int):
        items = self.items()
        if not 0 <= index < len(items):
            return None
        item = items[index]
        face = self._faces.get(id(item))
        if face is None or face.item is not item:
            face = self._faces[id(item)] = ItemFace(self, item)
        return face

    def indexOfChild(self, child) -> int:  # noqa: N802
        return self.index_of_item(child.item) if isinstance(child, ItemFace) else -1

    def focusChild(self):  # noqa: N802
        index = self.index_of_item(self.view.selected())
        return self.child(index) if index >= 0 else None

    def childAt(self, x: int, y: int):  # noqa: N802
        item = self.view.item_at_screen(x, y)
        index = self.index_of_item(item) if item is not None else -1
        return self.child(index) if index >= 0 else None


def _factory(_key: str, obj):
    view = _canvases.get(obj) if isinstance(obj, QWidget) else None
    if view is None:
        return None
    face = CanvasFace(obj, view)
    view._accessible_face = face  # the canvas keeps its interface alive
    return face


def register(graphics: QWidget, view) -> None:
    """Make `graphics` (the canvas's view) answer screen readers as `CanvasFace` over `view`."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    _canvases[graphics] = view


def selection_moved(graphics: QWidget, view) -> None:
    """Tell assistive technology that the selected item is now the focused one."""
    if not QAccessible.isActive():  # no screen reader listening: nothing to build
        return
    face = QAccessible.queryAccessibleInterface(graphics)
    index = face.index_of_item(view.selected()) if isinstance(face, CanvasFace) else -1
    if index < 0:
        return
    for kind in (QAccessible.Event.Focus, QAccessible.Event.Selection):
        event = QAccessibleEvent(graphics, kind)
        event.setChild(index)
        QAccessible.updateAccessibility(event)
