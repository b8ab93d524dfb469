"""From bytes to one YAML node tree, safely: decoding, hostile-input checks, composing with libyaml.

Why nodes and not `yaml.load`: nodes keep the line and column of every value (for FILE:LINE:COL
messages), and building the model straight from them is cheaper than constructing Python objects
first. Tags are never constructed here, so `!!python/...` cannot run code; the reader refuses any
non-standard tag. Anchors and aliases are refused before composing (expansion bombs), and so is flow
nesting deeper than MAX_DEPTH (before libyaml recurses into it). Whatever libyaml is installed, deep
nesting, flow or block, gets our message at the first collection too deep: where libyaml stops at a
limit of its own first, the pure-Python parser finds that collection (`deep_nesting`).
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from desktop.storage.problems import LoadCancelled, Problems

try:  # libyaml when present (about 7x faster); the pure-Python safe loader otherwise
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

__all__ = ["MAX_DEPTH", "compose", "decode", "depth", "pos", "TAG", "tag_name"]

#: deepest nesting accepted anywhere; the format itself needs 6 (top > events > event > quotes > quote)
MAX_DEPTH = 32
#: the one wording of the nesting error, whichever parser or libyaml finds the nesting first
TOO_DEEP = f"lists or mappings nested deeper than {MAX_DEPTH} levels; a timeline needs no more than 6"
_P = "tag:yaml.org,2002:"
TAG = {name: _P + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
STANDARD_TAGS = frozenset(TAG.values())

# characters YAML itself refuses (libyaml would stop on them with an offset, not a line)
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# an anchor or alias indicator where a node can start; prose ("R&D", "A & B", "said *this*") does not match
_MAYBE_ANCHOR = re.compile(r"(?:^[ \t]*|[:?-][ \t]+|[\[{,][ \t]*|![^\s]*[ \t]+)[&*][^\s\[\]{},]", re.M)
# The same test made fast (`maybe_anchor`): the regex has no literal to search for, so `re` tries it at
# every offset (0.6 s for a 23 MB file with one "R&D" in it); str.find jumps to each indicator instead.
_NOT_AFTER_INDICATOR = frozenset(" \t\n\r\f\v[]{},")
_BRACKETS = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(r"\n[ ?-]{%d}" % MAX_DEPTH)  # see deep_indent()
_NESTED = re.compile(r"[\[{][^\]}]*?[\[{]")  # an opening bracket before the previous one closed
#: characters per regex search over a whole file: a search holds the GIL, so a 23 MB file is searched a
#: window at a time and the GUI thread gets a turn between windows (bench_io's stall figure)
WINDOW = 1 << 20


def pos(node: Node) -> tuple[int, int]:
    """1-based line and column where `node` starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def tag_name(tag: str) -> str:
    return "!!" + tag[len(_P):] if tag.startswith(_P) else tag


def decode(data: bytes | str, problems: Problems) -> str | None:
    """UTF-8 text without a BOM, or None after reporting where the bytes go wrong."""
    if isinstance(data, str):
        text = data[1:] if data.startswith("\ufeff") else data
    else:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:1] == b"\x00" or data[1:2] == b"\x00":
            problems.error(1, 1, "the file is UTF-16 (it has NUL bytes between letters); save it as UTF-8")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            line = data.count(b"\n", 0, exc.start) + 1
            column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
            if exc.reason == "unexpected end of data":
                what = "the file ends in the middle of a UTF-8 character"
            else:
                what = f"byte 0x{data[exc.start]:02X} is not valid UTF-8"
            problems.error(line, column, f"{what}; save the file as UTF-8")
            return None
    if not any(_BAD_CHAR.search(text, a, b) for a, b in _windows(text, WINDOW)):
        return text
    for match in _BAD_CHAR.finditer(text):
        line, column = _line_col(text, match.start())
        code = ord(match.group())
        name = "a NUL byte" if code == 0 else f"control character U+{code:04X}"
        problems.error(line, column, f"{name} is not allowed in a timeline file; remove it")
    return None


def _windows(text: str, window: int):
    for a in range(0, len(text), window):
        yield a, min(a + window, len(text))


def nested_brackets(text: str, window: int = WINDOW) -> bool:
    """True where `_NESTED` matches (an opening bracket before the previous one closed), searched a
    window at a time; a pair split by a window's edge is caught by carrying the last bracket over."""
    last_open = False
    for a, b in _windows(text, window):
        first = _BRACKETS.search(text, a, b)
        if first is None:
            continue
        if (last_open and first.group() in "[{") or _NESTED.search(text, a, b):
            return True
        last_open = text[max(text.rfind(c, a, b) for c in "[]{}")] in "[{"
    return False


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _indicators(text: str):
    """Offsets of each `&` and `*` followed by a character that can start an anchor's name."""
    end = len(text) - 1
    for char in "&*":
        i = text.find(char)
        while i != -1:
            if i < end and text[i + 1] not in _NOT_AFTER_INDICATOR and not text[i + 1].isspace():
                yield i
            i = text.find(char, i + 1)


def maybe_anchor(text: str) -> bool:
    """True where `_MAYBE_ANCHOR` matches: an `&` or `*` placed where YAML could read an anchor or alias."""
    for i in _indicators(text):
        j = i
        while j and text[j - 1] in " \t":
            j -= 1
        if j == 0 or text[j - 1] in "\n[{,":  # at a line's start (after indentation), or in a flow
            return True
        if j < i:  # after spaces: a key's or an item's indicator, or a tag
            if text[j - 1] in ":?-":
                return True
            k = j
            while k and not text[k - 1].isspace():
                k -= 1
            if "!" in text[k:j]:
                return True
    return False


def prescan(text: str, problems: Problems) -> None:
    """Refuse deep nesting, anchors and aliases from the event stream, before any node is built.

    Only runs when a cheap text search says the file might hold one of them, so ordinary files
    pay a regex search, not a second parse.
    """
    deepest = level = 0
    if nested_brackets(text):  # canonical files never nest brackets: skip counting them
        for match in _BRACKETS.finditer(text):
            level = level + 1 if match.group() in "[{" else max(0, level - 1)
            deepest = max(deepest, level)
    if (deepest > MAX_DEPTH or deep_indent(text)) and deep_nesting(text, problems):
        return
    if not maybe_anchor(text):
        return
    try:
        _check_events(text, _SafeLoader, problems, anchors=True)
    except yaml.MarkedYAMLError as exc:
        if not deep_nesting(text, problems):
            _syntax_problem(exc, problems)


def deep_indent(text: str, window: int = WINDOW) -> bool:
    """True when a line starts with MAX_DEPTH or more characters of indentation and `- ` / `? `
    indicators: the least block nesting deeper than MAX_DEPTH needs that many (canonical files use 10)."""
    return any(_DEEP_INDENT.search(text, a, min(b + MAX_DEPTH + 1, len(text))) for a, b in _windows(text, window))


def _check_events(text: str, loader: type, problems: Problems, anchors: bool) -> bool:
    """Walk the parse events: report anchors and aliases (when asked) and the first collection
    nested deeper than MAX_DEPTH, then stop. True when the nesting was too deep."""
    level = 0
    for event in yaml.parse(text, Loader=loader):
        anchor = getattr(event, "anchor", None)
        if anchors and isinstance(event, yaml.AliasEvent):
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            problems.error(line, column, f"alias *{anchor} is not allowed: anchors and aliases are refused "
                           "(they can make a small file expand enormously); write the value out")
        elif anchors and anchor is not None:
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            problems.error(line, column, f"anchor &{anchor} is not allowed: anchors and aliases are refused "
                           "(they can make a small file expand enormously); remove it")
        if isinstance(event, yaml.CollectionStartEvent):
            level += 1
            if level > MAX_DEPTH:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                problems.error(line, column, TOO_DEEP)
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            level -= 1
    return False


def _libyaml_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml 0.2.6 (PyYAML 6.0.4's wheels) stops at its own nesting limit (1,000 levels), scanning
    ahead of the events; older libyaml has none. Either way the message must be ours."""
    return "maximum nesting depth" in f"{exc.problem or ''} {exc.context or ''}"


def deep_nesting(text: str, problems: Problems) -> bool:
    """Find the first collection nested deeper than MAX_DEPTH with the pure-Python parser, which
    keeps no limit of its own and yields events one at a time (it stops at that collection, so it
    reads only the start of a deep file). True when found and reported."""
    try:
        return _check_events(text, yaml.SafeLoader, problems, anchors=False)
    except yaml.MarkedYAMLError:
        return False


class _ProgressLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Calls back every few thousand scalars while libyaml composes (its only hook back into Python)."""

    tick: Callable[[int], None]
    count = 0

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        self.count += 1
        if not self.count & 4095:
            self.tick(self.count)
        return super().resolve(kind, value, implicit)


def compose(
    text: str,
    problems: Problems,
    tick: Callable[[int], None] | None = None,
) -> Node | None:
    """The single document's root node, or None after reporting why there is none."""
    prescan(text, problems)
    if problems.errors:
        return None
    loader = _ProgressLoader(text) if tick else _SafeLoader(text)
    if tick:
        loader.tick = tick
    try:
        root = loader.get_single_node()
    except LoadCancelled:
        raise
    except yaml.MarkedYAMLError as exc:
        if not (_libyaml_nesting_limit(exc) and deep_nesting(text, problems)):
            _syntax_problem(exc, problems)
        return None
    except RecursionError:  # a composer recursing into deep block nesting
        if not deep_nesting(text, problems):
            problems.error(1, 1, f"lists or mappings nested deeper than this program can read; a timeline needs 6")
        return None
    except yaml.YAMLError as exc:  # a reader error without a mark: report at the start
        problems.error(1, 1, f"YAML syntax error: {exc}")
        return None
    finally:
        loader.dispose()
    if root is None:
        problems.error(1, 1, "the file is empty: a timeline starts with 'format: council-timeline/1'")
    return root


def _syntax_problem(exc: yaml.MarkedYAMLError, problems: Problems) -> None:
    mark = exc.problem_mark or exc.context_mark
    words = exc.problem or "unreadable YAML"
    if "single document" in (exc.context or ""):
        words = "more than one YAML document (a second '---'); a timeline file holds one document"
    elif exc.context and exc.context_mark is not None:
        words = f"{words} ({exc.context} at line {exc.context_mark.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problems.error(line, column, f"YAML syntax error: {words}")


def depth(node: Node, limit: int = MAX_DEPTH) -> int:
    """How deep `node` nests, counting at most to limit + 1 (cheap on hostile input)."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(current, SequenceNode):
            stack.extend((child, level + 1) for child in current.value)
        elif isinstance(current, MappingNode):
            stack.extend((child, level + 1) for _, child in current.value)
    return deepest


_COMMENT_START = re.compile(r"#(?<![^ \t\n]#)")  # `#` first: 50x faster than (?:^|[ \t])#, same matches


def has_comments(text: str, root: Node) -> bool:
    """True when a `#` starts a real comment; a `#` inside a value ("No. #5", quoted or folded) does not.

    Ordinary files pay one regex search; only files with a candidate `#` walk the nodes to see whether
    each candidate lies inside a scalar's span.
    """
    candidates = [_line_col(text, m.end() - 1) for m in _COMMENT_START.finditer(text)]
    if not candidates:
        return False
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            spans.append(((node.start_mark.line + 1, node.start_mark.column + 1),
                          (node.end_mark.line + 1, node.end_mark.column + 1)))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(child for pair in node.value for child in pair)
    spans.sort()
    starts = [start for start, _ in spans]
    for where in candidates:
        i = bisect.bisect_right(starts, where) - 1
        if i < 0 or not where < spans[i][1]:
            return True
    return False


def kind_of(node: Node) -> str:
    """A node's shape in plain words, for 'expected text, got a list' messages."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    assert isinstance(node, ScalarNode)
    return {
        TAG["null"]: "nothing (null)",
        TAG["bool"]: f"true/false ({node.value})",
        TAG["int"]: f"a number ({node.value})",
        TAG["float"]: f"a number ({node.value})",
        TAG["timestamp"]: f"a date ({node.value})",
    }.get(node.tag, f"'{node.value}'")
