"""Where each lane sits vertically, and how wide the lane-name column is.

Sizes are in lines of canvas text (`Style.line`), so large presentation type grows the lanes with
it. A lane with nothing in it folds to a thin strip. Lanes never overflow: spare height first buys
event lanes more label rows (a lane with more events more of them, so more labels fit without
overlap), then spreads as padding; too little height first drops label rows, then the
room for lane names on two lines, then the caller shrinks the type (`fit_style`), and only as a
last resort are rows squeezed (and then rows too short for text carry none). What is left below
the lanes stays empty rather than stretching markers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QFontMetricsF

from desktop.timeline.lanes import CanvasModel
from desktop.timeline.style import Style

MARKER_ROW, LABEL_ROW, TENURE_ROW, PAD = 1.0, 1.0, 1.35, 0.3
MIN_LABEL_ROWS, MAX_LABEL_ROWS, DENSE_LABEL_ROWS = 1, 10, 3
NAME_LINES = 2.3  # the gutter's bold font is a little smaller than a canvas line
FOLDED = 1.0  # a lane with nothing in it: a thin strip with its name on one line


@dataclass
class LaneBox:
    top: float
    height: float
    rows: list[tuple[float, float]]  # tenure lanes: (y, h) per sub-row; event lanes: the marker row
    label_rows: list[tuple[float, float]]  # event lanes: (y, h) of each row of labels
    folded: bool = False  # nothing in the lane: a thin strip


def _empty(lane) -> bool:
    return len(lane.items) == 0


def _body(lane, label_rows: int, wrap: bool = True) -> float:
    """Height of a lane's rows, in lines; with `wrap`, at least two so its name can wrap once."""
    if _empty(lane):
        return FOLDED
    body = lane.rows * TENURE_ROW if lane.is_tenure else MARKER_ROW + label_rows * LABEL_ROW
    return max(body, NAME_LINES - 2 * PAD) if wrap else body


def _pad(lane, wrap: bool) -> float:
    if _empty(lane):
        return PAD / 3
    return PAD if wrap else PAD / 3  # a crowded canvas spends less on space between lanes


def _natural(model: CanvasModel, label_rows, wrap: bool = True) -> float:
    """Height of all lanes in lines; `label_rows` is one count for every event lane, or a list per lane."""
    counts = label_rows if isinstance(label_rows, list) else [label_rows] * len(model.lanes)
    return sum(_body(lane, n, wrap) + 2 * _pad(lane, wrap) for lane, n in zip(model.lanes, counts))


def _wanted(lane) -> int:
    """Label rows an event lane could use: one per event, up to MAX_LABEL_ROWS; a crowded lane
    (more than twice that) DENSE_LABEL_ROWS, as it could never label every event anyway."""
    if lane.is_tenure or _empty(lane):
        return 0
    n = len(lane.items)
    return min(n, MAX_LABEL_ROWS) if n <= 2 * MAX_LABEL_ROWS else DENSE_LABEL_ROWS


def label_rows(model: CanvasModel, height: float, line: float, wrap: bool) -> list[int]:
    """Label rows per lane: one each, then one more at a time to every lane that has more events
    than rows, while the lanes still fit the height. A lane with more events grows further."""
    counts = [min(MIN_LABEL_ROWS, _wanted(lane)) for lane in model.lanes]
    while True:
        grown = False
        for k, lane in enumerate(model.lanes):
            if counts[k] < _wanted(lane):
                counts[k] += 1
                if _natural(model, counts, wrap) * line <= height:
                    grown = True
                else:
                    counts[k] -= 1
        if not grown:
            return counts


def wanted_height(model: CanvasModel, style: Style) -> float:
    """Height the lanes need to give every event lane as many label rows as it can use."""
    return _natural(model, [_wanted(lane) or MIN_LABEL_ROWS for lane in model.lanes]) * style.line + 1.0


def shifted(boxes: list[LaneBox], dy: float) -> list[LaneBox]:
    """The boxes moved up by dy pixels (the lanes scrolled)."""
    return [LaneBox(b.top - dy, b.height, [(y - dy, h) for y, h in b.rows],
                    [(y - dy, h) for y, h in b.label_rows], b.folded) for b in boxes]


def lane_boxes(model: CanvasModel, height: float, style: Style) -> list[LaneBox]:
    line = style.line
    wrap = _natural(model, MIN_LABEL_ROWS) * line <= height
    counts = label_rows(model, height, line, wrap)
    natural = _natural(model, counts, wrap) * line
    factor = min(height / natural, 1.0) if natural > 0 else 1.0
    unit = line * factor
    # Spare height becomes padding, shared by the lanes that are not folded, capped so rows stay together.
    open_lanes = sum(not _empty(lane) for lane in model.lanes)
    spare = max(height - natural, 0.0) / max(open_lanes, 1)
    extra = min(spare, line * 3) / 2
    boxes, y = [], 0.0
    for lane, labels in zip(model.lanes, counts):
        folded = _empty(lane)
        pad = 0.0 if folded else extra
        rows_h = lane.rows * TENURE_ROW if lane.is_tenure else MARKER_ROW + labels * LABEL_ROW
        if folded:
            rows_h = FOLDED
        height_lane = (_body(lane, labels, wrap) + 2 * _pad(lane, wrap)) * unit + 2 * pad
        ry = y + (height_lane - rows_h * unit) / 2  # rows centred: a lane may be taller for its name
        if lane.is_tenure:
            rows = [(ry + r * TENURE_ROW * unit, TENURE_ROW * unit) for r in range(lane.rows)]
            label_rows_ = []
        else:
            rows = [(ry, MARKER_ROW * unit)]
            fits = LABEL_ROW * unit >= line * 0.8  # squeezed rows too short for text carry no labels
            label_rows_ = [(ry + (MARKER_ROW + r * LABEL_ROW) * unit, LABEL_ROW * unit)
                           for r in range(labels * fits)]
        boxes.append(LaneBox(y, height_lane, rows, label_rows_, folded))
        y += height_lane
    return boxes


def fit_style(model: CanvasModel, height: float, style: Style, floor: float = 0.6) -> Style:
    """The style with its type shrunk (not below `floor` of the asked scale) so all lanes fit."""
    need = _natural(model, MIN_LABEL_ROWS, wrap=False) * style.line
    if need <= height or need <= 0:
        return style
    scale = max(style.font_scale * height / need, style.font_scale * floor)
    return replace(style, font_scale=scale)


def gutter_width(model: CanvasModel, width: float, style: Style) -> float:
    """Room for the lane names: the longest name on up to two lines, at most a quarter of the width."""
    fm = QFontMetricsF(style.font(0.95, bold=True))
    widest = max((fm.horizontalAdvance(lane.name) for lane in model.lanes), default=80.0)
    want = max(widest / 1.8, fm.horizontalAdvance("Interventions")) + style.line
    return min(want, max(width * 0.25, style.line * 4))
