"""Colours and type for the canvas, per theme.

Rating colours follow Ofsted's order (red, amber, green) but are picked to stay apart for
red-green colour blindness and on a washed-out projector in a lit room: inadequate is red,
requires improvement amber, good a bluish green and outstanding blue, and each theme has its
own, lighter, variants on dark backgrounds. Markers are never told apart by colour alone: the
legend names them and the tooltip says the rating in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from desktop.core.model import EventKind, Rating

# Colour classes: one index per kind of mark, so painting groups rectangles by class.
INADEQUATE, REQUIRES_IMPROVEMENT, GOOD, OUTSTANDING, NO_RATING = range(5)
INTERVENTION, PLAN, DECISION, LEADERSHIP, STATEMENT = range(5, 10)
N_EVENT_CLASSES = 10

RATING_CLASS = {
    Rating.INADEQUATE: INADEQUATE,
    Rating.REQUIRES_IMPROVEMENT: REQUIRES_IMPROVEMENT,
    Rating.GOOD: GOOD,
    Rating.OUTSTANDING: OUTSTANDING,
}
KIND_CLASS = {
    EventKind.INTERVENTION: INTERVENTION,
    EventKind.PLAN: PLAN,
    EventKind.DECISION: DECISION,
    EventKind.LEADERSHIP: LEADERSHIP,
    EventKind.STATEMENT: STATEMENT,
}
CLASS_LABELS = ("Inadequate", "Requires improvement", "Good", "Outstanding", "No rating",
                "Intervention", "Plan", "Decision", "Leadership", "Statement")

_PALETTES = {
    "light": dict(
        background="#ffffff", lane_alt="#f3f5f8", text="#1b1b1b", muted="#5c6370", grid="#e3e6ea",
        grid_major="#c3c8cf", leader="#80868f", accent="#1d5bbf", now="#b0003a",
        classes=("#c62828", "#c77800", "#00876a", "#1f5fbf", "#6f7680",
                 "#7b3fa0", "#00838f", "#8d5a2b", "#37474f", "#ad1457"),
        tenures=(("#2e5580", "#4075b2"), ("#225c4e", "#30806d"), ("#694578", "#9060a5"),
                 ("#6e4c21", "#99692f"), ("#48545e", "#657583")),
        tenure_text="#ffffff", fill_alpha=110, uncertain_alpha=80,
    ),
    "dark": dict(
        background="#1b1e20", lane_alt="#23272a", text="#e6e6e6", muted="#a0a6ad", grid="#2c3135",
        grid_major="#454c52", leader="#7d858c", accent="#7db7ff", now="#ff6f91",
        classes=("#ff5c5c", "#ffb020", "#2fd3a0", "#6aa8ff", "#a0a6ad",
                 "#c58af0", "#39c6d6", "#d9a066", "#b0bec5", "#f06292"),
        tenures=(("#6391c7", "#8fb1d7"), ("#4c9c88", "#73bba9"), ("#ab7dbe", "#c3a3d0"),
                 ("#b5854a", "#caa87d"), ("#84909a", "#a6afb6")),
        tenure_text="#1b1e20", fill_alpha=150, uncertain_alpha=120,
    ),
    "high-contrast": dict(
        background="#000000", lane_alt="#141414", text="#ffffff", muted="#e0e0e0", grid="#3a3a3a",
        grid_major="#8a8a8a", leader="#b0b0b0", accent="#ffff00", now="#ff66cc",
        classes=("#ff4040", "#ffb000", "#00e08a", "#4aa8ff", "#d0d0d0",
                 "#d68cff", "#00e5ff", "#ffa36b", "#ffffff", "#ff7eb6"),
        tenures=(("#73a1db", "#abc7ea"), ("#1cb28d", "#22ddb0"), ("#b390cf", "#d1bce2"),
                 ("#da8e00", "#ffb731"), ("#9e9e9e", "#c4c4c4")),
        tenure_text="#000000", fill_alpha=175, uncertain_alpha=100,
    ),
}
THEMES = tuple(_PALETTES)


@dataclass
class Style:
    """Everything paint code needs to know about colours and type for one theme and scale."""

    theme: str = "light"
    font_scale: float = 1.0
    base_px: float = 13.0
    colours: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.theme not in _PALETTES:
            raise ValueError(f"unknown theme {self.theme!r}; expected one of {', '.join(THEMES)}")
        pal = _PALETTES[self.theme]
        self.colours = {k: QColor(v) for k, v in pal.items() if isinstance(v, str)}
        self.classes = [QColor(c) for c in pal["classes"]]
        self.tenures = [(QColor(a), QColor(b)) for a, b in pal["tenures"]]
        self.fill_alpha = pal["fill_alpha"]  # a bracket's bar: lighter than its end caps
        self.uncertain_alpha = pal["uncertain_alpha"]  # the part of a tenure its dates leave open
        self._fonts: dict[tuple, QFont] = {}
        self._pale: dict[tuple, QColor] = {}
        self._digits: dict[float, float] = {}

    def colour(self, name: str) -> QColor:
        return self.colours[name]

    def pale(self, colour: QColor, alpha: int) -> QColor:
        """`colour` at `alpha` over the background, as an opaque colour: the same look as a
        translucent fill without the cost of blending every pixel of every overlapping bar."""
        key = (colour.rgba(), alpha)
        hit = self._pale.get(key)
        if hit is None:
            bg, f = self.colours["background"], min(alpha, colour.alpha()) / 255
            hit = self._pale[key] = QColor(round(colour.red() * f + bg.red() * (1 - f)),
                                           round(colour.green() * f + bg.green() * (1 - f)),
                                           round(colour.blue() * f + bg.blue() * (1 - f)))
        return hit

    def font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        key = (scale, bold)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = QFont()
            font.setPixelSize(max(6, round(self.base_px * self.font_scale * scale)))
            font.setBold(bold)
        return font

    def digit_width(self, scale: float = 1.0) -> float:
        """Width of a digit in that font: the unit the date axis spaces its ticks by."""
        width = self._digits.get(scale)
        if width is None:
            width = self._digits[scale] = QFontMetricsF(self.font(scale)).horizontalAdvance("0")
        return width

    @property
    def line(self) -> float:
        """Height of one line of canvas text in pixels (the unit every layout size is given in)."""
        return self.base_px * self.font_scale * 1.35
