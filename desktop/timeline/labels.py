"""Level-of-detail labels: a few hundred per frame at most, never overlapping, most important first.

Candidates are the visible items of a lane sampled at a power-of-two stride of their index (so the
same items stay candidates while panning and labels do not flicker), then placed greedily in
priority order (selected, rated inspections, leadership and interventions, the rest) into the
first label row where they collide with nothing already placed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

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
    """What each label row of a lane holds, sorted so that every test is a few bisects.

    A row holds labels, each as the stretch from its leader to the far end of its text (never
    overlapping one another), and the leaders of labels further down passing through it (points).
    A leader may pass a row where nothing is within LEAD_GAP of it, or where the label or leader
    there belongs to the same mark (its tie is the same, at one end of the label)."""

    def __init__(self, count: int) -> None:
        self._starts: list[list[float]] = [[] for _ in range(count)]
        self._hulls: list[list[tuple[float, float, float]]] = [[] for _ in range(count)]  # start, end, tie
        self._points: list[list[float]] = [[] for _ in range(count)]

    @property
    def count(self) -> int:
        return len(self._hulls)

    def _neighbours(self, r: int, x: float):
        """The labels of row r just before and just after x (either may be None)."""
        i = bisect_right(self._starts[r], x)
        hulls = self._hulls[r]
        return (hulls[i - 1] if i else None), (hulls[i] if i < len(hulls) else None)

    def _points_in(self, r: int, a: float, b: float, skip: float | None = None) -> bool:
        """Whether a leader passes row r strictly between a and b (other than at `skip`)."""
        points = self._points[r]
        i = bisect_right(points, a)
        while i < len(points) and points[i] < b:
            if points[i] != skip:
                return True
            i += 1
        return False

    def _add(self, r: int, start: float, end: float, tie: float) -> None:
        i = bisect_right(self._starts[r], start)
        self._starts[r].insert(i, start)
        self._hulls[r].insert(i, (start, end, tie))

    def _passes(self, r: int, tie: float) -> bool:
        before, after = self._neighbours(r, tie + LEAD_GAP)
        for hull in (before, after):
            if hull is not None and hull[0] - LEAD_GAP < tie < hull[1] + LEAD_GAP \
                    and not (hull[2] == tie and tie in (hull[0], hull[1])):
                return False
        if before is not None:  # the label before that one ends before it starts
            i = bisect_right(self._starts[r], tie + LEAD_GAP) - 2
            if i >= 0 and self._hulls[r][i][1] + LEAD_GAP > tie and self._hulls[r][i][2] != tie:
                return False
        return not self._points_in(r, tie - LEAD_GAP, tie + LEAD_GAP, skip=tie)

    def _gap(self, r: int, tie: float, lo: float, hi: float) -> tuple[float, float] | None:
        """The free stretch of row r around `tie`, between the labels and other marks' leaders
        either side (those of the same mark do not count), or None when something is at the tie."""
        before, after = self._neighbours(r, tie)
        if before is not None and before[1] + GAP > tie:
            return None
        if after is not None and after[0] - GAP < tie:
            return None
        left = before[1] + GAP if before is not None else -1e12
        right = after[0] - GAP if after is not None else 1e12
        points = self._points[r]
        i = bisect_left(points, tie)
        j = i
        while j < len(points) and points[j] == tie:
            j += 1
        if j < len(points):
            right = min(right, points[j] - GAP)
        k = i - 1
        if k >= 0:
            left = max(left, points[k] + GAP)
        if left >= tie or right <= tie:
            return None
        return max(left, lo), min(right, hi)

    def place(self, x: float, w: float) -> int | None:
        """The first row where a label of width w fits exactly at x (no leader), or None."""
        for r in range(self.count):
            before, after = self._neighbours(r, x)
            if before is not None and before[1] + GAP > x:
                continue
            if after is not None and after[0] < x + w + GAP:
                continue
            if self._points_in(r, x - GAP, x + w + GAP):
                continue
            self._add(r, x, x + w, x)
            return r
        return None

    def first_spot(self, x: float, w: float, tie: float, lo: float, hi: float) -> int | None:
        """The first row `spots` would yield for a label to the right of its tie (written out: it
        runs for every candidate label of every frame)."""
        end = x + w
        last = len(self._hulls) - 1
        for r in range(last + 1):
            starts, hulls, points = self._starts[r], self._hulls[r], self._points[r]
            i = bisect_right(starts, tie)
            before = hulls[i - 1] if i else None
            after = hulls[i] if i < len(hulls) else None
            if (before is None or before[1] + GAP <= tie) and (after is None or end + GAP <= after[0]):
                if not points:
                    return r
                k = bisect_left(points, x - GAP)
                while k < len(points) and points[k] == tie:
                    k += 1
                if (k >= len(points) or points[k] >= end + GAP) and self._gap(r, tie, lo, hi) is not None:
                    return r
            if r < last:  # can the leader pass this row? (`_passes`, written out)
                j = bisect_right(starts, tie + LEAD_GAP)
                for hull in hulls[max(j - 2, 0):j + 1]:
                    if hull[0] - LEAD_GAP < tie < hull[1] + LEAD_GAP and \
                            not (hull[2] == tie and (hull[0] == tie or hull[1] == tie)):
                        return None
                if points and self._points_in(r, tie - LEAD_GAP, tie + LEAD_GAP, skip=tie):
                    return None
        return None

    def spots(self, x: float, w: float, tie: float, lo: float, hi: float):
        """Yield (row, x) where a label w wide could go at x, top row first, its leader coming down
        from `tie` (the mark's x, at one end of the label) free through the rows above."""
        for r in range(self.count):
            if r and not self._passes(r - 1, tie):
                return
            gap = self._gap(r, tie, lo, hi)
            if gap is not None and gap[0] <= x and x + w <= gap[1]:
                yield r, x

    def take(self, r: int, x: float, w: float, tie: float) -> None:
        """Keep a label placed in row r at x with its leader from `tie` through the rows above."""
        self._add(r, min(x, tie), max(x + w, tie), tie)
        for k in range(r):
            insort(self._points[k], tie)


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
    later = sorted(t for t, _ in ties) if both_sides else []  # ties of marks still to be labelled
    for n, (index, left, right, text) in enumerate(anchors):
        t_left, t_right = ties[n]
        if both_sides:
            del later[bisect_left(later, t_left)]
        shown, w = cache.fit(text, max_w)
        if not (both_sides or leftward) and t_left + 2 + w <= hi:  # the common case, written out
            r = rows.first_spot(t_left + 2, w, t_left, lo, hi)
            if r is not None:
                rows.take(r, t_left + 2, w, t_left)
                y, h = boxes[r]
                placed.append((index, QRectF(t_left + 2, y + 0.5, w, h - 1), shown, t_left))
                if len(placed) >= limit:
                    break
            continue
        options = []  # (cost, row, x, tie)
        # A row costs its depth, and each mark still to be labelled that the label would cover
        # the rows it takes from that mark (its own and those below, where its leader cannot pass).
        if leftward and t_right - 2 - w >= lo:  # ending at the mark, in the first row that has room
            spot = next(rows.spots(t_right - 2 - w, w, t_right, lo, hi), None)
            if spot is not None:
                options.append((0, spot[0], spot[1], t_right))
        if not both_sides and not options and t_left + 2 + w <= hi:
            r = rows.first_spot(t_left + 2, w, t_left, lo, hi)
            if r is not None:
                options.append((r, r, t_left + 2, t_left))
        elif not options and t_left + 2 + w <= hi:
            for r, x in rows.spots(t_left + 2, w, t_left, lo, hi):
                under = bisect_right(later, x + w) - bisect_right(later, t_left) if both_sides else 0
                options.append((r + under * (rows.count - r), r, x, t_left))
                if not both_sides:
                    break
        if (both_sides or (not options and t_left + 2 + w > hi)) and t_right - 2 - w >= lo:
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
