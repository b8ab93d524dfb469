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

TimelineJS puts `text.headline`, `text.text`, `group`, `media.caption` and `media.credit` into the
page as HTML (and `media.url` too, for some media types), so every one is written escaped
(`textsafety.markup`, `textsafety.url_for_markup`): a title such as `<img src=x onerror=...>` is shown
as those characters on the page that publishes the export, and import reads the same title back.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from desktop.core.citation import cite_id, full_citation, short_citation, speaker_line
from desktop.core.dates import PartialDate
from desktop.core.model import Event, Tenure, Timeline
from desktop.storage.atomic import save_bytes
from desktop.formats.timelinejs_import import TENURE_PREFIX, ImportResult, TimelineJSError, from_timelinejs, read_timelinejs
from desktop.core.textsafety import markup, url_for_markup

__all__ = [
    "to_timelinejs", "export_notes", "write_timelinejs",
    "from_timelinejs", "read_timelinejs", "ImportResult", "TimelineJSError",  # reading, from timelinejs_import
]


# -- export ---------------------------------------------------------------------------------
def to_timelinejs(timeline: Timeline, events: list[Event] | None = None, tenures: list[Tenure] | None = None) -> dict:
    """The TimelineJS3 JSON object (a dict ready for `json.dump`) for these events and tenures."""
    events = timeline.events_in_order() if events is None else events
    tenures = timeline.tenures if tenures is None else tenures
    title_text = {"headline": markup(timeline.title)}
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
    save_bytes((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), path)  # atomic
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
        who, cite = speaker_line(timeline, quote), cite_id(timeline, quote.source)
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
        "text": {"headline": markup(event.title), "text": "".join(paragraphs)},
        "group": markup(event.kind.label),
    }
    if event.end is not None:
        out["end_date"] = _date_to_tljs(event.end)
    first = next((s for s in sources if s), None)
    if first is not None:
        out["media"] = {"url": url_for_markup(first.url or ""), "credit": markup(short_citation(first)),
                        "caption": markup(first.title)}
    return out


def _tenure_to_tljs(timeline: Timeline, tenure: Tenure) -> dict:
    person = timeline.person(tenure.person)
    post = timeline.post(tenure.post)
    name = person.name if person else tenure.person
    post_name = post.name if post else tenure.post
    until = tenure.end.display() if tenure.end else "still in post or unknown"
    out: dict = {
        "unique_id": f"{TENURE_PREFIX}{tenure.person}--{tenure.post}--{tenure.start.iso()}",
        "start_date": _date_to_tljs(tenure.start),
        "text": {"headline": markup(name), "text": f"<p>{html.escape(post_name)}, {tenure.start.display()} to {until}</p>"},
        "group": markup(post_name),
    }
    if tenure.end is not None:
        out["end_date"] = _date_to_tljs(tenure.end)
    return out
