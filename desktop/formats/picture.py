"""The timeline as a picture: PNG (raster at a chosen size and DPI) and SVG (vectors, text as text);
PDF goes on paper sheets, drawn by `desktop.formats.paper`.

PNG and SVG paint the same thing into a different QPaintDevice: a header line (title, the dates
shown) and below it the canvas drawn by `TimelineView.render`. Sizes are in pixels at 96 DPI for
SVG, so the formats lay out alike; a PNG's DPI is stored in the file and makes point-sized text
proportionally larger, as a print at that resolution needs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.formats.output import commit, memory_device, painting, save_image
from desktop.core.dates import timestamp_to_date

__all__ = ["paint_timeline", "range_text", "write_picture", "BACKGROUNDS"]

BACKGROUNDS = {"light": "#ffffff", "dark": "#1b1e20", "high-contrast": "#000000"}
FOREGROUNDS = {"light": "#1b1b1b", "dark": "#e6e6e6", "high-contrast": "#ffffff"}


def range_text(x_range: tuple[float, float] | None) -> str:
    if x_range is None:
        return "All dates"
    a, b = timestamp_to_date(x_range[0]), timestamp_to_date(x_range[1] - 86400)
    return f"{a:%d %b %Y} to {b:%d %b %Y}".replace(" 0", " ").lstrip("0")


def paint_timeline(document, painter: QPainter, rect: QRectF, x_range, theme: str = "light",
                   header: bool = True, font_scale: float = 1.0) -> None:
    """Paint the header (title, dates shown) and the whole canvas, not only what a window shows, into `rect`.

    `font_scale` sizes the canvas's pixel-sized type like the header's point-sized type on a device
    of more than 96 DPI (a 300 DPI PNG), so the picture keeps its proportions at any resolution.
    """
    painter.fillRect(rect, QColor(BACKGROUNDS.get(theme, "#ffffff")))
    body = _paint_header(document, painter, rect, x_range, theme) if header else QRectF(rect)
    _paint_canvas(document, painter, body, x_range, theme, font_scale)


def _paint_header(document, painter: QPainter, rect: QRectF, x_range, theme: str) -> QRectF:
    """Draw the title line; return the rectangle left below it."""
    font = QFont(painter.font())
    font.setPointSizeF(13)
    font.setBold(True)
    painter.setFont(font)
    line = painter.fontMetrics().height()
    header = QRectF(rect.left() + line * 0.6, rect.top() + line * 0.3, rect.width() - line * 1.2, line * 1.2)
    painter.setPen(QColor(FOREGROUNDS.get(theme, "#1b1b1b")))
    painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, document.timeline.title)
    font.setBold(False)
    font.setPointSizeF(10)
    painter.setFont(font)
    painter.drawText(header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, range_text(x_range))
    return QRectF(rect.left(), header.bottom() + line * 0.3, rect.width(), rect.bottom() - header.bottom() - line * 0.3)


def _paint_canvas(document, painter: QPainter, body: QRectF, x_range, theme: str, font_scale: float) -> None:
    from desktop.timeline import TimelineView

    view = TimelineView(document)
    try:
        view.resize(int(body.width()), int(body.height()))
        view.set_theme(theme)
        if font_scale != 1.0:
            view.set_font_scale(font_scale)
        view.render(painter, body, x_range)
    finally:
        view.deleteLater()


def _paint_to(device, document, width: int, height: int, x_range, theme: str, out: Path, what: str,
              dpi: int = 96) -> None:
    """Draw the picture on `device`; OSError when the painter cannot begin or end."""
    with painting(device, out, what) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_timeline(document, painter, QRectF(0, 0, width, height), x_range, theme, font_scale=dpi / 96)


def write_picture(document, out: Path, options, x_range) -> None:
    """Write a PNG or SVG of the timeline at `options.width` x `options.height`, or a PDF on paper
    sheets (`desktop.formats.paper`); raise OSError."""
    out = Path(out)
    if options.fmt == "pdf":
        from desktop.formats.paper import write_sheets

        write_sheets(document.timeline, out, options.paper or "A4", options.pages, x_range, options.theme,
                     options.event_ids)
        return
    w, h = options.width, options.height
    if options.fmt == "png":
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        dpm = round(options.dpi / 0.0254)
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        _paint_to(image, document, w, h, x_range, options.theme, out, "PNG image", options.dpi)
        save_image(image, out, "PNG")
        return
    buffer = memory_device()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRectF(0, 0, w, h))
    generator.setResolution(96)
    generator.setTitle(document.timeline.title)
    generator.setDescription("Exported by Council Timeline")
    _paint_to(generator, document, w, h, x_range, options.theme, out, "SVG drawing")
    commit(buffer, out, "SVG drawing")
