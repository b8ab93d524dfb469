"""No text from a file is shown as rich text: every label, message box and tooltip of the app, walked.

Qt shows a label, a message box or a tooltip as HTML when its text merely looks like HTML, and a
message box's labels open the links in it (a link in a title opened file:///etc/passwd from the
delete prompt). After opening a file whose every text holds a tag, a file: link and an image with
a script, this walks all widgets, the message boxes the app opens (delete prompts, the export note,
the save and import errors) and the tooltips (widgets, list items, the models' ToolTipRole, the
canvas, the Undo button), and checks that none renders that markup: where a surface is rich text,
the file's text in it must be escaped, so the reader sees the characters as typed.
"""

from __future__ import annotations

import errno
import html
import json
import os

import pytest
from editor_helpers import type_into
from PySide6.QtCore import QEvent, QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QListWidget, QMessageBox

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.document import Document
from desktop.window.mainwindow import MainWindow
from desktop.core.model import Event, EventKind, Person, Post, Quote, Rating, Source, Tenure, Timeline
from desktop.core.textsafety import ZERO_WIDTH_SPACE

BOLD = "<b>bold</b>"
LINK = '<a href="file:///etc/passwd">passwd</a>'
IMAGE = "<img src=x onerror=alert(1)>"
MARKUP = (BOLD, LINK, IMAGE, "<img", '<a href="file:')  # the app's own rich labels hold none of these
HOSTILE = f"{BOLD} {LINK} {IMAGE}"
TITLE = f"Inspection {HOSTILE}"
QUOTE = f"Said {HOSTILE}"


def hostile_timeline() -> Timeline:
    return Timeline(
        title=f"Timeline {HOSTILE}",
        description=f"About {HOSTILE}",
        sources=[Source(id="src", outlet=f"Gazette {HOSTILE}", title=f"Article {HOSTILE}", url="https://example.org/a",
                        published=PartialDate(2017, 5), archive="sources/archive.txt")],
        people=[Person(id="ann", name=f"Ann {HOSTILE}"), Person(id="bob", name=f"Bob {HOSTILE}")],
        posts=[Post(id="leader", name=f"Leader {HOSTILE}")],
        tenures=[Tenure(person="ann", post="leader", start=PartialDate(2015), end=PartialDate(2019), sources=["src"]),
                 Tenure(person="bob", post="leader", start=None, end=PartialDate(2015), sources=["src"])],
        events=[
            Event(id="ev", date=PartialDate(2017, 5), kind=EventKind.INSPECTION, rating=Rating.INADEQUATE,
                  title=TITLE, summary=f"Summary {HOSTILE}", people=["ann"], sources=["src"],
                  quotes=[Quote(speaker="ann", role=f"Role {HOSTILE}", text=QUOTE, source="src")],
                  note=f"Note {HOSTILE}"),
        ],
    )


# -- what a reader sees on a surface ------------------------------------------------------------------
def is_rich(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> bool:
    if fmt == Qt.TextFormat.PlainText:
        return False
    return fmt == Qt.TextFormat.RichText or QtGui_Qt.mightBeRichText(text)


def seen(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The characters a reader sees (break hints dropped)."""
    if not is_rich(text, fmt):
        return text.replace(ZERO_WIDTH_SPACE, "")
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText().replace(ZERO_WIDTH_SPACE, "")


def markup_rendered(where: str, text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> list[str]:
    """What of the file's markup a surface would render: tags taken as tags, links, images."""
    if not is_rich(text, fmt):
        return []
    bare = text.replace(ZERO_WIDTH_SPACE, "")
    problems = [f"{where}: renders {m!r} as markup" for m in MARKUP if m in bare]
    doc = QTextDocument()
    doc.setHtml(text)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt_ = it.fragment().charFormat()
            href = fmt_.anchorHref()
            if href and not href.startswith(("http://", "https://")):
                problems.append(f"{where}: a link to {href!r}")
            if fmt_.isImageFormat():
                problems.append(f"{where}: an image {fmt_.toImageFormat().name()!r}")
            it += 1
        block = block.next()
    return problems


def label_problems(label: QLabel, where: str) -> list[str]:
    problems = markup_rendered(f"{where} {label.objectName() or type(label).__name__}", label.text(),
                               label.textFormat())
    if label.openExternalLinks() and is_rich(label.text(), label.textFormat()):
        problems += [f"{where}: opens a non-web link" for m in ("file:", "javascript:") if m in label.text()]
    return problems


def model_tooltips(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> list[str]:
    tips = []
    flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and tip:
                tips.append(tip)
            if column == 0 and not flat and model.hasChildren(index):
                tips += model_tooltips(model, index)
    return tips


def all_tooltips(window: MainWindow) -> list[tuple[str, str]]:
    from desktop.timeline import hit

    tips = []
    for widget in QApplication.allWidgets():
        if widget.toolTip():
            tips.append((f"tooltip of {type(widget).__name__} {widget.objectName()}", widget.toolTip()))
        for action in widget.actions():
            if action.toolTip():
                tips.append((f"tooltip of action {action.text()!r}", action.toolTip()))
        if isinstance(widget, QListWidget):
            tips += [(f"tooltip of list item {i}", widget.item(i).toolTip()) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            tips += [(f"ToolTipRole in {type(widget.model()).__name__}", t) for t in model_tooltips(widget.model())]
    timeline = window.document.timeline
    for item in [*timeline.events, *timeline.tenures]:
        tips.append((f"canvas tooltip of {type(item).__name__}", hit.tooltip(timeline, item)))
    return tips


class BoxCatcher:
    """Records every message box the app opens while active (static ones too), then closes it."""

    def __init__(self) -> None:
        self.boxes: list[list[tuple[QLabel, str, Qt.TextFormat, bool]]] = []
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._look)

    def __enter__(self) -> "BoxCatcher":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                labels = widget.findChildren(QLabel)
                self.boxes.append([(lb.objectName(), lb.text(), lb.textFormat(), lb.openExternalLinks()) for lb in labels])
                button = widget.escapeButton() or widget.defaultButton() or widget.buttons()[0]
                button.click()

    def problems(self, where: str) -> list[str]:
        out = []
        for number, labels in enumerate(self.boxes):
            for name, text, fmt, opens in labels:
                out += markup_rendered(f"{where} box {number} {name}", text, fmt)
        return out

    def shown(self) -> str:
        return "\n".join(seen(text, fmt) for labels in self.boxes for _, text, fmt, _ in labels)


@pytest.fixture
def window(qtbot, settings, tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "archive.txt").write_text("Other words entirely.\n", encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    storage.save(hostile_timeline(), path)
    w = MainWindow(Document(), settings)  # disposed below, not by qtbot, which would close it first
    assert w.open_path(path, interactive=False)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.editor.show_editor()
    w.document.select(w.document.timeline.event("ev"))
    qtbot.wait(50)
    yield w
    w.document.undo_stack.setClean()  # closing must not ask (and block) when a test leaves edits
    w.close()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_no_widget_renders_markup_from_the_file(window, qtbot, tmp_path):
    from desktop.window.export_dialog import ExportDialog

    assert window.document.warnings, "the quote missing from its archive is a warning that quotes it"
    date = window.editor.panel.event_form.bindings["date"]
    type_into(qtbot, date, IMAGE)  # the field's error quotes what was typed
    assert date.error.isVisible() and IMAGE in seen(date.error.text(), date.error.textFormat())
    dialog = ExportDialog(window.document, window)
    dialog.date_from.setText(IMAGE)
    dialog.output.setText(str(tmp_path / "out.png"))
    dialog._export()  # refused: its error line quotes the typed date
    assert IMAGE in seen(dialog.error.text(), dialog.error.textFormat())
    problems = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel):
            problems += label_problems(widget, type(widget.window()).__name__)
    assert problems == []


def test_no_tooltip_renders_markup_from_the_file(window, qtbot):
    doc = window.document
    type_into(qtbot, window.editor.panel.event_form.bindings["date"], IMAGE)  # an error quoting what was typed
    assert IMAGE in window.editor.panel.event_form.bindings["date"].message
    from desktop.document.commands import SetField

    doc.push(SetField(doc, doc.timeline.event("ev"), "summary", f"Edited {HOSTILE}"))  # "Undo Change summary of ..."
    tips = all_tooltips(window)
    problems = [p for where, tip in tips for p in markup_rendered(where, tip)]
    assert problems == []
    shown = [seen(tip) for _, tip in tips]
    # the tooltips that quote the file show its text as typed
    assert any(TITLE in tip for tip in shown), "the event list's tooltip names the title"
    assert any(QUOTE[:20] in tip for tip in shown), "the warning's tooltip quotes the quote"
    assert any(tip.startswith("Undo Change summary of event 'Inspection <b>bold</b>") for tip in shown)
    doc.undo_stack.undo()


def test_message_boxes_show_the_file_text_as_typed(window, qtbot, tmp_path, monkeypatch):
    doc = window.document
    form = window.editor.panel
    with BoxCatcher() as asked:
        assert not form.event_form.delete()  # "Delete event '...'?", answered Cancel
        form.person_form.set_entry(doc.timeline.person("ann"))
        assert not form.person_form.delete()  # its informative text lists the events and tenures by title
    assert len(asked.boxes) == 2
    assert asked.problems("delete") == []
    assert "Delete event 'Inspection <b>bold</b> <a hre" in asked.shown() and f"Ann {HOSTILE}" in asked.shown()

    from desktop.window.export_dialog import ExportDialog, run_import_timelinejs

    with BoxCatcher() as noted:
        dialog = ExportDialog(doc, window)
        dialog.format.setCurrentIndex(dialog.format.findData("timelinejs"))
        dialog.output.setText(str(tmp_path / "web.json"))
        dialog._export()  # Bob's tenure has no start: the note names him
    assert noted.boxes and noted.problems("export note") == []
    assert f"Bob {HOSTILE}" in noted.shown()

    bad = tmp_path / "bad.json"
    # an escaped headline, as our export writes it: the importer reads it back as the title, markup and all
    bad.write_text(json.dumps({"events": [{"text": {"headline": html.escape(TITLE)}}]}), encoding="utf-8")
    with BoxCatcher() as refused:
        assert not run_import_timelinejs(window, str(bad))  # "no event could be read: event 1 ('...')"
    assert refused.boxes and refused.problems("import error") == []
    assert TITLE in refused.shown()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, f"No space left for {HOSTILE}")

    from desktop.document.commands import SetField

    doc.push(SetField(doc, doc.timeline.event("ev"), "note", "edited"))
    monkeypatch.setattr(os, "fsync", disk_full)
    with BoxCatcher() as failed:
        assert not window.save()
    assert failed.boxes and failed.problems("save error") == []
    assert HOSTILE in failed.shown()
