"""How the parts of the canvas share a rectangle, and painting all of them into any QPainter.

The widget and `render()` (pictures, PDF, print) use the same sizes from `frame()`: the legend on
top, lane names at the left, the date axis under the lanes, and type shrunk to fit if the lanes
would not otherwise fit the height.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from desktop.timeline import layout as lane_layout
from desktop.timeline.chrome import legend_height, paint_gutter, paint_legend
from desktop.timeline.labels import TextCache
from desktop.timeline.lanes import CanvasModel
from desktop.timeline.paint import PaintState, paint_lanes
from desktop.timeline.style import Style
from desktop.timeline.ticks import axis_height, paint_axis


@dataclass
class Frame:
    style: Style  # the asked style, its type shrunk if need be
    legend: float  # heights and width in pixels
    axis: float
    gutter: float


def frame(model: CanvasModel, style: Style, width: float, height: float) -> Frame:
    chrome = legend_height(style, width, model) + axis_height(style)
    fitted = lane_layout.fit_style(model, max(height - chrome, 50), style)
    return Frame(fitted, legend_height(fitted, width, model), axis_height(fitted),
                 lane_layout.gutter_width(model, max(width, 200), fitted))


def render(painter: QPainter, target: QRectF, x0: float, x1: float, model: CanvasModel, style: Style,
           state: PaintState) -> None:
    """Paint legend, lane names, lanes and axis into `target`, for the times x0 to x1."""
    r = QRectF(target)
    f = frame(model, style, r.width(), r.height())
    lanes = QRectF(r.left() + f.gutter, r.top() + f.legend, r.width() - f.gutter, max(r.height() - f.legend - f.axis, 1))
    boxes = lane_layout.lane_boxes(model, lanes.height(), f.style)
    cache = TextCache()
    cache.use(f.style.font())
    painter.save()
    painter.fillRect(r, f.style.colour("background"))
    paint_legend(painter, QRectF(r.left(), r.top(), r.width(), f.legend), f.style, model)
    paint_gutter(painter, QRectF(r.left(), lanes.top(), f.gutter, lanes.height()), model, boxes, f.style)
    paint_lanes(painter, lanes, x0, x1, model, boxes, f.style, state, cache)
    paint_axis(painter, QRectF(lanes.left(), lanes.bottom(), lanes.width(), f.axis), x0, x1, f.style)
    painter.restore()
