"""WCAG 2.2 contrast: relative luminance and contrast ratio of sRGB colours (no Qt).

The formulas are WCAG's own (Understanding SC 1.4.3, "relative luminance"): each channel is
linearised, weighted 0.2126 / 0.7152 / 0.0722, and the ratio of two luminances is
(lighter + 0.05) / (darker + 0.05), from 1:1 to 21:1.
"""

from __future__ import annotations

# The levels WCAG 2.2 asks for.
TEXT_AA = 4.5  # SC 1.4.3: body text
TEXT_AAA = 7.0  # SC 1.4.6: the high-contrast theme's text
NON_TEXT = 3.0  # SC 1.4.11: marks, bars, borders and focus indicators that convey meaning


def channels(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' (or '#rgb') as three 0-255 integers."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not an #rrggbb colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour given as 0-255 channels: 0 (black) to 1 (white)."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The contrast ratio of two colours, 1.0 to 21.0, whichever is lighter."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
