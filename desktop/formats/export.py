"""Exports: the timeline as PNG / SVG / PDF pictures, CSV tables, TimelineJS JSON, a PDF handout.

PNG and SVG are drawn by the canvas's own `TimelineView.render(painter, rect, x_range)` into a
QImage or a QSvgGenerator, so the picture matches the screen; PDF goes on paper sheets
(`formats/paper.py`: A4, A3 or Letter, every label in full), vectors with text as text.
`council-timeline export` (in `desktop/cli.py`) drives it from the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.dates import PartialDate
from desktop.core.model import Event, Timeline

__all__ = ["FORMATS", "ExportOptions", "select_events", "export_timeline", "export_notes"]

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
