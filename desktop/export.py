"""Exports: the timeline as PNG / SVG / PDF pictures, CSV tables, TimelineJS JSON, a PDF handout.

Pictures are drawn by the canvas's own `TimelineView.render(painter, rect, x_range)` into a
QImage, a QSvgGenerator or a QPdfWriter, so SVG and PDF stay vectors with text as text and the
picture matches the screen. `export_main` is `council-timeline export ...`: headless (offscreen
Qt when there is no display), exit 0 on success, 1 when a file cannot be read or written,
2 for a usage error, and always a one-line reason instead of a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.dates import DateError, PartialDate
from desktop.model import Event, Timeline

__all__ = ["FORMATS", "ExportOptions", "select_events", "export_timeline", "export_notes", "export_main"]

FORMATS = ("png", "svg", "pdf", "handout", "csv", "timelinejs")
PICTURE_FORMATS = ("png", "svg", "pdf", "handout")
SUFFIXES = {"png": ".png", "svg": ".svg", "pdf": ".pdf", "handout": ".pdf", "csv": ".csv", "timelinejs": ".json"}


@dataclass
class ExportOptions:
    fmt: str
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    width: int = 1920
    height: int = 1080
    dpi: int = 96
    theme: str = "light"
    event_ids: frozenset[str] | None = None  # the filters' choice, None: every event
    pages: int = 1  # PDF: sheets side by side, each the next slice of the dates
    paper: str | None = None  # PDF on paper ("A4" / "A3", landscape) instead of width x height

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
    """Write `out` (and for CSV its quotes file beside it); return the files written. Raises OSError."""
    out = Path(out)
    timeline = document.timeline
    events = select_events(timeline, options)
    if options.fmt == "csv":
        from desktop.export_csv import write_csv

        return list(write_csv(timeline, out, events))
    if options.fmt == "timelinejs":
        from desktop.timelinejs import write_timelinejs

        return [write_timelinejs(timeline, out, events=events)]
    if options.fmt == "handout":
        from desktop.handout import write_handout

        return [write_handout(document, out, events, options.x_range(events), options.theme)]
    from desktop import export_picture

    export_picture.write_picture(document, out, options, options.x_range(events))
    return [out]


def export_notes(document, options: ExportOptions) -> list[str]:
    """What the chosen format cannot carry, to tell the person exporting (empty when nothing is lost)."""
    if options.fmt != "timelinejs":
        return []
    from desktop.timelinejs import export_notes as timelinejs_notes

    return timelinejs_notes(document.timeline)


# -- the command line -------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="council-timeline export",
        description="Export a timeline without opening a window. CSV writes OUT (events) and OUT-quotes.csv.",
    )
    p.add_argument("file", help="the timeline YAML")
    p.add_argument("--format", "-f", dest="fmt", choices=FORMATS, help="default: from the suffix of OUT")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first date shown, e.g. 2016 or 2016-05")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last date shown (inclusive)")
    p.add_argument("--width", type=int, default=1920, metavar="PX")
    p.add_argument("--height", type=int, default=1080, metavar="PX")
    p.add_argument("--dpi", type=int, default=96, metavar="N", help="PNG resolution stored in the file (default 96)")
    p.add_argument("--handout", action="store_true", help="with --format pdf: the handout (timeline, then events)")
    p.add_argument("--paper", choices=("A4", "A3"), help="with --format pdf: print on landscape paper sheets")
    p.add_argument("--pages", type=int, default=1, metavar="N",
                   help="with --format pdf: split the dates across N sheets that line up side by side")
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
    if not (16 <= args.width <= 20000 and 16 <= args.height <= 20000):
        raise ValueError("--width and --height must be between 16 and 20000 pixels")
    if (args.paper or args.pages != 1) and fmt != "pdf":
        raise ValueError("--paper and --pages go with --format pdf")
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
    return ExportOptions(fmt, date_from, date_to, args.width, args.height, args.dpi, args.theme,
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
