"""Paper: sheets that hold every label in full, no type under 7 pt, sheets split by events, File > Print."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtWidgets import QDialog

from desktop.formats import paper
from desktop import storage
from desktop.formats.paper_labels import label_text

ROOT = Path(__file__).resolve().parents[1]
TAMESIDE = ROOT / "data" / "tameside.yaml"
DAY = 86400.0


@pytest.fixture(scope="module")
def tameside():
    return storage.load(TAMESIDE).timeline


def _pdf_text(path: Path, page: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: apt-get install -y poppler-utils")
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-raw", str(path), "-"],
                         capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", out.stdout.decode("utf-8")).split())


def _pages(path: Path) -> list[tuple[int, ...]]:
    boxes = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", path.read_bytes())
    return [tuple(round(float(v)) for v in box.split()) for box in boxes]


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


# -- splitting the dates where the events are -------------------------------------------------------
def test_split_gives_each_sheet_about_as_many_events_not_as_many_years():
    # ten events in the first year, two in the following nine: equal years would put 10 on sheet 1
    times = [i * 30 * DAY for i in range(10)] + [5 * 365 * DAY, 9 * 365 * DAY]
    ranges = paper.split_by_events(times, 0.0, 10 * 365 * DAY, 3)
    counts = [sum(a <= t < b for t in times) for a, b in ranges]
    assert counts == [4, 4, 4]
    assert ranges[0][0] == 0.0 and ranges[-1][1] == 10 * 365 * DAY
    assert all(ranges[k][1] == ranges[k + 1][0] for k in range(2))  # one strip, no gap


def test_split_never_cuts_between_events_on_the_same_date():
    times = [100.0] * 5 + [200.0, 300.0]
    ranges = paper.split_by_events(times, 0.0, 400.0, 2)
    counts = [sum(a <= t < b for t in times) for a, b in ranges]
    assert counts == [5, 2]


def test_split_with_fewer_events_than_sheets_still_gives_every_sheet_dates():
    ranges = paper.split_by_events([50.0], 0.0, 400.0, 4)
    assert len(ranges) == 4 and all(b > a for a, b in ranges)
    assert ranges[0][0] == 0.0 and ranges[-1][1] == 400.0


# -- the A3 sheet of the Tameside timeline ----------------------------------------------------------------
def test_one_a3_sheet_shows_every_event_label_and_every_tenure_name_in_full(qapp, tameside, tmp_path):
    out = tmp_path / "a3.pdf"
    plan = paper.write_sheets(tameside, out, "A3")
    assert _pages(out) == [(0, 0, 1191, 842)]
    labels = [lab for _, labs in plan.events[0] for lab in labs]
    assert sorted(lab.text for lab in labels) == sorted(label_text(e) for e in tameside.events)
    assert plan.unlabelled == [0]
    width = plan.lanes_rect(0).width()
    for _lane, labs in plan.events[0]:
        for a in labs:
            assert 0 <= a.rect.left() and a.rect.right() <= width, a.text  # not cut at the sheet's edge
            assert not any(b is not a and a.rect.intersects(b.rect) for b in labs), a.text
    people = {p.id: p.name for p in tameside.people}
    names = [n.text for _, ns in plan.names[0] for n in ns]
    assert sorted(names) == sorted(people[t.person] for t in tameside.tenures)
    printed = _pdf_text(out, 1)
    assert "\u2026" not in printed  # nothing shortened
    for event in tameside.events:  # every word of every label is on the page
        for word in _words(label_text(event)):
            assert word in printed, (event.title, word)
    for tenure in tameside.tenures:
        assert people[tenure.person] in printed


def test_a_short_label_is_printed_instead_of_the_title_when_an_event_has_one(qapp, tameside, tmp_path):
    event = tameside.events_in_order()[3]
    before, event.label = event.label, "New leadership team"
    try:
        plan = paper.write_sheets(tameside, tmp_path / "a3.pdf", "A3")
    finally:
        event.label = before
    texts = [lab.text for _, labs in plan.events[0] for lab in labs]
    assert "c. New leadership team" in texts and label_text(event) not in texts


def test_a_label_that_does_not_say_the_rating_gets_it_in_words(tameside):
    """A black-and-white copy loses the rating colours: the words carry it."""
    inspection = next(e for e in tameside.events if e.rating is not None)
    before, inspection.label = inspection.label, "Ofsted inspection"
    try:
        assert label_text(inspection) == f"{inspection.rating.label}: Ofsted inspection"
    finally:
        inspection.label = before
    assert inspection.rating.label.lower() in label_text(inspection).lower()
    assert "(" not in label_text(inspection)  # the title says it already: not twice


# -- type size ---------------------------------------------------------------------------------------
class FontLog(QPainter):
    """A painter that notes every font the painting code sets, in points on the sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[float] = []

    def setFont(self, font) -> None:  # noqa: N802 (Qt API)
        scale = self.worldTransform().m11()
        size = font.pixelSize() * 72 / paper.DPI if font.pixelSize() > 0 else font.pointSizeF()
        self.points.append(size * scale)
        super().setFont(font)


@pytest.mark.parametrize(("name", "sheets"), [("A4", 1), ("A3", 1), ("Letter", 1), ("A4", 3)])
def test_no_type_under_7_points_on_the_sheet(qapp, tameside, tmp_path, name, sheets):
    writer = QPdfWriter(str(tmp_path / "sheet.pdf"))
    writer.setResolution(paper.DPI)
    writer.setPageLayout(paper.page_layout(name))
    size = writer.pageLayout().fullRectPixels(paper.DPI).size()
    from PySide6.QtCore import QSizeF

    plan = paper.plan_sheets(tameside, QSizeF(size), sheets)
    painter = FontLog()
    assert painter.begin(writer)
    paper.paint_sheets(writer, plan, painter)
    painter.end()
    assert len(painter.points) >= 6  # header, legend, lane names, labels, axis, footer set theirs
    assert min(painter.points) >= paper.FLOOR_PT


def test_a4_says_how_many_events_it_could_not_label(qapp, tameside, tmp_path):
    out = tmp_path / "a4.pdf"
    plan = paper.write_sheets(tameside, out, "A4")
    shown = sum(len(labs) for _, labs in plan.events[0])
    assert shown + plan.unlabelled[0] == len(tameside.events)
    if plan.unlabelled[0]:
        assert f"{plan.unlabelled[0]} events on this sheet without a label" in _pdf_text(out, 1)


# -- several sheets -----------------------------------------------------------------------------------
def test_three_sheets_carry_about_equal_numbers_of_events_and_join_into_one_strip(qapp, tameside, tmp_path):
    out = tmp_path / "strip.pdf"
    plan = paper.write_sheets(tameside, out, "A3", pages=3)
    assert _pages(out) == [(0, 0, 1191, 842)] * 3
    drawn = [sum(len(labs) for _, labs in plan.events[k]) + plan.unlabelled[k] for k in range(3)]
    assert sum(drawn) == len(tameside.events)
    assert max(drawn) - min(drawn) <= 2  # 22 events: 8, 8, 6 (by equal years: 1 on the first, 15 on the second)
    assert plan.unlabelled == [0, 0, 0]
    texts = [_pdf_text(out, k + 1) for k in range(3)]
    for k in range(3):
        for _, labs in plan.events[k]:  # each page prints the labels of its own events
            for lab in labs:
                assert all(word in texts[k] for word in _words(lab.text)), lab.text
        assert f"Sheet {k + 1} of 3" in texts[k]
    lane_name, legend = "Leader of Tameside Council", "Requires improvement"
    assert lane_name in texts[0] and legend in texts[0]
    assert lane_name not in texts[1] + texts[2] and legend not in texts[1] + texts[2]
    assert "joins sheet 2" in texts[0] and "joins sheet 1" in texts[1] and "joins sheet 3" in texts[1]
    # the lanes are at the same heights on every sheet, so the strip lines up
    assert all(plan.lanes_rect(k).top() == plan.lanes_rect(0).top() for k in range(3))
    assert all(plan.lanes_rect(k).height() == plan.lanes_rect(0).height() for k in range(3))


# -- File > Print and the toolbar -----------------------------------------------------------------------
@pytest.fixture
def window(open_window):
    return open_window(TAMESIDE)


def _file_action(win, text: str):
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&File")
    return next(a for a in menu.actions() if a.text() == text)


def test_file_print_drives_a_qprinter_to_a_pdf_file(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    from desktop.window.printing import PrintSetup, new_printer

    out = tmp_path / "printed.pdf"
    window.printer = new_printer()
    window.printer.setOutputFileName(str(out))  # a PDF printer: what the system dialog's "Print to file" sets
    seen = []

    def answer_setup(dialog):  # the user picks A3 and two sheets, then Print...
        seen.append(dialog)
        dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
        dialog.sheets.setValue(2)
        dialog.print_button.click()
        return dialog.result()

    monkeypatch.setattr(PrintSetup, "exec", answer_setup)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)  # the system's: OK
    action = _file_action(window, "&Print\u2026")
    assert action.shortcut().toString() == "Ctrl+P"
    action.trigger()
    assert seen and out.exists()
    assert out.read_bytes().startswith(b"%PDF")
    assert _pages(out) == [(0, 0, 1191, 842)] * 2  # A3 landscape, two sheets
    assert "Sheet 2 of 2" in _pdf_text(out, 2)


def test_present_is_on_the_toolbar(qtbot, window, monkeypatch):
    started = []
    monkeypatch.setattr("desktop.window.present.start_presentation", lambda document, parent: started.append(document))
    present = next(a for a in window.toolbar.actions() if a.text() == "&Present")
    assert present.shortcut().toString() == "F5"
    window.toolbar.widgetForAction(present).click()
    assert started == [window.document]


def test_print_to_a_pdf_file_on_a_full_disk_keeps_the_old_file_and_says_so(qtbot, window, tmp_path, monkeypatch):
    """"Print to file" writes the same sheets as the PDF export, through the same atomic write: a
    failure leaves the old file whole (QPrinter used to write straight over it, and say "Printed")."""
    from desktop.window.printing import new_printer, print_sheets

    out = tmp_path / "printed.pdf"
    out.write_bytes(b"the previous printout")
    printer = new_printer()
    printer.setOutputFileName(str(out))

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.storage.atomic.save_files", refuse)
    with pytest.raises(OSError):
        print_sheets(window.document, printer, 1)
    assert out.read_bytes() == b"the previous printout"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")) == ["printed.pdf"]
