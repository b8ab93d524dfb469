"""Typed reads of single YAML nodes with plain-words problems: text, ids, dates, booleans, id lists.

Every helper returns the value, or None after reporting at the node's position, so the reader can go
on and report every problem in the file rather than only the first.
"""

from __future__ import annotations

import difflib
import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from desktop.core.model import MAX_ID, MAX_TEXT
from desktop.core.dates import DateError, PartialDate
from desktop.storage.problems import Problems
from desktop.storage.yamlnodes import MAX_DEPTH, STANDARD_TAGS, TAG, depth, kind_of, pos, tag_name

__all__ = ["Fields", "MAX_TEXT", "MAX_ID", "suggest"]

_STR, _NULL, _BOOL, _INT, _TS, _SEQ, _MAP = (TAG[k] for k in ("str", "null", "bool", "int", "timestamp", "seq", "map"))
_SPACE = re.compile(r"\s")
_TRUE = frozenset({"true", "yes", "on", "y"})


def suggest(word: str, choices) -> str:  # noqa: ANN001 - any iterable of str
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Fields:
    """Reads values for one file, reporting into `problems`; `ref` is the entry being read."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.ref: tuple[str, str] | None = None

    def error(self, node: Node, message: str) -> None:
        line, column = pos(node)
        self.problems.error(line, column, message, self.ref)

    def warning(self, node: Node, message: str) -> None:
        line, column = pos(node)
        self.problems.warning(line, column, message, self.ref)

    def wrong(self, node: Node, key: str, wanted: str) -> None:
        """Say what is wrong with a value of the wrong shape: a foreign tag, too deep, or the wrong type."""
        if node.tag not in STANDARD_TAGS:
            self.error(node, f"{key}: the tag {tag_name(node.tag)} is not allowed; "
                             "write plain YAML values (no tags)")
        elif not isinstance(node, ScalarNode) and depth(node) > MAX_DEPTH:
            self.error(node, f"{key}: lists or mappings nested deeper than {MAX_DEPTH} levels; "
                             f"{key} should be {wanted}")
        elif node.tag == _BOOL and wanted == "text":
            self.error(node, f"{key} must be text, not {kind_of(node)}; put it in quotes: \"{node.value}\"")
        else:
            self.error(node, f"{key} must be {wanted}, not {kind_of(node)}")

    # -- structures ---------------------------------------------------------------------
    def mapping(self, node: Node, what: str, keys: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Node] | None:
        """The entry's keys -> value nodes; reports duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode) or node.tag != _MAP:
            self.wrong(node, what, "a mapping of keys (such as 'id: ...')")
            return None
        found: dict[str, Node] = {}
        misspelt: set[str] = set()  # a typo is one problem, not also a "missing key"
        for key_node, value in node.value:
            key = key_node.value
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.wrong(key_node, f"a key in {what}", "text")
                continue
            if key in found:
                self.error(key_node, f"duplicate key '{key}' in {what} (it is already given above)")
            elif key in keys:
                found[key] = value
            else:
                hint = suggest(key, keys)
                misspelt.add(hint.split("'")[1] if hint else "")
                self.error(key_node, f"unknown key '{key}' in {what}{hint}")
        for key in required:
            if key not in found and key not in misspelt:
                self.error(node, f"{what} is missing the required key '{key}'")
        return found

    def items(self, node: Node | None, key: str) -> list[Node]:
        """The item nodes of a list value (absent or null: empty)."""
        if node is None or (node.tag == _NULL and isinstance(node, ScalarNode)):
            return []
        if not isinstance(node, SequenceNode) or node.tag != _SEQ:
            self.wrong(node, key, "a list")
            return []
        return node.value

    # -- scalars ------------------------------------------------------------------------
    def text(self, node: Node | None, key: str, *, optional: bool = False, limit: int = MAX_TEXT) -> str | None:
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag == _STR:
            value = node.value
            if len(value) > limit:
                self.error(node, f"{key} is too long ({len(value):,} characters; at most {limit:,})")
                return None
            if not optional and not value.strip():
                self.error(node, f"{key} must not be empty")
                return None
            return value
        if optional and node.tag == _NULL and isinstance(node, ScalarNode):
            return None
        self.wrong(node, key, "text")
        return None

    def ident(self, node: Node | None, key: str) -> str | None:
        value = self.text(node, key, limit=MAX_ID)
        if value is not None and _SPACE.search(value) is not None:
            self.error(node, f"{key} '{value}' must not contain spaces; use a slug such as 'ann-example'")
            return None
        return value

    def flag(self, node: Node | None, key: str) -> bool:
        if node is None:
            return False
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in _TRUE
        if isinstance(node, ScalarNode) and node.tag == _STR:
            self.error(node, f"{key} must be true or false, not '{node.value}'")
        else:
            self.wrong(node, key, "true or false")
        return False

    def date(self, node: Node | None, key: str, approx: bool = False, *, optional: bool = True) -> PartialDate | None:
        if node is None or (optional and node.tag == _NULL and isinstance(node, ScalarNode)):
            return None
        if not isinstance(node, ScalarNode) or node.tag not in (_STR, _INT, _TS):
            self.wrong(node, key, "a date such as 2016, 2016-05 or 2016-05-17")
            return None
        value = node.value
        if node.tag == _TS and len(value) > 10:
            self.error(node, f"{key} '{value}' has a time of day; write only the date, such as {value[:10]}")
            return None
        if node.tag == _INT and not value.isdigit():
            self.error(node, f"{key} '{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        try:
            return PartialDate.parse(int(value) if node.tag == _INT else value, approx)
        except DateError as exc:
            self.error(node, f"{key}: {exc}")
            return None

    def index(self, node: Node | None, key: str) -> int | None:
        if node is None or (node.tag == _NULL and isinstance(node, ScalarNode)):
            return None
        if isinstance(node, ScalarNode) and node.tag == _INT and node.value.isdigit():
            return int(node.value)
        self.wrong(node, key, "a number counting from 0, or null")
        return None

    def strings(self, node: Node | None, key: str, *, ids: bool = False) -> list[tuple[str, Node]]:
        """A list of text (or ids) with each item's node, for reference checks."""
        out = []
        for item in self.items(node, key):
            value = self.ident(item, f"an item of {key}") if ids else self.text(item, f"an item of {key}")
            if value is not None:
                out.append((value, item))
        return out
