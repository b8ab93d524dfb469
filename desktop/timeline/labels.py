"""Level-of-detail labels: a few hundred per frame at most, never overlapping, most important first.

Candidates are the visible items of a lane sampled at a power-of-two stride of their index (so the
same items stay candidates while panning and labels do not flicker), then placed greedily in
priority order (selected, rated inspections, leadership and interventions, the rest) into the
first label row where they collide with nothing already placed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QStaticText, QTransform

MAX_LABELS_PER_FRAME = 300
MAX_LABELS_PER_LANE = 120  # and at most a fair share of the frame's (`lane_limit`)
GAP = 6.0
LEAD_GAP = 3.0  # room kept either side of a leader line


def lane_limit(lanes: int) -> int:
    """Labels one lane may place, so that a frame never draws more than MAX_LABELS_PER_FRAME."""
    return max(1, min(MAX_LABELS_PER_LANE, MAX_LABELS_PER_FRAME // max(lanes, 1)))


class Rows:
    """What each label row of a lane holds, kept sorted so a collision test is a bisect and a short scan.

    An entry is a label (the text and the stretch to its leader: (start, end, tie)) or the leader
    of a label further down passing through (a reservation, start == end == tie). A label's leader
    may pass through a row where nothing is within LEAD_GAP of it, or where the label or leader
    there belongs to the same mark (its tie is the same, at one end of the entry)."""

    def __init__(self, count: int) -> None:
        self._rows: list[list[tuple[float, float, float]]] = [[] for _ in range(count)]
        self._starts: list[list[float]] = [[] for _ in range(count)]
        self._widest = 0.0

    def _near(self, r: int, a: float, b: float):
        """The entries of row r that may come within GAP of [a, b]."""
        row, starts = self._rows[r], self._starts[r]
        j = bisect_left(starts, b + GAP)
        while j > 0 and starts[j - 1] + self._widest + GAP > a:
            j -= 1
            yield row[j]

    def _add(self, r: int, entry: tuple[float, float, float]) -> None:
        i = bisect_left(self._starts[r], entry[0])
        self._starts[r].insert(i, entry[0])
        self._rows[r].insert(i, entry)
        self._widest = max(self._widest, entry[1] - entry[0])

    def _passes(self, r: int, tie: float) -> bool:
        for s, e, t in self._near(r, tie, tie):
            if s - LEAD_GAP < tie < e + LEAD_GAP and not (t == tie and (s == tie or e == tie)):
                return False
        return True

    def _gap(self, r: int, tie: float, w: float, lo: float, hi: float) -> tuple[float, float] | None:
        """The free stretch of row r around `tie` that matters to a label w wide reaching it
        (leaders of the same mark do not count), or None when something is at the tie."""
        left, right = lo, hi
        reach = w + 2 * GAP + 4
        for s, e, t in self._near(r, tie - reach, tie + reach):
            if s == e == t == tie:
                continue
            if s - GAP < tie < e + GAP:
                return None
            if e <= tie:
                left = max(left, e + GAP)
            else:
                right = min(right, s - GAP)
        return left, right

    def place(self, x: float, w: float) -> int | None:
        """The first row where a label of width w fits exactly at x (no leader), or None."""
        for r in range(len(self._rows)):
            if all(e + GAP <= x or s >= x + w + GAP for s, e, _ in self._near(r, x, x + w)):
                self._add(r, (x, x + w, x))
                return r
        return None

    def spots(self, x: float, w: float, tie: float, lo: float, hi: float):
        """Yield (row, x) where a label w wide could go, top row first, its leader coming down from
        `tie` (the mark's x, at one end of the label) free through the rows above."""
        for r in range(len(self._rows)):
            if r and not self._passes(r - 1, tie):
                return
            gap = self._gap(r, tie, w, lo, hi)
            if gap is None or gap[1] - gap[0] < w:
                continue
            if gap[0] <= x and x + w <= gap[1]:
                yield r, x

    def take(self, r: int, x: float, w: float, tie: float) -> None:
        """Keep a label placed in row r at x with its leader from `tie` through the rows above."""
        self._add(r, (min(x, tie), max(x + w, tie), tie))
        for k in range(r):
            self._add(k, (tie, tie, tie))

    @property
    def count(self) -> int:
        return len(self._rows)


class TextCache:
    """Elided label text and widths per font: measuring text is the costly part of labelling."""

    def __init__(self) -> None:
        self._cache: dict[tuple, tuple[str, float]] = {}
        self._widths: dict[str, float] = {}
        self._static: dict[str, QStaticText] = {}
        self._key = None
        self._font = None
        self._fm: QFontMetricsF | None = None

    def use(self, font) -> None:
        key = (font.family(), font.pixelSize(), font.bold())
        if key != self._key:
            self._key, self._font, self._fm = key, font, QFontMetricsF(font)
            self._cache, self._static, self._widths = {}, {}, {}

    @property
    def line_height(self) -> float:
        """Height of one line of label text (to centre it in a row)."""
        assert self._fm is not None
        return self._fm.height()

    def static(self, shown: str) -> QStaticText:
        """The label laid out once (QStaticText): drawing it again is a cheap blit of glyphs."""
        text = self._static.get(shown)
        if text is None:
            text = self._static[shown] = QStaticText(shown)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.prepare(QTransform(), self._font)
            if len(self._static) > 5000:
                self._static.clear()
        return text

    def width(self, text: str) -> float:
        """Width of the whole text, measured once per font."""
        w = self._widths.get(text)
        if w is None:
            assert self._fm is not None
            w = self._widths[text] = self._fm.horizontalAdvance(text)
            if len(self._widths) > 20000:
                self._widths.clear()
        return w

    def fit(self, text: str, max_w: float) -> tuple[str, float]:
        """The text, elided at the right to fit `max_w` pixels, and its width.

        Text that fits is returned whole without eliding: only what must be shortened is looked
        up per width (while zooming, the room a label has changes every frame)."""
        w = self.width(text)
        if w <= max_w:
            return text, w
        key = (text, int(max_w))
        hit = self._cache.get(key)
        if hit is None:
            assert self._fm is not None
            shown = self._fm.elidedText(text, Qt.TextElideMode.ElideRight, max_w)
            hit = self._cache[key] = (shown, self._fm.horizontalAdvance(shown))
            if len(self._cache) > 20000:
                self._cache.clear()
        return hit


def candidates(visible: np.ndarray, keep: np.ndarray, priority: np.ndarray, selected: int | None,
               budget: int = MAX_LABELS_PER_LANE) -> np.ndarray:
    """Indices of the `visible` items (ascending) worth trying, most important first, stable under panning.

    `budget` is about how many labels could fit; half as many again are tried. Items are sampled by
    their index (multiples of a power of two), so the same ones stay candidates while the view moves.
    """
    n = len(visible)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    stride = 1
    while n / stride > min(budget, MAX_LABELS_PER_LANE) * 1.5:
        stride *= 2
    idx = visible[visible % stride == 0] if stride > 1 else visible
    idx = idx[keep[idx]]
    idx = idx[np.argsort(priority[idx], kind="stable")]
    if selected is not None and keep[selected] and selected in visible:
        idx = np.concatenate(([selected], idx[idx != selected]))
    return idx


def place(rows: Rows, anchors: list[tuple[int, float, float, str]], cache: TextCache, max_w: float,
          view_w: float, boxes: list[tuple[float, float]], limit: int,
          both_sides: bool = False, leftward: bool = False) -> list[tuple[int, QRectF, str, float]]:
    """Place (index, left, right, text) anchors, in the order given; return (index, rect, shown
    text, tie) for each label placed, `tie` being the x its leader line comes down from the mark at.

    A label starts just right of its mark (a narrow mark's centre, a wide one's left end), in the
    first row where it fits with its leader free through the rows above; where the view has no room
    there, it ends at the mark instead, and it is shortened only when neither side has room. With
    `both_sides` (a few labels, latest first) a label may also end at its mark where that costs
    less: a row nearer the mark, weighed against the rows it takes from marks still to be labelled
    under it. So labels stack under their marks, each tied to its own by its leader.
    """
    placed = []
    lo, hi = 2.0, view_w - 2.0
    ties = []
    for _, left, right, _ in anchors:
        narrow = right - left <= 7.5
        c = min(max((left + right) / 2, lo), hi)  # a marker cut by the edge: tied where it shows
        ties.append((c, c) if narrow else (min(max(left, lo) + 1, hi), max(min(right, hi) - 1, lo)))
    later = sorted(t for t, _ in ties)  # ties of marks still to be labelled (all of them at first)
    for n, (index, left, right, text) in enumerate(anchors):
        t_left, t_right = ties[n]
        del later[bisect_left(later, t_left)]
        shown, w = cache.fit(text, max_w)
        options = []  # (cost, row, x, tie)
        # A row costs its depth, and each mark still to be labelled that the label would cover
        # the rows it takes from that mark (its own and those below, where its leader cannot pass).
        if leftward and t_right - 2 - w >= lo:  # ending at the mark, in the first row that has room
            spot = next(rows.spots(t_right - 2 - w, w, t_right, lo, hi), None)
            if spot is not None:
                options.append((0, spot[0], spot[1], t_right))
        if not options and t_left + 2 + w <= hi:
            for r, x in rows.spots(t_left + 2, w, t_left, lo, hi):
                under = bisect_right(later, x + w) - bisect_right(later, t_left) if both_sides else 0
                options.append((r + under * (rows.count - r), r, x, t_left))
                if not both_sides:
                    break
        if (both_sides or not options) and t_right - 2 - w >= lo:
            for r, x in rows.spots(t_right - 2 - w, w, t_right, lo, hi):
                under = bisect_left(later, t_right) - bisect_left(later, x)
                options.append((r + under * (rows.count - r), r, x, t_right))
        if not options and t_left + 2 + w > hi and t_right - 2 - w < lo:  # the wider side, shortened
            room_left, room_right = t_right - 2 - lo, hi - t_left - 2
            shown, w = cache.fit(text, max(room_left, room_right))
            tie, x = (t_right, t_right - 2 - w) if room_left > room_right else (t_left, t_left + 2)
            if w >= 8:
                spot = next(rows.spots(x, w, tie, lo, hi), None)
                if spot is not None:
                    options.append((0, spot[0], spot[1], tie))
        if not options:
            continue
        _, r, x, tie = min(options, key=lambda o: o[0])
        rows.take(r, x, w, tie)
        y, h = boxes[r]
        placed.append((index, QRectF(x, y + 0.5, w, h - 1), shown, tie))  # rows never share an edge
        if len(placed) >= limit:
            break
    return placed
