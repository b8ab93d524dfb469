"""The main window: list <-> canvas <-> quotes through the Document, files, title, state, themes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QDropEvent, QDragEnterEvent, QPalette, QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import storage
from desktop.document import Document
from desktop.window.mainwindow import MainWindow
from desktop.panels.load_error import LoadErrorDialog
from desktop.window.settings import Settings
from samples import open_panel_sample

VALID = """format: council-timeline/1
title: GOOD dropped timeline
sources: []
people: []
posts: []
tenures: []
events: []
"""
INVALID = """format: council-timeline/1
title: Broken
titel: typo
sources: []
people: []
posts: []
tenures: []
events: []
"""


class Touch(QUndoCommand):
    """An edit that changes nothing but makes the document dirty, like any real edit."""

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


@pytest.fixture
def window(qtbot, tmp_path, settings):
    document = Document()
    timeline = open_panel_sample(document, tmp_path)
    win = MainWindow(document, settings)  # disposed below, not by qtbot
    win.resize(1280, 720)
    win.show()
    yield win, document, timeline
    _dispose(win)


def _dispose(win: MainWindow) -> None:
    """Close without the unsaved-changes prompt and delete now: leftover windows would slow every
    later test that re-polishes the application (theme changes)."""
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def dialogs(monkeypatch):
    """Never block on a dialog: record the load-error dialog's text and answer message boxes."""
    seen = {"load_error": [], "box": [], "answer": "Cancel"}  # the text of the button to press
    monkeypatch.setattr(LoadErrorDialog, "exec", lambda dlg: seen["load_error"].append(dlg) or 0)

    def press(box: QMessageBox) -> int:
        seen["box"].append(box.text())
        button = next((b for b in box.buttons() if b.text().replace("&", "") == seen["answer"]), None)
        if button is not None:
            button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    return seen


def test_selecting_in_the_list_selects_on_the_canvas_and_fills_quotes(qtbot, window):
    win, document, timeline = window
    table = win.event_list.table
    rect = table.visualRect(win.event_list.proxy.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    event = timeline.event("ofsted-2016")
    assert document.selection is event
    assert win.timeline_view.selected() is event
    assert win.quotes.title_label.text() == event.title
    assert len(win.quotes.cards) == 2


def test_search_filters_the_list_and_the_canvas(qtbot, window):
    win, document, timeline = window
    win.activateWindow()
    win.ui_actions.find.trigger()
    assert win.event_list.search.hasFocus()
    qtbot.keyClicks(win.event_list.search, "slow")
    assert win.event_list.proxy.rowCount() == 1
    assert document.event_filter == frozenset({"visit-2017"})
    canvas = win.timeline_view
    assert canvas.is_event_dimmed(timeline.event("ofsted-2016"))
    assert not canvas.is_event_dimmed(timeline.event("visit-2017"))
    assert "1 of 4 events shown" in win.counts_label.text()
    win.ui_actions.hide_filtered.trigger()  # View > Hide filtered-out events
    assert not canvas.is_event_shown(timeline.event("ofsted-2016"))
    assert canvas.is_event_shown(timeline.event("visit-2017"))


def test_canvas_selection_fills_the_list_and_the_quotes(window):
    win, document, timeline = window
    event = timeline.event("plan-2019")
    document.select(event)  # what a click on the canvas does
    assert win.event_list.selected_event() is event
    assert win.quotes.title_label.text() == "Improvement plan agreed"


def test_zoom_actions_change_the_canvas_range(window):
    win, _, _ = window
    win.ui_actions.fit_all.trigger()
    x0, x1 = win.timeline_view.view_range()
    win.ui_actions.zoom_in.trigger()
    z0, z1 = win.timeline_view.view_range()
    assert z1 - z0 < x1 - x0
    win.ui_actions.zoom_out.trigger()
    win.ui_actions.zoom_out.trigger()
    o0, o1 = win.timeline_view.view_range()
    assert o1 - o0 > z1 - z0


def test_title_shows_file_name_and_unsaved_mark(window):
    win, document, _ = window
    assert win.windowTitle().startswith("sample.yaml[*]") and not win.isWindowModified()
    document.push(Touch("touch"))
    assert win.isWindowModified()
    document.undo_stack.undo()
    assert not win.isWindowModified()


def test_invalid_file_keeps_the_old_timeline_and_reports_file_line_col(window, tmp_path, dialogs, monkeypatch):
    win, document, timeline = window
    bad = tmp_path / "bad.yaml"
    bad.write_text(INVALID, encoding="utf-8")
    assert win.open_path(bad) is False
    assert document.timeline is timeline and document.path.name == "sample.yaml"
    [dialog] = dialogs["load_error"]
    assert re.search(re.escape(str(bad)) + r":\d+:\d+: \S", dialog.text())
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.folder_button.click()
    assert opened == [str(tmp_path.resolve())]


def test_background_open_of_a_bad_file_reports_it_and_keeps_the_old_one(qtbot, window, tmp_path, dialogs):
    win, document, timeline = window
    bad = tmp_path / "bad.yaml"
    bad.write_text(INVALID, encoding="utf-8")
    with qtbot.waitSignal(win.files.opener.finished, timeout=10_000):
        win.files.open_later(bad)
    assert document.timeline is timeline
    assert re.search(r"bad\.yaml:\d+:\d+: \S", dialogs["load_error"][0].text())


def test_reopening_an_unchanged_file_comes_from_the_parse_cache(window, tmp_path):
    win, document, _ = window
    good = tmp_path / "again.yaml"
    good.write_text(VALID, encoding="utf-8")
    assert win.open_path(good) and "(from cache)" not in win.statusBar().currentMessage()
    assert win.open_path(good) and "(from cache)" in win.statusBar().currentMessage()
    assert document.timeline.title == "GOOD dropped timeline"


def test_unreadable_path_is_reported_too(window, tmp_path, dialogs):
    win, document, timeline = window
    assert win.open_path(tmp_path / "missing.yaml") is False
    assert "missing.yaml" in dialogs["load_error"][0].text() and document.timeline is timeline


def test_dropping_a_yaml_file_opens_it_and_remembers_it(qtbot, window, tmp_path, settings):
    win, document, _ = window
    good = tmp_path / "dropped.yaml"
    good.write_text(VALID, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(win.files.opener.finished, timeout=10_000):  # opened in the background
        QApplication.sendEvent(win, drop)
    assert document.path == good.resolve()
    assert win.windowTitle().startswith("dropped.yaml")
    assert settings.recent_files()[0] == str(good.resolve())
    win.fill_recent_menu()
    assert [a.text() for a in win.ui_actions.recent_menu.actions()][0] == "&1 dropped.yaml"


def test_dirty_document_asks_before_opening_another(window, tmp_path, dialogs):
    win, document, timeline = window
    good = tmp_path / "other.yaml"
    good.write_text(VALID, encoding="utf-8")
    document.push(Touch("touch"))
    assert win.open_path(good) is False  # Cancel
    assert "unsaved changes" in dialogs["box"][0] and document.timeline is timeline
    dialogs["answer"] = "Discard"
    assert win.open_path(good) is True and document.path == good.resolve()


def test_dirty_document_cancel_keeps_the_window_open(window, dialogs):
    win, document, _ = window
    document.push(Touch("touch"))
    assert win.close() is False and win.isVisible()
    dialogs["answer"] = "Discard"
    assert win.close() is True


def test_geometry_dock_layout_and_recent_files_survive_a_new_window(qtbot, tmp_path):
    ini = tmp_path / "state.ini"
    first = MainWindow(Document(), Settings.from_file(ini))
    first.show()
    first.warnings_dock.hide()
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.quotes_dock)  # the user moved it
    first.resize(700, 600)  # within the offscreen screen (800x800), or restoreGeometry fits it there
    size = (first.width(), first.height())
    first.settings.add_recent_file(tmp_path / "a.yaml")
    assert first.close()
    second = MainWindow(Document(), Settings.from_file(ini))
    second.show()
    assert (second.width(), second.height()) == size != (1440, 900)
    assert second.warnings_dock.isHidden() and not second.quotes_dock.isHidden()
    assert second.dockWidgetArea(second.quotes_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert second.settings.recent_files() == [str((tmp_path / "a.yaml").resolve())]
    _dispose(first)
    _dispose(second)


def test_high_contrast_theme_is_applied_and_remembered(window, settings):
    win, _, _ = window
    win.ui_actions.themes["high-contrast"].trigger()
    assert settings.theme() == "high-contrast" and win.theme_name == "high-contrast"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    win.ui_actions.themes["light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#f3f3f3"


def _burst(view) -> str:
    """Small moves in quick succession, as a hand drags; how the canvas painted the last."""
    view.viewport().grab()
    for _ in range(3):
        view.pan(0.02)
        view.viewport().grab()
    return view.frame_kind()


def test_exact_frames_while_moving_is_a_remembered_view_choice(qtbot, tmp_path, monkeypatch):
    from desktop.timeline import preview

    monkeypatch.setattr(preview, "PREVIEW_FROM", 1)  # the sample previews as a very large timeline would
    monkeypatch.setattr(preview, "SETTLE_MS", 1000)  # and a loaded machine does not end the movement
    document = Document()
    open_panel_sample(document, tmp_path)
    win = MainWindow(document, Settings.from_file(tmp_path / "settings.ini"))
    win.show()
    assert not win.ui_actions.exact_frames.isChecked() and _burst(win.timeline_view) == "preview"
    win.ui_actions.exact_frames.trigger()  # View > Exact frames while moving
    assert _burst(win.timeline_view) == "exact"
    win.save_window_state()
    _dispose(win)
    again = MainWindow(document, Settings.from_file(tmp_path / "settings.ini"))  # read from the file
    again.show()
    assert again.ui_actions.exact_frames.isChecked() and _burst(again.timeline_view) == "exact"
    _dispose(again)


def test_clicking_a_warning_selects_its_event(qtbot, window):
    win, document, timeline = window
    problem = storage.Problem(file="sample.yaml", line=40, column=9, message="quote not found in archive",
                              severity="warning", ref=("event", "visit-2017"))
    document.set_warnings([problem])
    item = win.warnings.list.item(0)
    assert item.text() == str(problem) and item.text().startswith("sample.yaml:40:9: ")
    rect = win.warnings.list.visualItemRect(item)
    qtbot.mouseClick(win.warnings.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert document.selection is timeline.event("visit-2017")
    assert "1 warning" in win.counts_label.text() and win.warnings_dock.windowTitle() == "Warnings (1)"


def test_standard_shortcuts(window):
    win, _, _ = window
    acts = win.ui_actions
    assert acts.open.shortcut().toString() == "Ctrl+O"
    assert acts.save.shortcut().toString() == "Ctrl+S"
    assert acts.find.shortcut().toString() == "Ctrl+F"
    assert acts.full_screen.shortcut().toString() == "F11"
    assert acts.undo.shortcut().toString() == "Ctrl+Z"


def test_no_two_actions_share_a_shortcut(window):
    """An ambiguous shortcut silently does nothing in Qt: every key must belong to one action."""
    win, _, _ = window
    owners: dict[str, list[str]] = {}
    for action in win.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.text())
    clashes = {key: names for key, names in owners.items() if key and len(set(names)) > 1}
    assert clashes == {}


def test_f11_enters_full_screen_and_escape_leaves_it(qtbot, window):
    win, _, _ = window
    win.ui_actions.full_screen.trigger()
    assert win.isFullScreen() and win.ui_actions.full_screen.isChecked()
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert not win.isFullScreen() and not win.ui_actions.full_screen.isChecked()


def test_save_writes_the_file_and_clears_the_unsaved_mark(window, tmp_path):
    win, document, timeline = window
    timeline.source("leaflet").url = None  # the loader refuses non-web URLs; the panel tests keep one
    document.push(Touch("touch"))
    assert win.isWindowModified()
    win.ui_actions.save.trigger()
    assert not win.isWindowModified()
    assert storage.load(tmp_path / "sample.yaml").timeline.event("plan-2019").title == "Improvement plan agreed"


def test_help_about_names_the_version(window, dialogs):
    from desktop import __version__

    win, _, _ = window
    help_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text().startswith("&About")).trigger()
    assert __version__ in dialogs["box"][0]


def test_system_theme_follows_the_colour_scheme_when_it_changes(window, monkeypatch):
    from PySide6.QtGui import QGuiApplication, QStyleHints

    win, _, _ = window
    assert win.settings.theme() == "system" and win.theme_name == "light"
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda self: Qt.ColorScheme.Dark)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop switched
    assert win.theme_name == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#232629"
    win.set_theme_preference("light")  # an explicit choice no longer follows the system
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert win.theme_name == "light"


def test_the_toolbar_says_undo_whatever_the_step_is_called(window):
    """The step's name (a whole title) belongs in the Edit menu and the tooltip; on the toolbar it stretched
    the Undo button across the window."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    win, document, _ = window
    document.push(Touch("Set title of event 'Ofsted monitoring visit finds progress in the front door service'"))
    buttons = {b.defaultAction(): b for b in win.findChild(QToolBar).findChildren(QToolButton) if b.defaultAction()}
    undo = win.ui_actions.undo
    assert buttons[undo].text() == "Undo" and "front door" in undo.text()
    assert buttons[undo].width() < 200
