"""Presentation mode for council meetings: full screen, high contrast, one event at a time.

A projector at 1920x1080 or 1280x720 in a lit room, read from the back: so white on black,
body text of at least 28 px at 1080 lines (scaled down in proportion at 720), and a clicker,
which sends Right/Left, PageDown/PageUp, Space/Backspace and B (or "."). The window is its own
top-level widget with a second `TimelineView` on the same Document, so the editing window is
untouched and no editing UI shows. Each step moves that canvas to the event and shows its title,
date, kind, rating and the chosen quote with speaker and source, and a step counter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from desktop.core.citation import cite_id
from desktop.core.model import Event, Rating
from desktop.core.slides import Slide, build_slides
from desktop.core.textsafety import display_html

__all__ = ["Slide", "build_slides", "choose_screen", "PresentationWindow", "start_presentation"]

_BACKGROUND, _TEXT, _ACCENT, _MUTED = "#000000", "#ffffff", "#ffd400", "#d8d8d8"
_RATING_COLOURS = {
    Rating.OUTSTANDING: "#7fd8ff", Rating.GOOD: "#7dff7d",
    Rating.REQUIRES_IMPROVEMENT: "#ffb347", Rating.INADEQUATE: "#ff7a7a",
}
_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter}
_PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up}
_BLANK = {Qt.Key.Key_B, Qt.Key.Key_Period}
BODY_PX_AT_1080 = 32  # the issue asks for at least 28
_WINDOW_SECONDS = 6 * 365.25 * 86400  # a step shows about six years around its event


def choose_screen(current: QScreen | None = None) -> QScreen:
    """The projector: a screen other than the one the editing window is on, when one is attached."""
    screens = QGuiApplication.screens()
    others = [s for s in screens if s is not current]
    if len(screens) > 1 and others:
        return others[0]
    return current or QGuiApplication.primaryScreen()


def _label(parent: QWidget, colour: str, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"color: {colour}; background: transparent;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _esc(text: str) -> str:
    """One field of the file for a rich-text label: escaped, bidi-isolated, long words breakable."""
    return display_html(text)


class PresentationWindow(QWidget):
    """Full-screen slides over a moving timeline. Index 0 is the title slide; 1..N are the events."""

    finished = Signal()
    step_changed = Signal(int)
    MEASURED = 100  # slides measured for the caption's height (under a millisecond each)

    def __init__(self, document, animate: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from desktop.timeline import TimelineView

        self._document = document
        self._animate = animate
        self._slides = build_slides(document)
        self._index = 0
        self.setWindowTitle(f"{document.timeline.title} \u2014 presentation")
        self.setObjectName("presentation")
        self.setStyleSheet(f"#presentation {{ background: {_BACKGROUND}; }}")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.view = TimelineView(document, self)
        self.view.set_theme("high-contrast")
        for child in [self.view, *self.view.findChildren(QWidget)]:
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # every key goes to the slides
        self.headline = _label(self, _TEXT)
        self.meta = _label(self, _ACCENT)
        self.quote = _label(self, _TEXT)
        self.attribution = _label(self, _MUTED)
        self.counter = _label(self, _MUTED, wrap=False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.quote.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._caption = QFrame(self)
        self._caption.setObjectName("caption")
        self._caption.setStyleSheet(f"#caption {{ background: {_BACKGROUND}; border-top: 3px solid {_ACCENT}; }}")
        caption = QVBoxLayout(self._caption)
        for widget in (self.headline, self.meta, self.quote, self.attribution):
            caption.addWidget(widget)
        caption.addStretch(1)  # the attribution stays under its quote; the counter sits at the bottom
        caption.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self._caption)  # as tall as the longest slide needs (`_apply_sizes`): the canvas gets the rest
        self._blank = QWidget(self)
        self._blank.setStyleSheet("background: #000000;")
        self._blank.hide()
        document.timeline_replaced.connect(self.close)
        document.changed.connect(self._rebuild)  # edits made meanwhile in the editing window
        document.filter_changed.connect(self._rebuild)
        self._apply_sizes()
        self._show_current()

    # -- state -----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def slides(self) -> list[Slide]:
        return list(self._slides)

    @property
    def is_blank(self) -> bool:
        return self._blank.isVisible()

    def current_event(self) -> Event | None:
        return self._slides[self._index - 1].event if self._index > 0 else None

    # -- navigation ------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self._slides)))
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
        self._blank.setGeometry(self.rect())
        self._blank.setVisible(not self._blank.isVisible())
        self._blank.raise_()

    def _rebuild(self) -> None:
        """Take the slides again from the document, staying on the same event when it is still shown."""
        current = self.current_event()
        self._slides = build_slides(self._document)
        ids = [s.event.id for s in self._slides]
        if current is not None and current.id in ids:
            self._index = ids.index(current.id) + 1
        self._index = min(self._index, len(self._slides))
        self._fit_caption()
        self._show_current()

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
            self.go_to(len(self._slides))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event) -> None:
        self.finished.emit()
        super().closeEvent(event)

    # -- drawing ---------------------------------------------------------------------------
    def _texts(self, index: int) -> tuple[str, str, str, str, str]:
        """Headline, facts, quote, attribution and counter of slide `index`, as rich text."""
        timeline = self._document.timeline
        total = len(self._slides)
        if index == 0:
            p = timeline.presentation
            title = (p.title if p and p.title else None) or timeline.title
            subtitle = (p.subtitle if p and p.subtitle else None) or timeline.description or ""
            first, last = (self._slides[0].event, self._slides[-1].event) if total else (None, None)
            span = f"{first.date.display()} to {last.date.display()}" if first else "No events to show"
            return f"<b>{_esc(title)}</b>", _esc(subtitle), "", _esc(span), f"{total} events \u00b7 \u2192 to begin"
        slide = self._slides[index - 1]
        e = slide.event
        when = e.date.display() + (f" to {e.end.display()}" if e.end else "")
        facts = [_esc(when), _esc(e.kind.label)]
        if e.rating:
            facts.append(f"<span style='color:{_RATING_COLOURS[e.rating]}'><b>{_esc(e.rating.label)}</b></span>")
        if slide.quote is not None:
            q = e.quotes[slide.quote]
            who = _esc(timeline.speaker_name(q.speaker)) + (f", {_esc(q.role)}" if q.role else "")
            quote = f"\u201c{_esc(q.text)}\u201d"
            attribution = f"\u2014 {who} \u00b7 {_esc(cite_id(timeline, q.source, full=False))}"
        else:
            quote = _esc(e.summary or "")
            cites = "; ".join(cite_id(timeline, s, full=False) for s in e.sources)
            attribution = f"Source: {_esc(cites)}" if cites else ""
        return f"<b>{_esc(e.title)}</b>", " \u00b7 ".join(facts), quote, attribution, f"{index} / {total}"

    def _set_texts(self, index: int) -> None:
        for label, text in zip(self._caption_labels(), self._texts(index)):
            label.setText(text)

    def _caption_labels(self) -> tuple[QLabel, ...]:
        return self.headline, self.meta, self.quote, self.attribution, self.counter

    def _show_current(self) -> None:
        self._set_texts(self._index)
        if self._index == 0:
            self._document.select(None)
            self.view.fit_all()
            return
        e = self._slides[self._index - 1].event
        self._document.select(e)  # the canvas highlights it (and the editing window's panels follow)
        self._move_to(e)
        self._fit_quote()

    def _move_to(self, event: Event) -> None:
        """Glide to the event; from the overview (or a view far wider) zoom to a few years around it first."""
        span = self.view.interval(event) if hasattr(self.view, "interval") else None
        x0, x1 = self.view.view_range()
        if span is None or x1 - x0 <= _WINDOW_SECONDS * 1.5:
            self.view.center_on(event, animate=self._animate)
            return
        width = max(_WINDOW_SECONDS, (span[1] - span[0]) * 1.3)
        middle = (span[0] + span[1]) / 2
        self.view.set_view_range(middle - width / 2, middle + width / 2, animate=self._animate)

    def _apply_sizes(self) -> None:
        """Type in pixels from the window height: 1080 lines is the reference."""
        unit = max(self.height(), 360) / 1080
        for label, px, bold in ((self.headline, 54, True), (self.meta, BODY_PX_AT_1080, True),
                                (self.quote, 40, False), (self.attribution, BODY_PX_AT_1080, False),
                                (self.counter, 28, False)):
            font = QFont(label.font())
            font.setPixelSize(round(px * unit))
            font.setBold(bold)
            label.setFont(font)
        pad = round(40 * unit)
        self._caption.layout().setContentsMargins(pad * 2, round(pad * 0.6), pad * 2, round(pad * 0.5))
        self._caption.layout().setSpacing(round(10 * unit))
        self._fit_caption()
        if hasattr(self.view, "set_font_scale"):
            self.view.set_font_scale(2.0 * unit)
        self._fit_quote()

    def _fit_caption(self) -> None:
        """One caption height for the whole talk, so the timeline does not jump from slide to slide:
        what the longest slide needs with its quote at full size, at most 9/20 of the screen (a longer
        quote is set smaller, `_fit_quote`). Short captions leave the timeline more room, and its
        type grows with it. A talk of more than MEASURED slides keeps the 9/20."""
        cap = round(self.height() * 9 / 20)
        need = 0
        if len(self._slides) < self.MEASURED:
            quote = QFont(self.quote.font())
            quote.setPixelSize(round(40 * max(self.height(), 360) / 1080))
            self.quote.setFont(quote)
            width = max(self.width(), 200)
            for index in range(len(self._slides) + 1):
                self._set_texts(index)
                need = max(need, self._caption.heightForWidth(width))
                if need >= cap:
                    break
            self._set_texts(self._index)
        self._caption.setFixedHeight(min(need, cap) if need > 0 else cap)

    def _fit_quote(self) -> None:
        """Shrink a long quote until it fits the space left, never below the body size."""
        unit = max(self.height(), 360) / 1080
        width = max(self.width() - 4 * round(40 * unit), 200)
        room = self.height() * 9 / 20 - sum(
            QFontMetrics(w.font()).height() * (2 if w is self.headline else 1)
            for w in (self.headline, self.meta, self.attribution, self.counter)
        ) - 90 * unit
        font = QFont(self.quote.font())
        px = round(40 * unit)
        text = self.quote.text()
        while px > round(BODY_PX_AT_1080 * unit):
            font.setPixelSize(px)
            rect = QFontMetrics(font).boundingRect(0, 0, int(width), 100000, Qt.TextFlag.TextWordWrap, text)
            if rect.height() <= room:
                break
            px -= 1
        font.setPixelSize(px)
        self.quote.setFont(font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
        self._blank.setGeometry(self.rect())


def start_presentation(document, editing_window: QWidget | None = None, animate: bool = True) -> PresentationWindow:
    """Open presentation mode full screen on the projector (or this screen when there is one).

    A second F5 brings the open presentation to the front instead of starting another; a closed
    one is deleted, so no hidden canvas keeps repainting on every edit.
    """
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PresentationWindow) and widget.isVisible() and widget._document is document:
            widget.raise_()
            widget.activateWindow()
            return widget
    window = PresentationWindow(document, animate=animate)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen = choose_screen(editing_window.screen() if editing_window is not None else None)
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.activateWindow()
    window.setFocus()
    return window
