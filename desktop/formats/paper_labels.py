"""Labels on paper: every event's label and every tenure's name in full.

On screen the canvas shortens labels and leaves out those that do not fit, because the view can
zoom. Paper cannot, so a printed sheet places its labels its own way, over marks drawn by the
canvas's own code:

- an event's label (its short `label:` when it has one, else its title; "c. " before an
  approximate date; the rating in words when the text does not say it) wraps onto a few lines under its lane's marks, in the first free slot going
  down, joined to its mark by a leader line that crosses no other label;
- a tenure's name sits on the solid part of its bar when it fits there (white on the colour), on a
  pale part when that fits (dark on pale), else beside the bar (after its end, or before its
  start), else on a plate of background colour over the bar: never shortened.

Positions are in the lanes' pixels (1/96 inch); the slot unit is half a line of label text, so
stacked labels keep half a line apart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.timeline.lanes import Lane
from desktop.timeline.marks import MARK

__all__ = ["EventLabel", "TenureName", "label_text", "event_labels", "tenure_names", "WRAP_FLAGS"]

WRAP_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
GAP = 6.0  # pixels kept free between labels side by side
INDENT = 3.0  # from the leader line to the text
MAX_PER_LANE = 60  # labels tried per lane and sheet; beyond that a sheet could not hold them anyway


def label_text(event) -> str:
    """What a sheet prints for an event: its short label when it has one, else its title, and its
    rating in words when the text does not say it (a black-and-white copy loses the colours)."""
    text = event.short_with_rating
    return f"c. {text}" if event.approx else text


@dataclass
class EventLabel:
    index: int  # the event's position in its lane
    mark_x: float  # where its leader line runs (the mark's centre, or a bracket's start)
    rect: QRectF  # the text's box; y counted in slots from the top of the lane's label area
    text: str
    slot: int  # first slot it takes
    slots: int  # slots it takes (its lines, and the half line under it)


@dataclass
class TenureName:
    index: int
    rect: QRectF
    text: str
    on_solid: bool  # white on the bar's solid colour (else dark text)
    plate: bool  # drawn on a plate of background colour (no room on or beside the bar)


def _anchor(lane: Lane, i: int, x0: float, scale: float, width: float) -> float:
    a, b = (lane.t0[i] - x0) * scale, (lane.t1[i] - x0) * scale
    if b - a < MARK:
        return (a + b) / 2
    return min(max(a, 0.0) + 2, width - 2)  # a bracket: its start (or the sheet's edge)


def positions(lane: Lane) -> np.ndarray:
    """Where each event of a lane is on the time axis, for splitting sheets and choosing which sheet
    labels it: the centre of a short mark, the start of a long one (a year-only date, a span)."""
    return np.where(lane.t1 - lane.t0 < 40 * 86400, (lane.t0 + lane.t1) / 2, lane.t0)


def _candidates(lane: Lane, x0: float, x1: float, keep: np.ndarray, first: bool) -> list[int]:
    """Indices of the lane's kept events that a sheet from x0 to x1 labels: those whose position is
    on it, so an event near a join is labelled once; the first sheet also takes those that start
    before it and reach into it."""
    at = positions(lane)
    if first:
        at = np.where((at < x0) & (lane.t1 > x0), x0, at)
    idx = np.flatnonzero((at >= x0) & (at < x1) & keep)
    if len(idx) > MAX_PER_LANE:  # the most important, spread evenly over the sheet
        chosen: list[np.ndarray] = []
        left = MAX_PER_LANE
        for level in np.unique(lane.priority[idx]):
            group = idx[lane.priority[idx] == level]
            if len(group) > left:
                group = group[np.linspace(0, len(group) - 1, left).round().astype(int)]
            chosen.append(group)
            left -= len(group)
            if left <= 0:
                break
        idx = np.sort(np.concatenate(chosen))
    return idx.tolist()


def event_labels(lane: Lane, keep: np.ndarray, x0: float, x1: float, width: float, fm: QFontMetricsF,
                 wrap: float, max_slots: int | None = None, first: bool = True) -> tuple[list[EventLabel], int, int]:
    """Place the labels of one event lane on a sheet `width` pixels wide showing x0 to x1.

    Labels are placed from the right (the same date in date order), each in the first slot going
    down where it overlaps no label and crosses no leader line of a label placed before: so the
    labels step down towards the left, and no leader runs through text.
    Returns (labels placed, slots used, events left unlabelled because `max_slots` ran out)."""
    scale = width / (x1 - x0)
    slot_h = fm.lineSpacing() / 2
    todo = []
    for i in _candidates(lane, x0, x1, keep, first):
        text = label_text(lane.items[i])
        box = fm.boundingRect(QRectF(0, 0, wrap, 1.0e6), WRAP_FLAGS, text)
        todo.append((_anchor(lane, i, x0, scale, width), i, text, box.width() + 2,
                     max(1, round(box.height() / fm.lineSpacing()))))
    todo.sort(key=lambda item: (-item[0], item[1]))
    placed: list[EventLabel] = []
    boxes: list[tuple[float, float, int, int, float]] = []  # the same, as plain numbers (fast to test)
    dropped = 0
    pending = sorted(mark for mark, *_ in todo)
    for mark, i, text, w, lines in todo:
        pending.remove(mark)
        need = 2 * lines + 1
        # After the mark, or ending at it, whichever sits higher; a label over the marks still to be
        # labelled (to its left) counts as forty slots lower for each (their labels would have to
        # go above it, or their leaders cross it): only when nothing else fits.
        right = max(width - w - 2, 0.0)
        sides = [min(max(mark + INDENT, 0.0), right), min(max(mark - INDENT - w, 0.0), right)]
        best = None
        for strict in (True, False):  # a leader crossing a label only when nothing else fits
            for left in sides:
                slot = _first_free(boxes, left, w, need, max_slots, mark if strict else None)
                if slot is None:
                    continue
                covers = bisect_right(pending, left + w + 2) - bisect_left(pending, left - 2)
                if best is None or slot + 40 * covers < best[0]:
                    best = (slot + 40 * covers, slot, left)
            if best is not None:
                break
        if best is None:
            dropped += 1
            continue
        _score, slot, left = best
        rect = QRectF(left, slot * slot_h, w, lines * fm.lineSpacing())
        placed.append(EventLabel(i, mark, rect, text, slot, need))
        boxes.append((left, left + w, slot, slot + need, mark))
    placed.sort(key=lambda lab: lab.index)
    used = max((lab.slot + lab.slots for lab in placed), default=0)
    return placed, used, dropped


def _first_free(placed: list[tuple[float, float, int, int, float]], left: float, w: float, need: int,
                max_slots: int | None, mark: float | None) -> int | None:
    """The first slot from the top where a label [left, left + w) of `need` slots overlaps no label
    placed before nor their leader lines (from the marks down to each label); with `mark`, its own
    leader line (down from the marks at x = mark) must cross no label either.

    `placed` holds (left, right, first slot, end slot, mark x) of each label placed."""
    right = left + w
    slot = 0
    while max_slots is None or slot + need <= max_slots:
        clash = None
        for a, b, top, end, at in placed:
            if mark is not None and top < slot and a - 2 <= mark <= b + 2:
                return None  # its leader would cross that label here and at every slot below
            if a - GAP < right and left < b + GAP and top < slot + need and slot < end:
                clash = end
                break
            if left - 2 <= at <= right + 2 and slot < top:  # over its leader
                clash = top
                break
        if clash is None:
            return slot
        slot = clash
    return None


def tenure_names(lane: Lane, rows: list[tuple[float, float]], x0: float, x1: float, width: float,
                 fm: QFontMetricsF, names: list[str]) -> list[TenureName]:
    """Place the names of one tenure lane's bars shown on a sheet `width` pixels wide (x0 to x1).

    `rows` are the lane's sub-rows (y, height); `names` the person's name for each tenure."""
    scale = width / (x1 - x0)
    shown = np.flatnonzero((lane.t1 > x0) & (lane.t0 < x1)).tolist()
    bars: dict[int, list[tuple[float, float]]] = {}  # per sub-row: what bars and names take
    geometry = []
    for i in shown:
        a, b = max((lane.t0[i] - x0) * scale, 0.0), min((lane.t1[i] - x0) * scale, width)
        c0 = min(max((lane.core0[i] - x0) * scale, a), b)  # the solid part, within what the sheet shows
        c1 = max(min((lane.core1[i] - x0) * scale, b), c0)
        r = int(lane.row[i])
        y, h = rows[r]
        arrow = (h - 4) * 0.6 if lane.open_end[i] and (lane.t1[i] - x0) * scale <= width else 0.0
        bars.setdefault(r, []).append((a, b + arrow))
        geometry.append((i, a, b, c0, c1, r, y, h, arrow))
    out: list[TenureName] = []
    for i, a, b, c0, c1, r, y, h, arrow in geometry:
        name = names[i]
        w = fm.horizontalAdvance(name) + 2
        taken = bars[r]

        def free(left: float, right: float, own=(a, b + arrow)) -> bool:
            return 0 <= left and right <= width and all(
                (lo, hi) == own or hi + 2 <= left or right <= lo - 2 for lo, hi in taken)

        box_y, box_h = y + 2, h - 4
        choice = None
        if c1 - c0 >= w + 8:
            choice = (c0 + 4, True, False)
        else:
            for lo, hi in ((c1, b), (a, c0)):
                if hi - lo >= w + 8:
                    choice = (lo + 4, False, False)
                    break
        if choice is None:
            after, before = b + arrow + 4, a - 4 - w
            if free(after, after + w):
                choice = (after, False, False)
            elif free(before, before + w):
                choice = (before, False, False)
            else:
                at = min(max(a + 2, 0.0), max(width - w, 0.0))
                if any(n.rect.top() == box_y and n.rect.left() - 2 < at + w and at < n.rect.right() + 2
                       for n in out):
                    continue  # a crowded row (thousands of tenures): no name rather than names over names
                choice = (at, False, True)
        left, on_solid, plate = choice
        if not plate and (left < a or left > b):  # beside the bar: later names keep clear of it
            taken.append((left, left + w))
        out.append(TenureName(i, QRectF(left, box_y, w, box_h), name, on_solid, plate))
    return out
