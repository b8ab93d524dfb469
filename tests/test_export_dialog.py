"""File > Export, File > Import TimelineJS and F5 in the main window."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from samples import rich_timeline
from PySide6.QtCore import Qt

from desktop.document import Document
from desktop.window.export_dialog import ExportDialog, import_timelinejs_into
from desktop.formats.timelinejs import TimelineJSError

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


@pytest.fixture
def document(qapp):
    document = Document()
    document.set_timeline(rich_timeline(), None)
    return document


def _choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def test_export_dialog_writes_the_filtered_events_as_csv(qtbot, document, tmp_path):
    document.set_event_filter(frozenset({"monitoring-2017-10", "leader-statement-2022"}))
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    _choose(dialog, "csv")
    assert not dialog.dpi.isEnabled() and dialog.only_filtered.isChecked()
    qtbot.keyClicks(dialog.date_to, "2020")
    dialog.output.setText(str(tmp_path / "out.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    assert dialog.written == [tmp_path / "out.csv", tmp_path / "out-quotes.csv", tmp_path / "out-tenures.csv"]
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["monitoring-2017-10"]


def test_export_dialog_explains_a_bad_date_and_writes_nothing(qtbot, document, tmp_path):
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    _choose(dialog, "timelinejs")
    qtbot.keyClicks(dialog.date_from, "2016-02-30")
    dialog.output.setText(str(tmp_path / "web.json"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "not a real date" in dialog.error.text()
    assert not (tmp_path / "web.json").exists() and dialog.written == []


def test_import_replaces_the_document_with_an_untitled_valid_timeline(document):
    messages = import_timelinejs_into(document, FIXTURES / "knightlab-style.json")
    assert document.path is None and not document.is_dirty
    assert [e.title for e in document.timeline.events][:2] == ["Inspection: inadequate", "Monitoring visit"]
    assert any("era" in m for m in messages)


def test_import_of_a_malformed_file_keeps_the_current_timeline(document):
    with pytest.raises(TimelineJSError, match="not valid JSON"):
        import_timelinejs_into(document, FIXTURES / "malformed-json.json")
    assert document.timeline.title == "Tameside children's services"


def test_f5_in_the_main_window_starts_presentation_mode(qtbot, document, settings):
    from desktop.window.mainwindow import MainWindow

    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    window.show()
    present = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                   if a.shortcut().toString() == "F5")
    present.trigger()
    presentation = window.presentation
    assert presentation.isVisible() and presentation.isFullScreen()
    assert presentation.texts("counter").startswith("4 events")
    present.trigger()  # F5 again: the same presentation, not a second one
    assert window.presentation is presentation
    with qtbot.waitSignal(presentation.destroyed, timeout=2000):  # Esc closes and frees it
        qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    assert window.isVisible()


def test_export_dialog_prints_on_paper_sheets(qtbot, document, tmp_path):
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    _choose(dialog, "png")
    assert not dialog.paper.isEnabled() and not dialog.pages.isEnabled()
    _choose(dialog, "handout")
    assert dialog.paper.isEnabled() and not dialog.pages.isEnabled()
    _choose(dialog, "pdf")
    assert dialog.paper.isEnabled() and dialog.pages.isEnabled() and not dialog.width_px.isEnabled()
    assert dialog.paper.currentData() == "A4"
    dialog.pages.setValue(2)
    dialog.output.setText(str(tmp_path / "sheets.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    raw = (tmp_path / "sheets.pdf").read_bytes()
    assert raw.count(b"/MediaBox [0 0 842") == 2  # two A4 landscape sheets
