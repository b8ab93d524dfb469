"""The editor panel: one tab per kind of entry, for a dock of the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QTabWidget, QWidget

from desktop.core.model import Event, Tenure
from desktop.panels.editor.catalog_forms import PersonForm, PostForm, SourceForm
from desktop.panels.editor.event_form import EventForm
from desktop.panels.editor.quote_form import QuoteForm
from desktop.panels.editor.tenure_form import TenureForm
from desktop.panels.editor.wording import LiveTexts

__all__ = ["EditorPanel"]


class EditorPanel(QTabWidget):
    """Event, Quotes, Tenure, Sources, People, Posts; selecting on the canvas shows the right tab."""

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor-panel")
        self.event_form = EventForm(document)
        self.quote_form = QuoteForm(document)
        self.tenure_form = TenureForm(document)
        self.source_form = SourceForm(document)
        self.person_form = PersonForm(document)
        self.post_form = PostForm(document)
        for form, title in ((self.event_form, "Event"), (self.quote_form, "Quotes"),
                            (self.tenure_form, "Tenure"), (self.source_form, "Sources"),
                            (self.person_form, "People"), (self.post_form, "Posts")):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fit the dock's width
            # Always there: a scroll bar that comes and goes would cover the fields' right edge
            scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            scroll.setWidget(form)
            self.addTab(scroll, title)
        # Every tab in sight at 1366x768 (no scroll arrows hiding People and Posts): compact tabs,
        # and the dock is never narrower than the tab bar.
        self.setDocumentMode(True)
        self.tabBar().setUsesScrollButtons(False)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.tabBar().setExpanding(False)
        self.event_form.add_quote_requested = self.add_quote
        self.live_texts = LiveTexts(document.undo_stack, self)
        for form in self.forms():
            form.live_texts = self.live_texts
        document.changed.connect(self.live_texts.refresh)
        document.selection_changed.connect(self._selection_changed)

    def add_quote(self):
        """The event form's "Add quote": a new quote of the shown event, its Speaker box ready to type."""
        self.event_form.rejected()  # typing not yet committed goes in first (invalid text stays shown)
        self.show_form(self.quote_form)
        quote = self.quote_form.add_new()
        if quote is not None:
            self.quote_form.bindings["speaker"].editor.setFocus()
        return quote

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        """Wide enough for the tab bar and for every form beside its scroll bar: nothing cut."""
        hint = super().minimumSizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        forms = max(form.minimumSizeHint().width() for form in self.forms()) + bar + 4
        hint.setWidth(max(hint.width(), self.tabBar().sizeHint().width() + 4, forms))
        return hint

    def forms(self) -> list:
        return [self.event_form, self.quote_form, self.tenure_form,
                self.source_form, self.person_form, self.post_form]

    def _selection_changed(self, item) -> None:
        if isinstance(item, Event) and self.currentIndex() not in (0, 1):
            self.setCurrentIndex(0)
        elif isinstance(item, Tenure):
            self.setCurrentIndex(2)

    def show_form(self, form) -> None:
        self.setCurrentIndex(self.forms().index(form))
