"""The canonical text of a timeline (docs/format.md): fixed key order, block style, flow lists of ids.

A small emitter of our own rather than PyYAML's: libyaml writes lists inside mappings without
indentation and offers no per-list flow style, and this one is several times faster. Quoting is
conservative: a value is written plain only when it would read back as the same text, checked with
PyYAML's own resolver; anything doubtful is double-quoted with escapes. Long values are folded at
spaces near WIDTH columns, which YAML reads back as the same single spaces.
"""

from __future__ import annotations

import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from desktop.core.dates import PartialDate
from desktop.core.model import Event, Person, Post, Presentation, Quote, Source, Tenure, Timeline

__all__ = ["dump", "WIDTH", "scalar"]

WIDTH = 100
_STR = "tag:yaml.org,2002:str"
_resolver = Resolver()
# first characters and substrings that would make a plain scalar mean something else
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\t\n\r]*")
_RISKY = re.compile(r": |:$| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]|\s$")
_FLOW_RISKY = re.compile(r"[,\[\]{}:]")  # a colon in a flow list can start a mapping ("a:?", "a:")
_LITERAL_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]| \n|\t\n")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
_NEEDS_ESCAPE = re.compile(r"[\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _plain_ok(value: str) -> bool:
    return (
        _PLAIN.fullmatch(value) is not None
        and _RISKY.search(value) is None
        and _resolver.resolve(ScalarNode, value, (True, False)) == _STR
    )


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02X}" if ord(ch) < 0x100 else f"\\u{ord(ch):04X}")


def _fold(text: str, first: int, indent: int, *, after_escape_ok: bool) -> str:
    """Break `text` at single spaces so lines stay near WIDTH; continuation lines start at `indent`."""
    if first + len(text) <= WIDTH:
        return text
    lines, start, column, last_break = [], 0, first, None
    pad = "\n" + " " * indent
    i = 0
    while i < len(text):
        if text[i] == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " " \
                and (text[i + 1].isalnum() or text[i + 1] in "(\"'") and (after_escape_ok or text[i - 1] != "\\"):
            if column + (i - start) > WIDTH and last_break is not None:
                lines.append(text[start:last_break])
                start, column = last_break + 1, indent
            last_break = i
        i += 1
    if column + (len(text) - start) > WIDTH and last_break is not None and last_break >= start:
        lines.append(text[start:last_break])
        start = last_break + 1
    lines.append(text[start:])
    return pad.join(lines)


def _literal_ok(value: str) -> bool:
    """A `|` block keeps line breaks readable; only when every line reads back exactly."""
    return (
        "\n" in value
        and bool(value.strip())
        and not value.endswith(("\n\n", " ", "\t"))
        and not value.startswith((" ", "\n", "\t"))
        and "\n\t" not in value
        and _LITERAL_BAD.search(value) is None
    )


def scalar(value: str, first: int, indent: int) -> str:
    """`value` as a YAML scalar starting at column `first` (0-based); folded lines start at `indent`."""
    if _literal_ok(value):
        head = "|" if value.endswith("\n") else "|-"
        body = value[:-1] if value.endswith("\n") else value
        pad = " " * indent
        return head + "".join(f"\n{pad}{line}" if line else "\n" for line in body.split("\n"))
    if _plain_ok(value):
        return _fold(value, first, indent, after_escape_ok=True)
    quoted = _NEEDS_ESCAPE.sub(_escape, value)
    return '"' + _fold(quoted, first + 1, indent, after_escape_ok=False) + '"'


def _flow(values: list[str]) -> str:
    """`[a, b]` on one line; an item that is not a safe plain word in a flow list is double-quoted."""
    return "[" + ", ".join(v if _plain_ok(v) and not _FLOW_RISKY.search(v) else '"' + _NEEDS_ESCAPE.sub(_escape, v) + '"'
                           for v in values) + "]"


def _date(value: PartialDate | None) -> str:
    return "null" if value is None else value.iso()


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, indent: int, key: str, value: str | None) -> None:
        if value is None:
            self.parts.append(f"{' ' * indent}{key}: null\n")
        else:
            self.parts.append(f"{' ' * indent}{key}: {scalar(value, indent + len(key) + 2, indent + 2)}\n")

    def raw(self, indent: int, key: str, value: str) -> None:
        self.parts.append(f"{' ' * indent}{key}: {value}\n")


def _source(out: _Out, s: Source, i: int) -> None:
    out.text(i, "id", s.id); out.text(i, "outlet", s.outlet); out.text(i, "title", s.title)  # noqa: E702
    out.text(i, "author", s.author)
    out.raw(i, "published", _date(s.published))
    if s.published is not None and s.published.approx:
        out.raw(i, "approx", "true")
    out.text(i, "url", s.url)
    out.text(i, "archive", s.archive)
    for key in ("sha256", "original", "original_sha256"):
        if getattr(s, key) is not None:
            out.text(i, key, getattr(s, key))
    if s.note is not None:
        out.text(i, "note", s.note)


def _person(out: _Out, p: Person, i: int) -> None:
    out.text(i, "id", p.id); out.text(i, "name", p.name)  # noqa: E702
    if p.aliases:
        out.raw(i, "aliases", _flow(p.aliases))
    if p.note is not None:
        out.text(i, "note", p.note)


def _post(out: _Out, p: Post, i: int) -> None:
    out.text(i, "id", p.id); out.text(i, "name", p.name)  # noqa: E702
    if p.note is not None:
        out.text(i, "note", p.note)


def _tenure(out: _Out, t: Tenure, i: int) -> None:
    out.text(i, "person", t.person); out.text(i, "post", t.post)  # noqa: E702
    out.raw(i, "start", _date(t.start))
    if t.start is not None and t.start.approx:
        out.raw(i, "start_approx", "true")
    out.raw(i, "end", _date(t.end))
    if t.end is not None and t.end.approx:
        out.raw(i, "end_approx", "true")
    out.raw(i, "sources", _flow(t.sources))
    if t.note is not None:
        out.text(i, "note", t.note)


def _quote(out: _Out, q: Quote, i: int) -> None:
    out.text(i, "speaker", q.speaker)
    if q.role is not None:
        out.text(i, "role", q.role)
    out.text(i, "text", q.text); out.text(i, "source", q.source)  # noqa: E702
    if q.offset is not None:
        out.raw(i, "offset", str(q.offset))
    if q.note is not None:
        out.text(i, "note", q.note)


def _event(out: _Out, e: Event, i: int) -> None:
    out.text(i, "id", e.id)
    out.raw(i, "date", e.date.iso())
    out.raw(i, "approx", "true" if e.date.approx else "false")
    if e.end is not None:
        out.raw(i, "end", e.end.iso())
    out.text(i, "kind", e.kind.value)
    if e.rating is not None:
        out.text(i, "rating", e.rating.value)
    out.text(i, "title", e.title)
    if e.label is not None:
        out.text(i, "label", e.label)
    if e.summary is not None:
        out.text(i, "summary", e.summary)
    out.raw(i, "people", _flow(e.people))
    out.raw(i, "sources", _flow(e.sources))
    if e.quotes:
        out.parts.append(f"{' ' * i}quotes:\n")
        _items(out, e.quotes, _quote, i + 2)
    if e.note is not None:
        out.text(i, "note", e.note)


def _items(out: _Out, entries: list, write, indent: int) -> None:  # noqa: ANN001
    """A block list of mappings: '- ' then the first key on the same line."""
    for entry in entries:
        start = len(out.parts)
        write(out, entry, indent + 2)
        first = out.parts[start]
        out.parts[start] = f"{' ' * indent}- {first[indent + 2:]}"


def _presentation(out: _Out, p: Presentation) -> None:
    if p.title is None and p.subtitle is None and not p.steps:
        out.parts.append("presentation: {}\n")
        return
    out.parts.append("presentation:\n")
    if p.title is not None:
        out.text(2, "title", p.title)
    if p.subtitle is not None:
        out.text(2, "subtitle", p.subtitle)
    if p.steps:
        out.parts.append("  steps:\n")
        for step in p.steps:
            out.parts.append(f"    - event: {scalar(step.event, 13, 8)}\n")
            out.raw(6, "quote", "null" if step.quote is None else str(step.quote))


def dump(timeline: Timeline) -> str:
    """The canonical YAML text of `timeline`."""
    out = _Out()
    out.text(0, "format", timeline.format)
    out.text(0, "title", timeline.title)
    if timeline.description is not None:
        out.text(0, "description", timeline.description)
    for key, entries, write in (
        ("sources", timeline.sources, _source),
        ("people", timeline.people, _person),
        ("posts", timeline.posts, _post),
        ("tenures", timeline.tenures, _tenure),
        ("events", timeline.events, _event),
    ):
        if not entries:
            out.parts.append(f"{key}: []\n")
            continue
        out.parts.append(f"{key}:\n")
        _items(out, entries, write, 2)
    if timeline.presentation is not None:
        _presentation(out, timeline.presentation)
    return "".join(out.parts)
