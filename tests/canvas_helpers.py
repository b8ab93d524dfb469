"""Showing a timeline canvas and driving it, for the canvas tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.document import Document
from desktop.core.model import Timeline
from desktop.timeline import TimelineView


def show_canvas(qtbot, timeline: Timeline, size=(1280, 640)) -> tuple[Document, TimelineView]:
    """A TimelineView on a Document holding `timeline`, shown and exposed."""
    document = Document()
    document.set_timeline(timeline, None)
    view = TimelineView(document)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return document, view


def wheel(view: TimelineView, delta: int, at: float = 0.5) -> None:
    """A wheel turn of `delta` (120 a notch) over the canvas, `at` a fraction of its width."""
    vp = view.viewport()
    pos = QPointF(vp.width() * at, vp.height() / 2)
    event = QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(0, 0), QPoint(0, delta), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, event)


def assert_labels_apart(rects: list[QRectF], width: float) -> None:
    """Every label wholly in a view `width` pixels wide, and none overlapping another."""
    for i, a in enumerate(rects):
        assert 0 <= a.left() and a.right() <= width, f"label {a} cut at the edge of a {width}px view"
        for b in rects[i + 1:]:
            assert not a.intersects(b), f"labels overlap: {a} and {b}"
