"""Level-of-detail labels: a few hundred per frame at most, never overlapping, most important first.

Candidates are the visible items of a lane sampled at a power-of-two stride of their index (so the
same items stay candidates while panning and labels do not flicker), then placed greedily in
priority order (selected, rated inspections, leadership and interventions, the rest) into the
first label row where they collide with nothing already placed.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QStaticText, QTransform

MAX_LABELS_PER_FRAME = 300
MAX_LABELS_PER_LANE = 120  # and at most a fair share of the frame's (`lane_limit`)
GAP = 6.0


def lane_limit(lanes: int) -> int:
    """Labels one lane may place, so that a frame never draws more than MAX_LABELS_PER_FRAME."""
    return max(1, min(MAX_LABELS_PER_LANE, MAX_LABELS_PER_FRAME // max(lanes, 1)))


class Rows:
    """Placed intervals per label row, kept sorted so a collision test is one bisect."""

    def __init__(self, count: int) -> None:
        self._rows: list[list[tuple[float, float]]] = [[] for _ in range(count)]

    def place(self, x: float, w: float) -> int | None:
        for r, row in enumerate(self._rows):
            i = bisect_left(row, (x, x))
            if i > 0 and row[i - 1][1] + GAP > x:
                continue
            if i < len(row) and row[i][0] < x + w + GAP:
                continue
            row.insert(i, (x, x + w))
            return r
        return None


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
          view_w: float, boxes: list[tuple[float, float]], limit: int) -> list[tuple[int, QRectF, str]]:
    """Place (index, left, right, text) anchors; return (index, rect, shown text) for each label placed.

    A label starts at its mark's `left`; where the view has no room for it there, it ends at the
    mark's `right` instead, so it always sits by its mark (never pushed along, away from it), and
    is shortened only when neither side has room.
    """
    placed = []
    lo, hi = 2.0, view_w - 2.0
    for index, left, right, text in anchors:
        shown, w = cache.fit(text, max_w)
        x, right = max(left, lo), min(right, hi)  # a mark at the very edge: the label ends inside the view
        if x + w > hi:
            if right - w >= lo:
                x = right - w
            else:  # the wider side, shortened
                room_left, room_right = right - lo, hi - x
                shown, w = cache.fit(text, max(room_left, room_right))
                x = right - w if room_left > room_right else x
        if w < 8:
            continue
        r = rows.place(x, w)
        if r is None:
            continue
        y, h = boxes[r]
        placed.append((index, QRectF(x, y + 0.5, w, h - 1), shown))  # rows never share an edge
        if len(placed) >= limit:
            break
    return placed
