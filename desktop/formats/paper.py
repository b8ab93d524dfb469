"""The timeline on paper: landscape sheets (A4, A3 or Letter) for the PDF export, the handout and File > Print.

A sheet is drawn by the canvas's own parts (legend, lane names, marks and bars, date axis), with
its labels placed for paper (`paper_labels`): every event's label and every tenure's name in full.
The type is as large as lets everything fit, and never under 7 pt on the sheet; when even 7 pt
cannot hold every label, the footer says how many events are left unlabelled and what to do.

`--pages N` splits the dates where the events are, so that each sheet carries about as many events
as the next (not an equal number of years). The lanes are at the same heights on every sheet; the
lane names and the legend are on the first only, and alignment marks at each join let the sheets
be trimmed and butted into one strip. The same `paint_sheets` draws onto a QPdfWriter (export)
or a QPrinter (File > Print): sizes are in pixels of 1/96 inch and the painter is scaled to the
device, so the two come out alike.
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QPen,
)

from desktop.formats.output import commit, memory_device, painting
from desktop.formats import paper_labels as pl
from desktop.timeline import lanes as lane_model
from desktop.timeline import layout as lane_layout
from desktop.timeline.chrome import legend_height, paint_gutter, paint_legend
from desktop.timeline.layout import LaneBox
from desktop.timeline.paint import PaintState, paint_highlights, paint_marks
from desktop.timeline.style import Style
from desktop.timeline.ticks import axis_height, paint_axis

__all__ = ["PAPERS", "FLOOR_PT", "SheetPlan", "split_by_events", "page_layout", "plan_sheets", "paint_sheets",
           "write_sheets"]

PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3, "Letter": QPageSize.PageSizeId.Letter}
FLOOR_PT = 7.0  # no type under this on the sheet
DPI = 96  # one unit is 1/96 inch, as in the other exports
MARGIN = 10 / 25.4 * DPI  # 10 mm: within what printers can reach
SCALES = tuple(round(1.6 * 0.93 ** k, 3) for k in range(16))  # type sizes tried, largest first
WRAPS = (18, 13, 9)  # label widths tried, in lines of text
BACKGROUNDS = {"light": "#ffffff", "dark": "#1b1e20", "high-contrast": "#000000"}


def page_layout(paper: str) -> QPageLayout:
    """The landscape page of that paper, without margins (the sheet keeps its own)."""
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0))


def _px(pt: float) -> int:
    return round(pt * DPI / 72)


def _font(pt: float, bold: bool = False) -> QFont:
    """A font sized in the sheet's pixels (so it prints alike on any device the painter is scaled to)."""
    font = QFont()
    font.setPixelSize(_px(pt))
    font.setBold(bold)
    return font


def _floor_ok(style: Style) -> bool:
    """Every size of canvas type this sheet uses is at least FLOOR_PT."""
    return min(style.font(k).pixelSize() for k in (0.9, 0.95, 1.0)) * 72 / DPI >= FLOOR_PT


def split_by_events(times: list[float], x0: float, x1: float, pages: int) -> list[tuple[float, float]]:
    """Cut x0..x1 into `pages` consecutive ranges holding about equal numbers of the `times` (events'
    positions); a cut falls half-way between two events, never between events at the same time.
    With fewer distinct times than sheets, the remaining sheets split the rest of the dates evenly."""
    pts = sorted(t for t in times if x0 <= t < x1)
    cuts: list[float] = []
    n = len(pts)
    for k in range(1, pages):
        want = k * n / pages
        gaps = [j for j in range(1, n) if pts[j - 1] < pts[j] and (not cuts or (pts[j - 1] + pts[j]) / 2 > cuts[-1])]
        if not gaps:
            break
        j = min(gaps, key=lambda g: (abs(g - want), g))
        cuts.append((pts[j - 1] + pts[j]) / 2)
    while len(cuts) < pages - 1:  # not enough distinct events: split what is left evenly
        start = cuts[-1] if cuts else x0
        left = pages - 1 - len(cuts)
        cuts += [start + (x1 - start) * (k + 1) / (left + 1) for k in range(left)]
    edges = [x0, *cuts, x1]
    return list(zip(edges[:-1], edges[1:]))


@dataclass
class SheetPlan:
    """Everything needed to paint the sheets: where each part goes, and the labels of each sheet."""

    title: str
    theme: str
    size: QSizeF  # the page in pixels of 1/96 inch
    ranges: list[tuple[float, float]]
    style: Style
    model: lane_model.CanvasModel
    state: PaintState
    boxes: list[LaneBox]
    gutter: float
    header: QRectF
    legend: QRectF
    lanes_top: float
    lanes_height: float
    axis: float
    events: list[list[tuple[int, list[pl.EventLabel]]]] = field(default_factory=list)  # per sheet: (lane, labels)
    names: list[list[tuple[int, list[pl.TenureName]]]] = field(default_factory=list)
    label_areas: dict[int, float] = field(default_factory=dict)  # event lane -> top of its labels (lane px)
    unlabelled: list[int] = field(default_factory=list)  # per sheet: events shown without a label
    events_per_sheet: list[int] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return len(self.ranges)

    def lanes_rect(self, sheet: int) -> QRectF:
        left = MARGIN + (self.gutter if sheet == 0 else 0.0)
        return QRectF(left, self.lanes_top, self.size.width() - MARGIN - left, self.lanes_height)

    def label_font(self) -> QFont:
        return self.style.font()


def _fit_range(model: lane_model.CanvasModel) -> tuple[float, float]:
    a, b = model.span
    pad = (b - a) * 0.03
    return a - pad, b + pad


def _positions(model: lane_model.CanvasModel) -> list[float]:
    """Where each kept event is on the time axis (as `paper_labels.positions`)."""
    return [t for lane in model.lanes if not lane.is_tenure for t in pl.positions(lane)[lane.keep].tolist()]


def plan_sheets(timeline, size: QSizeF, pages: int = 1, x_range: tuple[float, float] | None = None,
                theme: str = "light", event_ids: frozenset[str] | None = None, now: float | None = None) -> SheetPlan:
    """Lay out `pages` sheets of `size` pixels: the largest type at which every label fits (never
    under FLOOR_PT), the same lane heights on every sheet."""
    model = lane_model.build(timeline, now)
    state = PaintState(filter_mode="hide")
    if event_ids is not None:
        for lane in model.lanes:
            if not lane.is_tenure:
                lane.keep = np.fromiter((e.id in event_ids for e in lane.items), dtype=bool, count=len(lane.items))
    x0, x1 = x_range if x_range is not None else _fit_range(model)
    ranges = split_by_events(_positions(model), x0, x1, max(1, pages))
    names = {p.id: p.name for p in timeline.people}
    tried = [s for s in SCALES if _floor_ok(Style(theme, s))] or [SCALES[-1]]
    # The smallest type first: when even that cannot hold every label, larger type cannot either.
    smallest = _try(timeline, model, state, size, ranges, Style(theme, tried[-1]), names, theme, squeeze=False)
    if smallest is None:
        return _try(timeline, model, state, size, ranges, Style(theme, tried[-1]), names, theme, squeeze=True)
    for s in tried[:-1]:
        plan = _try(timeline, model, state, size, ranges, Style(theme, s), names, theme, squeeze=False)
        if plan is not None:
            return plan
    return smallest


def _chrome(style: Style, size: QSizeF, pages: int) -> tuple[QRectF, QRectF, float, float]:
    """Header and legend rectangles, the axis height and the footer height."""
    width = size.width() - 2 * MARGIN
    header_h = QFontMetricsF(_font(14, True)).height() * 1.5
    header = QRectF(MARGIN, MARGIN, width, header_h)
    legend = QRectF(MARGIN, header.bottom(), width, legend_height(style, width))
    footer = QFontMetricsF(_font(8)).height() * 1.6
    return header, legend, axis_height(style), footer


def _try(timeline, model, state, size: QSizeF, ranges, style: Style, names: dict, theme: str,
         squeeze: bool) -> SheetPlan | None:
    header, legend, axis_h, footer = _chrome(style, size, len(ranges))
    lanes_top = legend.bottom()
    available = size.height() - MARGIN - footer - axis_h - lanes_top
    line = style.line
    gutter = lane_layout.gutter_width(model, size.width() - 2 * MARGIN, style)
    fm = QFontMetricsF(style.font())
    slot_h = fm.lineSpacing() / 2
    widths = [size.width() - 2 * MARGIN - (gutter if k == 0 else 0.0) for k in range(len(ranges))]
    pad = lane_layout.PAD * line

    def fixed_height(lane) -> float:
        body = lane.rows * lane_layout.TENURE_ROW * line if lane.is_tenure else lane_layout.MARKER_ROW * line
        return max(body, (lane_layout.NAME_LINES - 2 * lane_layout.PAD) * line) + 2 * pad

    fixed = sum(fixed_height(lane) for lane in model.lanes)
    event_lanes = [li for li, lane in enumerate(model.lanes) if not lane.is_tenure]

    def place(wrap_lines: float, caps: dict[int, int] | None):
        per_sheet, need = [], {li: 0 for li in event_lanes}
        dropped = [0] * len(ranges)
        for k, (a, b) in enumerate(ranges):
            sheet = []
            for li in event_lanes:
                lane = model.lanes[li]
                labels, used, lost = pl.event_labels(lane, lane.keep, a, b, widths[k], fm, wrap_lines * line,
                                                     None if caps is None else caps[li], first=k == 0)
                sheet.append((li, labels))
                need[li] = max(need[li], used)
                dropped[k] += lost
            per_sheet.append(sheet)
        return per_sheet, need, dropped

    options = [(wrap, *place(wrap, None)) for wrap in WRAPS]
    wrap, per_sheet, need, dropped = min(options, key=lambda o: sum(o[2].values()))
    room = available - fixed
    if sum(need.values()) * slot_h > room:
        if not squeeze:
            return None
        # Even the smallest type cannot hold every label: each lane gets room in proportion to its
        # need (at least a two-line label's), the room a lane leaves goes to those that still lack
        # it, and what does not fit is left unlabelled (and counted on the sheet).
        per_sheet, need, dropped = _squeeze(place, wrap, need, int(max(room, 0) / slot_h))
    spare = max(available - fixed - sum(need.values()) * slot_h, 0.0)
    extra = min(spare / max(len(model.lanes), 1), line) / 2
    boxes, areas, y = [], {}, 0.0
    for li, lane in enumerate(model.lanes):
        h = fixed_height(lane) + 2 * extra + (need.get(li, 0) * slot_h)
        top = y + pad + extra
        if lane.is_tenure:
            body = lane.rows * lane_layout.TENURE_ROW * line
            ry = y + (h - body) / 2
            rows = [(ry + r * lane_layout.TENURE_ROW * line, lane_layout.TENURE_ROW * line) for r in range(lane.rows)]
            boxes.append(LaneBox(y, h, rows, []))
        else:
            boxes.append(LaneBox(y, h, [(top, lane_layout.MARKER_ROW * line)], []))
            areas[li] = top + lane_layout.MARKER_ROW * line + slot_h * 0.6
        y += h
    plan = SheetPlan(timeline.title, theme, size, ranges, style, model, state, boxes, gutter, header, legend,
                     lanes_top, y, axis_h, per_sheet, label_areas=areas, unlabelled=dropped)
    person = [[names.get(t.person, t.person) for t in lane.items] if lane.is_tenure else [] for lane in model.lanes]
    positions = _positions(model)
    for k, (a, b) in enumerate(ranges):
        plan.names.append([(li, pl.tenure_names(lane, boxes[li].rows, a, b, widths[k], fm, person[li]))
                           for li, lane in enumerate(model.lanes) if lane.is_tenure])
        plan.events_per_sheet.append(sum(1 for t in positions if a <= t < b))
    return plan


def _squeeze(place, wrap: float, need: dict[int, int], room: int):
    """Label slots for each event lane when all of `need` does not fit in `room`: shares by need,
    then the slack of lanes that used less handed to lanes that left labels out, a few rounds."""
    total = max(sum(need.values()), 1)
    caps = {li: min(n, max(5, room * n // total)) for li, n in need.items()}
    while sum(caps.values()) > room and any(c > 5 for c in caps.values()):
        biggest = max(caps, key=caps.get)
        caps[biggest] -= 1
    best = None
    for _round in range(6):
        per_sheet, used, dropped = place(wrap, caps)
        if best is None or sum(dropped) < sum(best[2]):
            best = (per_sheet, used, dropped)
        slack = room - sum(used.values())
        short = [li for li in caps if used[li] < need[li] and caps[li] < need[li]]
        if slack < 2 or not short:
            break
        caps = {li: used[li] for li in caps}  # what each lane took, plus a share of the slack
        for li in short:
            caps[li] += slack // len(short)
    return best


# -- painting -------------------------------------------------------------------------------------
def paint_sheets(device: QPagedPaintDevice, plan: SheetPlan, painter: QPainter | None = None) -> None:
    """Paint every sheet of `plan` onto `device` (a QPdfWriter or a QPrinter), a new page for each."""
    own = painter is None
    painter = painter or QPainter()
    if not painter.isActive() and not painter.begin(device):
        raise OSError("could not start drawing on the page")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paper = device.pageLayout().fullRectPixels(device.resolution())
        factor = min(paper.width() / plan.size.width(), paper.height() / plan.size.height())
        for k in range(plan.pages):
            if k:
                device.newPage()
            painter.save()
            painter.scale(factor, factor)
            paint_sheet(painter, plan, k)
            painter.restore()
    except BaseException:
        if own:
            painter.end()
        raise
    if own and not painter.end():
        raise OSError("could not finish the pages (the printer or the disk refused them)")


def paint_sheet(p: QPainter, plan: SheetPlan, k: int) -> None:
    """One sheet, in pixels of 1/96 inch from the paper's top left corner."""
    style = plan.style
    p.fillRect(QRectF(0, 0, plan.size.width(), plan.size.height()), QColor(BACKGROUNDS.get(plan.theme, "#ffffff")))
    _paint_header(p, plan, k)
    if k == 0:
        paint_legend(p, plan.legend, style)
    lanes = plan.lanes_rect(k)
    x0, x1 = plan.ranges[k]
    if k == 0:
        paint_gutter(p, QRectF(MARGIN, lanes.top(), plan.gutter, lanes.height()), plan.model, plan.boxes, style)
    p.save()
    p.setClipRect(lanes)
    p.translate(lanes.topLeft())
    w, h = lanes.width(), lanes.height()
    paint_marks(p, w, h, x0, x1, plan.model, plan.boxes, style, plan.state)
    paint_highlights(p, plan.model, plan.boxes, x0, w / (x1 - x0), h, style, plan.state)
    _paint_event_labels(p, plan, k)
    _paint_tenure_names(p, plan, k)
    p.restore()
    paint_axis(p, QRectF(lanes.left(), lanes.bottom(), lanes.width(), plan.axis), x0, x1, style)
    if plan.pages > 1:
        _paint_joins(p, plan, k, lanes)
    _paint_footer(p, plan, k)


def _paint_header(p: QPainter, plan: SheetPlan, k: int) -> None:
    from desktop.formats.picture import range_text

    colour = plan.style.colour("text")
    p.setPen(colour)
    flags = Qt.AlignmentFlag.AlignVCenter
    if k == 0:
        p.setFont(_font(14, True))
        p.drawText(plan.header, Qt.AlignmentFlag.AlignLeft | flags, plan.title)
    p.setFont(_font(10))
    right = range_text(plan.ranges[k])
    if plan.pages > 1:
        right = f"Sheet {k + 1} of {plan.pages}: {right[0].lower()}{right[1:]}"
    p.drawText(plan.header, Qt.AlignmentFlag.AlignRight | flags, right)


def _paint_event_labels(p: QPainter, plan: SheetPlan, k: int) -> None:
    style = plan.style
    font = plan.label_font()
    p.setFont(font)
    half = QFontMetricsF(font).lineSpacing() / 2
    leader = QPen(style.colour("muted"), 0.8)
    text = style.colour("text")
    for li, labels in plan.events[k]:
        box = plan.boxes[li]
        top = plan.label_areas[li]
        marks_bottom = box.rows[0][0] + box.rows[0][1]
        for lab in labels:
            r = lab.rect.translated(0, top)
            mid = r.top() + half
            p.setPen(leader)
            if r.left() - 1 <= lab.mark_x <= r.right() + 1:  # pushed over its mark by the sheet's edge
                p.drawLine(QLineF(lab.mark_x, marks_bottom, lab.mark_x, r.top()))
            else:
                end = r.left() - 1 if lab.mark_x < r.left() else r.right() + 1
                p.drawLine(QLineF(lab.mark_x, marks_bottom, lab.mark_x, mid))
                p.drawLine(QLineF(lab.mark_x, mid, end, mid))
            p.setPen(text)
            p.drawText(r, pl.WRAP_FLAGS, lab.text)


def _paint_tenure_names(p: QPainter, plan: SheetPlan, k: int) -> None:
    style = plan.style
    p.setFont(plan.label_font())
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for li, names in plan.names[k]:
        for name in names:
            if name.plate:
                p.fillRect(name.rect.adjusted(-2, 0, 2, 0), style.colour("background"))
            p.setPen(style.colour("tenure_text") if name.on_solid else style.colour("text"))
            p.drawText(name.rect, flags, name.text)


def _paint_joins(p: QPainter, plan: SheetPlan, k: int, lanes: QRectF) -> None:
    """Alignment marks where this sheet meets the next and the one before: the trim line's ends in
    the top and bottom margins, and a tick in the side margin at every lane's edge, at the same
    heights on every sheet."""
    pen = QPen(plan.style.colour("text"), 0.75)
    p.setPen(pen)
    ys = [lanes.top() + b.top for b in plan.boxes] + [lanes.bottom(), lanes.bottom() + plan.axis]
    tick = MARGIN * 0.45
    height = plan.size.height()
    p.setFont(_font(7.5))
    for x, outward, other in ((lanes.left(), -1, k), (lanes.right(), 1, k + 2)):
        if (outward < 0 and k == 0) or (outward > 0 and k == plan.pages - 1):
            continue
        p.drawLine(QLineF(x, MARGIN * 0.1, x, MARGIN * 0.9))  # the trim line's ends, in the margins
        p.drawLine(QLineF(x, height - MARGIN * 0.9, x, height - MARGIN * 0.1))
        for y in ys:
            p.drawLine(QLineF(x, y, x + outward * tick, y))
        note = f"\u2190 joins sheet {other}" if outward < 0 else f"joins sheet {other} \u2192"
        flags = (Qt.AlignmentFlag.AlignLeft if outward < 0 else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignBottom
        width = 200.0
        box = QRectF(x + 3 if outward < 0 else x - width - 3, MARGIN * 0.2, width, MARGIN * 0.7)
        p.drawText(box, flags, note)


def _paint_footer(p: QPainter, plan: SheetPlan, k: int) -> None:
    p.setFont(_font(8))
    p.setPen(plan.style.colour("muted"))
    height = QFontMetricsF(_font(8)).height() * 1.4
    box = QRectF(MARGIN, plan.size.height() - MARGIN - height, plan.size.width() - 2 * MARGIN, height)
    parts = []
    if plan.pages > 1:
        parts.append(f"Sheet {k + 1} of {plan.pages}: trim at the join marks and butt the sheets edge to edge, "
                     "lanes to lanes")
    if plan.unlabelled[k]:
        n = plan.unlabelled[k]
        parts.append(f"{n} event{'s' if n != 1 else ''} on this sheet without a label (no room): "
                     "print on larger paper or more sheets")
    p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, ". ".join(parts))


# -- to a file ------------------------------------------------------------------------------------
def write_sheets(timeline, out, paper: str = "A4", pages: int = 1, x_range=None, theme: str = "light",
                 event_ids: frozenset[str] | None = None) -> SheetPlan:
    """Write the sheets as a PDF of that paper, landscape; raise OSError when it cannot be written."""
    buffer = memory_device()
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(timeline.title)
    writer.setCreator("Council Timeline")
    writer.setPageLayout(page_layout(paper))
    size = QSizeF(writer.pageLayout().fullRectPixels(DPI).size())
    plan = plan_sheets(timeline, size, pages, x_range, theme, event_ids)
    with painting(writer, Path(out), "PDF") as painter:
        paint_sheets(writer, plan, painter)
    commit(buffer, Path(out), "PDF")
    return plan
