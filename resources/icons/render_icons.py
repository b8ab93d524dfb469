"""Render the app icon's PNG sizes from council-timeline.svg with Qt (run by `make icons`).

The PNGs are committed so that a checkout, the bundle and a Linux menu install all have them without
a build step; re-run this after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def render(svg: Path, size: int, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icons: could not write {out}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QImage text/raster needs an application)
    svg = HERE / "council-timeline.svg"
    for size in SIZES:
        render(svg, size, HERE / f"council-timeline-{size}.png")
    print(f"render_icons: wrote {len(SIZES)} PNGs to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
