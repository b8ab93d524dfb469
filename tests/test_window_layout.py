"""The main window on a small laptop: it opens inside the screen, the timeline keeps at least half
the width, and the Warnings dock shows only when there is something to say."""

from __future__ import annotations

import html

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from desktop import storage
from desktop.document import Document
from desktop.window.mainwindow import MainWindow
from desktop.window.settings import Settings
from samples import open_panel_sample

ROOT = Path(__file__).resolve().parent.parent

_LAPTOP = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
                        "logicalBaseDpi": 96, "dpr": 1}]}
_ON_A_LAPTOP = """
import json, sys
sys.path[:0] = [sys.argv[1]]
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.core import paths
from desktop.document import Document
from desktop.window.mainwindow import MainWindow
from desktop.window.settings import Settings
window = MainWindow(Document(), Settings.from_file(sys.argv[2]))  # first run: no saved size
window.open_path(paths.default_timeline(), interactive=False)
window.show()
for _ in range(5):
    app.processEvents()
view = window.timeline_view
events = window.document.timeline.events_in_order()
first, last = events[0], events[-1]
x0, x1 = view.view_range()
(a0, a1), (b0, b1) = view.interval(first), view.interval(last)
pa, pb = view.viewport_pos(first), view.viewport_pos(last)
# pixels per second between the two marks' centres, times the seconds shown: the axis's width
axis = (pb.x() - pa.x()) / (((b0 + b1) - (a0 + a1)) / 2) * (x1 - x0)
screen = window.screen().availableGeometry()
print(json.dumps({"frame": window.frameGeometry().getRect(), "available": screen.getRect(),
                  "width": window.width(), "axis": axis, "warnings": window.warnings_dock.isVisible()}))
"""


def test_first_run_on_a_1366x768_laptop_fits_the_screen_and_the_timeline_has_half_the_width(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(_LAPTOP))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    run = subprocess.run([sys.executable, "-c", _ON_A_LAPTOP, str(ROOT), str(tmp_path / "s.ini")], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    x, y, w, h = seen["frame"]
    ax, ay, aw, ah = seen["available"]
    assert (aw, ah) == (1366, 768)
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, seen  # nothing off screen
    assert seen["width"] >= 1300  # and it uses the screen
    assert seen["axis"] >= seen["width"] / 2, seen
    assert not seen["warnings"]  # the bundled timeline has none to show


def _dispose(win: MainWindow) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_a_size_saved_on_a_bigger_monitor_is_fitted_to_this_screen(qtbot, tmp_path):
    ini = tmp_path / "state.ini"
    big = MainWindow(Document(), Settings.from_file(ini))
    big.setGeometry(-300, 2000, 2400, 1500)  # as saved on a large monitor, right of and below this one
    big.settings.set_window_geometry(big.saveGeometry())
    big.settings.sync()
    _dispose(big)
    again = MainWindow(Document(), Settings.from_file(ini))
    again.show()
    room = again.screen().availableGeometry()
    assert room.contains(again.frameGeometry()), (again.frameGeometry(), room)
    _dispose(again)


def test_the_warnings_dock_shows_only_when_there_are_warnings(qtbot, tmp_path, settings):
    document = Document()
    timeline = open_panel_sample(document, tmp_path)
    win = MainWindow(document, settings)
    win.resize(1280, 720)
    win.show()
    assert document.warnings == [] and win.warnings_dock.isHidden()
    assert "warning" not in win.counts_label.text()
    problem = storage.Problem(file="sample.yaml", line=40, column=9, message="quote not found in archive",
                              severity="warning", ref=("event", timeline.events[0].id))
    document.set_warnings([problem])
    assert win.warnings_dock.isVisible() and win.warnings_dock.windowTitle() == "Warnings (1)"
    win.warnings_dock.close()  # the user closes it: another check with the same warnings leaves it closed
    document.set_warnings([problem])
    assert win.warnings_dock.isHidden()
    document.set_warnings([])
    assert win.warnings_dock.isHidden()
    document.set_warnings([problem])  # new warnings after none: shown again
    assert win.warnings_dock.isVisible()
    _dispose(win)


def test_a_warning_reads_on_one_line_with_its_file_name_and_whole_in_its_tooltip(open_window, tmp_path):
    """A warning from a file deep in folders neither wraps over lines nor spends the dock on the path."""
    from samples import write_timeline

    deep = tmp_path / "a folder with a long name" / "and another one inside it" / "the timelines"
    path = write_timeline(deep, archive="Ofsted said something else entirely.")  # the quote is not in it
    win = open_window(path, (1366, 768))
    items = [win.warnings.list.item(i) for i in range(win.warnings.list.count())]
    assert items, "the file has a provenance warning"
    item = items[0]
    assert item.text().startswith(f"{path.name}:") and str(deep) not in item.text()
    shown_whole = html.unescape(item.toolTip()).replace("\u200b", "")  # escaped, with break opportunities
    assert str(path) in shown_whole and "not found verbatim" in shown_whole
    assert not win.warnings.list.wordWrap()
    height = win.warnings.list.visualItemRect(item).height()
    assert height <= win.warnings.list.fontMetrics().lineSpacing() + 6  # one line
