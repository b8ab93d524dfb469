"""The canvas keyboard: +/- zoom, arrows pan, Home/End, F fits, Z zooms to the selection,
Tab / Shift+Tab step through events in date order, Escape clears the selection.

Keys with Ctrl or Alt are left alone so the window's shortcuts (Ctrl+0 fit, Ctrl+Tab) still work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from desktop.core.model import Event

PAN_STEP = 0.2  # of the visible width, per arrow key


def next_event(order: list[Event], keep: frozenset[str] | None, current, forward: bool) -> Event | None:
    """The event after (or before) `current` in date order among those `keep` allows."""
    shown = [e for e in order if keep is None or e.id in keep]
    if not shown:
        return None
    pos = next((i for i, e in enumerate(shown) if e is current), None)
    if pos is None:
        return shown[0] if forward else shown[-1]
    return shown[min(pos + 1, len(shown) - 1)] if forward else shown[max(pos - 1, 0)]


def handle(view, ev: QKeyEvent) -> bool:
    """Act on a key press on the canvas; False when the key is not the canvas's."""
    if ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    actions = {
        Qt.Key.Key_Plus: view.zoom_in, Qt.Key.Key_Equal: view.zoom_in,
        Qt.Key.Key_Minus: view.zoom_out, Qt.Key.Key_Underscore: view.zoom_out,
        Qt.Key.Key_Left: lambda: view.pan(-PAN_STEP), Qt.Key.Key_Right: lambda: view.pan(PAN_STEP),
        Qt.Key.Key_Home: view.go_to_start, Qt.Key.Key_End: view.go_to_end,
        Qt.Key.Key_F: view.fit_all, Qt.Key.Key_Z: view.zoom_to_selection,
        Qt.Key.Key_Tab: lambda: view.step(not shift), Qt.Key.Key_Backtab: lambda: view.step(False),
        Qt.Key.Key_Escape: view.clear_selection,
    }
    action = actions.get(ev.key())
    if action is None:
        return False
    action()
    return True
