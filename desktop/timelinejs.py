"""Our timeline to and from Knight Lab's TimelineJS3 JSON. No Qt.

A journalist publishes the same timeline on the web with TimelineJS, and timelines made there
can be brought in. The formats differ, so the mapping is explicit:

- event  <-> TimelineJS event: `unique_id` = id, `start_date`/`end_date` keep the precision
  (year / month / day keys present or not; approx as a "c. ..." `display_date`), `text.headline`
  = title, `group` = the kind's label, `media.credit` = the first source's short citation.
  The rating, summary, quotes and sources go into `text.text` as marked HTML paragraphs.
- tenure <-> TimelineJS event in the post's group with `unique_id` `tenure--PERSON--POST--START`
  (a tenure whose start is unknown is left out: TimelineJS needs a start date).
- title slide <-> the timeline's title and description. Eras have no counterpart here: import
  reports them. Everything else that cannot be mapped is reported as a message, never dropped silently.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.citation import full_citation, short_citation
from desktop.dates import DateError, PartialDate
from desktop.model import Event, EventKind, Person, Post, Quote, Rating, Source, Tenure, Timeline
from desktop.timelinejs_html import blocks_of

__all__ = ["to_timelinejs", "export_notes", "write_timelinejs", "from_timelinejs", "read_timelinejs", "ImportResult", "TimelineJSError"]

_TENURE_PREFIX = "tenure--"
_TIME_KEYS = ("hour", "minute", "second", "millisecond")


class TimelineJSError(ValueError):
    """The file is not TimelineJS3 JSON we can read at all (each problem is a clear sentence)."""


@dataclass
class ImportResult:
    timeline: Timeline
    messages: list[str] = field(default_factory=list)  # what could not be mapped, one sentence each


# -- export ---------------------------------------------------------------------------------
def to_timelinejs(timeline: Timeline, events: list[Event] | None = None, tenures: list[Tenure] | None = None) -> dict:
    """The TimelineJS3 JSON object (a dict ready for `json.dump`) for these events and tenures."""
    events = timeline.events_in_order() if events is None else events
    tenures = timeline.tenures if tenures is None else tenures
    title_text = {"headline": timeline.title}
    if timeline.description:
        title_text["text"] = f"<p>{html.escape(timeline.description)}</p>"
    out_events = [_event_to_tljs(timeline, e) for e in events]
    out_events += [_tenure_to_tljs(timeline, t) for t in tenures if t.start is not None]
    return {"title": {"text": title_text}, "events": out_events}


def export_notes(timeline: Timeline, tenures: list[Tenure] | None = None) -> list[str]:
    """What `to_timelinejs` leaves out, one sentence each, for the person exporting."""
    tenures = timeline.tenures if tenures is None else tenures
    missing = [t for t in tenures if t.start is None]
    if not missing:
        return []
    names = ", ".join(sorted({timeline.speaker_name(t.person) for t in missing}))
    return [f"{len(missing)} tenure(s) with an unknown start are not in the TimelineJS file "
            f"(it needs a start date): {names}"]


def write_timelinejs(timeline: Timeline, path: str | Path, **kwargs) -> Path:
    path = Path(path)
    data = to_timelinejs(timeline, **kwargs)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _date_to_tljs(date: PartialDate) -> dict:
    out: dict = {"year": date.year}
    if date.month is not None:
        out["month"] = date.month
    if date.day is not None:
        out["day"] = date.day
    if date.approx:
        out["display_date"] = date.display()
    return out


def _event_to_tljs(timeline: Timeline, event: Event) -> dict:
    paragraphs = []
    if event.rating:
        paragraphs.append(f'<p class="ct-rating"><strong>Rating: {html.escape(event.rating.label)}</strong></p>')
    if event.summary:
        summary = html.escape(event.summary).replace("\n", "<br>")
        paragraphs.append(f'<p class="ct-summary">{summary}</p>')
    for quote in event.quotes:
        who = timeline.speaker_name(quote.speaker) + (f", {quote.role}" if quote.role else "")
        source = timeline.source(quote.source)
        cite = full_citation(source) if source else quote.source
        paragraphs.append(
            f'<blockquote class="ct-quote">\u201c{html.escape(quote.text)}\u201d '
            f"<cite>\u2014 {html.escape(who)}. {html.escape(cite)}</cite></blockquote>"
        )
    sources = [timeline.source(s) for s in event.sources]
    if any(sources):
        cites = "; ".join(html.escape(full_citation(s)) for s in sources if s)
        paragraphs.append(f'<p class="ct-sources">Sources: {cites}</p>')
    out: dict = {
        "unique_id": event.id,
        "start_date": _date_to_tljs(event.date),
        "text": {"headline": event.title, "text": "".join(paragraphs)},
        "group": event.kind.label,
    }
    if event.end is not None:
        out["end_date"] = _date_to_tljs(event.end)
    first = next((s for s in sources if s), None)
    if first is not None:
        out["media"] = {"url": first.url or "", "credit": short_citation(first), "caption": first.title}
    return out


def _tenure_to_tljs(timeline: Timeline, tenure: Tenure) -> dict:
    person = timeline.person(tenure.person)
    post = timeline.post(tenure.post)
    name = person.name if person else tenure.person
    post_name = post.name if post else tenure.post
    until = tenure.end.display() if tenure.end else "still in post or unknown"
    out: dict = {
        "unique_id": f"{_TENURE_PREFIX}{tenure.person}--{tenure.post}--{tenure.start.iso()}",
        "start_date": _date_to_tljs(tenure.start),
        "text": {"headline": name, "text": f"<p>{html.escape(post_name)}, {tenure.start.display()} to {until}</p>"},
        "group": post_name,
    }
    if tenure.end is not None:
        out["end_date"] = _date_to_tljs(tenure.end)
    return out


# -- import ---------------------------------------------------------------------------------
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


def _headline(obj: object) -> str:
    text = obj.get("text") if isinstance(obj, dict) else None
    headline = text.get("headline") if isinstance(text, dict) else None
    return " ".join(blocks_of(headline).plain.split()) if isinstance(headline, str) else ""


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
        group = str(raw.get("group") or "").strip()
        if uid.startswith(_TENURE_PREFIX) and headline and group:
            self._tenure(uid, headline, group, start, end)
            return
        self._event(where, raw, headline or f"Untitled ({start.display()})", uid, group, start, end)

    def _tenure(self, uid: str, name: str, post_name: str, start: PartialDate, end: PartialDate | None) -> None:
        parts = uid[len(_TENURE_PREFIX):].split("--")
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
        if rating is not None and kind not in (EventKind.INSPECTION, EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT):
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
        if not isinstance(media, dict) or not str(media.get("credit") or "").strip():
            return None
        credit = " ".join(blocks_of(str(media["credit"])).plain.split())
        url = str(media.get("url") or "").strip()
        url = url if url.startswith(("http://", "https://")) else None
        for s in self.timeline.sources:
            if s.outlet == credit and s.url == url:
                return s
        caption = " ".join(blocks_of(str(media.get("caption") or "")).plain.split())
        source = Source(id=self._unique(slugify(credit, "source")), outlet=credit, title=caption or credit, url=url)
        self.timeline.sources.append(source)
        return source
