"""The event list dock: every event in date order, a search box and filters.

The filters do two things: they hide rows here, and they tell the Document which events
they keep (`document.set_event_filter`) so the canvas dims or hides the rest. Selection goes
both ways through the Document: a click here calls `document.select`, and a selection made
on the canvas highlights and scrolls to the row here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QGridLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QToolButton, QVBoxLayout, QWidget,
)

from desktop.core.change import Change
from desktop.document import Document
from desktop.core.model import Event, EventKind, Rating
from desktop.panels.event_model import EVENT_ROLE, EventFilterProxy, EventTableModel, event_rows

ANY = "Any"
#: above this many events, typing in the search box waits for a pause before filtering
DEBOUNCE_ROWS = 5000
DEBOUNCE_MS = 200


class EventListPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._syncing = False
        self._search_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._build_filters()
        self._build_table()
        self._connect()
        self._on_timeline_replaced()

    # -- building --------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles, summaries, quotes, speakers")
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):  # the clear button Qt adds
            button.setAccessibleName("Clear the search")
        self.kind_box = self._combo([(k.label, k) for k in EventKind])
        self.rating_box = self._combo([(r.label, r) for r in Rating])
        self.person_box = self._combo([])
        self.from_edit, self.to_edit = self._date_edit(), self._date_edit()
        self.clear_button = QPushButton("Clear filters", self)
        self.count_label = QLabel(self)
        self.search.setAccessibleName("Search events")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 4)
        placed = (("&Kind", self.kind_box, 1, 0, 1), ("&Rating", self.rating_box, 1, 2, 1),
                  ("&Person", self.person_box, 2, 0, 3), ("Fro&m", self.from_edit, 3, 0, 1),
                  ("T&o", self.to_edit, 3, 2, 1))
        for text, widget, row, col, span in placed:
            label = QLabel(text, self)
            label.setBuddy(widget)  # Alt+letter focuses the filter
            widget.setAccessibleName(f"Filter by {text.replace('&', '').lower()}")  # a combo box's own name is its value
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1, 1, span)
        grid.addWidget(self.count_label, 4, 0, 1, 3)
        grid.addWidget(self.clear_button, 4, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(grid)

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox(self)
        # sized to a few letters, not to "Requires improvement": the dock can stay narrow on a 1280 screen
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.addItem(ANY, None)
        for label, value in items:
            box.addItem(label, value)
        return box

    def _date_edit(self) -> QDateEdit:
        """A date box whose lowest value reads 'Any' and means no bound."""
        edit = QDateEdit(self)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setCalendarPopup(True)
        edit.setSpecialValueText(ANY)
        return edit

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setAccessibleName("Events")
        self.table.setAccessibleDescription("The events in date order; selecting one shows it on the timeline")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # rows stay in the model's date order: no proxy sorting, so filtering 10k rows stays quick
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # the title takes the room; kind and rating keep a readable width and elide (full text in tooltips)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fm = self.table.fontMetrics()
        # the date column fitted to its dates when a timeline arrives (`_on_timeline_replaced`), not
        # after every edit: sizing it to its contents read 1,000 rows again each time
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        pad = fm.height() * 2 + 8  # the colour swatch and the cell margins
        for col, widest in ((2, "Intervention"), (3, "Inadequate")):  # the usual longest; the rest elide
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, fm.horizontalAdvance(widest) + pad)
        self._layout.addWidget(self.table, 1)

    #: below this table width the Rating column goes (the Kind swatch shows the rating's colour)
    NARROW_TABLE = 400

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.table.setColumnHidden(3, self.table.width() < self.NARROW_TABLE)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_edited)
        for box in (self.kind_box, self.rating_box, self.person_box):
            box.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.selectionModel().selectionChanged.connect(self._on_rows_selected)
        self.document.add_preparer("event-list", event_rows)  # built off the GUI thread by a background open
        self.document.timeline_replaced.connect(self._on_timeline_replaced)
        self.document.changed.connect(self._on_data_changed)
        self.document.selection_changed.connect(self._show_selection)

    # -- filters ---------------------------------------------------------------------------
    def _on_search_edited(self) -> None:
        """Filter at once on small timelines; on large ones, once typing pauses."""
        if self.model.rowCount() > DEBOUNCE_ROWS:
            self._search_timer.start()
        else:
            self.apply_filters()

    def _date_value(self, edit: QDateEdit) -> dt.date | None:
        return None if edit.date() == edit.minimumDate() else edit.date().toPython()

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.proxy.set_filters(
            text=self.search.text(),
            kind=self.kind_box.currentData(),
            rating=self.rating_box.currentData(),
            person=self.person_box.currentData(),
            date_from=self._date_value(self.from_edit),
            date_to=self._date_value(self.to_edit),
        )
        self.document.set_event_filter(self.proxy.kept_ids())
        self._update_count()
        self._show_selection(self.document.selection)

    def clear_filters(self) -> None:
        widgets = (self.search, self.kind_box, self.rating_box, self.person_box, self.from_edit, self.to_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for box in (self.kind_box, self.rating_box, self.person_box):
            box.setCurrentIndex(0)
        for edit in (self.from_edit, self.to_edit):
            edit.setDate(edit.minimumDate())
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count_label.setText(f"{total} events" if shown == total else f"{shown} of {total} events")

    # -- document -> list ------------------------------------------------------------------
    def _on_timeline_replaced(self) -> None:
        timeline = self.document.timeline
        self.model.set_timeline(timeline, self.document.take_prepared("event-list"))
        self.table.resizeColumnToContents(0)
        self._fill_people()
        years = [e.date.year for e in timeline.events] or [dt.date.today().year]
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
            # the first date is the "Any" setting; both stay inside the calendar (years 1 to 9999)
            first = QDate(min(years) - 1, 12, 31) if min(years) > 1 else QDate(1, 1, 1)
            edit.setDateRange(first, QDate(min(max(years) + 10, 9999), 12, 31))
            edit.setDate(edit.minimumDate())
            edit.blockSignals(False)
        self.clear_filters()

    def _fill_people(self) -> None:
        """The person filter's choices, keeping the chosen person when they are still there."""
        chosen = self.person_box.currentData()
        self.person_box.blockSignals(True)
        self.person_box.clear()
        self.person_box.addItem(ANY, None)
        for person in sorted(self.document.timeline.people, key=lambda p: p.name.casefold()):
            self.person_box.addItem(person.name, person.id)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(chosen)))
        self.person_box.blockSignals(False)

    def _on_data_changed(self, change: Change) -> None:
        """An edit: update the rows it touched (and the people it touched); the filters the user set stay.
        An event whose date moved leaves its row and comes back in another: while the rows change, the
        table's own selection (which slides to a neighbour) is not taken as the user's, and the
        document's selection is shown again afterwards."""
        self._syncing = True
        try:
            self.model.apply(self.document.timeline, change)
            if change.people or change.everything:
                self._fill_people()
            self.apply_filters()
        finally:
            self._syncing = False
        self._show_selection(self.document.selection)

    def _show_selection(self, item: object) -> None:
        row = self.model.row_of(item) if isinstance(item, Event) else None
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        self._syncing = True
        try:
            if proxy_index is None or not proxy_index.isValid():
                self.table.clearSelection()
            else:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().setCurrentIndex(proxy_index, flags)
                self.table.scrollTo(proxy_index)
        finally:
            self._syncing = False

    # -- list -> document ------------------------------------------------------------------
    def _on_rows_selected(self) -> None:
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.document.select(rows[0].data(EVENT_ROLE))

    def selected_event(self) -> Event | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(EVENT_ROLE) if rows else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
