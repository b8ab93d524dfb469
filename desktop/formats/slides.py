"""The talk as files: the slides as a 16:9 PDF, one slide a page (for the agenda pack sent out
before a meeting), or as one PNG per slide at a chosen size.

Both paint with `formats.slide_deck.SlideDeck`, the code the presentation window paints with, so the
files show exactly the slides the projector shows: the title slide, then each step of the talk.
A PDF page is 960 x 540 points (13.33 x 7.5 inches, a 16:9 slide) laid out as 1920 x 1080
pixels; text stays text.
"""

from __future__ import annotations

import re

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter

from desktop.formats.output import commit, memory_device, painting, save_image
from desktop.formats.slide_deck import SlideDeck

__all__ = ["write_slides_pdf", "write_slides_png", "PDF_PIXELS"]

PDF_PIXELS = (1920, 1080)
_SLIDE_NAME = re.compile(r"slide-\d+\.png")  # what write_slides_png names its files  # a page's layout size; 960 x 540 pt at 144 dots per inch


def write_slides_pdf(document, out: Path) -> Path:
    """Every slide of the document's talk on its own 16:9 page of `out`; raise OSError."""
    out = Path(out)
    deck = SlideDeck(document)
    buffer = memory_device()
    writer = QPdfWriter(buffer)
    writer.setResolution(144)
    writer.setTitle(document.timeline.title)
    writer.setCreator("Council Timeline")
    size = QPageSize(QSizeF(960, 540), QPageSize.Unit.Point, "Slide 16:9")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    page = QRectF(0, 0, *PDF_PIXELS)
    with painting(writer, out, "slides PDF") as painter:
        for index in range(len(deck)):
            if index:
                writer.newPage()
            deck.paint(painter, page, index)
    commit(buffer, out, "slides PDF")
    return out


def write_slides_png(document, folder: Path, width: int, height: int) -> list[Path]:
    """slide-01.png, slide-02.png, ... in `folder` (made if missing), `width` x `height` each; the
    title slide first. Slides of an earlier export there (`slide-N.png` not written now) are removed; other
    files in the folder are left alone. Raise OSError."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OSError(f"{folder} is a file; give a folder for the slides")
    folder.mkdir(parents=True, exist_ok=True)
    deck = SlideDeck(document)
    digits = max(2, len(str(len(deck))))
    written = []
    for index in range(len(deck)):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        out = folder / f"slide-{index + 1:0{digits}d}.png"
        with painting(image, out, "slide") as painter:
            deck.paint(painter, QRectF(0, 0, width, height), index)
        save_image(image, out, "PNG")
        written.append(out)
    # slides of an earlier, longer (or differently numbered) export of the talk would pass for this one's
    for old in folder.glob("slide-*.png"):
        if old not in written and _SLIDE_NAME.fullmatch(old.name) and old.is_file() and not old.is_symlink():
            old.unlink()
    return written
