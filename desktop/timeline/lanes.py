"""What the canvas draws, as sorted numpy arrays per lane (built once per edit, not per frame).

A lane is a row of the canvas: inspections, interventions, leadership events, statements, then
one lane per post with its tenures. Each lane keeps its items sorted by start time together with
`reach`, the running maximum of the end times, so the slice of items that can touch the window
[x0, x1] is two `searchsorted` calls however many items there are. Partial dates keep their whole
interval (a year-only date covers the year) so nothing is drawn on a fake 1 January.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from desktop.core.dates import PartialDate
from desktop.core.model import INSPECTION_KINDS, INTERVENTION_KINDS, Event, EventKind, Rating, Tenure, Timeline
from desktop.timeline import style as st

DAY = 86400.0
MAX_TENURE_ROWS = 4


class MarkSet:
    """The distinct marks of an event lane. Events with the same interval and colour draw the same
    pixels, so each distinct one is painted once (100k synthetic events: 61k distinct marks), sorted
    by start with its running `reach` for `searchsorted` like the lane itself."""

    def __init__(self, t0: np.ndarray, t1: np.ndarray, group: np.ndarray) -> None:
        order = np.lexsort((group, t1, t0))
        a, b, g = t0[order], t1[order], group[order]
        new = np.ones(len(a), dtype=bool)
        new[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (g[1:] != g[:-1])
        first = np.flatnonzero(new)
        # int16 colour keys: a stable argsort of them (per frame, `marks._brackets`) is a radix sort.
        self.t0, self.t1, self.group = a[first], b[first], g[first].astype(np.int16)
        self.reach = np.maximum.accumulate(self.t1) if len(self.t1) else self.t1
        self.inverse = np.empty(len(a), dtype=np.int64)
        self.inverse[order] = np.cumsum(new) - 1
        self._for: np.ndarray | None = None
        self._masks = (np.zeros(0, dtype=bool), np.zeros(0, dtype=bool))

    def masks(self, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(kept, dropped) per distinct mark: some event drawn with it is kept / left out by the
        filters. Remade when the lane is given a new `keep` array (the view assigns a new one on
        every filter change, never edits one in place)."""
        if keep is not self._for:
            kept, dropped = np.zeros(len(self.t0), dtype=bool), np.zeros(len(self.t0), dtype=bool)
            kept[self.inverse[keep]] = True
            dropped[self.inverse[~keep]] = True
            self._for, self._masks = keep, (kept, dropped)
        return self._masks


@dataclass
class Lane:
    key: str
    name: str
    is_tenure: bool
    items: list
    t0: np.ndarray
    t1: np.ndarray
    cls: np.ndarray  # colour class (events) or tenure shade 0/1 (tenures)
    approx: np.ndarray  # approximate date, drawn hollow or hatched
    priority: np.ndarray  # label priority, lower first
    row: np.ndarray  # sub-row (tenures that overlap in one post)
    rows: int = 1
    palette: int = 0  # tenure lanes: which pair of tenure colours
    core0: np.ndarray | None = None  # tenures: part of the span that is certain
    core1: np.ndarray | None = None
    open_end: np.ndarray | None = None
    labels: list[str] = field(default_factory=list)
    reach: np.ndarray = field(init=False)
    keep: np.ndarray = field(init=False)
    group: np.ndarray = field(init=False)  # colour class * 2 + approx: how marks are grouped per colour
    shown: list[str] = field(init=False)  # labels as drawn: "c. " before an approximate date's
    marks: MarkSet | None = field(init=False)  # event lanes: what their markers and brackets draw

    def __post_init__(self) -> None:
        self.reach = np.maximum.accumulate(self.t1) if len(self.t1) else self.t1
        self.keep = np.ones(len(self.items), dtype=bool)
        self.group = self.cls * 2 + self.approx
        self.shown = [f"c. {t}" if a else t for t, a in zip(self.labels, self.approx.tolist())]
        self.marks = None if self.is_tenure else MarkSet(self.t0, self.t1, self.group)


def _date_fields(dates: list[PartialDate]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (0: none), day (0: none) and approx of each date, as arrays."""
    n = len(dates)
    return (np.fromiter((d.year for d in dates), dtype=np.int64, count=n),
            np.fromiter((d.month or 0 for d in dates), dtype=np.int64, count=n),
            np.fromiter((d.day or 0 for d in dates), dtype=np.int64, count=n),
            np.fromiter((d.approx for d in dates), dtype=bool, count=n))


def _intervals(dates: list[PartialDate]) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of each partial date's interval in POSIX seconds, vectorised."""
    if not dates:
        return np.zeros(0), np.zeros(0)
    y, m, dd, _ = _date_fields(dates)
    return _field_intervals(y, m, dd)


def _field_intervals(y: np.ndarray, m: np.ndarray, dd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    months = (y - 1970) * 12 + np.maximum(m, 1) - 1
    start = months.astype("datetime64[M]").astype("datetime64[D]") + np.maximum(dd, 1) - 1
    end_year = ((y - 1970) * 12 + 12).astype("datetime64[M]").astype("datetime64[D]")
    end_month = (months + 1).astype("datetime64[M]").astype("datetime64[D]")
    end = np.where(m == 0, end_year, np.where(dd == 0, end_month, start + 1))
    return start.astype(np.int64) * DAY, end.astype(np.int64) * DAY


def event_interval(event: Event) -> tuple[float, float]:
    a, b = event.date.timestamps()
    if event.end is not None:
        b = max(b, event.end.timestamps()[1])
    return a, b


def _priority(kind: EventKind, rating: Rating | None) -> int:
    """Whose label is placed first: rated inspections, then leadership changes and interventions."""
    if rating is not None:
        return 0
    if kind in (EventKind.LEADERSHIP, EventKind.INTERVENTION, EventKind.INSPECTION):
        return 1
    return 2


def _colour_class(kind: EventKind, rating: Rating | None) -> int:
    return st.RATING_CLASS.get(rating, st.NO_RATING) if kind in INSPECTION_KINDS else st.KIND_CLASS[kind]


# Colour class and label priority of each (kind, rating), looked up by one small code per event.
_PAIRS = [(kind, rating) for kind in EventKind for rating in (None, *Rating)]
_CODE = {pair: code for code, pair in enumerate(_PAIRS)}
_CLASS_OF = np.array([_colour_class(k, r) for k, r in _PAIRS], dtype=np.int64)
_PRIORITY_OF = np.array([_priority(k, r) for k, r in _PAIRS], dtype=np.int64)


def _event_lane(key: str, name: str, events: list[Event]) -> Lane:
    """The lane's events sorted by date (as `PartialDate.sort_int`, stable), with their arrays.

    Built with one pass over the events per field and numpy for the rest: at 100k events this is
    what a load or an edit waits for before the canvas shows it."""
    n = len(events)
    y, m, dd, approx = _date_fields([e.date for e in events])
    order = np.argsort(((y * 100 + m) * 100 + dd) * 10 + approx, kind="stable")
    events = [events[i] for i in order.tolist()]
    y, m, dd, approx = y[order], m[order], dd[order], approx[order]
    t0, t1 = _field_intervals(y, m, dd)
    ends = [(i, e.end) for i, e in enumerate(events) if e.end is not None]
    if ends:
        idx = np.array([i for i, _ in ends])
        t1[idx] = np.maximum(t1[idx], _intervals([d for _, d in ends])[1])
    code = np.fromiter((_CODE[(e.kind, e.rating)] for e in events), dtype=np.int64, count=n)
    return Lane(key, name, False, events, t0, t1, _CLASS_OF[code], approx=approx, priority=_PRIORITY_OF[code],
                row=np.zeros(n, dtype=np.int64), labels=[e.title for e in events])


def _assign_rows(t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """Greedy interval colouring: overlapping tenures in one post go to separate sub-rows."""
    ends: list[float] = []
    rows = np.zeros(len(t0), dtype=np.int64)
    for i in range(len(t0)):
        for r, end in enumerate(ends):
            if end <= t0[i]:
                ends[r] = t1[i]
                rows[i] = r
                break
        else:
            if len(ends) < MAX_TENURE_ROWS:
                ends.append(t1[i])
                rows[i] = len(ends) - 1
            else:  # crowded: share the row that frees up first rather than grow the lane
                r = int(np.argmin(ends))
                ends[r] = max(ends[r], t1[i])
                rows[i] = r
    return rows


def _tenure_lane(post_id: str, name: str, tenures: list[Tenure], names: dict[str, str],
                 published: dict[str, float], earliest: float, now: float, palette: int) -> Lane:
    """Spans of one post. Partial start and end dates are drawn light over the interval they leave
    open; an unknown start is drawn light for up to a year before the earliest evidence (the
    first of the tenure's sources, else the predecessor's end), never from the dawn of time; an
    unrecorded end is drawn light from the latest evidence to now."""
    def key(t: Tenure):
        return (t.start.sort_key() if t.start else (0, 0, 0, 0), t.end.sort_key() if t.end else (9999, 0, 0, 0))

    tenures = sorted(tenures, key=key)
    n = len(tenures)
    t0, t1, c0, c1, free = (np.zeros(n) for _ in range(5))
    previous_end = None
    for i, t in enumerate(tenures):
        e = t.end.timestamps() if t.end else (now, now)
        if t.start is not None:
            s = t.start.timestamps()
            t0[i], c0[i] = s[0], (s[1] if s[1] - s[0] > DAY else s[0])
        else:
            evidence = min((published[x] for x in t.sources if x in published), default=None)
            anchor = evidence if evidence is not None else previous_end if previous_end is not None else earliest
            anchor = min(anchor, e[0])
            floor = previous_end if previous_end is not None and previous_end <= anchor else anchor - 365 * DAY
            t0[i], c0[i] = max(anchor - 365 * DAY, floor), anchor
        t1[i] = max(e[1], t0[i] + DAY)
        if t.end is None:
            # "end: null" says no end was recorded, not that they are in post today: solid only up to the
            # latest source that shows them in post, light from there to now (the arrow)
            latest = max((published[x] for x in t.sources if x in published), default=None)
            c1[i] = min(max(latest, c0[i]), t1[i]) if latest is not None else t1[i]
        else:
            c1[i] = e[0] if e[1] - e[0] > DAY else t1[i]
        if c1[i] < c0[i]:
            c0[i] = c1[i] = t0[i]
        # a handover within the period of an end date (ends 2024-05, next starts 2024-05) shares the row
        free[i] = max(e[0], t0[i]) if t.end is not None else t1[i]
        previous_end = t1[i]
    order = np.argsort(t0, kind="stable")  # searchsorted needs the spans sorted by where they are drawn
    tenures = [tenures[i] for i in order]
    t0, t1, c0, c1, free = t0[order], t1[order], c0[order], c1[order], free[order]
    lane = Lane(f"post:{post_id}", name, True, tenures, t0, t1,
                cls=np.arange(n, dtype=np.int64) % 2,
                approx=np.zeros(n, dtype=bool),  # "c." dates of a tenure are told by its tooltip
                priority=np.zeros(n, dtype=np.int64), row=_assign_rows(t0, free), palette=palette,
                core0=c0, core1=c1, open_end=np.array([t.end is None for t in tenures], dtype=bool),
                labels=[names.get(t.person, t.person) for t in tenures])
    lane.rows = int(lane.row.max()) + 1 if n else 1
    return lane


@dataclass
class CanvasModel:
    lanes: list[Lane]
    span: tuple[float, float]  # from the first thing drawn to the last (or to now when open)
    now: float


def build(timeline: Timeline, now: float | None = None) -> CanvasModel:
    now = time.time() if now is None else now
    events = timeline.events
    groups = [
        ("inspections", "Inspections", [e for e in events if e.kind in INSPECTION_KINDS], True),
        ("interventions", "Interventions", [e for e in events if e.kind in INTERVENTION_KINDS], True),
        ("leadership", "Leadership changes", [e for e in events if e.kind is EventKind.LEADERSHIP], False),
        ("statements", "Statements", [e for e in events if e.kind is EventKind.STATEMENT], False),
    ]
    lanes = [_event_lane(k, n, evs) for k, n, evs, always in groups if always or evs]
    starts = [lane.t0[0] for lane in lanes if len(lane.t0)]
    ends = [lane.reach[-1] for lane in lanes if len(lane.t0)]
    dated = [t.start.timestamps()[0] for t in timeline.tenures if t.start]
    dated += [t.end.timestamps()[1] for t in timeline.tenures if t.end]
    earliest = min(starts + dated, default=now - 365 * DAY)
    names = {p.id: p.name for p in timeline.people}
    published = {src.id: src.published.timestamps()[0] for src in timeline.sources if src.published}
    by_post: dict[str, list[Tenure]] = {}
    for t in timeline.tenures:
        by_post.setdefault(t.post, []).append(t)
    for i, post in enumerate(timeline.posts):
        lanes.append(_tenure_lane(post.id, post.name, by_post.get(post.id, []), names, published,
                                   earliest, now, i))
    for lane in lanes:
        if lane.is_tenure and len(lane.t0):
            starts.append(lane.t0[0])
            ends.append(lane.reach[-1])
    if not starts:
        span = (now - 365 * DAY, now + 30 * DAY)
    else:
        span = (float(min(starts)), float(max(ends)))
    return CanvasModel(lanes, span, now)
