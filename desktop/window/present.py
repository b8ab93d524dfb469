"""Presentation mode for council meetings: full screen, white on black, one event at a time.

A projector at 1920x1080 or 1280x720 in a lit room, read from the back, and a clicker, which sends
Right/Left, PageDown/PageUp, Space/Backspace and B (or "."). The window is its own top-level
widget, so the editing window is untouched and no editing UI shows. Each step shows the event's
title, date, kind, rating and the chosen quote with speaker and source, a step counter, and under
them the event in context on a timeline strip; `formats.slide_deck.SlideDeck` paints it all, the same
code that writes the slides as a PDF or PNGs (`export --format slides` / `slides-png`).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QPainter, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.model import Event
from desktop.formats.slide_deck import Painted, SlideDeck
from desktop.core.slides import Slide, build_slides

__all__ = ["Slide", "build_slides", "choose_screen", "PresentationWindow", "start_presentation"]

_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter}
_PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up}
_BLANK = {Qt.Key.Key_B, Qt.Key.Key_Period}


def choose_screen(current: QScreen | None = None) -> QScreen:
    """The projector: a screen other than the one the editing window is on, when one is attached."""
    screens = QGuiApplication.screens()
    others = [s for s in screens if s is not current]
    if len(screens) > 1 and others:
        return others[0]
    return current or QGuiApplication.primaryScreen()


class PresentationWindow(QWidget):
    """Full-screen slides. Index 0 is the title slide; 1..N are the events."""

    finished = Signal()
    step_changed = Signal(int)

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._document = document
        self._deck = SlideDeck(document)
        self._index = 0
        self._blank = False
        self.setWindowTitle(f"{document.timeline.title} \u2014 presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        document.timeline_replaced.connect(self.close)
        document.changed.connect(self._rebuild)  # edits made meanwhile in the editing window
        document.filter_changed.connect(self._rebuild)
        self._show_current()

    # -- state -----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def slides(self) -> list[Slide]:
        return list(self._deck.slides)

    @property
    def deck(self) -> SlideDeck:
        return self._deck

    @property
    def is_blank(self) -> bool:
        return self._blank

    def current_event(self) -> Event | None:
        return self._deck.slides[self._index - 1].event if self._index > 0 else None

    def painted(self) -> list[Painted]:
        """Every text of the current slide as this window paints it (for tests and tools)."""
        image = QImage(max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_RGB32)
        record: list[Painted] = []
        painter = QPainter(image)
        try:
            self._deck.paint(painter, QRectF(image.rect()), self._index, record)
        finally:
            painter.end()
        return record

    def texts(self, role: str) -> str:
        """The texts of one kind on the current slide (headline, meta, quote, attribution, counter,
        lane, label, tenure, axis), joined by spaces."""
        return " ".join(t.text for t in self.painted() if t.role == role)

    # -- navigation ------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self._deck.slides)))
        if index == self._index:
            return
        self._index = index
        self._show_current()
        self.step_changed.emit(index)

    def next(self) -> None:
        self.go_to(self._index + 1)

    def previous(self) -> None:
        self.go_to(self._index - 1)

    def toggle_blank(self) -> None:
        self._blank = not self._blank
        self.update()

    def _rebuild(self) -> None:
        """Take the slides again from the document, staying on the same event when it is still shown."""
        current = self.current_event()
        self._deck = SlideDeck(self._document)
        ids = [s.event.id for s in self._deck.slides]
        if current is not None and current.id in ids:
            self._index = ids.index(current.id) + 1
        self._index = min(self._index, len(self._deck.slides))
        self._show_current()

    def _show_current(self) -> None:
        event = self.current_event()
        self._document.select(event)  # the editing window's panels follow
        # a painted slide has no labels for a screen reader to read: the window says what it shows
        caption = self._deck.caption(self._index)
        self.setAccessibleName(f"{caption.headline} ({caption.counter})")
        self.setAccessibleDescription("\n".join(part for part in (
            "".join(text for text, _ in caption.meta), caption.quote, caption.attribution) if part))
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in _BLANK or (self.is_blank and key in _NEXT | _PREVIOUS):
            self.toggle_blank()  # any clicker key brings the picture back before it moves on
        elif key in _NEXT:
            self.next()
        elif key in _PREVIOUS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self._deck.slides))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event) -> None:
        self.finished.emit()
        super().closeEvent(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            if self._blank:
                painter.fillRect(self.rect(), Qt.GlobalColor.black)
            else:
                self._deck.paint(painter, QRectF(self.rect()), self._index)
        finally:
            painter.end()


def start_presentation(document, editing_window: QWidget | None = None) -> PresentationWindow:
    """Open presentation mode full screen on the projector (or this screen when there is one).

    A second F5 brings the open presentation to the front instead of starting another; a closed
    one is deleted, so no hidden canvas keeps repainting on every edit.
    """
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PresentationWindow) and widget.isVisible() and widget._document is document:
            widget.raise_()
            widget.activateWindow()
            return widget
    window = PresentationWindow(document)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen = choose_screen(editing_window.screen() if editing_window is not None else None)
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.activateWindow()
    window.setFocus()
    return window
