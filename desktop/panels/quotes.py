"""The quotes panel: what the selected event or tenure is, and every sourced quote about it.

Quote words, titles and summaries come from files people edit, so they are always shown as
plain text (`Qt.PlainText`), never interpreted as HTML. The one rich-text label, the source
line with its link, escapes every field and only links http(s) addresses.

Cards are built `BATCH` at a time (more as the list is scrolled to its end, or with the "Show
more" button), so an event with 100,000 quotes opens at once. Archives are read off the GUI
thread (`ArchiveJobs`): a badge says "Checking…" until its answer comes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.core.change import Change
from desktop.document import Document
from desktop.core.model import Event, Quote, Tenure
from desktop.panels.archive_jobs import ArchiveJobs
from desktop.panels.editor.quote_form import paste_quote_beside
from desktop.core.citation import is_web_url, quote_citation, readable_note, source_line, speaker_line
from desktop.panels.source_viewer import SourceViewer
from desktop.core.textsafety import breakable, isolate

BADGES = {  # object name (styled per theme), short text, tooltip
    True: ("badgeFound", "\u2713 Found verbatim in archive", "The quote appears word for word in the archived article."),
    False: ("badgeMissing", "\u2717 Not found in archive",
            "The quote does not appear word for word in the archived article: check it before citing."),
    None: ("badgeUnknown", "No archived text", "There is no archived copy of this source to check the quote against."),
}
CHECKING = object()  # the badge's state until the background check answers
_CHECKING_LOOK = ("badgeUnknown", "Checking\u2026", "The archived article is being read to look for the quote.")
#: cards built at once; more follow as the list is scrolled to its end
BATCH = 30


def badge_look(state: bool | str | None) -> tuple[str, str, str]:
    """Object name, text and tooltip of a badge: found, not found, no archive, checking, or a reason
    why the archive is not read (worded by `provenance`, no text from the file)."""
    if isinstance(state, str):
        return "badgeUnknown", "\u26a0 Archive not read", f"The archive file {state}, so the quote is not checked."
    if state is CHECKING:
        return _CHECKING_LOOK
    return BADGES[state]


def plain_label(text: str, name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(breakable(text))  # a 3,000-letter word must still wrap
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class QuoteCard(QFrame):
    """One quote: its words, who said it, the source line, the provenance badge and two buttons."""

    def __init__(self, panel: "QuotesPanel", quote: Quote, context: str = "") -> None:
        super().__init__()
        self.setObjectName("quoteCard")
        self.quote = quote
        timeline = panel.document.timeline
        source = timeline.source(quote.source)
        layout = QVBoxLayout(self)
        if context:
            layout.addWidget(plain_label(context, "panelMeta"))
        self.text_label = plain_label(f"\u201c{quote.text.strip()}\u201d", "quoteText")
        self.speaker_label = plain_label(f"\u2014 {speaker_line(timeline, quote)}", "quoteSpeaker")
        self.source_label = QLabel(self._source_html(source))
        self.source_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_label.setWordWrap(True)
        self.source_label.setOpenExternalLinks(False)
        self.source_label.linkActivated.connect(panel.open_url)
        self.badge = plain_label("")
        self.badge.setWordWrap(False)
        self.set_badge(panel.quote_found(quote))
        self.copy_button = QPushButton("Copy citation")
        self.copy_button.clicked.connect(lambda: self._copy(panel))
        self._copied = QTimer(self.copy_button, singleShot=True, interval=1500)  # dies with the button
        self._copied.timeout.connect(lambda: self.copy_button.setText("Copy citation"))
        self.open_button = QPushButton("Open source")
        self.open_button.setEnabled(panel.can_open_source(quote))
        self.open_button.clicked.connect(lambda: panel.open_source(quote))
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        widgets = [self.text_label, self.speaker_label, self.source_label]
        if quote.note:
            widgets.append(plain_label(f"Note: {readable_note(panel.document.timeline, quote.note)}", "panelMeta"))
        for widget in widgets:
            widget.setMinimumWidth(120)  # let the label wrap to any dock width
            layout.addWidget(widget)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        layout.addLayout(badge_row)
        layout.addLayout(row)

    def set_badge(self, state) -> None:
        name, text, tip = badge_look(state)
        self.badge.setObjectName(name)
        self.badge.setText(text)
        self.badge.setToolTip(tip)
        self.badge.style().unpolish(self.badge)  # the theme styles badges by object name
        self.badge.style().polish(self.badge)

    def _copy(self, panel: "QuotesPanel") -> None:
        panel.copy_citation(self.quote)
        self.copy_button.setText("Copied \u2713")  # the clipboard itself shows nothing
        self._copied.start()

    def _source_html(self, source) -> str:
        line = html.escape(breakable(source_line(source, self.quote.source)))
        if source is not None and is_web_url(source.url):
            url = html.escape(source.url.strip(), quote=True)
            return f'Source: {line} (<a href="{url}">{url}</a>)'
        return f"Source: {line}"


class QuotesPanel(QScrollArea):
    """Fills itself from `document.selection`; rebuilt on selection, edits and a new timeline."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWidgetResizable(True)
        # the body always takes the viewport's width, so long quotes wrap instead of scrolling sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.cards: list[QuoteCard] = []
        self.viewer: SourceViewer | None = None
        self.more_button: QPushButton | None = None
        self.jobs = ArchiveJobs(self)
        self._found_cache: dict[tuple[str, str], bool | str] = {}  # (archive, text) -> found or why not read
        self._asked: set[tuple[str, str]] = set()
        self._generation = 0  # answers from before an edit are dropped
        self._quotes: list[Quote] = []  # the section's quotes: cards[i] shows _quotes[i]
        self._contexts: list[str] | None = None
        self.verticalScrollBar().valueChanged.connect(self._maybe_show_more)
        document.selection_changed.connect(self.refresh)  # a method: disconnected when the panel goes
        document.changed.connect(self._on_data_changed)
        document.timeline_replaced.connect(self._on_data_changed)
        document.path_changed.connect(self._on_path_changed)  # Save As: archives are looked up beside the new file
        self.refresh()

    # -- building --------------------------------------------------------------------------
    def refresh(self) -> None:
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self.cards = []
        self._quotes, self._contexts = [], None
        self.more_button = None
        item = self.document.selection
        if isinstance(item, Event):
            self._show_event(item)
        elif isinstance(item, Tenure):
            self._show_tenure(item)
        else:
            self.title_label = plain_label("Nothing selected", "panelTitle")
            self._layout.addWidget(self.title_label)
            self._layout.addWidget(plain_label(
                "Click an event or a tenure on the timeline, or a row in the event list, "
                "to see what happened and what was said, with sources.", "panelMeta"))
        self._layout.addStretch(1)
        self.setWidget(body)

    def _show_event(self, event: Event) -> None:
        self.title_label = plain_label(event.title, "panelTitle")
        self._layout.addWidget(self.title_label)
        when = event.date.describe() + (f" \u2013 {event.end.describe()}" if event.end else "")
        meta = [when, event.kind.label] + ([f"Rating: {event.rating.label}"] if event.rating else [])
        self.meta_label = plain_label(" \u00b7 ".join(meta), "panelMeta")
        self._layout.addWidget(self.meta_label)
        if event.summary:
            self._layout.addWidget(plain_label(event.summary, "panelSummary"))
        names = [self.document.timeline.speaker_name(p) for p in event.people]
        if names:
            self._layout.addWidget(plain_label("People: " + ", ".join(isolate(n) for n in names), "panelMeta"))
        if event.note:
            self._layout.addWidget(plain_label(f"Note: {readable_note(self.document.timeline, event.note)}", "panelMeta"))
        timeline = self.document.timeline
        lines = [source_line(timeline.source(s), s) for s in event.sources]
        if lines:
            self.sources_label = plain_label("Sources:\n" + "\n".join(f"\u2022 {line}" for line in lines), "panelMeta")
            self._layout.addWidget(self.sources_label)
        self._add_quotes(event.quotes, None, "No quotes recorded for this event.")

    def _show_tenure(self, tenure: Tenure) -> None:
        timeline = self.document.timeline
        person, post = timeline.person(tenure.person), timeline.post(tenure.post)
        self.title_label = plain_label(person.name if person else tenure.person, "panelTitle")
        self._layout.addWidget(self.title_label)
        start = tenure.start.describe() if tenure.start else "unknown start"
        end = tenure.end.describe() if tenure.end else "present or unknown"
        self.meta_label = plain_label(f"{isolate(post.name if post else tenure.post)} \u00b7 {start} \u2013 {end}", "panelMeta")
        self._layout.addWidget(self.meta_label)
        if tenure.note:
            self._layout.addWidget(plain_label(f"Note: {readable_note(timeline, tenure.note)}", "panelMeta"))
        pairs = sorted(timeline.quotes_by(tenure.person), key=lambda pair: pair[0].date.sort_key())
        self._add_quotes([q for _, q in pairs], [f"{e.date.display()}: {e.title}" for e, _ in pairs],
                         "No quotes by this person recorded.")

    def _add_quotes(self, quotes: list[Quote], contexts: list[str] | None, empty: str) -> None:
        """A section of quote cards (each with its context line, if any), built `BATCH` at a time."""
        self._layout.addWidget(plain_label(f"Quotes ({len(quotes):,})" if quotes else empty, "panelSection"))
        self._cards_layout = QVBoxLayout()
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(self._cards_layout)
        self._quotes, self._contexts = quotes, contexts
        if len(quotes) > BATCH:
            self.more_button = QPushButton()
            self.more_button.setObjectName("moreQuotes")
            self.more_button.clicked.connect(self.show_more)
            self._layout.addWidget(self.more_button)
        self.show_more()

    def show_more(self) -> None:
        """Build the next `BATCH` cards (the first ones when the panel fills)."""
        start = len(self.cards)
        for index in range(start, min(start + BATCH, len(self._quotes))):
            card = QuoteCard(self, self._quotes[index], self._contexts[index] if self._contexts else "")
            self.cards.append(card)
            self._cards_layout.addWidget(card)
        self._check(self._quotes[start:len(self.cards)])
        if self.more_button is not None:
            left = self._left()
            self.more_button.setText(f"Show {min(BATCH, left)} more quotes ({left:,} not shown yet)")
            self.more_button.setVisible(left > 0)

    def _left(self) -> int:
        return len(self._quotes) - len(self.cards)

    def _maybe_show_more(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if self._left() > 0 and value >= bar.maximum() - bar.pageStep() // 2:
            self.show_more()

    def _on_path_changed(self, _path) -> None:
        self._on_data_changed()

    def _on_data_changed(self, change: Change | None = None) -> None:
        """A new timeline, or an edit (`change`): rebuilt only when the edit touched what it shows."""
        if change is not None and not self._shows(change):
            return
        self._found_cache.clear()
        self._asked.clear()
        self._generation += 1
        self.refresh()

    def _shows(self, change: Change) -> bool:
        """Whether `change` touched the shown event or tenure, or a source, person or post it shows."""
        item = self.document.selection
        if change.everything or (item is not None and change.touches(item)):
            return True
        if isinstance(item, Event):
            quotes = item.quotes
            return (not change.sources.isdisjoint([*item.sources, *(q.source for q in quotes)])
                    or not change.people.isdisjoint([*item.people, *(q.speaker for q in quotes)]))
        if isinstance(item, Tenure):  # it lists the quotes of its person, from any event
            return (item.person in change.people or item.post in change.posts or bool(change.sources)
                    or (bool(change.events) and "quotes" in change.fields))
        return False

    # -- provenance ------------------------------------------------------------------------
    def _archive(self, quote: Quote) -> str | None:
        """The source's `archive` as written, when there is one and a folder to look in."""
        source = self.document.timeline.source(quote.source)
        if source is None or not source.archive or self.document.path is None:
            return None
        return source.archive

    def quote_found(self, quote: Quote):
        """True/False from the provenance check, a reason when the archive is not read, None when
        there is no archived text, `CHECKING` until the background check answers."""
        archive = self._archive(quote)
        if archive is None:
            return None
        return self._found_cache.get((archive, quote.text), CHECKING)

    def _check(self, quotes: list[Quote]) -> None:
        """Ask the background for the quotes whose answer is not known or asked for yet."""
        wanted = []
        for quote in quotes:
            archive = self._archive(quote)
            key = (archive, quote.text)
            if archive is not None and key not in self._found_cache and key not in self._asked:
                self._asked.add(key)
                wanted.append(key)
        if wanted:
            generation = self._generation
            self.jobs.find_quotes(wanted, self.document.path.parent,
                                  lambda found: self._checked(generation, wanted, found))

    def _checked(self, generation: int, wanted: list[tuple[str, str]], found) -> None:
        if generation != self._generation:
            return  # the timeline changed since: its cards asked again
        if not isinstance(found, dict):  # the worker failed: say so rather than "Checking…" for ever
            found = dict.fromkeys(wanted, str(found))
        self._found_cache.update(found)
        for card in self.cards:
            state = self.quote_found(card.quote)
            if state is not CHECKING:
                card.set_badge(state)

    # -- actions ---------------------------------------------------------------------------
    def copy_citation(self, quote: Quote) -> None:
        QGuiApplication.clipboard().setText(quote_citation(self.document.timeline, quote))

    def can_open_source(self, quote: Quote) -> bool:
        source = self.document.timeline.source(quote.source)
        return source is not None and (is_web_url(source.url) or self._archive(quote) is not None)

    def open_source(self, quote: Quote) -> None:
        """The web page for http(s) URLs (after showing it), else the archived text, highlighted,
        once it has been read in the background (`viewer` is set then)."""
        source = self.document.timeline.source(quote.source)
        if source is not None and is_web_url(source.url):
            self.open_url(source.url.strip())
            return
        archive = self._archive(quote)
        if archive is None:
            return
        generation = self._generation
        self.jobs.read(archive, self.document.path.parent,
                       lambda answer: self._show_source(generation, quote, archive, answer))

    def _show_source(self, generation: int, quote: Quote, archive: str, answer) -> None:
        if generation != self._generation:
            return  # edited meanwhile: the archive or the quote may be another
        source = self.document.timeline.source(quote.source)
        if isinstance(answer, str):
            box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the archived text", "",
                              QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)  # the archive's name comes from the file
            box.setText(f"The archive file {archive} {answer}, so it is not shown.")
            box.exec()
            return
        path, text = answer
        self.viewer = SourceViewer(source_line(source, quote.source), path, text, quote.text, self, offset=quote.offset)
        self.viewer.quote_requested.connect(lambda selected, q=quote: paste_quote_beside(self.document, q, selected))
        self.viewer.show()

    def open_url(self, url: str) -> None:
        """Show the address first; open it in the browser only when it is http(s) and confirmed."""
        if not is_web_url(url):
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Open web page", "",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Open this address in your web browser?\n\n{url}")
        if box.exec() == QMessageBox.StandardButton.Open.value:
            QDesktopServices.openUrl(QUrl(url))
