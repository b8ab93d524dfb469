"""Composition root: `main(argv) -> int`.

`council-timeline [FILE]` opens the app; `council-timeline validate FILE...`,
`council-timeline export FILE ...` and `council-timeline add-source TIMELINE FILE` run headless and
never build a QApplication with a window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import APP_NAME, ORG_NAME, __version__

SUBCOMMANDS = ("validate", "export", "add-source")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return _run_subcommand(argv[0], argv[1:])
    try:
        args = _parse_gui_args(argv)
    except SystemExit as exc:  # argparse: --help / --version exit 0, usage errors exit 2
        return int(exc.code or 0)
    return _run_gui(args)


def _run_subcommand(name: str, argv: list[str]) -> int:
    from desktop.cli import add_source_main, export_main, validate_main

    return {"validate": validate_main, "export": export_main, "add-source": add_source_main}[name](argv)


def _parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="council-timeline",
        description=f"{APP_NAME}: inspections, interventions and leadership on one sourced timeline. "
        "Sub-commands: 'validate FILE... [--strict]', 'export FILE --format ... -o OUT', "
        "'add-source TIMELINE.yaml FILE [--id ID]' "
        "(see 'council-timeline validate --help').",
    )
    parser.add_argument("file", nargs="?", help="timeline YAML to open (default: the bundled Tameside timeline)")
    parser.add_argument("--version", action="version", version=f"council-timeline {__version__}")
    parser.add_argument("--screenshot", metavar="PATH", help="save a PNG of the window after the first paint and exit")
    parser.add_argument("--size", metavar="WxH", default=None, help="window size, e.g. 1920x1080")
    parser.add_argument("--present", action="store_true", help="start in presentation mode")
    parser.add_argument("--settings", metavar="INI", help="use this settings file (for tests and portable use)")
    return parser.parse_args(argv)


def _parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"council-timeline: --size expects WxH, e.g. 1920x1080, got {text!r}") from None
    return w, h


def _build_application(argv0: str):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([argv0])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("council-timeline")
    app.setWindowIcon(_app_icon())
    return app


def _app_icon():
    from PySide6.QtGui import QIcon

    from desktop.core import paths

    icon = QIcon()
    for png in paths.app_icon_files():
        icon.addFile(str(png))
    return icon


def _build_settings(path: str | None, screenshot: bool = False):
    """The user's settings; or `path`'s; or, for a screenshot, fresh ones that are thrown away: a
    picture does not depend on the last window's size, nor add to Recent files."""
    import atexit
    import shutil
    import tempfile

    from PySide6.QtCore import QSettings

    from desktop.window.settings import Settings

    if path:
        return Settings.from_file(path)
    if screenshot:
        folder = tempfile.mkdtemp(prefix="council-timeline-")
        atexit.register(shutil.rmtree, folder, True)
        return Settings.from_file(Path(folder) / "settings.ini")
    return Settings(QSettings(ORG_NAME, APP_NAME))


def _no_display(screenshot: bool, environ=os.environ, platform: str = sys.platform) -> str | None:
    """On Linux with no X or Wayland display and no Qt platform chosen, Qt aborts with a core dump.
    A screenshot needs no screen, so it is taken offscreen; otherwise this is the message to give."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    if screenshot:
        environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return ("council-timeline: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
            "Run it from a desktop session, or over SSH with X forwarding (ssh -X). "
            "Pictures need no display: --screenshot PATH, or 'council-timeline export'.")


def _run_gui(args: argparse.Namespace) -> int:
    try:
        size = _parse_size(args.size)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    problem = _no_display(bool(args.screenshot))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = _build_application(sys.argv[0] if sys.argv else "council-timeline")

    from PySide6.QtCore import Qt

    from desktop.core import paths
    from desktop.document import Document
    from desktop.document.opening import is_large
    from desktop.window.mainwindow import MainWindow

    settings = _build_settings(args.settings, bool(args.screenshot))
    document = Document()
    window = MainWindow(document, settings)
    path = Path(args.file) if args.file else paths.default_timeline()
    if args.screenshot or args.present or not is_large(path):
        window.open_path(path, interactive=not args.screenshot)
        if not args.screenshot:
            window.editor.offer_recovery()  # unsaved edits of a crashed session: Restore / Discard
    else:  # parsed off the GUI thread: the window shows at once, with progress and Cancel
        opener = window.files.opener
        opener.finished.connect(window.editor.offer_recovery, Qt.ConnectionType.SingleShotConnection)
        opener.open(path)
    if size:
        window.resize(*size)
    window.show()
    shown = window
    if args.present:
        window.start_presentation()
        shown = window.presentation
        if args.screenshot and size:  # a picture of the slides at the asked size, not of the screen
            shown.showNormal()
            shown.resize(*size)
    if args.screenshot:
        return _screenshot_and_quit(app, shown, Path(args.screenshot))
    return app.exec()


def _screenshot_and_quit(app, window, out: Path) -> int:
    """Render the window (the main one, or the slides with --present) once the event loop has
    painted it, save a PNG, exit 0."""
    from PySide6.QtCore import QTimer

    result = {"code": 1}

    def grab() -> None:
        app.processEvents()
        image = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if image.save(str(out), "PNG"):
            result["code"] = 0
        else:
            print(f"council-timeline: could not write {out}", file=sys.stderr)
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    return result["code"]
