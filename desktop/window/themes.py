"""Light, dark and high-contrast themes: a QPalette plus a small stylesheet per theme.

The user's preference ('system', 'light', 'dark', 'high-contrast') lives in Settings; 'system'
follows `QStyleHints.colorScheme()` and changes with it. The resolved theme name is also
handed to the canvas (`set_theme`) so the plot matches the widgets around it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core import paths

THEMES = ("light", "dark", "high-contrast")
PREFERENCES = ("system",) + THEMES
LABELS = {"system": "Follow system", "light": "Light", "dark": "Dark", "high-contrast": "High contrast"}

# (window, base, alternate base, text, button, highlight, highlighted text, link, placeholder, disabled text).
# Every text colour meets WCAG 2.2 AA (4.5:1) on the backgrounds it is drawn on, AAA (7:1) in the
# high-contrast theme, and the highlight (selection, focus) 3:1 beside the backgrounds; disabled
# text is exempt and kept dimmer than the placeholder so the two are told apart.
# tests/test_contrast.py computes every pair.
_COLOURS = {
    "light": ("#f3f3f3", "#ffffff", "#f6f7f9", "#1b1b1b", "#e9e9e9", "#2f6fd6", "#ffffff", "#1d5bbf", "#6b6b6b",
              "#8a8a8a"),
    "dark": ("#232629", "#1b1e20", "#25292c", "#e6e6e6", "#2f3337", "#3d8ee8", "#000000", "#7db7ff", "#959595",
             "#7b7f83"),
    "high-contrast": ("#000000", "#000000", "#101010", "#ffffff", "#000000", "#ffff00", "#000000", "#7fd8ff",
                      "#c0c0c0", "#c0c0c0"),
}


def resolve(preference: str) -> str:
    """The theme to apply for a preference: 'system' becomes 'light' or 'dark'."""
    if preference in THEMES:
        return preference
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def palette(name: str) -> QPalette:
    window, base, alt, text, button, hilite, hitext, link, placeholder, disabled = (QColor(c) for c in _COLOURS[name])
    pal = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, window), (role.Base, base), (role.AlternateBase, alt), (role.Text, text),
        (role.WindowText, text), (role.Button, button), (role.ButtonText, text), (role.Highlight, hilite),
        (role.HighlightedText, hitext), (role.Link, link), (role.ToolTipBase, base), (role.ToolTipText, text),
        (role.PlaceholderText, placeholder), (role.BrightText, hilite),
    ):
        pal.setColor(r, c)
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def stylesheet(name: str) -> str:
    """The theme's stylesheet from resources/styles/NAME.qss (empty when missing)."""
    path = paths.resource("styles", f"{name}.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def apply(app: QApplication, name: str) -> None:
    """Apply a resolved theme name to the whole application (re-polishing every widget is costly:
    nothing is done when that theme is already applied)."""
    if app.property("councilTimelineTheme") == name:
        return
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the one style whose colours follow the palette on every platform
    app.setPalette(palette(name))
    app.setStyleSheet(stylesheet(name))
    app.setProperty("councilTimelineTheme", name)
