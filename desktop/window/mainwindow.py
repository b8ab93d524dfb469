"""The main window: the timeline canvas in the middle, docks for the event list, the quotes and
the warnings, menus and a toolbar, the status bar, and the window state remembered in Settings.
The file life cycle (open, save, the unsaved-changes prompt, recent files, drops) is in
`window/files.py`; the window only routes to it.

Panels talk only to the Document; the window talks to the canvas for view commands (zoom,
theme, filter mode) because those change how things look, not what the data is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from desktop import APP_NAME
from desktop.window import themes
from desktop.window.actions import build_actions, build_menus, build_toolbar
from desktop.document import Document
from desktop.window.editor_docks import EditorDocks
from desktop.panels.eventlist import EventListPanel
from desktop.panels.quotes import QuotesPanel
from desktop.panels.warnings import WarningsPanel
from desktop.window.settings import Settings
from desktop.timeline import TimelineView
from desktop.window.files import WindowFiles, dropped_timeline
from desktop.window.new_timeline import start_new_timeline
from desktop.window.capture_menu import CaptureMenu


#: what a window manager's frame may add around the window (left, top: the title bar, right, bottom)
FRAME_ROOM = (4, 32, 4, 8)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class MainWindow(QMainWindow):
    def __init__(self, document: Document, settings: Settings) -> None:
        super().__init__()
        self.document = document
        self.settings = settings
        self.setObjectName("mainWindow")
        self.timeline_view = TimelineView(document, self)
        self.setCentralWidget(self.timeline_view)
        self.files = WindowFiles(self)
        self._build_docks()
        self.ui_actions = build_actions(self)
        build_menus(self, self.ui_actions, self.docks)
        self.toolbar = build_toolbar(self, self.ui_actions)
        self.editor = EditorDocks(self)  # editor docks, Edit menu section, autosave, disk-change prompt
        self.capture = CaptureMenu(self)  # Sources > Add from file, from clipboard
        self._build_status_bar()
        self._connect_document()
        self.setAcceptDrops(True)
        self._restore_state()
        self._sync_warnings_dock()
        self.apply_theme()
        self._update_title()
        self._update_status()

    # -- building --------------------------------------------------------------------------
    def _add_dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        """The event list, the quotes (with the editor's docks tabbed beside them) and the warnings
        share the left side, one above the other, so the timeline keeps the rest of the width: on
        a 1366x768 laptop a panel each side left its date axis a third of the window. The warnings
        show only when there are some (`_sync_warnings_dock`)."""
        self.event_list = EventListPanel(self.document)
        self.quotes = QuotesPanel(self.document)
        self.warnings = WarningsPanel(self.document)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.event_dock = self._add_dock("Events", "eventsDock", self.event_list, left)
        self.quotes_dock = self._add_dock("Quotes and sources", "quotesDock", self.quotes, left)
        self.warnings_dock = self._add_dock("Warnings", "warningsDock", self.warnings, left)
        self.splitDockWidget(self.event_dock, self.quotes_dock, Qt.Orientation.Vertical)
        self.splitDockWidget(self.quotes_dock, self.warnings_dock, Qt.Orientation.Vertical)
        self.warnings_dock.hide()
        self._warned = False
        self.docks = [self.event_dock, self.quotes_dock, self.warnings_dock]
        self._docks_sized = False

    def _size_docks(self) -> None:
        """First run: the side column a quarter of the width or less, the timeline the rest; the
        list a little taller than the quotes."""
        width, height = self.width(), self.height()
        side = max(300, int(width * (0.22 if width >= 1600 else 0.26)))
        self.resizeDocks([self.event_dock], [min(side, width // 3)], Qt.Orientation.Horizontal)
        self.resizeDocks([self.event_dock, self.quotes_dock], [int(height * 0.5), int(height * 0.4)],
                         Qt.Orientation.Vertical)

    def _sync_warnings_dock(self) -> None:
        """Show the Warnings dock when warnings appear, hide it when there are none. Closing it
        while warnings remain keeps it closed until the next new set (the status bar still counts)."""
        warned = bool(self.document.warnings)
        if warned and not self._warned:
            self.warnings_dock.show()
        elif not warned:
            self.warnings_dock.hide()
        self._warned = warned

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            if self.settings.window_state() is None:
                self._size_docks()

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.files.progress)
        self.statusBar().addPermanentWidget(self.counts_label)

    def _connect_document(self) -> None:
        doc = self.document
        # methods, not lambdas, on the Document's signals: Qt disconnects them when the window goes
        doc.path_changed.connect(self._update_title)
        doc.dirty_changed.connect(self._update_title)
        for signal in (doc.timeline_replaced, doc.changed, doc.filter_changed, doc.warnings_changed):
            signal.connect(self._update_status)
        doc.warnings_changed.connect(self._sync_warnings_dock)
        doc.timeline_replaced.connect(self._sync_warnings_dock)
        # a method, not a lambda: Qt drops the connection to this app-wide signal when the window goes
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    # -- title and status ------------------------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] \u2014 {APP_NAME}")
        self.setWindowModified(self.document.is_dirty)

    def _update_status(self) -> None:
        timeline, doc = self.document.timeline, self.document
        total = len(timeline.events)
        kept = doc.event_filter
        parts = [f"{len(kept)} of {total} events shown" if kept is not None else _count(total, "event"),
                 _count(len(timeline.tenures), "tenure"), _count(len(timeline.people), "person", "people")]
        if doc.warnings:
            parts.append(_count(len(doc.warnings), "warning"))
        self.warnings_dock.setWindowTitle(f"Warnings ({len(doc.warnings)})" if doc.warnings else "Warnings")
        if doc.load_seconds is not None and doc.path is not None:
            parts.append(f"loaded in {doc.load_seconds:.2f} s")
        self.counts_label.setText("  \u00b7  ".join(parts))

    # -- view --------------------------------------------------------------------------------
    def apply_theme(self) -> None:
        name = themes.resolve(self.settings.theme())
        app = QApplication.instance()
        if app is not None:
            themes.apply(app, name)
        self.theme_name = name
        self.timeline_view.set_theme(name)
        self.event_list.model.set_theme(name)

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply_theme()

    def set_theme_preference(self, preference: str) -> None:
        self.settings.set_theme(preference)
        self.ui_actions.themes[preference].setChecked(True)
        self.apply_theme()

    def update_filter_mode(self) -> None:
        mode = "hide" if self.ui_actions.hide_filtered.isChecked() else "dim"
        self.settings.set_value("view/filter_mode", mode)
        self.timeline_view.set_filter_mode(mode)

    def update_exact_frames(self) -> None:
        exact = self.ui_actions.exact_frames.isChecked()
        self.settings.set_value("view/exact_while_moving", exact)
        self.timeline_view.set_progressive(not exact)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.ui_actions.full_screen.setChecked(self.isFullScreen())

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_full_screen()  # Esc leaves full screen, as everywhere else
            return
        super().keyPressEvent(event)

    def focus_search(self) -> None:
        self.event_dock.show()
        self.event_dock.raise_()
        self.event_list.focus_search()

    # -- presenting, exporting, importing (desktop/window/present.py, desktop/window/export_dialog.py) -------
    def start_presentation(self) -> None:
        """F5 / --present: full-screen slides on the projector; this window stays as it is."""
        from desktop.window.present import start_presentation

        self.presentation = start_presentation(self.document, self)

    def export_dialog(self) -> None:
        from desktop.window.export_dialog import run_export_dialog

        written = run_export_dialog(self)
        if written:
            self.statusBar().showMessage("Exported " + ", ".join(str(p) for p in written), 8000)

    def print_timeline(self) -> None:
        """File > Print: sheets on paper through Qt's print dialog (window/printing.py)."""
        from desktop.window.printing import new_printer, run_print

        if getattr(self, "printer", None) is None:
            self.printer = new_printer()  # kept: the printer and its settings stay chosen
        try:
            plan = run_print(self, self.printer)
        except OSError as exc:
            QMessageBox.warning(self, "Could not print", str(exc))
            return
        if plan is not None:
            self.statusBar().showMessage(f"Printed {plan.pages} sheet{'s' if plan.pages != 1 else ''}", 8000)

    def import_timelinejs(self) -> None:
        if self.maybe_save("importing"):
            from desktop.window.export_dialog import run_import_timelinejs

            run_import_timelinejs(self)

    # -- files (desktop/window/files.py) ------------------------------------------------------
    def open_path(self, path: str | Path, interactive: bool = True) -> bool:
        """Open `path` now; on failure report it (dialog, or stderr when not interactive) and keep the old one."""
        return self.files.open_now(Path(path), interactive)

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def new_timeline(self) -> None:
        """File > New timeline (window/new_timeline.py)."""
        start_new_timeline(self)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def maybe_save(self, doing: str = "closing") -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        return self.files.maybe_save(doing)

    def fill_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.ui_actions.recent_menu)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if dropped_timeline(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_timeline(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.files.open_later(path)

    # -- window state ----------------------------------------------------------------------
    def _restore_state(self) -> None:
        state = self.settings.window_state()
        if state is not None:  # docks first: the default layout's minimum height must not stretch a saved size
            self.restoreState(state)
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        self._fit_on_screen()
        self.ui_actions.hide_filtered.setChecked(self.settings.value("view/filter_mode", "dim") == "hide")
        self.update_filter_mode()
        self.ui_actions.exact_frames.setChecked(self.settings.flag("view/exact_while_moving"))
        self.update_exact_frames()

    def _fit_on_screen(self) -> None:
        """Keep the window (with room for the window manager's frame) inside the screen's
        available area, the panels and task bars left out: a 1440x900 default, or a size saved
        on a larger monitor, would put the date axis and the status bar below a laptop's screen."""
        # the screen the saved place is on (a second monitor), else this one
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        room = screen.availableGeometry().adjusted(FRAME_ROOM[0], FRAME_ROOM[1], -FRAME_ROOM[2], -FRAME_ROOM[3])
        width, height = min(self.width(), room.width()), min(self.height(), room.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if self.settings.window_geometry() is None:  # first run: centred in the room there is
            self.move(room.left() + (room.width() - width) // 2, room.top() + (room.height() - height) // 2)
        elif not room.contains(self.geometry()):  # saved elsewhere: moved just enough to be whole
            self.move(min(max(self.x(), room.left()), room.right() + 1 - width),
                      min(max(self.y(), room.top()), room.bottom() + 1 - height))

    def save_window_state(self) -> None:
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.maybe_save("closing"):
            event.ignore()
            return
        self.files.shutdown()
        self.save_window_state()
        event.accept()
