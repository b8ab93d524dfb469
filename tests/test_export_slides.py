"""The talk as files: `export --format slides` (a 16:9 PDF, one slide a page) and `slides-png`
(one PNG per slide at the asked size), both painted as the presentation window paints them."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.core import paths
from desktop.app import main
from desktop.document import Document
from desktop.window.present import PresentationWindow
from desktop.formats.slide_deck import SlideDeck

TAMESIDE = paths.default_timeline()


@pytest.fixture(scope="module")
def tameside(qapp):
    document = Document()
    document.open(TAMESIDE)
    return document


def _pages(raw: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", raw))


def test_slides_pdf_has_one_16_9_page_per_slide(tameside, tmp_path, capsys):
    out = tmp_path / "talk.pdf"
    assert main(["export", str(TAMESIDE), "--format", "slides", "-o", str(out)]) == 0
    assert capsys.readouterr().out.split() == [str(out)]
    raw = out.read_bytes()
    slides = len(tameside.timeline.events) + 1  # the title slide, then each event of the talk
    assert _pages(raw) == slides
    boxes = {tuple(float(v) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", raw)}
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes.pop()
    assert abs((x1 - x0) / (y1 - y0) - 16 / 9) < 0.01
    if shutil.which("pdftotext"):  # text stays text: page 14 is the 13th event's slide
        text = subprocess.run(["pdftotext", "-f", "14", "-l", "14", str(out), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        text = " ".join(unicodedata.normalize("NFKC", text).split())
        assert f"13 / {slides - 1}" in text
        assert " ".join(SlideDeck(tameside).slides[12].event.title.split()[:4]) in text


def test_slides_png_writes_one_picture_per_slide_at_the_asked_size(tameside, tmp_path, capsys):
    folder = tmp_path / "slides"
    (tmp_path / "slides").mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")  # left alone
    (folder / "slide-99.png").write_bytes(b"a slide of a longer talk exported before")  # would pass for one of these
    code = main(["export", str(TAMESIDE), "--format", "slides-png", "--width", "1366", "--height", "768",
                 "-o", str(folder)])
    assert code == 0
    written = [Path(p) for p in capsys.readouterr().out.split()]
    slides = len(tameside.timeline.events) + 1
    assert written == [folder / f"slide-{n:02d}.png" for n in range(1, slides + 1)]
    assert sorted(p.name for p in folder.iterdir()) == sorted([p.name for p in written] + ["notes.txt"])
    for path in (written[0], written[-1]):
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)


def test_the_pngs_are_the_slides_the_window_shows(tameside, tmp_path, qtbot):
    folder = tmp_path / "slides"
    assert main(["export", str(TAMESIDE), "--format", "slides-png", "--width", "1280", "--height", "720",
                 "-o", str(folder)]) == 0
    window = PresentationWindow(tameside)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    for index in (0, 13):
        window.go_to(index)
        shown = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        exported = QImage(str(folder / f"slide-{index + 1:02d}.png")).convertToFormat(QImage.Format.Format_RGB32)
        assert shown == exported, index


def test_nothing_overflows_on_the_pdf_pages_either(tameside, tmp_path):
    """A PDF lays text out without hinting (a little wider): each page is checked as painted there."""
    deck = SlideDeck(tameside)
    writer = QPdfWriter(str(tmp_path / "check.pdf"))
    writer.setResolution(144)
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(960, 540), QPageSize.Unit.Point, "Slide"),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    try:
        for index in range(len(deck)):
            if index:
                writer.newPage()
            record = []
            deck.paint(painter, QRectF(0, 0, 1920, 1080), index, record)
            for t in record:
                assert t.px >= 32 and t.box.adjusted(-1, -1, 1, 1).contains(t.rect), (index, t.role, t.text)
    finally:
        painter.end()


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "slides", "--from", "2016"], "--from and --to do not go with slides"),
    (["--format", "slides-png", "--pages", "2"], "--pages goes with --format pdf"),
])
def test_slide_formats_refuse_options_that_do_not_apply(tmp_path, capsys, args, message):
    assert main(["export", str(TAMESIDE), "-o", str(tmp_path / "out"), *args]) == 2
    assert message in capsys.readouterr().err


def test_slides_png_into_a_file_is_refused_and_the_file_kept(tmp_path, capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", str(TAMESIDE), "--format", "slides-png", "-o", str(target)]) == 1
    assert "give a folder" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "keep me"
