"""Exports: the timeline as PNG / SVG / PDF pictures, CSV tables, TimelineJS JSON, a PDF handout.

PNG and SVG are drawn by the canvas's own `TimelineView.render(painter, rect, x_range)` into a
QImage or a QSvgGenerator, so the picture matches the screen; PDF goes on paper sheets
(`desktop.formats.paper`: A4, A3 or Letter, every label in full), vectors with text as text. `export_main` is `council-timeline export ...`: headless (offscreen
Qt when there is no display), exit 0 on success, 1 when a file cannot be read or written,
2 for a usage error, and always a one-line reason instead of a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.core.dates import DateError, PartialDate
from desktop.core.model import Event, Timeline

__all__ = ["FORMATS", "ExportOptions", "select_events", "export_timeline", "export_notes", "export_main"]

FORMATS = ("png", "svg", "pdf", "handout", "csv", "timelinejs", "slides", "slides-png")
PICTURE_FORMATS = ("png", "svg", "pdf", "handout", "slides", "slides-png")
SLIDE_FORMATS = ("slides", "slides-png")  # the presentation: a 16:9 PDF, or a folder of PNGs
SUFFIXES = {"png": ".png", "svg": ".svg", "pdf": ".pdf", "handout": ".pdf", "csv": ".csv", "timelinejs": ".json",
            "slides": ".pdf", "slides-png": ""}


@dataclass
class ExportOptions:
    fmt: str
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    width: int = 1920  # PNG and SVG; a PDF is on paper
    height: int = 1080
    dpi: int = 96
    theme: str = "light"
    event_ids: frozenset[str] | None = None  # the filters' choice, None: every event
    pages: int = 1  # PDF: sheets side by side, each with about as many events as the next
    paper: str | None = None  # PDF and handout: "A4" (the default), "A3" or "Letter", landscape

    def x_range(self, events: list[Event]) -> tuple[float, float] | None:
        """Seconds since 1970 for the canvas: the asked dates, else None (fit everything)."""
        if self.date_from is None and self.date_to is None:
            return None
        spans = [e.date.timestamps() for e in events] or [(0.0, 86400.0)]
        x0 = self.date_from.timestamps()[0] if self.date_from else min(a for a, _ in spans)
        x1 = self.date_to.timestamps()[1] if self.date_to else max(b for _, b in spans)
        return x0, x1


def select_events(timeline: Timeline, options: ExportOptions) -> list[Event]:
    """Events in date order that the filters keep and that overlap the asked date range."""
    lo = options.date_from.start if options.date_from else None
    hi = options.date_to.last if options.date_to else None
    out = []
    for e in timeline.events_in_order():
        if options.event_ids is not None and e.id not in options.event_ids:
            continue
        start, last = e.date.start, (e.end or e.date).last
        if (lo is None or last >= lo) and (hi is None or start <= hi):
            out.append(e)
    return out


def export_timeline(document, out: str | Path, options: ExportOptions) -> list[Path]:
    """Write `out` (and for CSV its quotes and tenures files beside it); return the files written. Raises OSError."""
    out = Path(out)
    timeline = document.timeline
    events = select_events(timeline, options)
    if options.fmt == "csv":
        from desktop.formats.csv_tables import select_tenures, write_csv

        tenures = select_tenures(timeline, options.date_from, options.date_to)
        return list(write_csv(timeline, out, events, tenures))
    if options.fmt == "timelinejs":
        from desktop.formats.timelinejs import write_timelinejs

        return [write_timelinejs(timeline, out, events=events)]
    if options.fmt == "slides":
        from desktop.formats.slides import write_slides_pdf

        return [write_slides_pdf(document, out)]
    if options.fmt == "slides-png":
        from desktop.formats.slides import write_slides_png

        return write_slides_png(document, out, options.width, options.height)
    if options.fmt == "handout":
        from desktop.formats.handout import write_handout

        return [write_handout(document, out, events, options.x_range(events), options.theme,
                              options.paper or "A4", options.date_from, options.date_to)]
    from desktop.formats import picture as export_picture

    export_picture.write_picture(document, out, options, options.x_range(events))
    return [out]


def export_notes(document, options: ExportOptions) -> list[str]:
    """What the chosen format cannot carry, to tell the person exporting (empty when nothing is lost)."""
    if options.fmt != "timelinejs":
        return []
    from desktop.formats.timelinejs import export_notes as timelinejs_notes

    return timelinejs_notes(document.timeline)


# -- the command line -------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="council-timeline export",
        description="Export a timeline without opening a window. CSV writes OUT (events), OUT-quotes.csv and "
        "OUT-tenures.csv; 'slides' writes the presentation as a 16:9 PDF, one slide a page; 'slides-png' writes "
        "one PNG per slide (--width x --height) into the folder OUT.",
    )
    p.add_argument("file", help="the timeline YAML")
    p.add_argument("--format", "-f", dest="fmt", choices=FORMATS, help="default: from the suffix of OUT")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first date shown, e.g. 2016 or 2016-05")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last date shown (inclusive)")
    p.add_argument("--width", type=int, metavar="PX", help="PNG and SVG (default 1920)")
    p.add_argument("--height", type=int, metavar="PX", help="PNG and SVG (default 1080)")
    p.add_argument("--dpi", type=int, default=96, metavar="N", help="PNG resolution stored in the file (default 96)")
    p.add_argument("--handout", action="store_true", help="with --format pdf: the handout (timeline, then events)")
    p.add_argument("--paper", choices=("A4", "A3", "Letter"),
                   help="PDF and handout: the paper, landscape (default A4)")
    p.add_argument("--pages", type=int, default=1, metavar="N",
                   help="with --format pdf: N sheets that butt together into one strip, "
                        "each with about as many events as the next")
    p.add_argument("--theme", choices=("light", "dark", "high-contrast"), default="light")
    return p


def _options(args: argparse.Namespace) -> ExportOptions:
    """Check the arguments a parser cannot; raise ValueError with the reason."""
    fmt = args.fmt
    if fmt is None:
        by_suffix = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".csv": "csv", ".json": "timelinejs"}
        fmt = by_suffix.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the format from {args.output!r}: give --format")
    if args.handout:
        if fmt != "pdf":
            raise ValueError("--handout goes with --format pdf")
        fmt = "handout"
    if (args.width is not None or args.height is not None) and fmt not in ("png", "svg", "slides-png"):
        raise ValueError("--width and --height size a PNG, an SVG or slide PNGs; a PDF is on paper: give --paper A4, A3 or Letter")
    width = 1920 if args.width is None else args.width
    height = 1080 if args.height is None else args.height
    if not (16 <= width <= 20000 and 16 <= height <= 20000):
        raise ValueError("--width and --height must be between 16 and 20000 pixels")
    if args.paper and fmt not in ("pdf", "handout"):
        raise ValueError("--paper goes with --format pdf (or --handout)")
    if args.pages != 1 and fmt != "pdf":
        raise ValueError("--pages goes with --format pdf")
    if fmt in SLIDE_FORMATS and (args.date_from or args.date_to):
        raise ValueError("--from and --to do not go with slides: they show the talk's own steps")
    if not 1 <= args.pages <= 50:
        raise ValueError("--pages must be between 1 and 50")
    if not 24 <= args.dpi <= 2400:
        raise ValueError("--dpi must be between 24 and 2400")
    try:
        date_from = PartialDate.parse(args.date_from) if args.date_from else None
        date_to = PartialDate.parse(args.date_to) if args.date_to else None
    except DateError as exc:
        raise ValueError(f"--from/--to: {exc}") from None
    if date_from and date_to and date_to.last < date_from.start:
        raise ValueError("--to must not be before --from")
    return ExportOptions(fmt, date_from, date_to, width, height, args.dpi, args.theme,
                         pages=args.pages, paper=args.paper)


def _ensure_qt_application():
    """Headless export: the offscreen platform when there is no display, one QApplication."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["council-timeline"])


class _Holder:
    """What the exporters need of a Document when there is no window: the timeline and its path."""

    def __init__(self, timeline: Timeline, path: Path) -> None:
        self.timeline, self.path, self.event_filter, self.selection = timeline, path, None, None


def export_main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help exits 0, usage errors 2: argparse has printed why
        return int(exc.code or 0)
    try:
        options = _options(args)
    except ValueError as exc:
        print(f"council-timeline export: {exc}", file=sys.stderr)
        return 2
    from desktop import storage

    try:
        result = storage.load(Path(args.file))
    except storage.LoadError as exc:
        print(f"council-timeline export: {args.file} is not a valid timeline:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"council-timeline export: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if options.fmt in PICTURE_FORMATS:
        _ensure_qt_application()
        from desktop.document import Document

        document = Document()
        document.set_timeline(result.timeline, Path(args.file), result.warnings)
    else:
        document = _Holder(result.timeline, Path(args.file))
    try:
        written = export_timeline(document, args.output, options)
    except OSError as exc:
        print(f"council-timeline export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    for note in export_notes(document, options):
        print(f"council-timeline export: note: {note}", file=sys.stderr)
    return 0
