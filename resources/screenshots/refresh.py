"""Re-make the pictures in resources/screenshots/ (the README shows them): `make screenshots`.

The window at 1920x1080, 1366x768 (a small laptop) and 1280x720 with the February 2024 inspection
selected; the slides at 1080p (title and that inspection) and at 720p (title, that inspection, and
the June 2022 focused-visit letter, the talk's longest quote but one); the whole timeline exported as
a 1920x1080 PNG; and the PDF on A3 (colour and grey) and A4 rendered by pdftoppm.
Runs offscreen with its own settings file, so the pictures do not depend on this machine's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "screenshots"
EVENT = "ofsted-2024-02-inadequate"  # the one selected in the window pictures and shown on the slides
LONG_QUOTE = 13  # the slide of the June 2022 focused-visit letter


def _settle(app, ms: int = 300) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, app.quit)
    app.exec()
    app.processEvents()


def main() -> int:
    from desktop.core import paths
    from desktop.app import _build_application
    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow
    from desktop.window.present import PresentationWindow
    from desktop.window.settings import Settings

    app = _build_application("council-timeline")
    folder = Path(tempfile.mkdtemp())
    for size, name in (((1920, 1080), "window-1920.png"), ((1366, 768), "window-1366.png"),
                       ((1280, 720), "window-1280.png")):
        document = Document()
        window = MainWindow(document, Settings.from_file(folder / f"{name}.ini"))  # each a first run
        window.open_path(paths.default_timeline(), interactive=False)
        window.resize(*size)
        window.show()
        _settle(app)
        document.select(document.timeline.event(EVENT))
        _settle(app)
        window.grab().save(str(OUT / name))
        document.undo_stack.setClean()
        window.close()
    slides = PresentationWindow(document)
    index = 1 + next(i for i, s in enumerate(slides.slides) if s.event.id == EVENT)
    for size, shots in (((1920, 1080), ((0, "present-1080-title.png"), (index, "present-1080.png"))),
                        ((1280, 720), ((0, "present-720-title.png"), (index, "present-720.png"),
                                       (LONG_QUOTE, "present-720-quote.png")))):
        slides.resize(*size)
        slides.show()
        for at, name in shots:
            slides.go_to(at)
            _settle(app)
            slides.grab().save(str(OUT / name))
    slides.close()
    editor_pictures(app, folder / "editor.ini")
    subprocess.run([sys.executable, "-m", "desktop", "export", str(paths.default_timeline()), "--format", "png",
                    "--width", "1920", "--height", "1080", "-o", str(OUT / "timeline-1920x1080.png")], check=True,
                   cwd=ROOT)
    _paper(paths.default_timeline())
    print(f"pictures written to {OUT}")
    return 0


def _paper(timeline: Path) -> None:
    """The PDF on A3 (in colour and in grey, as a black-and-white copier gives it) and on A4,
    rendered by pdftoppm (poppler-utils) as a printer would print them."""
    import shutil

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): paper pictures not re-made", file=sys.stderr)
        return
    folder = Path(tempfile.mkdtemp())
    for paper, dpi, names in (("A3", 100, (("paper-a3", []), ("paper-a3-grey", ["-gray"]))),
                              ("A4", 110, (("paper-a4", []),))):
        pdf = folder / f"{paper}.pdf"
        subprocess.run([sys.executable, "-m", "desktop", "export", str(timeline), "--format", "pdf", "--paper", paper,
                        "-o", str(pdf)], check=True, cwd=ROOT)
        for name, extra in names:
            subprocess.run(["pdftoppm", "-r", str(dpi), *extra, "-png", "-singlefile", str(pdf), str(OUT / name)],
                           check=True)


def editor_pictures(app, ini: Path) -> None:
    """The editor at 1366x768: a new event made from the canvas, then its quote with a new speaker."""
    from desktop.core import paths
    from desktop.core.dates import PartialDate
    from desktop.core.model import EventKind
    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow
    from desktop.window.settings import Settings

    document = Document()
    window = MainWindow(document, Settings.from_file(ini))
    window.open_path(paths.default_timeline(), interactive=False)
    window.resize(1366, 768)
    window.show()
    _settle(app)
    editor = window.editor
    editor.add_event(PartialDate(2024, 6), EventKind.INSPECTION)
    form = editor.panel.event_form
    form.bindings["title"].editor.setText("Ofsted monitoring visit finds progress in the front door service")
    form.bindings["title"].commit()
    _settle(app)
    window.grab().save(str(OUT / "editor-1366-new-event.png"))
    from desktop.panels.editor.new_source import NewSourceDialog

    dialog = NewSourceDialog("Ofsted monitoring letter", "ofsted-monitoring-letter", window)  # "Create source '...'"
    dialog.outlet.setText("Ofsted")
    dialog.show()
    _settle(app)
    dialog.grab().save(str(OUT / "editor-new-source-dialog.png"))
    dialog.close()
    document.select(document.timeline.event(EVENT))
    _settle(app)
    window.grab().save(str(OUT / "editor-1366-event.png"))
    editor.panel.show_form(editor.panel.quote_form)
    _settle(app)
    window.grab().save(str(OUT / "editor-1366-quote.png"))
    document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
