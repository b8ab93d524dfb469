"""Build a `Timeline` straight from the YAML node tree, checking the schema as it goes.

Key lists here are the canonical order of docs/format.md (the writer uses the same tuples), so the
reader and the writer cannot drift apart. Cross-entry rules (unique ids, references that resolve,
presentation steps) are in `references`, which works from what this module records.
"""

from __future__ import annotations

import re
from typing import Callable

from yaml.nodes import Node

from desktop.core.model import FORMAT, INSPECTION_KINDS, LABEL_MAX, Event, EventKind, Person, Post, Presentation, \
    PresentationStep, Quote, Rating, Source, Tenure, Timeline
from desktop.storage.fields import Fields, suggest
from desktop.storage.problems import LoadCancelled, Problems

__all__ = ["KEYS", "REQUIRED", "Reader"]

KEYS = {
    "timeline": ("format", "title", "description", "sources", "people", "posts", "tenures", "events", "presentation"),
    "source": ("id", "outlet", "title", "author", "published", "approx", "url", "archive", "sha256", "original", "original_sha256",
               "note"),
    "person": ("id", "name", "aliases", "note"),
    "post": ("id", "name", "note"),
    "tenure": ("person", "post", "start", "start_approx", "end", "end_approx", "sources", "note"),
    "event": ("id", "date", "approx", "end", "kind", "rating", "title", "label", "summary", "people", "sources", "quotes", "note"),
    "quote": ("speaker", "role", "text", "source", "offset", "note"),
    "presentation": ("title", "subtitle", "steps"),
    "step": ("event", "quote"),
}
REQUIRED = {
    "timeline": ("format", "title"),
    "source": ("id", "outlet", "title"),
    "person": ("id", "name"),
    "post": ("id", "name"),
    "tenure": ("person", "post"),
    "event": ("id", "date", "kind", "title"),
    "quote": ("speaker", "text", "source"),
    "presentation": (),
    "step": ("event",),
}
_KINDS = {k.value: k for k in EventKind}
_RATINGS = {r.value: r for r in Rating}
_EVERY = 256  # entries between progress calls
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Reader(Fields):
    """One pass over the nodes; collects entries, id definitions, references and quote positions."""

    def __init__(self, problems: Problems, progress: Callable[[int], None] | None = None) -> None:
        super().__init__(problems)
        self.progress = progress
        self.done = 0
        self.defined: dict[str, list[tuple[str, Node, tuple[str, str]]]] = {
            "source": [], "person": [], "post": [], "event": []}
        self.refs: list[tuple[str, str, Node, tuple[str, str] | None]] = []  # kind, id, node, owner
        self.speakers: list[tuple[str, Node, tuple[str, str] | None]] = []
        self.steps: list[tuple[PresentationStep, Node, Node | None]] = []
        self.quote_nodes: dict[tuple[str, int], Node] = {}
        self.archive_nodes: dict[str, Node] = {}
        self.digest_nodes: dict[str, Node] = {}  # source id -> its `sha256:` value

    def forget_nodes(self) -> None:
        """Let go of every node kept for the later checks (see `storage.loads`, which then frees the
        node tree a slice at a time)."""
        self.defined = {kind: [] for kind in self.defined}
        self.refs, self.speakers, self.steps = [], [], []
        self.quote_nodes, self.archive_nodes, self.digest_nodes = {}, {}, {}

    # -- top level ----------------------------------------------------------------------
    def timeline(self, root: Node) -> Timeline | None:
        top = self.mapping(root, "the top level of a timeline file", KEYS["timeline"], ())
        if top is None:
            return None
        fmt = top.get("format")
        if fmt is None:
            self.error(root, f"the file has no 'format:' key; a timeline starts with 'format: {FORMAT}'")
        else:
            value = self.text(fmt, "format")
            if value is not None and value != FORMAT:
                hint = " (a newer version of Council Timeline may read it)" if value.startswith("council-timeline/") \
                    else ""
                self.error(fmt, f"unknown format version '{value}'; this program reads '{FORMAT}'{hint}")
        if "title" not in top:
            self.error(root, "the timeline is missing the required key 'title'")
        title = self.text(top.get("title"), "title")
        timeline = Timeline(
            title=title or "",
            description=self.text(top.get("description"), "description", optional=True),
            sources=self._each(top.get("sources"), "sources", self.source),
            people=self._each(top.get("people"), "people", self.person),
            posts=self._each(top.get("posts"), "posts", self.post),
            tenures=self._each(top.get("tenures"), "tenures", self.tenure),
            events=self._each(top.get("events"), "events", self.event),
        )
        self.ref = None
        if "presentation" in top:
            timeline.presentation = self.presentation(top["presentation"])
        return timeline

    def _each(self, node: Node | None, key: str, read: Callable) -> list:
        out = []
        for index, item in enumerate(self.items(node, key)):
            self.ref = None
            entry = read(item, index)
            if entry is not None:
                out.append(entry)
            self.done += 1
            if self.progress is not None and not self.done % _EVERY:
                self.progress(self.done)
        return out

    def _define(self, kind: str, m: dict[str, Node]) -> str | None:
        ident = self.ident(m.get("id"), "id")
        if ident is not None:
            self.ref = (kind, ident)
            self.defined[kind].append((ident, m["id"], self.ref))
        return ident

    def _refer(self, kind: str, node: Node | None, key: str) -> str | None:
        ident = self.ident(node, key)
        if ident is not None:
            self.refs.append((kind, ident, node, self.ref))
        return ident

    def _refer_all(self, kind: str, node: Node | None, key: str) -> list[str]:
        pairs = self.strings(node, key, ids=True)
        self.refs.extend((kind, ident, item, self.ref) for ident, item in pairs)
        return [ident for ident, _ in pairs]

    # -- entries ------------------------------------------------------------------------
    def source(self, node: Node, index: int) -> Source | None:
        m = self.mapping(node, "source", KEYS["source"], REQUIRED["source"])
        if m is None:
            return None
        ident = self._define("source", m)
        approx = self.flag(m.get("approx"), "approx")
        published = self.date(m.get("published"), "published", approx)
        if approx and published is None:
            self.warning(m["approx"], "approx has no effect without a published date; it will not be saved")
        url = self.text(m.get("url"), "url", optional=True)
        if url is not None and not url.startswith(("http://", "https://")):
            self.error(m["url"], f"url '{url}' must start with http:// or https://")
        archive = self.text(m.get("archive"), "archive", optional=True)
        if archive is not None and ident is not None:
            self.archive_nodes[ident] = m["archive"]
        sha256 = self._digest(m, "sha256")
        if sha256 is not None and ident is not None:
            self.digest_nodes[ident] = m["sha256"]
        if sha256 is not None and archive is None:
            self.warning(m["sha256"], "sha256 has no effect without an archive")
        original, original_sha256 = self.text(m.get("original"), "original", optional=True), \
            self._digest(m, "original_sha256")
        outlet, title = self.text(m.get("outlet"), "outlet"), self.text(m.get("title"), "title")
        if None in (ident, outlet, title):
            return None
        return Source(ident, outlet, title, self.text(m.get("author"), "author", optional=True), published,
                      url, archive, self.text(m.get("note"), "note", optional=True), sha256, original,
                      original_sha256)

    def _digest(self, m: dict[str, Node], key: str) -> str | None:
        """A SHA-256 written as 64 hexadecimal digits (lower case), or None."""
        value = self.text(m.get(key), key, optional=True)
        if value is None:
            return None
        if not _SHA256.fullmatch(value):
            self.error(m[key], f"{key} must be a SHA-256: 64 hexadecimal digits (0-9, a-f)")
            return None
        return value

    def person(self, node: Node, index: int) -> Person | None:
        m = self.mapping(node, "person", KEYS["person"], REQUIRED["person"])
        if m is None:
            return None
        ident, name = self._define("person", m), self.text(m.get("name"), "name")
        aliases = [a for a, _ in self.strings(m.get("aliases"), "aliases")]
        note = self.text(m.get("note"), "note", optional=True)
        return None if ident is None or name is None else Person(ident, name, aliases, note)

    def post(self, node: Node, index: int) -> Post | None:
        m = self.mapping(node, "post", KEYS["post"], REQUIRED["post"])
        if m is None:
            return None
        ident, name = self._define("post", m), self.text(m.get("name"), "name")
        note = self.text(m.get("note"), "note", optional=True)
        return None if ident is None or name is None else Post(ident, name, note)

    def tenure(self, node: Node, index: int) -> Tenure | None:
        self.ref = ("tenure", str(index))
        m = self.mapping(node, "tenure", KEYS["tenure"], REQUIRED["tenure"])
        if m is None:
            return None
        person, post = self._refer("person", m.get("person"), "person"), self._refer("post", m.get("post"), "post")
        start = self.date(m.get("start"), "start", self.flag(m.get("start_approx"), "start_approx"))
        end = self.date(m.get("end"), "end", self.flag(m.get("end_approx"), "end_approx"))
        if start is not None and end is not None and end.last < start.start:
            self.error(m["end"], f"the tenure ends ({end.iso()}) before it starts ({start.iso()})")
        sources = self._refer_all("source", m.get("sources"), "sources")
        note = self.text(m.get("note"), "note", optional=True)
        return None if person is None or post is None else Tenure(person, post, start, end, sources, note)

    def event(self, node: Node, index: int) -> Event | None:
        m = self.mapping(node, "event", KEYS["event"], REQUIRED["event"])
        if m is None:
            return None
        ident = self._define("event", m)
        date = self.date(m.get("date"), "date", self.flag(m.get("approx"), "approx"), optional=False)
        end = self.date(m.get("end"), "end")
        if date is not None and end is not None and end.end <= date.start:
            self.error(m["end"], f"the event ends ({end.iso()}) before it starts ({date.iso()})")
        kind = self._choice(m.get("kind"), "kind", _KINDS)
        rating = self._choice(m.get("rating"), "rating", _RATINGS) if "rating" in m else None
        if rating is not None and kind is not None and kind not in INSPECTION_KINDS:
            self.error(m["rating"], f"rating is only for inspections and visits, not for a {kind.value} event")
        title = self.text(m.get("title"), "title")
        label = self.text(m.get("label"), "label", optional=True)
        if label is not None and len(label.strip()) > LABEL_MAX:
            self.error(m["label"], f"label is too long ({len(label.strip())} characters; at most {LABEL_MAX}): "
                                   "it is the short title shown beside the mark, the full one is 'title'")
            label = None
        elif label is not None and "\n" in label.strip():
            self.error(m["label"], "label must be one line (it is the short title shown beside the mark)")
            label = None
        elif label is not None:
            label = label.strip() or None
        summary = self.text(m.get("summary"), "summary", optional=True)
        people = self._refer_all("person", m.get("people"), "people")
        sources = self._refer_all("source", m.get("sources"), "sources")
        if "sources" not in m or not sources:
            self.warning(m.get("sources", node), "the event cites no source")
        quotes = [q for i, q_node in enumerate(self.items(m.get("quotes"), "quotes"))
                  if (q := self.quote(q_node, ident, i)) is not None]
        note = self.text(m.get("note"), "note", optional=True)
        if None in (ident, date, kind, title):
            return None
        return Event(ident, date, kind, title, summary, rating, end, people, sources, quotes, note, label)

    def _choice(self, node: Node | None, key: str, choices: dict):  # noqa: ANN202 - an enum member or None
        value = self.text(node, key)
        if value is None:
            return None
        if value not in choices:
            self.error(node, f"{key} '{value}' is not one of: {', '.join(choices)}{suggest(value, choices)}")
            return None
        return choices[value]

    def quote(self, node: Node, event_id: str | None, index: int) -> Quote | None:
        m = self.mapping(node, "quote", KEYS["quote"], REQUIRED["quote"])
        if m is None:
            return None
        speaker, text = self.text(m.get("speaker"), "speaker"), self.text(m.get("text"), "text")
        if speaker is not None:
            self.speakers.append((speaker, m["speaker"], self.ref))
        source = self._refer("source", m.get("source"), "source")
        role, note = self.text(m.get("role"), "role", optional=True), self.text(m.get("note"), "note", optional=True)
        offset = self.index(m.get("offset"), "offset") if "offset" in m else None
        if None in (speaker, text, source):
            return None
        if event_id is not None:
            self.quote_nodes[(event_id, index)] = m["text"]
        return Quote(speaker, text, source, role, note, offset)

    def presentation(self, node: Node) -> Presentation | None:
        m = self.mapping(node, "presentation", KEYS["presentation"], ())
        if m is None:
            return None
        shown = Presentation(self.text(m.get("title"), "title", optional=True),
                             self.text(m.get("subtitle"), "subtitle", optional=True))
        for item in self.items(m.get("steps"), "steps"):
            s = self.mapping(item, "presentation step", KEYS["step"], REQUIRED["step"])
            if s is None:
                continue
            event = self.ident(s.get("event"), "event")
            if event is not None:
                step = PresentationStep(event, self.index(s.get("quote"), "quote"))
                shown.steps.append(step)
                self.steps.append((step, s["event"], s.get("quote")))
        return shown


def check_cancel(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise LoadCancelled
