"""The main window's actions, menus and toolbar, built here so the window's constructor stays short.

Every action calls one method of the window (or the Document's undo stack). The Edit menu
starts with Undo/Redo and Find; the editor adds its items there through `Actions.edit_menu`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox, QStyle, QToolBar

from desktop import APP_NAME, __version__
from desktop.window import keyboard, themes
from desktop.panels.plaintext import escape_undo_tooltips

if TYPE_CHECKING:
    from desktop.window.mainwindow import MainWindow

SK = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit_all: QAction
    zoom_selection: QAction
    full_screen: QAction
    hide_filtered: QAction
    exact_frames: QAction
    print: QAction
    present: QAction
    themes: dict[str, QAction] = field(default_factory=dict)
    recent_menu: QMenu | None = None
    edit_menu: QMenu | None = None
    view_menu: QMenu | None = None


def _icon(window: "MainWindow", theme_name: str, fallback: SP) -> QIcon:
    return QIcon.fromTheme(theme_name, window.style().standardIcon(fallback))


def _action(window, text: str, slot, shortcut=None, icon: QIcon | None = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if icon is not None:
        action.setIcon(icon)
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: "MainWindow") -> Actions:
    stack = window.document.undo_stack
    undo, redo = stack.createUndoAction(window, "&Undo"), stack.createRedoAction(window, "&Redo")
    escape_undo_tooltips(stack, undo, redo)  # "Undo Delete event '<title>'" shown as typed
    undo.setShortcuts(SK.Undo)
    redo.setShortcuts(SK.Redo)
    undo.setIcon(_icon(window, "edit-undo", SP.SP_ArrowBack))
    redo.setIcon(_icon(window, "edit-redo", SP.SP_ArrowForward))
    # the toolbar button says just Undo / Redo: the step's name (a whole title) is in the Edit menu and
    # the tooltip, and would stretch the toolbar across the window
    undo.setIconText("Undo")
    redo.setIconText("Redo")
    full = _action(window, "&Full screen", window.toggle_full_screen, "F11", tip="Fill the screen (F11)")
    full.setCheckable(True)
    hide = _action(window, "&Hide filtered-out events", window.update_filter_mode,
                   tip="Hide events the filters leave out instead of dimming them")
    hide.setCheckable(True)
    exact = _action(window, "&Exact frames while moving", window.update_exact_frames,
                    tip="On very large timelines, draw every frame exactly while dragging or zooming, "
                        "instead of quick previews that sharpen when the view stops")
    exact.setCheckable(True)
    actions = Actions(
        new=_action(window, "&New timeline\u2026", window.new_timeline, SK.New,
                    _icon(window, "document-new", SP.SP_FileIcon),
                    "Start a new timeline file with an empty sources folder beside it (Ctrl+N)"),
        open=_action(window, "&Open\u2026", window.open_dialog, SK.Open,
                     _icon(window, "document-open", SP.SP_DialogOpenButton), "Open a timeline file (Ctrl+O)"),
        save=_action(window, "&Save", window.save, SK.Save,
                     _icon(window, "document-save", SP.SP_DialogSaveButton), "Save the timeline (Ctrl+S)"),
        save_as=_action(window, "Save &As\u2026", window.save_as, SK.SaveAs, tip="Save under a new name"),
        quit=_action(window, "&Quit", window.close, SK.Quit, tip="Quit Council Timeline"),
        undo=undo,
        redo=redo,
        find=_action(window, "&Find\u2026", window.focus_search, SK.Find, tip="Search the events (Ctrl+F)"),
        zoom_in=_action(window, "Zoom &in", window.timeline_view.zoom_in, SK.ZoomIn,
                        tip="Zoom in (Ctrl++)"),
        zoom_out=_action(window, "Zoom &out", window.timeline_view.zoom_out, SK.ZoomOut,
                         tip="Zoom out (Ctrl+-)"),
        fit_all=_action(window, "&Fit all", window.timeline_view.fit_all, "Ctrl+0",
                        tip="Show the whole timeline (Ctrl+0)"),
        zoom_selection=_action(window, "Zoom to &selection", window.timeline_view.zoom_to_selection,
                               "Ctrl+E", tip="Zoom to the selected event or tenure (Ctrl+E)"),
        full_screen=full,
        hide_filtered=hide,
        exact_frames=exact,
        print=_action(window, "&Print\u2026", window.print_timeline, SK.Print,
                      _icon(window, "document-print", SP.SP_FileDialogDetailedView),
                      "Print the timeline on A4, A3 or Letter sheets, every label in full (Ctrl+P)"),
        present=_action(window, "&Present", window.start_presentation, "F5",
                        _icon(window, "x-office-presentation", SP.SP_MediaPlay),
                        "Presentation mode for meetings, on the second screen when attached (F5)"),
    )
    _build_theme_actions(window, actions)
    return actions


def _build_theme_actions(window: "MainWindow", actions: Actions) -> None:
    group = QActionGroup(window)
    group.setExclusive(True)
    current = window.settings.theme()
    for name in themes.PREFERENCES:
        action = QAction(themes.LABELS[name], window)
        action.setCheckable(True)
        action.setChecked(name == current)
        action.triggered.connect(lambda _checked=False, n=name: window.set_theme_preference(n))
        group.addAction(action)
        actions.themes[name] = action


def build_menus(window: "MainWindow", actions: Actions, docks: list[QDockWidget]) -> None:
    bar = window.menuBar()
    bar.setAccessibleName("Menu bar")
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.new)
    file_menu.addAction(actions.open)
    actions.recent_menu = file_menu.addMenu("Open &Recent")
    actions.recent_menu.setObjectName("recentMenu")
    actions.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([actions.save, actions.save_as])
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "&Import TimelineJS\u2026", window.import_timelinejs,
                                tip="Open a TimelineJS3 JSON file as a new timeline"))
    file_menu.addAction(_action(window, "&Export\u2026", window.export_dialog, "Ctrl+Shift+X",
                                tip="PNG, SVG, PDF, PDF handout, CSV or TimelineJS JSON (Ctrl+Shift+X)"))
    file_menu.addAction(actions.print)
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "Clear &parse cache", window.files.clear_cache,
                                tip="Forget the parsed copies kept to reopen large files fast"))
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    actions.edit_menu = bar.addMenu("&Edit")
    actions.edit_menu.addActions([actions.undo, actions.redo])
    actions.edit_menu.addSeparator()
    actions.edit_menu.addAction(actions.find)
    # the editor adds its items below (Add event, Edit event, Delete, ...)

    view = actions.view_menu = bar.addMenu("&View")
    view.addActions([actions.zoom_in, actions.zoom_out, actions.fit_all, actions.zoom_selection])
    view.addSeparator()
    view.addAction(actions.hide_filtered)
    view.addAction(actions.exact_frames)
    view.addAction(actions.full_screen)
    view.addAction(actions.present)
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    theme_menu.addActions(list(actions.themes.values()))
    panels = view.addMenu("&Panels")
    for dock in docks:
        panels.addAction(dock.toggleViewAction())
    panels.addSeparator()
    keyboard.add_pane_actions(window, panels)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "&Keyboard shortcuts", lambda: keyboard.ShortcutsDialog(window).exec(),
                                tip="Every action with a shortcut, and its keys"))
    help_menu.addAction(_action(window, f"&About {APP_NAME}", lambda: _show_about(window)))


def _show_about(window: "MainWindow") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}", "", QMessageBox.StandardButton.Close, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{APP_NAME} {__version__}\n\nInspections, interventions and leadership on one timeline, "
                "every claim with its source and every quote checked against the archived article.")
    box.exec()


def build_toolbar(window: "MainWindow", actions: Actions) -> QToolBar:
    bar = window.addToolBar("Main toolbar")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # words: icon themes vary by desktop
    bar.addActions([actions.open, actions.save])
    bar.addSeparator()
    bar.addActions([actions.undo, actions.redo])
    bar.addSeparator()
    bar.addActions([actions.zoom_in, actions.zoom_out, actions.fit_all])
    bar.addSeparator()
    bar.addAction(actions.present)
    # a screen reader reads a button's tooltip as its description: Undo and Redo's are markup (their
    # text may hold a title from the file), so those two get words of their own
    for action, words in ((actions.undo, "Undo the last edit (Ctrl+Z); Edit > History lists them all"),
                          (actions.redo, "Redo the edit last undone (Ctrl+Y)")):
        bar.widgetForAction(action).setAccessibleDescription(words)
    return bar
