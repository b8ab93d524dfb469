"""Provenance: is each quote's text really in its source's archived article? No Qt.

A quote must appear verbatim in the text file named by its source's `archive` (a path relative to the
timeline file), after folding runs of white space, so line wrapping in either place does not matter.
Archive texts are read once and cached by path, size and modification time, so the GUI can ask per
quote (`quote_found`) while the user edits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import Quote, Timeline

__all__ = ["ProvenanceIssue", "fold", "check_quotes", "quote_found", "archive_text"]

_SPACE = re.compile(r"\s+")
_cache: dict[Path, tuple[tuple[int, int], str]] = {}


@dataclass(frozen=True)
class ProvenanceIssue:
    """A quote (event id + index) or a whole source (event_id None) whose archive does not back it."""

    message: str
    source_id: str
    event_id: str | None = None
    quote_index: int | None = None


def fold(text: str) -> str:
    """Runs of white space -> one space, stripped."""
    return _SPACE.sub(" ", text).strip()


def archive_text(path: Path) -> str | None:
    """The folded text of an archive file, or None when it cannot be read (cached by mtime and size)."""
    try:
        st = path.stat()
        key = path.resolve()
        stamp = (st.st_mtime_ns, st.st_size)
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        text = fold(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    _cache[key] = (stamp, text)
    return text


def _archive_path(archive: str, base_dir: Path) -> Path:
    return (Path(base_dir) / os.path.expanduser(archive)) if not os.path.isabs(archive) else Path(archive)


def check_quotes(timeline: Timeline, base_dir: Path) -> list[ProvenanceIssue]:
    """Every quote not found in its source's archive, and every archive file that cannot be read.

    A source without `archive` cannot be checked and is not reported; an unknown source id is the
    loader's business (a reference error), not provenance.
    """
    issues: list[ProvenanceIssue] = []
    sources = {s.id: s for s in timeline.sources}
    unreadable: set[str] = set()
    for source in timeline.sources:
        if source.archive and archive_text(_archive_path(source.archive, base_dir)) is None:
            unreadable.add(source.id)
            issues.append(ProvenanceIssue(
                f"archive '{source.archive}' of source '{source.id}' cannot be read, so its quotes "
                "cannot be checked", source.id))
    for event in timeline.events:
        for index, quote in enumerate(event.quotes):
            source = sources.get(quote.source)
            if source is None or not source.archive or source.id in unreadable:
                continue
            archived = archive_text(_archive_path(source.archive, base_dir)) or ""
            if fold(quote.text) not in archived:
                issues.append(ProvenanceIssue(
                    f"quote not found verbatim in the archive of source '{source.id}' ({source.archive}): "
                    f"\"{_clip(fold(quote.text))}\"", source.id, event.id, index))
    return issues


def quote_found(timeline: Timeline, quote: Quote, base_dir: Path) -> bool:
    """For the per-quote badge: True only when the source has an archive that holds the quote's text."""
    source = timeline.source(quote.source)
    if source is None or not source.archive:
        return False
    archived = archive_text(_archive_path(source.archive, base_dir))
    return archived is not None and fold(quote.text) in archived


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def copy_archives(timeline, old_dir: Path, new_dir: Path) -> list[Path]:
    """Copy the archived texts a timeline refers to from `old_dir` to `new_dir` (same relative paths).

    Save As into another folder keeps the file and its sources together, so quotes stay checkable.
    Absolute archive paths, missing files and files already at the destination are left alone.
    Returns the files written.
    """
    import shutil

    copied = []
    old_dir, new_dir = Path(old_dir).resolve(), Path(new_dir).resolve()
    if old_dir == new_dir:
        return copied
    for source in timeline.sources:
        if not source.archive or Path(source.archive).is_absolute():
            continue
        src, dst = old_dir / source.archive, new_dir / source.archive
        if src.is_file() and not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            copied.append(dst)
    return copied
