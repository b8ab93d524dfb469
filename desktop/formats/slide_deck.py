"""One slide painted into any QPainter: the presentation window, the slides PDF and the PNGs.

White on black for a projector in a lit room. Every text is at least 3% of the slide's height
(22 px at 720 lines, 32 at 1080): the headline, the date, kind and rating, the quote (set smaller
when long, never below that), speaker and source, the step counter, and the timeline strip
underneath, which shows the event in context (`present_slides.context`): whole years around it
and as many of the lanes that matter as fit at that size, lane names wrapped, never cut.

Nothing is drawn from a precomputed picture: `SlideDeck.paint` lays out and draws each text with
`QPainter.drawText` and, when asked, records the rectangle each text took, the room it was given
and its pixel size (`Painted`), so tests can check that nothing overflows or overlaps.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.core.citation import cite_id
from desktop.core.dates import date_to_timestamp, timestamp_to_date
from desktop.core.model import Event, Rating
from desktop.core.slides import Context, Slide, build_slides, context
from desktop.core.textsafety import display
from desktop.timeline import lanes as lane_model
from desktop.timeline.style import Style

__all__ = ["Painted", "SlideDeck", "MIN_TEXT", "min_text_px"]

BACKGROUND, TEXT, ACCENT, MUTED = "#000000", "#ffffff", "#ffd400", "#d8d8d8"
RATING_COLOURS = {
    Rating.OUTSTANDING: "#7fd8ff", Rating.GOOD: "#7dff7d",
    Rating.REQUIRES_IMPROVEMENT: "#ffb347", Rating.INADEQUATE: "#ff7a7a",
}
MIN_TEXT = 0.03  # of the slide's height: the smallest text anywhere on a slide
HEADLINE, META, QUOTE, ATTRIBUTION = 0.052, 0.036, 0.044, 0.033  # the caption's type, of the height
TITLE = 0.075  # the title slide's title
_WRAP = Qt.TextFlag.TextWordWrap
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_YEAR = 365.25 * 86400
LABELS_TRIED = 200  # a lane's labels tried for room on a slide, nearest the event first


def min_text_px(height: float) -> int:
    """The smallest pixel size a slide `height` pixels tall may use."""
    return math.ceil(height * MIN_TEXT - 1e-9)


@dataclass(frozen=True)
class Painted:
    """One text drawn on a slide: what it said, where its glyphs went, the room it had, its size."""

    role: str  # headline, meta, quote, attribution, counter, lane, label, tenure, axis
    text: str
    rect: QRectF
    box: QRectF
    px: int


@dataclass
class _Caption:
    headline: str
    meta: list[tuple[str, str]]  # runs of (text, colour) on one line, wrapping between runs
    quote: str
    attribution: str
    counter: str
    title_slide: bool = False


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def _metrics(font: QFont, device=None) -> QFontMetricsF:
    """Metrics on the device painted on: a PDF lays text out without hinting, a little wider."""
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


def _height(font: QFont, width: float, text: str, device=None) -> float:
    if not text:
        return 0.0
    return _metrics(font, device).boundingRect(QRectF(0, 0, max(width, 1), 1e6), int(_LEFT | _WRAP), text).height()


class _Pen:
    """Draws texts and records them."""

    def __init__(self, p: QPainter, record: list[Painted] | None) -> None:
        self.p, self.record = p, record
        self.device = p.device()

    def text(self, role: str, box: QRectF, flags, text: str, font: QFont, colour) -> QRectF:
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        drawn = self.p.drawText(box, int(flags), text)
        if self.record is not None:
            self.record.append(Painted(role, text, QRectF(drawn), QRectF(box), font.pixelSize()))
        return drawn


class SlideDeck:
    """The slides of a document's talk: index 0 is the title slide, 1..N the events."""

    def __init__(self, document) -> None:
        self.timeline = document.timeline
        self.slides: list[Slide] = build_slides(document)
        self.model = lane_model.build(self.timeline)
        self._lanes = {lane.key: lane for lane in self.model.lanes}
        self.style = Style("high-contrast")


    def __len__(self) -> int:
        return len(self.slides) + 1

    # -- what a slide says ---------------------------------------------------------------------
    def caption(self, index: int) -> _Caption:
        timeline, total = self.timeline, len(self.slides)
        if index == 0:
            p = timeline.presentation
            title = (p.title if p and p.title else None) or timeline.title
            subtitle = (p.subtitle if p and p.subtitle else None) or timeline.description or ""
            first, last = (self.slides[0].event, self.slides[-1].event) if total else (None, None)
            span = f"{first.date.display()} to {last.date.display()}" if first else "No events to show"
            return _Caption(display(title), [(display(subtitle), ACCENT)] if subtitle else [], "", display(span),
                            f"{total} events \u00b7 \u2192 to begin", title_slide=True)
        slide = self.slides[index - 1]
        e = slide.event
        when = e.date.display() + (f" to {e.end.display()}" if e.end else "")
        meta = [(display(when) + " \u00b7 ", ACCENT), (display(e.kind.label), ACCENT)]
        if e.rating:
            meta[-1] = (meta[-1][0] + " \u00b7 ", ACCENT)
            meta.append((display(e.rating.label), RATING_COLOURS[e.rating]))
        if slide.quote is not None:
            q = e.quotes[slide.quote]
            who = display(timeline.speaker_name(q.speaker)) + (f", {display(q.role)}" if q.role else "")
            quote = f"\u201c{display(q.text)}\u201d"
            attribution = f"\u2014 {who} \u00b7 {display(cite_id(timeline, q.source, full=False))}"
        else:
            quote = display(e.summary or "")
            cites = "; ".join(cite_id(timeline, s, full=False) for s in e.sources)
            attribution = f"Source: {display(cites)}" if cites else ""
        return _Caption(display(e.title), meta, quote, attribution, f"{index} / {total}")

    def context(self, index: int) -> Context:
        return context(self.timeline, self.slides[index - 1] if index > 0 else None)

    # -- painting --------------------------------------------------------------------------------
    def paint(self, p: QPainter, rect: QRectF, index: int, record: list[Painted] | None = None) -> None:
        """Paint slide `index` into `rect`; with `record`, append every text drawn to it."""
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(rect, QColor(BACKGROUND))
        pen = _Pen(p, record)
        cap = self.caption(index)
        w = rect.width()
        h = min(rect.height(), w * 0.75)  # type follows the height, down to a 4:3 screen's (a portrait window)
        small = min_text_px(h)
        mx, my = max(w * 0.045, small), max(rect.height() * 0.045, small * 0.5)
        inner = QRectF(rect.left() + mx, rect.top() + my, w - 2 * mx, rect.height() - 2 * my)
        strip = _Strip(self, index, small, inner.width(), pen.device)
        top = self._paint_caption(pen, inner, cap, strip, small, h)
        if strip.lanes and top < inner.bottom():
            p.setPen(QPen(QColor(ACCENT), max(2.0, h / 360)))
            p.drawLine(QLineF(rect.left(), top, rect.right(), top))
            strip.paint(pen, QRectF(inner.left(), top + small * 0.6, inner.width(),
                                    inner.bottom() - top - small * 0.6))
        p.restore()

    def _paint_caption(self, pen: _Pen, inner: QRectF, cap: _Caption, strip: "_Strip", small: int,
                       h: float) -> float:
        """Draw the texts above the strip, choosing the quote's size and how many lanes the strip
        keeps; return where the strip begins."""
        dev = pen.device
        counter_font = _font(small)
        counter_w = _metrics(counter_font, dev).horizontalAdvance(cap.counter) + 2
        gap = small * 0.45
        head_font = _font(max(small, h * (TITLE if cap.title_slide else HEADLINE)), bold=True)
        head_w = inner.width() - counter_w - small
        meta_font = _font(max(small, h * META), bold=True)
        attribution_font = _font(max(small, h * ATTRIBUTION))
        fixed = _height(head_font, head_w, cap.headline, dev) + gap
        fixed += self._meta_height(meta_font, inner.width(), cap.meta, dev) + (gap if cap.meta else 0)
        fixed += _height(attribution_font, inner.width(), cap.attribution, dev) + gap

        def caption_for(px: int) -> float:
            return fixed + (_height(_font(px), inner.width(), cap.quote, dev) + gap if cap.quote else 0)

        biggest = max(small, round(h * QUOTE))
        sizes = list(range(biggest, small - 1, -1))
        quote_px, lanes = small, 0
        for want in (min(3, strip.candidates), 2, 1, 0):  # three lanes, a smaller quote, fewer lanes, none
            fit = next((px for px in sizes if caption_for(px) <= inner.height() and
                        strip.lanes_fitting(inner.height() - caption_for(px) - small * 1.2) >= want), None)
            if fit is not None:
                quote_px = fit
                lanes = strip.lanes_fitting(inner.height() - caption_for(fit) - small * 1.2)
                break
        quote = cap.quote
        room = inner.height() - (caption_for(small) - _height(_font(small), inner.width(), quote, dev))
        if quote and _height(_font(quote_px), inner.width(), quote, dev) > room:  # longer than a slide holds
            quote = _shorten(_font(quote_px), inner.width(), quote, room, dev)
        strip.keep(lanes)
        y = inner.top()
        pen.text("counter", QRectF(inner.right() - counter_w, y, counter_w, _metrics(counter_font, dev).height()),
                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, cap.counter, counter_font, MUTED)
        y += self._block(pen, "headline", QRectF(inner.left(), y, head_w, 0), cap.headline, head_font, TEXT) + gap
        if cap.meta:
            y += self._paint_meta(pen, QRectF(inner.left(), y, inner.width(), 0), cap.meta, meta_font) + gap
        if quote:
            y += self._block(pen, "quote", QRectF(inner.left(), y, inner.width(), 0), quote, _font(quote_px),
                             TEXT) + gap
        if cap.attribution:
            y += self._block(pen, "attribution", QRectF(inner.left(), y, inner.width(), 0), cap.attribution,
                             attribution_font, MUTED) + gap
        return y + small * 0.2

    @staticmethod
    def _block(pen: _Pen, role: str, at: QRectF, text: str, font: QFont, colour: str) -> float:
        height = _height(font, at.width(), text, pen.device)
        pen.text(role, QRectF(at.left(), at.top(), at.width(), height), _LEFT | _WRAP, text, font, colour)
        return height

    @staticmethod
    def _meta_runs(font: QFont, width: float, runs: list[tuple[str, str]], device) -> list[tuple[float, int, str, str]]:
        """(x, line, text, colour) of each run: side by side, a run that does not fit starts a line."""
        fm = _metrics(font, device)
        placed, x, line = [], 0.0, 0
        for text, colour in runs:
            w = fm.horizontalAdvance(text)
            if x > 0 and x + w > width:
                x, line = 0.0, line + 1
            placed.append((x, line, text, colour))
            x += w
        return placed

    def _meta_height(self, font: QFont, width: float, runs, device) -> float:
        if not runs:
            return 0.0
        lines = self._meta_runs(font, width, runs, device)[-1][1] + 1
        return _metrics(font, device).height() * (lines - 1) + max(_height(font, width, t, device) for t, _ in runs)

    def _paint_meta(self, pen: _Pen, at: QRectF, runs, font: QFont) -> float:
        fm = _metrics(font, pen.device)
        placed = self._meta_runs(font, at.width(), runs, pen.device)
        for x, line, text, colour in placed:
            text = text.rstrip() if text.endswith(" ") else text
            w = min(fm.horizontalAdvance(text) + 1, at.width() - x)
            box = QRectF(at.left() + x, at.top() + line * fm.height(), w, _height(font, w, text, pen.device))
            pen.text("meta", box, _LEFT | _WRAP, text, font, colour)
        return self._meta_height(font, at.width(), runs, pen.device)


def _shorten(font: QFont, width: float, text: str, room: float, device=None) -> str:
    """The longest start of `text`, cut at a word, that fits `room` with an ellipsis (a quote longer
    than a whole slide; the full text is in the handout and the editing window)."""
    words = text.split(" ")
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _height(font, width, " ".join(words[:mid]) + " \u2026\u201d", device) <= room:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo]) + " \u2026\u201d"


class _Strip:
    """The timeline under a slide's caption: the chosen lanes over the chosen years, at `px`."""

    def __init__(self, deck: SlideDeck, index: int, px: int, width: float, device=None) -> None:
        self.deck, self.px, self.device = deck, px, device
        self.focus: Event | None = deck.slides[index - 1].event if index > 0 else None
        ctx = deck.context(index)
        self.people = ctx.people
        self.x0, self.x1 = self._years(ctx)
        # a post with nothing drawn in these years has nothing to say here
        self.order = [deck._lanes[k] for k in ctx.lanes
                      if k in deck._lanes and (not deck._lanes[k].is_tenure or len(self._visible(deck._lanes[k])))]
        self.candidates = len(self.order)
        self.lanes: list = []
        self.name_font, self.font = _font(px, bold=True), _font(px)
        self.line = _metrics(self.font, self.device).height()
        self.pad = self.line * 0.25
        self.gutter = self._gutter(width)
        self.name_w = self.gutter - self.line * 0.5
        self.heights = [self._lane_height(lane) for lane in self.order]

    # -- sizes -----------------------------------------------------------------------------------
    def _years(self, ctx: Context) -> tuple[float, float]:
        """The window in whole years, kept within the timeline's own years; the overview's, the
        years of the events (tenures reaching further are cut at its edges)."""
        span0, span1 = self.deck.model.span
        lo, hi = timestamp_to_date(span0).year, timestamp_to_date(span1 - 86400).year + 1
        if ctx.window is None:
            dated = [lane for lane in self.deck.model.lanes if not lane.is_tenure and len(lane.t0)]
            if dated:
                span0 = min(float(lane.t0[0]) for lane in dated)
                span1 = max(float(lane.reach[-1]) for lane in dated)
            a, b = timestamp_to_date(span0).year, timestamp_to_date(span1 - 86400).year + 1
        else:
            a, b = ctx.window[0].year, ctx.window[1].year
            if b > hi:
                a, b = max(lo, a - (b - hi)), hi
            if a < lo:
                a, b = lo, min(hi, b + (lo - a))
        a = min(a, 9999)
        b = max(b, a + 1)
        return date_to_timestamp(_date(a)), _year_start(b)

    def _gutter(self, width: float) -> float:
        """Room for the longest lane name on two lines (a quarter of the width at most: longer
        names take a third line and make their lane taller)."""
        fm = _metrics(self.name_font, self.device)
        need = fm.horizontalAdvance("Interventions")
        for lane in self.order:
            words = lane.name.split()
            best = fm.horizontalAdvance(lane.name)
            for cut in range(1, len(words)):
                best = min(best, max(fm.horizontalAdvance(" ".join(words[:cut])),
                                     fm.horizontalAdvance(" ".join(words[cut:]))))
            need = max(need, best)
        return min(need + 4, width * 0.28) + self.line * 0.5

    def _rows(self, lane) -> int:
        if not lane.is_tenure:
            return 1
        seen = (lane.t1 > self.x0) & (lane.t0 < self.x1)
        return int(lane.row[seen].max()) + 1 if seen.any() else 1

    def _lane_height(self, lane) -> float:
        name = _height(self.name_font, self.name_w, lane.name, self.device)
        body = self.line * (0.8 + 2.05) if not lane.is_tenure else self._rows(lane) * self.line * 1.3
        return max(name, body) + 2 * self.pad

    def axis_height(self) -> float:
        return self.line * 1.3

    def lanes_fitting(self, height: float) -> int:
        room, n = height - self.axis_height(), 0
        for h in self.heights:
            if room < h:
                break
            room -= h
            n += 1
        return n

    def keep(self, n: int) -> None:
        """Keep the n most important lanes, shown in the canvas's order."""
        chosen = {id(lane) for lane in self.order[:n]}
        self.lanes = [lane for lane in self.deck.model.lanes if id(lane) in chosen]

    # -- painting --------------------------------------------------------------------------------
    def paint(self, pen: _Pen, rect: QRectF) -> None:
        p, style = pen.p, self.deck.style
        heights = {id(lane): h for lane, h in zip(self.order, self.heights)}
        used = sum(heights[id(lane)] for lane in self.lanes) + self.axis_height()
        extra = min(max(rect.height() - used, 0) / max(len(self.lanes), 1), self.line * 0.8)
        plot = QRectF(rect.left() + self.gutter, rect.top(), rect.width() - self.gutter, 0)
        y = rect.top()
        bands = []
        for i, lane in enumerate(self.lanes):
            band = QRectF(rect.left(), y, rect.width(), heights[id(lane)] + extra)
            if i % 2:
                p.fillRect(band, style.colour("lane_alt"))
            bands.append((lane, band))
            y = band.bottom()
        plot.setHeight(y - rect.top())
        self._paint_grid(pen, plot, y)
        for lane, band in bands:
            pen.text("lane", QRectF(band.left(), band.top(), self.name_w, band.height()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | _WRAP, lane.name, self.name_font,
                     TEXT)
            body = QRectF(plot.left(), band.top() + self.pad, plot.width(), band.height() - 2 * self.pad)
            if lane.is_tenure:
                self._paint_tenures(pen, lane, body)
            else:
                self._paint_events(pen, lane, body)
        p.setPen(QPen(style.colour("grid_major"), 1))
        p.drawLine(QLineF(plot.left(), rect.top(), plot.left(), y))

    def _x(self, plot: QRectF, t: float) -> float:
        return plot.left() + (t - self.x0) / (self.x1 - self.x0) * plot.width()

    def _paint_grid(self, pen: _Pen, plot: QRectF, bottom: float) -> None:
        """Year lines across the lanes and the years under them, labelled in the middle of each
        year when there is room, else every few years at the line."""
        p = pen.p
        fm = _metrics(self.font, self.device)
        first, last = timestamp_to_date(self.x0).year, timestamp_to_date(self.x1 - 1).year + 1
        per_year = plot.width() / max((self.x1 - self.x0) / _YEAR, 1e-9)
        label = fm.horizontalAdvance("8888") + self.px
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if s * per_year >= label), 1000)
        axis = QRectF(plot.left(), bottom, plot.width(), self.axis_height())
        p.setPen(QPen(self.deck.style.colour("grid_major"), 1))
        p.drawLine(QLineF(plot.left(), bottom, plot.right(), bottom))
        right_edge = plot.left() - 1.0
        for year in range(first, last + 1):
            x = self._x(plot, date_to_timestamp(_date(year)))
            if plot.left() < x < plot.right():
                p.setPen(QPen(self.deck.style.colour("grid"), 1))
                p.drawLine(QLineF(x, plot.top(), x, bottom + self.line * 0.2))
            if year % step or year >= last:
                continue
            middle = (x + self._x(plot, date_to_timestamp(_date(year + 1)))) / 2 if step == 1 else x
            w = fm.horizontalAdvance(str(year)) + 2
            box = QRectF(middle - w / 2, axis.top() + self.line * 0.15, w, self.line)
            if box.left() < plot.left() or box.right() > plot.right() or box.left() < right_edge:
                continue
            pen.text("axis", box, Qt.AlignmentFlag.AlignCenter, str(year), self.font, MUTED)
            right_edge = box.right() + self.px * 0.5

    def _visible(self, lane) -> np.ndarray:
        """Indexes of the lane's items that reach into the strip's years."""
        return np.flatnonzero((lane.t1 > self.x0) & (lane.t0 < self.x1))

    def _paint_events(self, pen: _Pen, lane, body: QRectF) -> None:
        p, style = pen.p, self.deck.style
        mark_h = self.line * 0.8
        rows = [QRectF(body.left(), body.top() + mark_h + r * self.line * 1.02, body.width(), self.line)
                for r in range(2)]
        shown = self._visible(lane)
        scale = body.width() / (self.x1 - self.x0)
        left = np.maximum(body.left() + (lane.t0[shown] - self.x0) * scale, body.left())
        right = np.minimum(body.left() + (lane.t1[shown] - self.x0) * scale, body.right())
        width = np.maximum(right - left, self.line * 0.3)
        left = np.minimum(left, body.right() - width)
        top, height = body.top() + mark_h * 0.2, mark_h * 0.55
        # events drawn on the same pixels in the same colour are drawn once (a large timeline's overview)
        keys = np.stack([np.round(left).astype(np.int64), np.round(width).astype(np.int64), lane.cls[shown],
                         lane.approx[shown].astype(np.int64)])
        _, first = np.unique(keys, axis=1, return_index=True) if len(shown) else (None, np.zeros(0, dtype=int))
        for k in first.tolist():
            mark = QRectF(float(left[k]), top, float(width[k]), height)
            colour = style.classes[int(lane.cls[shown[k]])]
            if lane.approx[shown[k]]:
                p.setPen(QPen(colour, max(2.0, self.px / 8)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(mark.adjusted(1, 1, -1, -1))
            else:
                p.fillRect(mark, colour)
        items = lane.items
        focus = next((k for k, i in enumerate(shown.tolist()) if items[i] is self.focus), None)
        if focus is not None:
            p.setPen(QPen(QColor(ACCENT), max(3.0, self.px / 6)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(float(left[focus]), top, float(width[focus]), height)
                       .adjusted(-4, -mark_h * 0.15, 4, mark_h * 0.15))
        centre = float(lane.t0[shown[focus]]) if focus is not None else (self.x0 + self.x1) / 2
        order = np.lexsort((np.abs(lane.t0[shown] - centre), lane.priority[shown]))
        others = [int(k) for k in order[:LABELS_TRIED + 1] if k != focus][:LABELS_TRIED]
        taken: list[list[tuple[float, float]]] = [[], []]
        fm = _metrics(self.font, self.device)
        for k in ([focus] if focus is not None else []) + others:
            event = lane.items[int(shown[k])]
            text = display(event.short_with_rating)
            text = f"c. {text}" if lane.approx[shown[k]] else text
            w = fm.horizontalAdvance(text) + 2
            colour = ACCENT if k == focus else TEXT
            if w > body.width():
                wraps = _height(self.font, body.width(), text, self.device) <= self.line * 2.05
                if k == focus and wraps and not any(taken):
                    box = QRectF(body.left(), rows[0].top(), body.width(), self.line * 2.05)
                    pen.text("label", box, _LEFT | _WRAP, text, self.font, colour)
                    taken = [[(body.left(), body.right())], [(body.left(), body.right())]]
                continue
            x = min(max(float(left[k]), body.left()), body.right() - w)
            for r, row in enumerate(rows):
                if all(x + w + self.px * 0.6 <= a or b + self.px * 0.6 <= x for a, b in taken[r]):
                    pen.text("label", QRectF(x, row.top(), w, self.line), _LEFT, text, self.font, colour)
                    taken[r].append((x, x + w))
                    break

    def _paint_tenures(self, pen: _Pen, lane, body: QRectF) -> None:
        p, style = pen.p, self.deck.style
        bar_h = self.line * 1.2
        shades = style.tenures[lane.palette % len(style.tenures)]
        fm = _metrics(self.font, self.device)
        shown = self._visible(lane).tolist()
        bars, cores = {}, {}
        for i in shown:
            a = max(self._x(body, float(lane.t0[i])), body.left())
            b = min(self._x(body, float(lane.t1[i])), body.right())
            top = body.top() + (body.height() - self._rows(lane) * self.line * 1.3) / 2 \
                + int(lane.row[i]) * self.line * 1.3 + self.line * 0.05
            bar = QRectF(a, top, max(b - a, 2.0), bar_h)
            bars[i] = bar
            colour = shades[int(lane.cls[i])]
            p.fillRect(bar, style.pale(colour, style.uncertain_alpha))
            c0 = max(self._x(body, float(lane.core0[i])), a)
            c1 = min(self._x(body, float(lane.core1[i])), b)
            cores[i] = (c0, c1)
            if c1 > c0:
                p.fillRect(QRectF(c0, top, c1 - c0, bar_h), colour)
            if lane.items[i].person in self.people:
                p.setPen(QPen(QColor(ACCENT), max(3.0, self.px / 6)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(bar.adjusted(1.5, 1.5, -1.5, -1.5))
        for i in shown:
            bar, name = bars[i], display(lane.labels[i])
            w = fm.horizontalAdvance(name) + 2
            c0, c1 = cores[i]
            # on the solid part, the colour made for it; on a pale part, the text colour (the two are
            # far apart in the high-contrast theme); never astride both: the first part it fits in,
            # from the left, else beside the bar
            pad = self.px * 0.4
            c0, c1 = min(max(c0, bar.left()), bar.right()), min(max(c1, bar.left()), bar.right())
            parts = [(bar.left(), c0, "text"), (c0, c1, "tenure_text"), (c1, bar.right(), "text")]
            spot = next(((a, on) for a, b, on in parts if b - a >= w + 2 * pad), None)
            if spot is not None:
                box = QRectF(spot[0] + pad, bar.top(), w, bar.height())
                pen.text("tenure", box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name, self.font,
                         style.colour(spot[1]))
                continue
            # beside the bar, when the row is free there up to the next bar
            # (a bar that starts inside this one, as at a same-month handover, leaves no room)
            after = [max(bars[j].left(), bar.right()) for j in shown if j != i and lane.row[j] == lane.row[i]
                     and bars[j].right() > bar.right()]
            limit = min(after, default=body.right())
            if bar.right() + self.px * 0.3 + w <= limit:
                box = QRectF(bar.right() + self.px * 0.3, bar.top(), w, bar.height())
                pen.text("tenure", box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name, self.font,
                         TEXT)


def _date(year: int) -> dt.date:
    return dt.date(min(max(year, 1), 9999), 1, 1)


def _year_start(year: int) -> float:
    """When `year` starts, as a timestamp; the year after the calendar's last starts the day after 9999-12-31."""
    if year > 9999:
        return date_to_timestamp(dt.date(9999, 12, 31)) + 86400
    return date_to_timestamp(_date(year))

