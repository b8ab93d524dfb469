"""What the canvas draws, as sorted numpy arrays per lane (built once per edit, not per frame).

A lane is a row of the canvas: inspections, interventions, leadership events, statements, then
one lane per post with its tenures. Each lane keeps its items sorted by start time together with
`reach`, the running maximum of the end times, so the slice of items that can touch the window
[x0, x1] is two `searchsorted` calls however many items there are. Partial dates keep their whole
interval (a year-only date covers the year) so nothing is drawn on a fake 1 January.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np

from desktop.core.change import Change
from desktop.core.dates import PartialDate
from desktop.core.model import INSPECTION_KINDS, INTERVENTION_KINDS, Event, EventKind, Rating, Tenure, Timeline
from desktop.timeline import style as styles

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
    sort_key: np.ndarray | None = None  # event lanes: `PartialDate.sort_int` of each item's date
    rank: np.ndarray | None = None  # event lanes: each item's place among the lane's events in the file
    reach: np.ndarray = field(init=False)
    keep: np.ndarray = field(init=False)
    group: np.ndarray = field(init=False)  # colour class * 2 + approx: how marks are grouped per colour
    shown: list[str] = field(init=False)  # labels as drawn: "c. " before an approximate date's
    marks: MarkSet | None = field(init=False)  # event lanes: what their markers and brackets draw
    _positions: dict[int, int] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.reach = np.maximum.accumulate(self.t1) if len(self.t1) else self.t1
        self.keep = np.ones(len(self.items), dtype=bool)
        self.group = self.cls * 2 + self.approx
        self.shown = [f"c. {t}" if a else t for t, a in zip(self.labels, self.approx.tolist())]
        self.marks = None if self.is_tenure else MarkSet(self.t0, self.t1, self.group)

    def positions(self) -> dict[int, int]:
        """Where each item is in the lane, by `id()` of the item (made when first asked, kept by patches)."""
        if self._positions is None:
            self._positions = {id(x): i for i, x in enumerate(self.items)}
        return self._positions


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
    return styles.RATING_CLASS.get(rating, styles.NO_RATING) if kind in INSPECTION_KINDS else styles.KIND_CLASS[kind]


# Colour class and label priority of each (kind, rating), looked up by one small code per event.
_PAIRS = [(kind, rating) for kind in EventKind for rating in (None, *Rating)]
_CODE = {pair: code for code, pair in enumerate(_PAIRS)}
_CLASS_OF = np.array([_colour_class(k, r) for k, r in _PAIRS], dtype=np.int64)
_PRIORITY_OF = np.array([_priority(k, r) for k, r in _PAIRS], dtype=np.int64)


def _event_columns(events: list[Event]) -> tuple[np.ndarray, ...]:
    """Sort key, start, end, colour class, approx and label priority of each event, in the order given."""
    n = len(events)
    y, m, dd, approx = _date_fields([e.date for e in events])
    key = ((y * 100 + m) * 100 + dd) * 10 + approx
    t0, t1 = _field_intervals(y, m, dd)
    ends = [(i, e.end) for i, e in enumerate(events) if e.end is not None]
    if ends:
        idx = np.array([i for i, _ in ends])
        t1[idx] = np.maximum(t1[idx], _intervals([d for _, d in ends])[1])
    code = np.fromiter((_CODE[(e.kind, e.rating)] for e in events), dtype=np.int64, count=n)
    return key, t0, t1, _CLASS_OF[code], approx, _PRIORITY_OF[code]


def _event_lane(key: str, name: str, events: list[Event]) -> Lane:
    """The lane's events sorted by date (as `PartialDate.sort_int`, stable), with their arrays.

    Built with one pass over the events per field and numpy for the rest: at 100k events this is
    what a load or an edit waits for before the canvas shows it."""
    columns = _event_columns(events)
    order = np.argsort(columns[0], kind="stable")
    return _sorted_event_lane(key, name, events, columns, order, np.arange(len(events), dtype=np.int64))


def _sorted_event_lane(key: str, name: str, events: list, columns: tuple[np.ndarray, ...], order: np.ndarray,
                       rank: np.ndarray) -> Lane:
    sort_key, t0, t1, cls, approx, priority = (c[order] for c in columns)
    events = [events[i] for i in order.tolist()]
    return Lane(key, name, False, events, t0, t1, cls, approx=approx, priority=priority,
                row=np.zeros(len(events), dtype=np.int64), labels=[e.short_with_rating for e in events],
                sort_key=sort_key, rank=rank[order])


def _patched_event_lane(lane: Lane, changed: list[Event]) -> Lane:
    """`lane` with the drawn fields of `changed` (events it holds, still of its kind) read again:
    the same Lane `_event_lane` would build, without reading the lane's other events again.

    Ties in date keep file order, which is each item's `rank` (its place among the lane's events
    in the file); an edit that keeps an event in its lane keeps its rank. Each changed event is
    taken out and put back where its (date, rank) now sorts, by bisection."""
    where = lane.positions()
    at = sorted(where[id(e)] for e in changed)
    changed = [lane.items[i] for i in at]
    key, t0, t1, cls, approx, priority = _event_columns(changed)
    out = copy.copy(lane)
    columns = ("sort_key", "t0", "t1", "cls", "approx", "priority", "rank")
    moved = not np.array_equal(key, lane.sort_key[at])
    if not moved:  # same places: overwrite them
        for name, value in zip(columns, (key, t0, t1, cls, approx, priority, lane.rank[at])):
            array = getattr(lane, name).copy()
            array[at] = value
            setattr(out, name, array)
        out.items, out.labels, out.shown = list(lane.items), list(lane.labels), list(lane.shown)
        for j, i in enumerate(at):
            text = changed[j].short_with_rating
            out.labels[i] = text
            out.shown[i] = f"c. {text}" if approx[j] else text
    else:  # take them out, then put each back at its place in (date, rank) order
        rank = lane.rank[at]
        for name in columns:
            setattr(out, name, np.delete(getattr(lane, name), at))
        out.items, out.labels, out.shown = list(lane.items), list(lane.labels), list(lane.shown)
        for i in reversed(at):
            del out.items[i], out.labels[i], out.shown[i]
        for j, e in enumerate(changed):
            place = int(np.searchsorted(out.sort_key * _RANKS + out.rank, key[j] * _RANKS + rank[j]))
            for name, value in zip(columns, (key, t0, t1, cls, approx, priority, rank)):
                setattr(out, name, np.insert(getattr(out, name), place, value[j]))
            out.items.insert(place, e)
            text = e.short_with_rating
            out.labels.insert(place, text)
            out.shown.insert(place, f"c. {text}" if approx[j] else text)
        out._positions = None
        if len(changed) == 1:  # only the items between the old and the new place moved (by one)
            out._positions = dict(where)
            for i in range(min(at[0], place), max(at[0], place) + 1):
                out._positions[id(out.items[i])] = i
    out.row = lane.row if len(lane.row) == len(out.items) else np.zeros(len(out.items), dtype=np.int64)
    out.reach = np.maximum.accumulate(out.t1) if len(out.t1) else out.t1
    out.keep = np.ones(len(out.items), dtype=bool)
    out.group = out.cls * 2 + out.approx
    same_marks = not moved and np.array_equal(out.t0, lane.t0) and np.array_equal(out.t1, lane.t1) \
        and np.array_equal(out.group, lane.group)
    out.marks = lane.marks if same_marks else MarkSet(out.t0, out.t1, out.group)
    return out


_RANKS = 1 << 24  # more than any lane's items: date key * _RANKS + rank orders by date, then file order


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


class Positions:
    """(lane, position) of a drawn item by `id()`, from each lane's own map (`Lane.positions`),
    which an edit that patches a lane carries over."""

    def __init__(self, lanes: list[Lane]) -> None:
        self._lanes = lanes

    def get(self, key: int) -> tuple[int, int] | None:
        for li, lane in enumerate(self._lanes):
            i = lane.positions().get(key)
            if i is not None:
                return li, i
        return None


@dataclass
class CanvasModel:
    lanes: list[Lane]
    span: tuple[float, float]  # from the first thing drawn to the last (or to now when open)
    now: float
    earliest: float = 0.0  # where tenures with an unknown start and no evidence are anchored
    tenures_from: float = np.inf  # the earliest date any tenure gives
    classes: set[int] = field(default_factory=set)  # the colour classes of the events drawn (for the legend)


def _classes(lanes: list[Lane]) -> set[int]:
    return {int(c) for lane in lanes if not lane.is_tenure and len(lane.cls) for c in np.unique(lane.cls)}


#: the event lanes: key, name, which kinds, whether shown when empty
EVENT_LANES = (
    ("inspections", "Inspections", lambda kind: kind in INSPECTION_KINDS, True),
    ("interventions", "Interventions", lambda kind: kind in INTERVENTION_KINDS, True),
    ("leadership", "Leadership changes", lambda kind: kind is EventKind.LEADERSHIP, False),
    ("statements", "Statements", lambda kind: kind is EventKind.STATEMENT, False),
)
#: the fields of an event the canvas draws (its other fields change nothing on it)
DRAWN_EVENT_FIELDS = frozenset({"date", "end", "kind", "rating", "title", "label"})
def lane_key(event: Event) -> str | None:
    return next((key for key, _n, has, _a in EVENT_LANES if has(event.kind)), None)


def _earliest(event_lanes: list[Lane], tenures_from: float, now: float) -> float:
    """Where tenures with an unknown start and no evidence are anchored: the first thing drawn."""
    return min([lane.t0[0] for lane in event_lanes if len(lane.t0)] + [tenures_from], default=now - 365 * DAY)


def _tenures_from(timeline: Timeline) -> float:
    """The earliest date any tenure gives (inf when none does)."""
    dated = [t.start.timestamps()[0] for t in timeline.tenures if t.start]
    dated += [t.end.timestamps()[1] for t in timeline.tenures if t.end]
    return min(dated, default=np.inf)


def _tenure_lanes(timeline: Timeline, keys: set[str] | None, earliest: float, now: float,
                  old: dict[str, Lane] | None = None) -> dict[str, Lane]:
    """The tenure lanes of the posts `keys` ("post:ID"; None: every post), by key. A source's date is
    read only for the sources these lanes' tenures cite."""
    by_post: dict[str, list[Tenure]] = {}
    for t in timeline.tenures:
        if keys is None or f"post:{t.post}" in keys:
            by_post.setdefault(t.post, []).append(t)
    cited = {s for tenures in by_post.values() for t in tenures for s in t.sources}
    published = {src.id: src.published.timestamps()[0] for src in timeline.sources
                 if src.id in cited and src.published}
    names = {p.id: p.name for p in timeline.people}
    lanes = {}
    for i, post in enumerate(timeline.posts):
        key = f"post:{post.id}"
        if keys is None or key in keys:
            lanes[key] = _tenure_lane(post.id, post.name, by_post.get(post.id, []), names, published,
                                      earliest, now, i)
    return lanes


def _span(lanes: list[Lane], now: float) -> tuple[float, float]:
    starts = [lane.t0[0] for lane in lanes if len(lane.t0)]
    ends = [lane.reach[-1] for lane in lanes if len(lane.t0)]
    if not starts:
        return (now - 365 * DAY, now + 30 * DAY)
    return (float(min(starts)), float(max(ends)))


def build(timeline: Timeline, now: float | None = None) -> CanvasModel:
    now = time.time() if now is None else now
    events = timeline.events
    lanes = []
    for key, name, has, always in EVENT_LANES:
        group = [e for e in events if has(e.kind)]
        if always or group:
            lanes.append(_event_lane(key, name, group))
    tenures_from = _tenures_from(timeline)
    earliest = _earliest(lanes, tenures_from, now)
    lanes += _tenure_lanes(timeline, None, earliest, now).values()
    return CanvasModel(lanes, _span(lanes, now), now, earliest, tenures_from, _classes(lanes))


def relay(model: CanvasModel, timeline: Timeline, change: Change) -> tuple[CanvasModel, frozenset[str]]:
    """The canvas model after an edit described by `change`, and the keys of the lanes laid out
    again ("*" when everything was). Only the lanes the edit touched are rebuilt, and an event
    lane whose events kept their kind is patched rather than rebuilt; the result is the model
    `build(timeline, model.now)` makes, array for array, so the frames are the same."""
    if change.everything or change.posts:
        return build(timeline, model.now), ALL
    lanes = list(model.lanes)
    position = {lane.key: i for i, lane in enumerate(lanes)}
    present = (lambda _x: True)
    if change.structure:
        here = {id(x) for x in (*timeline.events, *timeline.tenures)}
        present = (lambda x: id(x) in here)
    # Events: patch the lanes that keep them, rebuild the lanes they leave or join.
    events = change.events if (change.structure or change.fields & DRAWN_EVENT_FIELDS) else ()
    was = _where([lane for lane in lanes if not lane.is_tenure], events)
    patch: dict[str, list[Event]] = {}
    rebuild: set[str] = set()
    for e in events:
        old, new = was.get(id(e)), (lane_key(e) if present(e) else None)
        if old == new and old is not None and not change.structure:
            patch.setdefault(old, []).append(e)
        else:
            rebuild.update(k for k in (old, new) if k is not None)
    for key, name, has, always in EVENT_LANES:
        if key in rebuild:
            group = [e for e in timeline.events if has(e.kind)]
            if (key in position) != bool(always or group):
                return build(timeline, model.now), ALL  # a lane comes or goes
            lanes[position[key]] = _event_lane(key, name, group)
    for key, changed in patch.items():
        if key not in rebuild:
            lanes[position[key]] = _patched_event_lane(lanes[position[key]], changed)
    # Tenures: the lanes of the posts they were and are in, of the people renamed and the sources
    # dated anew; every lane when the earliest date drawn moved (it anchors unknown starts).
    tenures_from = _tenures_from(timeline) if change.tenures else model.tenures_from
    earliest = _earliest([lane for lane in lanes if not lane.is_tenure], tenures_from, model.now)
    if earliest != model.earliest:
        posts = {lane.key for lane in lanes if lane.is_tenure}
    else:
        renamed = change.people if "name" in change.catalog_fields else frozenset()
        dated = change.sources if "published" in change.catalog_fields else frozenset()
        posts = {f"post:{t.post}" for t in timeline.tenures if t.person in renamed or not dated.isdisjoint(t.sources)} \
            if renamed or dated else set()
        posts |= set(_where([lane for lane in lanes if lane.is_tenure], change.tenures).values())
        posts |= {f"post:{t.post}" for t in change.tenures if present(t)}
    posts &= set(position)
    for key, lane in _tenure_lanes(timeline, posts, earliest, model.now).items() if posts else ():
        lanes[position[key]] = lane
    relaid = frozenset(rebuild | set(patch) | posts)
    if not relaid:
        return model, relaid
    return CanvasModel(lanes, _span(lanes, model.now), model.now, earliest, tenures_from, _classes(lanes)), relaid


ALL = frozenset({"*"})


def _where(lanes: list[Lane], items) -> dict[int, str]:
    """The key of the lane drawing each of `items`, by identity (those drawn nowhere are left out)."""
    out = {}
    for x in items:
        key = next((lane.key for lane in lanes if id(x) in lane.positions()), None)
        if key is not None:
            out[id(x)] = key
    return out
