"""Form fields bound by name to a model attribute, each committing one command when editing finishes.

A binding owns its widget and an error label shown right under it. Text boxes take no more than
the loader accepts (`bounded.py`): what would pass the limit is refused, and the label says so. `commit()` parses what was
typed, runs the form's checks (duplicate id, end before start...) and either shows the message
and commits nothing, or asks the form to push one command. `show()` puts the model value back
into the widget without committing (after undo, or when another entry is picked).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop.core.dates import PartialDate
from desktop.panels.editor.bounded import BoundedLineEdit, BoundedPlainTextEdit
from desktop.core.rules import MAX_TEXT, Invalid, parse_date, parse_text, too_long
from desktop.panels.plaintext import plain_label
from desktop.core.textsafety import tooltip

__all__ = ["narrow", "refill", "Binding", "TextBinding", "NoteBinding", "DateBinding", "ChoiceBinding", "ListBinding", "SpeakerBinding"]

Check = Callable[[object, object], "str | None"]  # (value, entry) -> message or None


def spoken(label: str) -> str:
    """A label as a screen reader should say it: without its `&` access-key mark ("&&" is an ampersand)."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


class Binding(QObject):
    """One field: `name` on the entry, its editor `widget`, an `error` label and extra `checks`."""

    def __init__(self, name: str, label: str, editor: QWidget, checks: list[Check] | None = None) -> None:
        super().__init__(editor)
        self.name = name
        self.label = label
        self.editor = editor
        self.checks = list(checks or [])
        editor.setAccessibleName(spoken(label))  # the form's label names the container, not the field
        self.error = plain_label(QLabel())  # messages may quote the typed text
        self.error.setObjectName(f"error-{name}")
        self.error.setProperty("fieldError", True)  # its colour comes from the theme's stylesheet
        self.error.setWordWrap(True)
        self.error.hide()
        self.container = QWidget()
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.commit_to: Callable[[Binding, object], None] | None = None  # set by the form
        self._refusal: str | None = None  # the last refused paste, said until the text is edited
        self.entry: object | None = None

    # -- subclasses -------------------------------------------------------------------------
    def read(self) -> object:
        """The typed value as a model value; raise `Invalid` when it cannot be one."""
        raise NotImplementedError

    def write(self, value: object) -> None:
        raise NotImplementedError

    # -- shared -----------------------------------------------------------------------------
    @property
    def message(self) -> str | None:
        return self.error.text() if self.error.isVisibleTo(self.container) else None

    def refuse(self, length: int) -> None:
        """Text was pasted, dropped or typed that would make the value longer than the file format allows.

        The message stays by the field until its text is next edited (leaving the field keeps it)."""
        limit = self.editor.limit if hasattr(self.editor, "limit") else MAX_TEXT
        self._refusal = (f"Not added: the {self.label.lower()} would be {length:,} characters long; "
                         f"a timeline file holds at most {limit:,} here.")
        self.set_error(self._refusal)

    def _edited(self, *_args) -> None:
        self._refusal = None

    def checked_length(self, text: str, limit: int) -> str:
        """`text` stripped; `Invalid` when the loader would refuse it as too long."""
        value = text.strip()
        message = too_long(len(value), limit)
        if message:
            raise Invalid(message)
        return value

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setToolTip(tooltip(message) if message else "")
        self.editor.setAccessibleDescription(message or "")

    def show(self, entry: object | None) -> None:
        """Show `entry`'s value (or clear when None) without committing anything."""
        self.entry = entry
        self.editor.setEnabled(entry is not None)
        self.editor.blockSignals(True)
        try:
            self.write(getattr(entry, self.name) if entry is not None else None)
        finally:
            self.editor.blockSignals(False)
        self._refusal = None
        self.set_error(None)

    def typed_text(self) -> str:
        """What the field shows, as typed (for messages that name rejected typing)."""
        editor = getattr(self, "text", self.editor)
        if hasattr(editor, "toPlainText"):
            return editor.toPlainText()
        return editor.currentText() if hasattr(editor, "currentText") else editor.text()

    def validate(self) -> tuple[bool, object]:
        """Parse and check; show the first problem next to the field."""
        try:
            value = self.read()
            message = next((m for check in self.checks if (m := check(value, self.entry))), None)
        except Invalid as exc:
            value, message = None, str(exc)
        self.set_error(message or self._refusal)
        return message is None, value

    def commit(self) -> bool:
        """Commit what was typed as one command; False (and nothing changes) when it is invalid."""
        if self.entry is None:
            return False
        ok, value = self.validate()
        if not ok:
            return False
        if value != getattr(self.entry, self.name) and self.commit_to is not None:
            self.commit_to(self, value)
        return True


class TextBinding(Binding):
    """A one-line text; `parse` turns the text into the value (default: stripped, None when empty)."""

    #: the whole line is one value the loader measures (a list's items are measured by its parse)
    whole_value = True

    def __init__(self, name: str, label: str, required: bool = False, parse=None, checks=None,
                 placeholder: str = "", limit: int = MAX_TEXT) -> None:
        super().__init__(name, label, BoundedLineEdit(limit), checks)
        self.editor.setPlaceholderText(placeholder or ("required" if required else ""))
        self._parse = parse or (lambda text: parse_text(text, required))
        self.editor.editingFinished.connect(self.commit)
        self.editor.refused.connect(self.refuse)
        self.editor.textEdited.connect(self._edited)

    def read(self) -> object:
        if self.whole_value:
            self.checked_length(self.editor.text(), self.editor.limit)
        return self._parse(self.editor.text())

    def write(self, value: object) -> None:
        if isinstance(value, list):
            value = ", ".join(value)
        self.editor.setText("" if value is None else str(value))
        self.editor.setCursorPosition(0)  # a long title shows its beginning, not its end


class ListCompleter(QCompleter):
    """Completes the item being typed in `a, b, c` (the part after the last comma)."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt API)
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802
        done = self.widget().text().rsplit(",", 1)[0] + ", " if "," in self.widget().text() else ""
        return done + str(index.data())


class ListBinding(TextBinding):
    """A list of ids or names typed as `a, b, c` (parse returns the list); `choices` offers
    completions (the ids of people or sources) for the item being typed."""

    whole_value = False

    def __init__(self, name: str, label: str, choices: Callable[[], list[str]] | None = None, **kwargs) -> None:
        super().__init__(name, label, **kwargs)
        self._choices = choices
        self.completer: ListCompleter | None = None
        if choices is not None:
            self.completer = ListCompleter(QStringListModel(self), self.editor)
            self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.editor.setCompleter(self.completer)

    def write(self, value: object) -> None:
        if self.completer is not None:
            self.completer.model().setStringList(self._choices())
        self.editor.setText(", ".join(value or []))


class NoteBinding(Binding):
    """Several lines of text (summary, quote text, notes); commits when focus leaves the box."""

    def __init__(self, name: str, label: str, required: bool = False, checks=None) -> None:
        super().__init__(name, label, BoundedPlainTextEdit(MAX_TEXT), checks)
        self.editor.refused.connect(self.refuse)
        self.editor.textChanged.connect(self._edited)
        self._required = required
        self.editor.setTabChangesFocus(True)
        self.editor.installEventFilter(self)
        # Grows with its text (two lines empty, up to twelve), instead of a fixed 72-pixel box
        self.editor.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        line = self.editor.fontMetrics().lineSpacing()
        lines = max(2, min(12, int(self.editor.document().size().height())))
        frame = self.editor.frameWidth() * 2 + int(self.editor.document().documentMargin() * 2)
        self.editor.setFixedHeight(lines * line + frame)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def read(self) -> object:
        text = self.checked_length(self.editor.toPlainText(), self.editor.limit)
        if not text and self._required:
            raise Invalid("required")
        return text or None

    def write(self, value: object) -> None:
        self.editor.setPlainText("" if value is None else str(value))


class DateBinding(Binding):
    """A partial date typed as YYYY, YYYY-MM or YYYY-MM-DD, with an "approximate" box beside it."""

    def __init__(self, name: str, label: str, required: bool = False, checks=None) -> None:
        box = QWidget()
        super().__init__(name, label, box, checks)
        self.text = QLineEdit()
        self.text.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD" + ("" if required else " (empty: unknown)"))
        self.approx = QCheckBox("approx.")
        self.approx.setToolTip("around, early, end of...")
        self.text.setAccessibleName(spoken(label))
        box.setFocusProxy(self.text)
        self.approx.setAccessibleName(f"{spoken(label)} is approximate")
        self.approx.setAccessibleDescription("around, early, end of...")
        self.precision = QLabel()
        self.precision.setStyleSheet("color: palette(mid);")
        # "month only" is read in full; the date box gives way instead (a date is ten characters)
        self.precision.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("0000-00-00") + 16)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.approx)
        row.addWidget(self.precision)
        self._required = required
        self.text.editingFinished.connect(self.commit)
        self.approx.toggled.connect(lambda _on: self.commit())

    def read(self) -> object:
        return parse_date(self.text.text(), self.approx.isChecked(), self._required)

    def write(self, value: object) -> None:
        for w in (self.text, self.approx):
            w.blockSignals(True)
        self.text.setText(value.iso() if isinstance(value, PartialDate) else "")
        self.approx.setChecked(bool(value and value.approx))
        self.precision.setText(value.precision.label if isinstance(value, PartialDate) else "")
        for w in (self.text, self.approx):
            w.blockSignals(False)


def narrow(combo: QComboBox) -> QComboBox:
    """Long choices (source titles) must not widen the dock: elide them instead."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def refill(combo: QComboBox, shown: list[str], texts: list[str]) -> None:
    """Make `combo`'s items `texts` (it shows `shown`): only the items that differ are rewritten when
    the count is the same (a renamed source among 10,000), else all of them."""
    if len(shown) == len(texts):
        for i in [i for i, (a, b) in enumerate(zip(shown, texts)) if a != b]:
            combo.setItemText(i, texts[i])
    else:
        combo.clear()
        combo.addItems(texts)


class ChoiceBinding(Binding):
    """A fixed choice (kind, rating, person, post, source): `choices` gives (label, value) pairs."""

    def __init__(self, name: str, label: str, choices: Callable[[], list[tuple[str, object]]], checks=None) -> None:
        super().__init__(name, label, narrow(QComboBox()), checks)
        self._choices = choices
        self._values: list = []
        self._texts: list[str] = []
        self.editor.activated.connect(lambda _i: self.commit())

    def write(self, value: object) -> None:
        # Values are kept here, not as item data: Qt would turn str-based enums into plain str.
        choices = self._choices()
        self._values = [data for _text, data in choices]
        texts = [text for text, _data in choices]
        if value is not None and value not in self._values:  # a value not among the choices stays visible
            self._values.append(value)
            texts.append(str(getattr(value, "value", value)))
        if texts != self._texts:  # the items are rewritten only when they differ (10k sources: 0.1 s)
            refill(self.editor, self._texts, texts)
            self._texts = texts
        self.editor.setCurrentIndex(self._values.index(value) if value in self._values else -1)

    def read(self) -> object:
        index = self.editor.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def index_of(self, value: object) -> int:
        return self._values.index(value)


class SpeakerBinding(Binding):
    """A quote's speaker: pick a person (stored as their id) or type a body such as "Ofsted"."""

    def __init__(self, name: str, label: str, people: Callable[[], list], checks=None) -> None:
        combo = narrow(QComboBox())
        combo.setEditable(True)
        combo.setLineEdit(BoundedLineEdit(MAX_TEXT))
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        super().__init__(name, label, combo, checks)
        combo.lineEdit().setAccessibleName(spoken(label))
        combo.lineEdit().refused.connect(self.refuse)
        combo.lineEdit().textEdited.connect(self._edited)
        self._people = people
        self._shown: list[tuple[str, str]] = []
        combo.lineEdit().editingFinished.connect(self.commit)
        combo.activated.connect(lambda _i: self.commit())

    def write(self, value: object) -> None:
        people = [(person.name, person.id) for person in self._people()]
        if people != self._shown:  # filled again only when the people differ
            self._shown = people
            self.editor.clear()
            for name, ident in people:
                self.editor.addItem(name, ident)
        index = self.editor.findData(value)
        if index >= 0:
            self.editor.setCurrentIndex(index)
        else:
            self.editor.setEditText("" if value is None else str(value))

    def read(self) -> object:
        text = self.checked_length(self.editor.currentText(), MAX_TEXT)
        if not text:
            raise Invalid("required: a person, or who spoke (e.g. Ofsted)")
        for person in self._people():
            if text in (person.name, person.id):
                return person.id
        return text


