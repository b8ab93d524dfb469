"""A light date axis: calendar ticks (years, months, days) chosen for the pixels available.

pyqtgraph's DateAxisItem costs 1.5-4 ms a frame; this one computes at most a few dozen ticks with
plain date arithmetic, caches them per view, and paints them with a handful of QPainter calls.
Two tiers: the fine ticks on the first row (days, months or years) and, below them, the period
they belong to ("Mar 2023", "2023"), with the first one pinned at the left edge so the reader
always knows which year they are looking at.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

from desktop.core.dates import date_to_timestamp, timestamp_to_date
from desktop.timeline.labels import TextCache
from desktop.timeline.style import Style

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY = 86400.0


def _clamp_date(t: float) -> dt.date:
    return timestamp_to_date(t)  # held inside the calendar, 1-01-01 to 9999-12-31


def _years(a: dt.date, b: dt.date, step: int):
    y = a.year - a.year % step
    while y <= b.year + step:
        if 1 <= y <= 9999:
            yield dt.date(y, 1, 1)
        y += step


def _months(a: dt.date, b: dt.date, step: int):
    m = (a.year * 12 + a.month - 1) // step * step
    while m <= b.year * 12 + b.month:
        if 1 <= m // 12 <= 9999:
            yield dt.date(m // 12, m % 12 + 1, 1)
        m += step


def _days(a: dt.date, b: dt.date, step: int):
    d = dt.date(a.year, a.month, 1)
    while d <= b:
        if (d.day - 1) % step == 0 and d.day <= 31 - step // 2:
            yield d
        if d == dt.date.max:
            return
        d += dt.timedelta(days=1)


@lru_cache(maxsize=64)
def ticks(x0: float, x1: float, width: float, char_px: float) -> tuple[list, list]:
    """(fine, major) ticks for the window [x0, x1] drawn `width` pixels wide.

    Each tick is (timestamp, text). `char_px` is the width of one digit in the axis font: labels
    need about 5 digits of room each, so the step is the smallest that leaves that much space.
    """
    if x1 <= x0 or width <= 0:
        return [], []
    px_per_day = width / ((x1 - x0) / DAY)
    room = char_px * 5.5
    a, b = _clamp_date(x0), _clamp_date(x1)
    if px_per_day * 28 / 4 >= room:  # days fit: steps of 1, 2, 5, 10 or 15 days within each month
        step = next((s for s in (1, 2, 5, 10, 15) if px_per_day * s >= room), 15)
        fine = [(date_to_timestamp(d), str(d.day)) for d in _days(a, b, step)]
        major = [(date_to_timestamp(d), f"{_MONTHS[d.month - 1]} {d.year}") for d in _months(a, b, 1)]
        return fine, major
    if px_per_day * 30 >= room:  # months fit: steps of 1, 2, 3 or 6 months
        step = next((s for s in (1, 2, 3, 6) if px_per_day * 30 * s >= room), 6)
        fine = [(date_to_timestamp(d), _MONTHS[d.month - 1]) for d in _months(a, b, step)]
        major = [(date_to_timestamp(d), str(d.year)) for d in _years(a, b, 1)]
        return fine, major
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if px_per_day * 365 * s >= room), 1000)
    fine = [(date_to_timestamp(d), str(d.year)) for d in _years(a, b, step)]
    return fine, []


def axis_height(style: Style) -> float:
    return style.line * 2.3


def paint_axis(p: QPainter, rect: QRectF, x0: float, x1: float, style: Style,
               texts: tuple[TextCache, TextCache] | None = None) -> None:
    """Paint the two-tier date axis into `rect` (its width is the width of the lanes above).

    `texts` keeps the labels of the two rows laid out between frames (a view's own; exports
    lay theirs out afresh): laying text out again each frame is most of what an axis costs."""
    fine_texts, major_texts = texts if texts is not None else (TextCache(), TextCache())
    p.fillRect(rect, style.colour("background"))
    font = style.font(0.95)
    p.setFont(font)
    fine_texts.use(font)
    fine, major = ticks(x0, x1, rect.width(), style.digit_width(0.95))
    scale = rect.width() / (x1 - x0)
    row = style.line
    grid = QPen(style.colour("grid_major"), 1)
    text = style.colour("text")
    lines = [QLineF(rect.topLeft(), rect.topRight())]
    labels = []
    top = rect.top() + row * 0.25 + (row - fine_texts.line_height) / 2
    for t, label in fine:
        x = rect.left() + (t - x0) * scale
        if not rect.left() <= x <= rect.right():
            continue
        # Centred under its tick, but slid inside at either edge: never cut, never dropped.
        static, width = fine_texts.static(label), fine_texts.width(label) + 2
        left = min(max(x - width / 2, rect.left()), rect.right() - width)
        lines.append(QLineF(x, rect.top(), x, rect.top() + row * 0.3))
        labels.append((left + 1, static))
    p.setPen(grid)
    p.drawLines(lines)
    p.setPen(text)
    for left, static in labels:
        p.drawStaticText(QPointF(left, top), static)
    if not major:
        return
    bold = style.font(0.95, bold=True)
    p.setFont(bold)
    major_texts.use(bold)
    y = rect.top() + row * 1.2
    pad = style.digit_width(0.95)
    xs = [rect.left() + (t - x0) * scale for t, _ in major]
    lines, labels = [], []
    for i, (x, (_, label)) in enumerate(zip(xs, major)):
        nxt = xs[i + 1] if i + 1 < len(xs) else rect.right() + 10 ** 6
        if nxt < rect.left():
            continue
        left = max(x, rect.left()) + pad  # pinned at the left edge while its period is on screen
        static, w = major_texts.static(label), major_texts.width(label)
        if left > rect.right() - w:
            break
        if left + w > nxt:  # pushed against the next period's label: leave the room to it
            continue
        if x >= rect.left():  # a tick above the first row's labels and a line beside this one
            lines += [QLineF(x, rect.top(), x, rect.top() + row * 0.3), QLineF(x, y, x, y + row * 0.8)]
        labels.append((left, static))
    if lines:
        p.setPen(grid)
        p.drawLines(lines)
    p.setPen(text)
    top = y + (row - major_texts.line_height) / 2
    for left, static in labels:
        p.drawStaticText(QPointF(left, top), static)
