"""The window's side of hostile archives: the quotes panel, the source viewer and Save As follow the
same rule as `validate` (inside the timeline's folder, regular files, at most 16 MiB), read archives
off the GUI thread, and an event with very many quotes opens at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from saving import save
from desktop.document.commands import SetField
from desktop.document import Document
from desktop.window.mainwindow import MainWindow
from desktop.panels.quotes import QuotesPanel
from samples import BASE
from archive_helpers import CORPUS, SECRET, corpus_cases, downloaded_pack, secret_outside, write_with_archive


def many_quotes(folder: Path, count: int, archive: str = "null") -> Path:
    quotes = "".join(f"      - speaker: ann\n        text: Quote number {n}.\n        source: src\n"
                     for n in range(count))
    text = BASE.replace("    archive: null", f"    archive: {archive}").replace(
        "      - speaker: ann\n        text: Some words.\n        source: src\n", quotes)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.yaml").write_text(text, encoding="utf-8")
    return folder / "t.yaml"


@pytest.fixture
def panel_for(qtbot):
    def make(path: Path) -> tuple[QuotesPanel, Document]:
        document = Document()
        document.open(path)
        widget = QuotesPanel(document)
        qtbot.addWidget(widget)
        widget.resize(400, 600)
        widget.show()
        return widget, document
    return make


def test_a_fifo_archive_does_not_freeze_the_panel_and_is_reported(qtbot, panel_for, tmp_path):
    (tmp_path / "sources").mkdir()
    os.mkfifo(tmp_path / "sources" / "article.txt")  # reading it would wait for a writer for ever
    widget, document = panel_for(write_with_archive(tmp_path, "sources/article.txt"))
    document.select(document.timeline.events[0])
    badge = widget.cards[0].badge
    qtbot.waitUntil(lambda: badge.text() == "\u26a0 Archive not read")
    assert "not a regular file" in badge.toolTip() and "not checked" in badge.toolTip()


def test_open_source_outside_the_folder_shows_why_and_no_text(qtbot, panel_for, tmp_path, monkeypatch):
    secret = secret_outside(tmp_path)
    widget, document = panel_for(write_with_archive(tmp_path / "shared", str(secret)))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Ok.value)
    document.select(document.timeline.events[0])
    card = widget.cards[0]
    qtbot.waitUntil(lambda: card.badge.text() == "\u26a0 Archive not read")
    assert "absolute path" in card.badge.toolTip()
    qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert widget.viewer is None  # nothing to copy a "new quote from selection" out of
    assert str(secret) in shown[0] and "absolute path" in shown[0] and SECRET not in shown[0]


def test_open_source_through_a_link_out_of_the_folder_shows_no_text(qtbot, panel_for, tmp_path, monkeypatch):
    secret = secret_outside(tmp_path)
    folder = tmp_path / "shared"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "article.txt").symlink_to(secret)
    widget, document = panel_for(write_with_archive(folder, "sources/article.txt"))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Ok.value)
    document.select(document.timeline.events[0])
    widget.open_source(widget.cards[0].quote)
    qtbot.waitUntil(lambda: bool(shown))
    assert widget.viewer is None and "outside the timeline's folder" in shown[0]


def test_an_event_with_many_quotes_builds_cards_as_they_are_scrolled_to(qtbot, panel_for, tmp_path):
    widget, document = panel_for(many_quotes(tmp_path, 200))
    document.select(document.timeline.events[0])
    batch = len(widget.cards)
    assert 10 <= batch <= 100  # enough to fill a tall panel, few enough to build at once
    assert widget.more_button.isVisible()
    assert widget.more_button.text() == f"Show {batch} more quotes ({200 - batch:,} not shown yet)"
    bar = widget.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the next cards come
    assert len(widget.cards) == 2 * batch
    qtbot.mouseClick(widget.more_button, Qt.MouseButton.LeftButton)  # or asked for (keyboard, screen reader)
    assert len(widget.cards) == 3 * batch
    assert [c.quote.text for c in widget.cards] == [f"Quote number {n}." for n in range(3 * batch)]
    while widget.more_button.isVisible():
        widget.more_button.click()
    assert len(widget.cards) == 200


def test_save_as_into_another_folder_does_not_write_outside_it(qtbot, settings, tmp_path, monkeypatch):
    """The Save As of a downloaded timeline naming ../.config/autostart/evil.desktop (shipped beside it)."""
    home = tmp_path / "home"
    path = downloaded_pack(home)
    window = MainWindow(Document(), settings)
    qtbot.addWidget(window)
    assert window.open_path(path, interactive=False)
    doc = window.document
    doc.push(SetField(doc, doc.timeline, "title", "Mine now"))
    target = home / "Documents" / "t.yaml"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), args[-1]))
    assert window.files.save_as(wait=True)
    assert target.exists() and doc.path == target.resolve()
    assert not (home / ".config").exists()
    assert (target.parent / "sources" / "real.txt").read_text(encoding="utf-8") == "A real article."


def test_the_archive_corpus_opens_with_a_warning_at_each_archive(qtbot, settings):

    assert {p.name for p in CORPUS.glob("*.yaml")} == {name for name, _, _ in corpus_cases()}
    window = MainWindow(Document(), settings)
    qtbot.addWidget(window)
    for name, line, _ in corpus_cases():
        assert window.open_path(CORPUS / name, interactive=False), name
        (warning,) = window.document.warnings
        assert (warning.line, warning.column) == (int(line), 14) and "not checked" in warning.message, name
        window.document.select(window.document.timeline.events[0])
        badge = window.quotes.cards[0].badge
        qtbot.waitUntil(lambda: badge.text() == "\u26a0 Archive not read")


def test_after_save_as_quotes_are_checked_against_the_archives_beside_the_new_file(qtbot, panel_for, tmp_path):
    (tmp_path / "old" / "sources").mkdir(parents=True)
    (tmp_path / "old" / "sources" / "a.txt").write_text(f"He said {SECRET}.", encoding="utf-8")
    widget, document = panel_for(write_with_archive(tmp_path / "old", "sources/a.txt"))
    document.select(document.timeline.events[0])
    qtbot.waitUntil(lambda: widget.cards[0].badge.objectName() == "badgeFound")
    (tmp_path / "new").mkdir()
    save(document, tmp_path / "new" / "t.yaml")  # without its sources (the window's Save As copies them)
    document.select(document.timeline.events[0])
    qtbot.waitUntil(lambda: widget.cards[0].badge.text() == "\u26a0 Archive not read")
    assert "cannot be read" in widget.cards[0].badge.toolTip()


def test_a_failing_check_says_so_instead_of_checking_for_ever(qtbot, panel_for, tmp_path, monkeypatch):
    from desktop.core import provenance

    def broken(wanted, base_dir):
        raise OSError("disk went away")

    monkeypatch.setattr(provenance, "find_quotes", broken)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text(SECRET, encoding="utf-8")
    widget, document = panel_for(write_with_archive(tmp_path, "sources/a.txt"))
    document.select(document.timeline.events[0])
    qtbot.waitUntil(lambda: widget.cards[0].badge.text() == "\u26a0 Archive not read")
    assert "cannot be read (OSError)" in widget.cards[0].badge.toolTip()
