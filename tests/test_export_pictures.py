"""PNG, SVG, PDF and the PDF handout: right size, not blank, titles kept as text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from samples import rich_timeline
from PySide6.QtGui import QImage

from desktop.core.dates import PartialDate
from desktop.document import Document
from desktop.formats.export import ExportOptions, export_timeline

SVG = "{http://www.w3.org/2000/svg}"
TITLES = [e.title for e in rich_timeline().events]


def _has_title(text: str, title: str) -> bool:
    """The title in full, or as the canvas shows a long one: cut to its label width with an ellipsis."""
    if title in text:
        return True
    for cut in range(len(title) - 1, 19, -1):
        if f"{title[:cut].rstrip()}\u2026" in text:
            return True
    return False


@pytest.fixture
def document(qapp):
    document = Document()
    document.set_timeline(rich_timeline(), None)
    return document


def _pdf_text(path, first=None, last=None) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("COUNCIL_TIMELINE_MAKE"):
            pytest.fail("pdftotext is missing although make test installs poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed: make test installs it")
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    out = subprocess.run(["pdftotext", *pages, "-layout", str(path), "-"], capture_output=True, check=True)
    # NFKC folds the ligatures a PDF uses ("ﬁ") back into letters; joining runs of space undoes line layout
    text = unicodedata.normalize("NFKC", out.stdout.decode("utf-8")).replace("...", "\u2026")  # NFKC splits "…"
    return " ".join(text.split())


def test_png_has_the_asked_size_and_dpi_and_is_not_blank(document, tmp_path):
    out = tmp_path / "t.png"
    export_timeline(document, out, ExportOptions("png", width=1000, height=600, dpi=150))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 600)
    assert round(image.dotsPerMeterX() * 0.0254) == 150
    background = image.pixel(0, image.height() - 1)
    step = 7
    differing = sum(
        image.pixel(x, y) != background for x in range(0, 1000, step) for y in range(0, 600, step)
    )
    assert differing > 0.01 * (1000 // step) * (600 // step)  # markers, lanes and labels drawn


def test_png_of_a_date_range_differs_from_the_whole_timeline(document, tmp_path):
    whole, part = tmp_path / "whole.png", tmp_path / "part.png"
    export_timeline(document, whole, ExportOptions("png", width=800, height=400))
    export_timeline(document, part, ExportOptions("png", PartialDate(2017), PartialDate(2018), 800, 400))
    assert QImage(str(whole)) != QImage(str(part))


def test_svg_parses_and_keeps_titles_as_text(document, tmp_path):
    out = tmp_path / "t.svg"
    export_timeline(document, out, ExportOptions("svg", PartialDate(2015), PartialDate(2023), 1800, 900))
    root = ET.parse(out).getroot()
    texts = " ".join(" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text"))
    assert "Tameside children's services" in texts
    for title in TITLES:
        assert _has_title(texts, title), title
    assert sum(title in texts for title in TITLES) >= 3  # the short ones whole


def test_pdf_is_a_vector_page_with_titles_as_text(document, tmp_path):
    out = tmp_path / "t.pdf"
    export_timeline(document, out, ExportOptions("pdf", PartialDate(2015), PartialDate(2023), 1800, 900))
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    for title in TITLES:
        assert _has_title(text, title), title
    assert sum(title in text for title in TITLES) >= 3


def test_handout_has_the_timeline_first_then_events_with_quotes_and_citations(document, tmp_path):
    out = tmp_path / "handout.pdf"
    export_timeline(document, out, ExportOptions("handout"))
    first = _pdf_text(out, 1, 1)
    assert "Tameside children's services" in first
    assert all(e.title in first for e in document.timeline.events)  # every label in full on the sheet
    rest = _pdf_text(out, 2)
    assert "4 events, all dates" in rest
    positions = [rest.index(title) for title in [e.title for e in document.timeline.events_in_order()]]
    assert positions == sorted(positions)  # in date order
    assert "\u201cWe accept the findings, \u201cin full\u201d\u201d" in rest
    assert "Alison Gwynne, Director of Children's Services" in rest
    assert "Tameside Reporter, 'Ofsted warns progress too slow', Nigel Pivaro, 19 Oct 2017." in rest
    assert "Sources cited" in rest


def test_pdf_on_paper_splits_the_dates_across_sheets_that_line_up(document, tmp_path):
    out = tmp_path / "sheets.pdf"
    export_timeline(document, out, ExportOptions("pdf", PartialDate(2015), PartialDate(2023), pages=3, paper="A3"))
    raw = out.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", raw)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", raw)) == 3
    assert {tuple(round(float(v)) for v in box.split()) for box in boxes} == {(0, 0, 1191, 842)}  # A3 landscape
    # sheet by sheet, the next events in date order: the 2016 inspection on the first, the 2022 statement on the last
    for number, event_id in ((1, "ofsted-2016-inadequate"), (3, "leader-statement-2022")):
        assert document.timeline.event(event_id).title in _pdf_text(out, number, number)
    assert "Sheet 2 of 3" in _pdf_text(out, 2, 2)
