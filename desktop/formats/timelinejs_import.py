"""Reading Knight Lab's TimelineJS3 JSON into our model (the mapping is described in `timelinejs`). No Qt.

Whatever cannot be mapped is kept where it can be (a note) and reported as a message; a file
that is not TimelineJS3 at all raises `TimelineJSError` with one clear sentence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.dates import DateError, PartialDate
from desktop.core.model import INSPECTION_KINDS, Event, EventKind, Person, Post, Rating, Source, Tenure, Timeline
from desktop.formats.timelinejs_html import blocks_of

__all__ = ["TENURE_PREFIX", "ImportResult", "TimelineJSError", "from_timelinejs", "read_timelinejs", "slugify"]

TENURE_PREFIX = "tenure--"
_TIME_KEYS = ("hour", "minute", "second", "millisecond")


class TimelineJSError(ValueError):
    """The file is not TimelineJS3 JSON we can read at all (each problem is a clear sentence)."""


@dataclass
class ImportResult:
    timeline: Timeline
    messages: list[str] = field(default_factory=list)  # what could not be mapped, one sentence each


# -- reading ---------------------------------------------------------------------------------
def read_timelinejs(path: str | Path) -> ImportResult:
    """Read a TimelineJS3 JSON file; raise TimelineJSError (with the file name) when unreadable."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TimelineJSError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TimelineJSError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    try:
        return from_timelinejs(data, default_title=path.stem)
    except TimelineJSError as exc:
        raise TimelineJSError(f"{path}: {exc}") from None


def from_timelinejs(data: object, default_title: str = "Imported timeline") -> ImportResult:
    if not isinstance(data, dict):
        raise TimelineJSError(f"expected a JSON object with an 'events' list, got a {type(data).__name__}")
    if "events" not in data and isinstance(data.get("timeline"), dict):
        raise TimelineJSError("this looks like a TimelineJS 2 file ('timeline' / 'date'); TimelineJS3 JSON has 'events'")
    events = data.get("events")
    if not isinstance(events, list):
        raise TimelineJSError("no 'events' list: a TimelineJS3 file is {\"title\": ..., \"events\": [...]}")
    importer = _Importer(default_title)
    importer.title(data.get("title"))
    for number, raw in enumerate(events, 1):
        importer.event(number, raw)
    for number, era in enumerate(data.get("eras") or [], 1):
        headline = _headline(era) or f"era {number}"
        importer.messages.append(f"era {headline!r} not imported: the timeline format has no eras")
    if not importer.timeline.events and not importer.timeline.tenures and events:
        raise TimelineJSError("no event could be read:\n  " + "\n  ".join(importer.messages))
    return ImportResult(importer.timeline, importer.messages)


def _plain(value: object) -> str:
    """A TimelineJS field that it shows as HTML, as the text a reader sees (tags dropped, `&lt;` read as `<`)."""
    return " ".join(blocks_of(str(value)).plain.split()) if isinstance(value, (str, int, float)) else ""


def _headline(obj: object) -> str:
    text = obj.get("text") if isinstance(obj, dict) else None
    return _plain(text.get("headline")) if isinstance(text, dict) else ""


def slugify(text: str, fallback: str = "item") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48].rstrip("-") or fallback


class _Importer:
    """Builds one Timeline from TimelineJS objects, collecting a message for each loss."""

    def __init__(self, default_title: str) -> None:
        self.timeline = Timeline(title=default_title)
        self.messages: list[str] = []
        self._ids: set[str] = set()
        self._kinds = {k.label.lower(): k for k in EventKind} | {k.value: k for k in EventKind}
        self._unmapped_groups: dict[str, int] = {}

    def _unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def title(self, title: object) -> None:
        if not isinstance(title, dict):
            return
        headline = _headline(title)
        if headline:
            self.timeline.title = headline
        text = title.get("text") if isinstance(title.get("text"), dict) else {}
        body = blocks_of(text.get("text")).plain if isinstance(text.get("text"), str) else ""
        self.timeline.description = body or None
        if title.get("media"):
            self.messages.append("title slide media not imported: the timeline format has no images")

    def _date(self, where: str, obj: object, key: str) -> PartialDate | None:
        if obj is None:
            raise TimelineJSError(f"{where}: has no '{key}'")
        if not isinstance(obj, dict):
            raise TimelineJSError(f"{where}: '{key}' must be an object such as {{\"year\": 2016, \"month\": 5}}")
        try:
            year = int(str(obj["year"]).strip())
            month = int(str(obj["month"]).strip()) if obj.get("month") not in (None, "") else None
            day = int(str(obj["day"]).strip()) if obj.get("day") not in (None, "") else None
        except KeyError:
            raise TimelineJSError(f"{where}: '{key}' has no year") from None
        except ValueError:
            raise TimelineJSError(f"{where}: '{key}' has a year, month or day that is not a whole number") from None
        if any(obj.get(k) not in (None, "") for k in _TIME_KEYS):
            self.messages.append(f"{where}: the time of day in '{key}' was dropped (dates only)")
        display = str(obj.get("display_date") or "").strip().lower()
        approx = display.startswith(("c.", "c ", "circa", "around", "about", "early", "late", "end of"))
        try:
            return PartialDate(year, month, day, approx)
        except DateError as exc:
            raise TimelineJSError(f"{where}: '{key}': {exc}") from None

    def event(self, number: int, raw: object) -> None:
        headline = _headline(raw)
        where = f"event {number}" + (f" ({headline!r})" if headline else "")
        if not isinstance(raw, dict):
            self.messages.append(f"{where} skipped: not an object")
            return
        try:
            start = self._date(where, raw.get("start_date"), "start_date")
            end = self._date(where, raw["end_date"], "end_date") if raw.get("end_date") else None
        except TimelineJSError as exc:
            self.messages.append(f"{exc}; skipped")
            return
        if end is not None and end < start:
            self.messages.append(f"{where}: end_date is before start_date; the end was dropped")
            end = None
        uid = str(raw.get("unique_id") or "")
        group = _plain(raw.get("group"))
        if uid.startswith(TENURE_PREFIX) and headline and group:
            self._tenure(uid, headline, group, start, end)
            return
        self._event(where, raw, headline or f"Untitled ({start.display()})", uid, group, start, end)

    def _tenure(self, uid: str, name: str, post_name: str, start: PartialDate, end: PartialDate | None) -> None:
        parts = uid[len(TENURE_PREFIX):].split("--")
        person_id = slugify(parts[0] if parts and parts[0] else name, "person")
        post_id = slugify(parts[1] if len(parts) > 1 and parts[1] else post_name, "post")
        if self.timeline.person(person_id) is None:
            self.timeline.people.append(Person(id=person_id, name=name))
        if self.timeline.post(post_id) is None:
            self.timeline.posts.append(Post(id=post_id, name=post_name))
        self.timeline.tenures.append(Tenure(person=person_id, post=post_id, start=start, end=end))

    def _event(self, where, raw, title, uid, group, start, end) -> None:
        kind = self._kinds.get(group.lower()) if group else None
        notes = []
        if kind is None:
            kind = EventKind.STATEMENT
            if group:
                notes.append(f"TimelineJS group: {group}")
                self._unmapped_groups[group] = self._unmapped_groups.get(group, 0) + 1
                if self._unmapped_groups[group] == 1:
                    self.messages.append(
                        f"group {group!r} is not an event kind: its events are imported as statements "
                        "and the group is kept in their note"
                    )
        text = raw.get("text") if isinstance(raw.get("text"), dict) else {}
        blocks = blocks_of(text.get("text") if isinstance(text.get("text"), str) else "")
        rating = None
        if blocks.rating:
            rating = next((r for r in Rating if r.label.lower() == blocks.rating.lower()), None)
        if rating is not None and kind not in INSPECTION_KINDS:
            rating = None
        if blocks.quotes:
            notes.append("Quoted in the TimelineJS text: " + " ".join(blocks.quotes))
            self.messages.append(
                f"{where}: {len(blocks.quotes)} quote(s) kept in the note, not as quotes "
                "(TimelineJS has no speaker or source fields)"
            )
        if blocks.sources.count(";") >= 1:  # more than the one source the media credit carries
            notes.append(blocks.sources)
            self.messages.append(f"{where}: only the first source became a source; the others are in the note")
        event = Event(
            id=self._unique(slugify(uid) if uid else f"{slugify(title, 'event')}-{start.year}"),
            date=start, kind=kind, title=title, summary=blocks.summary or None, rating=rating, end=end,
            note="\n".join(notes) or None,
        )
        source = self._source(raw.get("media"))
        if source is not None:
            event.sources.append(source.id)
        else:
            self.messages.append(f"{where}: no media credit, so the event has no source")
        if isinstance(raw.get("background"), dict):
            self.messages.append(f"{where}: background not imported")
        self.timeline.events.append(event)

    def _source(self, media: object) -> Source | None:
        credit = _plain(media.get("credit")) if isinstance(media, dict) else ""
        if not credit:
            return None
        url = str(media.get("url") or "").strip()
        url = url if url.startswith(("http://", "https://")) else None
        for s in self.timeline.sources:
            if s.outlet == credit and s.url == url:
                return s
        caption = _plain(media.get("caption"))
        source = Source(id=self._unique(slugify(credit, "source")), outlet=credit, title=caption or credit, url=url)
        self.timeline.sources.append(source)
        return source
