"""The command-line sub-commands, headless: `validate`, `export` and `add-source`.

`council-timeline validate FILE... [--strict]` (no Qt): exit 0 when every file is valid (warnings
printed), 1 when any file has problems (printed as FILE:LINE:COL: message), 2 for usage errors or
files that cannot be read. Never a traceback: a loader bug is reported as an internal error with
exit 2 rather than a stack dump.

`council-timeline export FILE -o OUT ...`: Qt only for the formats that draw (offscreen when there is
no display); exit 0 on success, 1 when a file cannot be read or written, 2 for a usage error, and
always a one-line reason instead of a traceback.

`council-timeline add-source TIMELINE.yaml FILE [--id ID]` (no Qt): keeps a plain-text FILE as
`sources/ID.txt` beside the timeline (the original in `sources/originals/`), adds its source entry
and saves the timeline; prints the new id, exit 0. Exit 1 with the reason, and nothing written,
when the file or the timeline cannot be used; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from desktop import storage
from desktop.core.dates import DateError, PartialDate
from desktop.core.model import Timeline
from desktop.formats.export import (
    FORMATS, PICTURE_FORMATS, SLIDE_FORMATS, ExportOptions, export_notes, export_timeline,
)

__all__ = ["validate_main", "export_main", "add_source_main"]



def _no_traceback(command: str):
    """A sub-command's bug is one line saying so and exit 1, never a traceback at the user."""
    def wrap(main):
        @functools.wraps(main)
        def run(*args, **kwargs) -> int:
            try:
                return main(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the last resort; every expected failure is handled inside
                print(f"council-timeline {command}: internal error ({type(exc).__name__}: {exc}); please report it",
                      file=sys.stderr)
                return 1
        return run
    return wrap

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="council-timeline validate",
        description="Check timeline files: syntax, keys, dates, ids, references and (with archives) quotes.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="timeline YAML files to check")
    parser.add_argument("--strict", action="store_true",
                        help="treat provenance warnings (quotes not found in their archive) as errors")
    return parser


def validate_main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help exits 0, usage errors 2; argparse already printed why
        return int(exc.code or 0)
    worst = 0
    for name in args.files:
        worst = max(worst, _validate_one(Path(name), args.strict))
    return worst


def _validate_one(path: Path, strict: bool) -> int:
    try:
        result = storage.load(path, strict=strict)
    except storage.LoadError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{path}: not valid ({count} problem{'s' if count != 1 else ''})", file=sys.stderr)
        return 1
    except IsADirectoryError:
        print(f"{path}: is a folder, not a timeline file", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{path}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug in the loader must not print a traceback at the user
        print(f"{path}: internal error while checking ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(warning)
    timeline = result.timeline
    print(f"{path}: valid ({len(timeline.events)} events, {len(timeline.tenures)} tenures, "
          f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''})", file=sys.stderr)
    return 0


# -- export -------------------------------------------------------------------------
def _export_parser() -> argparse.ArgumentParser:
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


def _export_options(args: argparse.Namespace) -> ExportOptions:
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


@_no_traceback("export")
def export_main(argv: list[str]) -> int:
    parser = _export_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help exits 0, usage errors 2: argparse has printed why
        return int(exc.code or 0)
    try:
        options = _export_options(args)
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


# -- add-source ---------------------------------------------------------------------
def _add_source_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="council-timeline add-source",
        description="Keep a plain-text file (.txt, UTF-8 or with a byte-order mark) as a source of a timeline: its "
        "text goes to sources/ID.txt beside the timeline, the file itself to sources/originals/, their SHA-256 "
        "in the source's entry; the new source's id is printed. Web pages and PDFs are not supported yet.",
    )
    p.add_argument("timeline", metavar="TIMELINE.yaml", help="the timeline to add the source to (saved)")
    p.add_argument("file", metavar="FILE", help="the .txt file")
    p.add_argument("--id", dest="ident", metavar="ID", help="the id wanted (default: from the file's name); "
                   "made unique with -2, -3...")
    return p


@_no_traceback("add-source")
def add_source_main(argv: list[str]) -> int:
    from desktop.core.capture import CaptureError, read_text_file, write_capture
    from desktop.core.rules import Invalid, parse_id

    try:
        args = _add_source_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    name = "council-timeline add-source"
    path = Path(args.timeline)
    try:
        ident = parse_id(args.ident) if args.ident is not None else None
    except Invalid as exc:
        print(f"{name}: --id: {exc}", file=sys.stderr)
        return 2
    try:
        result = storage.load(path)
    except storage.LoadError as exc:
        print(f"{name}: {path} is not a valid timeline:\n{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{name}: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if result.has_comments:
        print(f"{name}: {path} has # comments, which saving it would drop: add the source in the app "
              "(which asks first), or move the comments into note: fields", file=sys.stderr)
        return 1
    try:
        source = write_capture(result.timeline, path.parent, read_text_file(Path(args.file)), ident)
    except CaptureError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 1
    result.timeline.sources.append(source)
    try:
        storage.save(result.timeline, path, backup=True)
    except OSError as exc:
        for kept in (source.archive, source.original):
            if kept:
                (path.parent / kept).unlink(missing_ok=True)
        print(f"{name}: cannot write {path}: {exc.strerror or exc}; nothing was added", file=sys.stderr)
        return 1
    print(source.id)
    return 0
