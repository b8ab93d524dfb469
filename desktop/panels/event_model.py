"""The event list's item model (events in date order) and the filter proxy behind the search box.

`EventTableModel` exposes the Timeline's events as rows (`EVENT_ROLE` returns the Event itself);
`EventFilterProxy` keeps the rows matching the search text and the kind, rating, person and
date-range filters. Both are plain Qt models so the list, the tests and the canvas filter
agree on what "matches" means.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from desktop.core.model import Event, EventKind, Rating, Timeline
from desktop.core.change import Change
from desktop.core.textsafety import tooltip
from desktop.timeline.style import KIND_CLASS, NO_RATING, RATING_CLASS, Style

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Date", "Title", "Kind", "Rating")
#: the fields of an event the list shows, searches or filters on (its other fields change no row)
LISTED_FIELDS = frozenset({"date", "end", "title", "kind", "rating", "summary", "quotes", "people", "id"})
#: an edit touching more rows than this resets the model instead (one reset is cheaper then)
RESET_FROM = 2000
_Index = QModelIndex | QPersistentModelIndex


def haystack(names: dict[str, str], event: Event) -> str:
    """What the search box searches, case-folded: title, summary, quote words and speakers.

    `names` maps person ids to names (built once per timeline: a lookup per quote was 3 s at 100k events).
    """
    parts = [event.title, event.summary or ""]
    for quote in event.quotes:
        parts += [quote.text, quote.speaker, names.get(quote.speaker, quote.speaker), quote.role or ""]
    return "\n".join(parts).casefold()


def event_rows(timeline: Timeline) -> tuple[list[Event], list[str]]:
    """The list's rows: events in date order, and the text a search looks in for each. No Qt: a
    background open builds them off the GUI thread (`Document.add_preparer`)."""
    events = timeline.events_in_order()
    names = {p.id: p.name for p in timeline.people}
    return events, [haystack(names, e) for e in events]


def colour_class(event: Event) -> int:
    """The canvas' colour class of an event (its rating for inspections), so the list matches the legend."""
    if event.rating is not None:
        return RATING_CLASS[event.rating]
    return KIND_CLASS.get(event.kind, NO_RATING)


def swatches(theme: str) -> list[QIcon]:
    icons = []
    for colour in Style(theme).classes:
        pixmap = QPixmap(10, 10)
        pixmap.fill(QColor(colour))
        icons.append(QIcon(pixmap))
    return icons


def involves(event: Event, person_id: str) -> bool:
    return person_id in event.people or any(q.speaker == person_id for q in event.quotes)


def event_days(event: Event) -> tuple[dt.date, dt.date]:
    """The first and last day an event covers: a year-only date covers the whole year."""
    return event.date.start, (event.end or event.date).last


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._search: list[str] = []
        self._row_of: dict[int, int] | None = {}
        self._file_order: dict[int, int] | None = None  # place of each event in the file, when first needed
        self._swatches = swatches("light")

    def set_theme(self, theme: str) -> None:
        """Use the canvas colours of `theme` for the kind swatches."""
        self._swatches = swatches(theme)
        if self._events:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._events) - 1, 2),
                                  [Qt.ItemDataRole.DecorationRole])

    def set_timeline(self, timeline: Timeline, rows: tuple[list[Event], list[str]] | None = None) -> None:
        """Show `timeline`'s events; `rows` is `event_rows(timeline)` when it was built already
        (off the GUI thread, by a background open)."""
        self.beginResetModel()
        self._events, self._search = rows if rows is not None else event_rows(timeline)
        self._row_of = None
        self._file_order = None
        self.endResetModel()

    def apply(self, timeline: Timeline, change: Change) -> None:
        """Update the rows an edit touched: `dataChanged` for a row edited in place, a move when its
        date moved it, an insert or remove for an event added or deleted; a reset only when the
        edit touched everything or more than RESET_FROM rows. Rows stay in date order, ties in file
        order, as `event_rows` makes them."""
        touched = list(change.events) if (change.structure or change.fields & LISTED_FIELDS) else []
        if "name" in change.catalog_fields and change.people:  # a speaker's name is searched
            touched += [e for e in self._events if any(q.speaker in change.people for q in e.quotes)]
        if change.everything or len(touched) > RESET_FROM:
            self.set_timeline(timeline)
            return
        if not touched:
            return
        here = {id(e) for e in timeline.events} if change.structure else None
        if change.structure:
            self._file_order = None  # places in the file may have shifted
        names = {p.id: p.name for p in timeline.people}
        events = list({id(e): e for e in touched}.values())
        if len(events) > 1 and (change.structure or "date" in change.fields):
            # Several may have moved: take every one out, then put each back where it sorts among
            # rows that are all in order.
            for row in sorted((r for r in map(self.row_of, events) if r is not None), reverse=True):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._events[row], self._search[row]
                self.endRemoveRows()
            self._row_of = None
        for event in events:
            row = self.row_of(event)
            if here is not None and id(event) not in here:
                if row is not None:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._events[row], self._search[row]
                    self._row_of = None
                    self.endRemoveRows()
            elif row is None:
                row = self._place(timeline, event)
                self.beginInsertRows(QModelIndex(), row, row)
                self._events.insert(row, event)
                self._search.insert(row, haystack(names, event))
                self._row_of = None
                self.endInsertRows()
            else:
                self._search[row] = haystack(names, event)
                moved = "date" in change.fields or change.structure
                self._move(row, self._place(timeline, event, row) if moved else row)

    def _move(self, old: int, new: int) -> None:
        """Move row `old` to `new` (if it moved) and say the row changed. Announced as a remove and
        an insert, not a move: a filter proxy takes a move as a new layout and filters every row again."""
        if new != old:
            self.beginRemoveRows(QModelIndex(), old, old)
            event, search = self._events.pop(old), self._search.pop(old)
            self.endRemoveRows()
            self.beginInsertRows(QModelIndex(), new, new)
            self._events.insert(new, event)
            self._search.insert(new, search)
            if self._row_of is not None:  # only the rows between moved, by one
                for row in range(min(old, new), max(old, new) + 1):
                    self._row_of[id(self._events[row])] = row
            self.endInsertRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))

    def _place(self, timeline: Timeline, event: Event, row: int | None = None) -> int:
        """The row `event` sorts to among the others (without its current `row`): by date, then by
        place in the file."""
        if row is not None:
            del self._events[row]
            try:
                return self._place(timeline, event)
            finally:
                self._events.insert(row, event)
        key = event.date.sort_int
        lo = bisect_left(self._events, key, key=lambda e: e.date.sort_int)
        hi = bisect_right(self._events, key, lo=lo, key=lambda e: e.date.sort_int)
        if lo == hi:
            return lo
        if self._file_order is None:
            self._file_order = {id(e): i for i, e in enumerate(timeline.events)}
        order = self._file_order
        return bisect_left(self._events, order[id(event)], lo=lo, hi=hi, key=lambda e: order[id(e)])

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def row_of(self, event: Event) -> int | None:
        if self._row_of is None:
            self._row_of = {id(e): row for row, e in enumerate(self._events)}
        return self._row_of.get(id(event))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event = self._events[index.row()]
        col = index.column()
        if role == EVENT_ROLE:
            return event
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return event.date.display()
            if col == 1:
                return event.title
            if col == 2:
                return event.kind.label
            return event.rating.label if event.rating else ""
        if role == Qt.ItemDataRole.DecorationRole and col == 2:
            return self._swatches[colour_class(event)]
        if role == Qt.ItemDataRole.ToolTipRole:
            rating = f" \u00b7 {event.rating.label}" if event.rating else ""
            return tooltip(f"{event.title}\n{event.date.describe()} \u00b7 {event.kind.label}{rating}")
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Search text plus kind, rating, person and date-range filters; each None/empty means 'any'."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.kind: EventKind | None = None
        self.rating: Rating | None = None
        self.person: str | None = None
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None
        self._active = False  # is_active(), kept current by set_filters: asked once per row

    def set_filters(self, **values) -> None:
        for key in values:
            if not hasattr(self, key):
                raise AttributeError(key)
        if "text" in values:
            values["text"] = values["text"].strip().casefold()
        if all(getattr(self, key) == value for key, value in values.items()):
            return  # nothing changed: no second pass over every row (1/4 s at 100k events)
        modern = hasattr(self, "beginFilterChange")  # Qt 6.9+; invalidateRowsFilter is deprecated there
        if modern:
            self.beginFilterChange()
        for key, value in values.items():
            setattr(self, key, value)
        self._active = self.is_active()
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def is_active(self) -> bool:
        return bool(self.text) or any(
            v is not None for v in (self.kind, self.rating, self.person, self.date_from, self.date_to)
        )

    def accepts(self, row: int) -> bool:
        model: EventTableModel = self.sourceModel()
        event = model.event_at(row)
        if self.kind is not None and event.kind != self.kind:
            return False
        if self.rating is not None and event.rating != self.rating:
            return False
        if self.person is not None and not involves(event, self.person):
            return False
        if self.date_from is not None or self.date_to is not None:
            start, last = event_days(event)
            if self.date_from is not None and last < self.date_from:
                return False
            if self.date_to is not None and start > self.date_to:
                return False
        return not self.text or all(word in model.search_text(row) for word in self.text.split())

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        return not self._active or self.accepts(source_row)

    def kept_ids(self) -> frozenset[str] | None:
        """Ids of the events the filters keep, or None when no filter is set (the Document's form)."""
        if not self.is_active():
            return None
        model: EventTableModel = self.sourceModel()
        return frozenset(model.event_at(self.mapToSource(self.index(r, 0)).row()).id for r in range(self.rowCount()))
