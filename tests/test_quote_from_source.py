"""Quote from the text: the Sources form opens a source's archived text, "Quote this" makes the
selection a quote of the selected event with its place (`offset:`), validate checks the place, and
Open source highlights that place rather than the first occurrence of the words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.model import Event, EventKind, Source, Timeline
from desktop.core.quoting import to_qt

# the phrase is there twice; a character beyond U+FFFF before it counts 1 in the file, 2 in Qt
ARCHIVE = ("Council \U0001F4F0 news\n\nThe leader said the council will act.\nLater,\n"
           "the  director said the council\nwill act. And more.\n")
PHRASE = "the council will act."


def _write(folder):
    (folder / "sources").mkdir()
    (folder / "sources" / "news.txt").write_text(ARCHIVE, encoding="utf-8")
    timeline = Timeline("T", sources=[Source("news", "Paper", "News", archive="sources/news.txt")],
                        events=[Event("statement", PartialDate(2020), EventKind.STATEMENT, "Statement",
                                      sources=[])])
    path = folder / "t.yaml"
    storage.save(timeline, path)
    return path


def _viewer_from_sources_form(window, qtbot):
    form = window.editor.panel.source_form
    form.set_entry(window.document.timeline.sources[0])
    assert form.open_text_button.isEnabled()
    qtbot.mouseClick(form.open_text_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.opener.viewer is not None)  # read in the background
    viewer = form.opener.viewer
    assert viewer.isVisible() and viewer.quote_this_button.isVisible() and not viewer.quote_button.isVisible()
    return viewer


def _select(viewer, start: int, end: int) -> None:
    """Select code points start..end of the archive's text, as a drag with the mouse would."""
    cursor = QTextCursor(viewer.editor.document())
    cursor.setPosition(to_qt(ARCHIVE, start))
    cursor.setPosition(to_qt(ARCHIVE, end), QTextCursor.MoveMode.KeepAnchor)
    viewer.editor.setTextCursor(cursor)


def _second_place() -> tuple[int, int]:
    start = ARCHIVE.index("the council\nwill act.")
    return start, start + len("the council\nwill act.")


def _viewer_with_second_place_selected(open_window, qtbot, tmp_path):
    """The Tameside-like file opened, its source's text shown from the Sources form, the event
    "statement" selected, and the second place of the phrase selected in the viewer."""
    path = _write(tmp_path)
    window = open_window(path)
    viewer = _viewer_from_sources_form(window, qtbot)
    event = window.document.timeline.event("statement")
    window.document.select(event)
    start, end = _second_place()
    _select(viewer, start, end)
    return path, window, viewer, event, (start, end)


def test_quote_this_makes_a_quote_with_its_place_in_one_undoable_step(open_window, qtbot, tmp_path):
    path, window, viewer, event, (start, _end) = _viewer_with_second_place_selected(open_window, qtbot, tmp_path)
    assert viewer.quote_this_button.isEnabled()
    qtbot.mouseClick(viewer.quote_this_button, Qt.MouseButton.LeftButton)
    (quote,) = event.quotes
    assert quote.text == "the council\nwill act." and quote.offset == start and quote.source == "news"
    assert event.sources == ["news"]
    assert window.document.undo_stack.undoText() == "Quote from 'news'"
    window.document.undo_stack.undo()
    assert event.quotes == [] and event.sources == []
    window.document.undo_stack.redo()
    assert window.save()
    window.files.saver.wait()
    result = storage.load(path, strict=True)
    assert result.timeline.event("statement").quotes[0].offset == start
    assert result.warnings == []


def test_quote_this_without_a_selected_event_says_what_to_do(open_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = open_window(_write(tmp_path))
    viewer = _viewer_from_sources_form(window, qtbot)
    window.document.select(None)
    _select(viewer, *_second_place())
    qtbot.mouseClick(viewer.quote_this_button, Qt.MouseButton.LeftButton)
    assert "select the event" in shown[0]
    assert window.document.undo_stack.count() == 0


def test_open_source_highlights_the_recorded_place(open_window, qtbot, tmp_path):
    _path, window, viewer, event, (start, end) = _viewer_with_second_place_selected(open_window, qtbot, tmp_path)
    qtbot.mouseClick(viewer.quote_this_button, Qt.MouseButton.LeftButton)
    viewer.close()
    window.document.select(None)
    window.document.select(event)
    panel = window.quotes
    qtbot.waitUntil(lambda: len(panel.cards) == 1)
    qtbot.mouseClick(panel.cards[0].open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.viewer is not None)
    shown = panel.viewer
    marks = shown.editor.extraSelections()
    mark = marks[0].cursor
    assert (mark.selectionStart(), mark.selectionEnd()) == (to_qt(ARCHIVE, start), to_qt(ARCHIVE, end))
    assert shown.editor.textCursor().position() == to_qt(ARCHIVE, start)  # scrolled to it


def test_validate_warns_when_the_quote_is_not_at_its_offset(tmp_path):
    path = _write(tmp_path)
    result = storage.load(path)
    timeline = result.timeline
    start, _ = _second_place()
    from desktop.core.model import Quote

    timeline.event("statement").sources = ["news"]
    timeline.event("statement").quotes = [Quote("Leader", PHRASE, "news", offset=start)]
    storage.save(timeline, path)
    assert storage.load(path).warnings == []  # the words are at that place, across the line break
    text = path.read_text(encoding="utf-8").replace(f"offset: {start}", "offset: 3")
    path.write_text(text, encoding="utf-8")
    (warning,) = storage.load(path).warnings
    first = ARCHIVE.index(PHRASE)
    assert "is not at offset 3" in warning.message and f"it starts at offset {first}" in warning.message
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip().startswith("text:"))
    assert warning.line == line


def test_a_malformed_offset_is_an_error_at_its_place(tmp_path):
    path = _write(tmp_path)
    timeline = storage.load(path).timeline
    from desktop.core.model import Quote

    timeline.event("statement").quotes = [Quote("Leader", PHRASE, "news", offset=7)]
    storage.save(timeline, path)
    text = path.read_text(encoding="utf-8").replace("offset: 7", "offset: -7")
    path.write_text(text, encoding="utf-8")
    try:
        storage.load(path)
    except storage.LoadError as exc:
        (problem,) = exc.problems
        assert "offset" in problem.message
        assert problem.line == next(n for n, t in enumerate(text.splitlines(), 1) if "offset:" in t)
    else:
        raise AssertionError("a negative offset loaded")
