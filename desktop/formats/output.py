"""Where the pictures' bytes go: drawn into memory, every step checked, then written atomically.

QPdfWriter and QSvgGenerator write their file while they draw and never report a failed write (on
a full disk a PDF export printed success over a truncated file), and QImage.save leaves a truncated
file over the old one when it fails. So PNG, SVG and PDF exports draw into a `QBuffer`, check what
Qt reports (`QPainter.begin` and `end`, `QImage.save`), and hand the bytes to `storage.atomic`,
which every export (CSV and TimelineJS too) and every save uses: a temporary file beside the target,
synced, then renamed over it. On any failure an OSError says why and the old file is left whole.
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage, QPainter, QPaintDevice

from desktop.storage.atomic import save_bytes

__all__ = ["memory_device", "painting", "save_image", "commit"]


def memory_device() -> QBuffer:
    """An open, empty in-memory device to give a QPdfWriter, QSvgGenerator or QImage.save."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


@contextlib.contextmanager
def painting(device: QPaintDevice, out: Path, what: str) -> Iterator[QPainter]:
    """A painter on `device`; OSError when it cannot begin or does not end cleanly."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(errno.EIO, f"could not draw the {what}", str(out))
    try:
        yield painter
    except BaseException:
        painter.end()
        raise
    if not painter.end():
        raise OSError(errno.EIO, f"could not finish the {what}", str(out))


def commit(buffer: QBuffer, out: Path, what: str) -> None:
    """Write what was drawn into `buffer` to `out`, atomically; OSError when there is nothing to write."""
    buffer.close()
    data = bytes(buffer.data())
    if not data:
        raise OSError(errno.EIO, f"the {what} came out empty", str(out))
    save_bytes(data, Path(out))


def save_image(image: QImage, out: Path, fmt: str = "PNG") -> None:
    """Encode `image` (checked) and write it to `out` atomically."""
    buffer = memory_device()
    if not image.save(buffer, fmt):
        raise OSError(errno.EIO, f"could not encode the {fmt} image", str(out))
    commit(buffer, out, f"{fmt} image")
