"""YAML <-> model: safe loading with positions and validation, canonical dump, atomic save. No Qt.

`load`/`loads` return a `LoadResult` or raise `LoadError` listing every problem (up to a bound) as
`FILE:LINE:COL: message`; an unreadable path raises `OSError`. `dump` writes the canonical text of
docs/format.md and `save` writes it atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from yaml.nodes import MappingNode, Node, SequenceNode

from desktop.core.model import Timeline
from desktop.storage.atomic import ReadOnlyFile, save_text
from desktop.storage.problems import MAX_PROBLEMS, LoadCancelled, LoadError, Problem, Problems, TooManyProblems
from desktop.storage.reader import Reader, check_cancel
from desktop.storage.references import check_provenance, check_references
from desktop.storage.writer import dump
from desktop.storage.yamlnodes import compose, decode, has_comments

__all__ = ["Problem", "LoadError", "LoadCancelled", "LoadResult", "load", "loads", "dump", "save", "MAX_PROBLEMS",
           "ReadOnlyFile"]

Progress = Callable[[int, int], None]
#: progress is reported in these units: the first part while libyaml parses, the rest while building
_SCALE, _PARSE_SHARE = 1000, 700


@dataclass
class LoadResult:
    timeline: Timeline
    warnings: list[Problem] = field(default_factory=list)
    has_comments: bool = False  # saving will drop them (docs/format.md says why)


def load(
    path: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LoadResult:
    """Read and validate a timeline file; OSError if it cannot be read, LoadError if it is not valid."""
    path = Path(path)
    data = path.read_bytes()  # IsADirectoryError, FileNotFoundError, PermissionError: all OSError
    return loads(data, str(path), base_dir=path.parent, strict=strict, progress=progress, cancelled=cancelled)


def loads(
    data: bytes | str,
    filename: str = "<string>",
    *,
    base_dir: Path | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LoadResult:
    """Like `load` for text already in memory; quotes are checked against archives under `base_dir`."""
    problems = Problems(filename)
    reader = Reader(problems)
    text: str | None = None
    root = None
    timeline: Timeline | None = None
    try:
        text = decode(data, problems)
        if text is not None:
            tick = _parse_ticker(text, progress, cancelled) if progress or cancelled else None
            root = compose(text, problems, tick)
            if root is not None:
                reader.progress = _build_ticker(root, progress, cancelled) if progress or cancelled else None
                timeline = reader.timeline(root)
                check_cancel(cancelled)
        if timeline is not None:
            check_references(reader, timeline, problems)
            if base_dir is not None and not problems.errors:
                check_provenance(reader, timeline, base_dir, problems, strict)
    except TooManyProblems:
        pass
    problems.raise_if_errors()
    assert timeline is not None and text is not None and root is not None
    if progress is not None:
        progress(_SCALE, _SCALE)
    warnings = sorted(problems.warnings, key=lambda p: (p.line, p.column))
    result = LoadResult(timeline, warnings, has_comments=has_comments(text, root))
    reader.forget_nodes()
    _free_gradually(root)
    return result


#: top-level entries (events, tenures...) whose nodes are freed together, see `_free_gradually`
_FREE_SLICE = 200


def _free_gradually(root: Node) -> None:
    """Free the node tree a slice of entries at a time.

    At 100k events it is millions of objects. Dropped whole (when `loads` returns), they are freed in
    one cascade of deallocations that holds the GIL for 0.4 s: the longest freeze of the window
    while a large file opened in the background (bench_io). Between slices, other threads run.
    """
    for _, node in root.value if isinstance(root, MappingNode) else ():
        entries = node.value if isinstance(node, SequenceNode) else None
        while entries:
            del entries[-_FREE_SLICE:]


def _parse_ticker(text: str, progress: Progress | None, cancelled: Callable[[], bool] | None) -> Callable[[int], None]:
    # resolve() runs once per node: keys and values ("k: v"), parents ("k:"), flow items ("a, b"); within 10%
    expected = max(1, 2 * text.count(": ") + text.count(":\n") + text.count(", "))

    def tick(scalars: int) -> None:
        check_cancel(cancelled)
        if progress is not None:
            progress(min(_PARSE_SHARE, _PARSE_SHARE * scalars // expected), _SCALE)

    return tick


def _build_ticker(root: Node, progress: Progress | None, cancelled: Callable[[], bool] | None) -> Callable[[int], None]:
    pairs = root.value if isinstance(root, MappingNode) else ()
    total = max(1, sum(len(v.value) for _, v in pairs if isinstance(v, SequenceNode)))

    def tick(done: int) -> None:
        check_cancel(cancelled)
        if progress is not None:
            progress(_PARSE_SHARE + (_SCALE - _PARSE_SHARE) * min(done, total) // total, _SCALE)

    return tick


def save(timeline: Timeline, path: Path, *, backup: bool = False, private: bool = False,
         overwrite_read_only: bool = False) -> None:
    """Write the canonical text atomically; the old file stays whole if anything fails (OSError).

    A read-only file raises `ReadOnlyFile` (a PermissionError) unless `overwrite_read_only`; `private`
    writes it 0600 (recovery copies of unsaved work).
    """
    save_text(dump(timeline), Path(path), backup=backup, private=private, overwrite_read_only=overwrite_read_only)
