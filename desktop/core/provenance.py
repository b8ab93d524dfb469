"""Provenance: is each quote's text really in its source's archived article? No Qt.

A quote must appear verbatim in the text file named by its source's `archive` (a path relative to the
timeline file), after folding runs of white space, so line wrapping in either place does not matter.

A timeline may come from anyone, so `read_archive` is the one way the program reads an archive, for
`validate`, exports, the quotes panel, the source viewer and Save As alike. It reads only a regular
file of at most `MAX_ARCHIVE_BYTES` that resolves (symbolic links followed) inside the timeline's
folder; anything else is an `ArchiveError` saying why, and the quotes of that source are not checked.
It never blocks on a pipe or a device: it looks before it opens, opens without blocking, and looks
again at what it opened. Folded texts are cached by path, size and modification time (within a bound),
so the GUI can ask per quote (`quote_found`) while the user edits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import Quote, Timeline

__all__ = [
    "MAX_ARCHIVE_BYTES", "ArchiveError", "ProvenanceIssue", "fold", "resolve_archive", "read_archive_bytes",
    "read_archive", "archive_text", "check_quotes", "quote_found", "find_quotes",
    "copy_archives",
]

#: the largest archive read: 16 MiB is about forty times the longest article or inspection report
#: kept as text, and reading and folding it takes well under a second and 100 MB
MAX_ARCHIVE_BYTES = 16 * 1024 * 1024
#: how many bytes of archives one `check_quotes` reads (four of the largest, a second or two): a
#: timeline shipped with a hundred 16 MiB files would otherwise take a minute
READ_BUDGET_BYTES = 64 * 1024 * 1024
#: how many characters of archive text one `check_quotes` may scan (about a second of searching):
#: 100,000 quotes against a 16 MiB archive would otherwise search for minutes
SCAN_BUDGET_CHARS = 2 * 1024**3
_CACHE_BYTES = 64 * 1024 * 1024  # folded texts kept in memory, most recently used first

_cache: OrderedDict[str, tuple[tuple[int, int, int, int], str]] = OrderedDict()
_cache_lock = threading.Lock()  # the app checks quotes in worker threads
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class ArchiveError(Exception):
    """Why an archive is not read, worded to follow "archive 'NAME' of source 'ID' ..."."""


@dataclass(frozen=True)
class ProvenanceIssue:
    """A quote (event id + index) or a whole source (event_id None) whose archive does not back it."""

    message: str
    source_id: str
    event_id: str | None = None
    quote_index: int | None = None
    key: str = "archive"  # the source's key the issue is placed at: "archive", or "sha256" (changed bytes)


def fold(text: str) -> str:
    """Runs of white space -> one space, stripped (`str.split` knows the same white space as `\\s`)."""
    return " ".join(text.split())


def resolve_archive(archive: str, base_dir: Path) -> Path:
    """The real path of `archive` (relative to `base_dir`), links resolved; ArchiveError unless it is
    inside `base_dir`. Nothing is opened."""
    if archive.startswith("~"):
        raise ArchiveError("starts with '~', which is not expanded: an archive path is relative to the "
                           "timeline's folder")
    if os.path.isabs(archive) or os.path.splitdrive(archive)[0]:
        raise ArchiveError("is an absolute path: an archive path must be relative to the timeline's folder")
    folder = os.path.realpath(base_dir)
    path = os.path.realpath(os.path.join(folder, archive))
    try:
        inside = os.path.commonpath([folder, path]) == folder
    except ValueError:  # Windows: another drive, or a device such as CON
        inside = False
    if not inside:
        raise ArchiveError("is outside the timeline's folder (through '..' or a link)")
    return Path(path)


def _why_not(st: os.stat_result) -> str | None:
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a folder, device or pipe)"
    if st.st_size > MAX_ARCHIVE_BYTES:
        return (f"is larger than {MAX_ARCHIVE_BYTES // 1024**2} MiB ({st.st_size / 1024**2:,.0f} MiB), "
                "the most an archived article may be")
    return None


def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def _checked_stat(path: Path) -> os.stat_result:
    try:
        st = os.stat(path)  # the real path: no link left to follow; a stat never blocks on a pipe
    except OSError as exc:
        raise ArchiveError(f"cannot be read ({exc.strerror or exc})") from None
    why = _why_not(st)
    if why:
        raise ArchiveError(why)
    return st


def read_archive_bytes(archive: str, base_dir: Path) -> tuple[Path, bytes]:
    """The real path and bytes of an archive, or ArchiveError (see the module docstring)."""
    path = resolve_archive(archive, base_dir)
    _checked_stat(path)
    try:
        # O_NONBLOCK: a pipe swapped in after the stat opens at once, and fstat then refuses it
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ArchiveError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        why = _why_not(os.fstat(fd))
        if why:
            raise ArchiveError(why)
        chunks, size = [], 0
        while size <= MAX_ARCHIVE_BYTES:  # the file may grow while it is read
            chunk = os.read(fd, min(1024 * 1024, MAX_ARCHIVE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"is larger than {MAX_ARCHIVE_BYTES // 1024**2} MiB, the most an archived "
                               "article may be")
    except OSError as exc:
        raise ArchiveError(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    return path, b"".join(chunks)


def read_archive(archive: str, base_dir: Path) -> tuple[Path, str]:
    """The real path and text (UTF-8; undecodable bytes replaced) of an archive, or ArchiveError."""
    path, data = read_archive_bytes(archive, base_dir)
    return path, data.decode("utf-8", errors="replace")


def archive_text(archive: str, base_dir: Path) -> str:
    """The folded text of an archive (cached by identity, mtime and size), or ArchiveError."""
    path = resolve_archive(archive, base_dir)
    key = str(path)
    stamp = _stamp(_checked_stat(path))
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            _cache.move_to_end(key)
            return cached[1]
    text = fold(read_archive(archive, base_dir)[1])
    with _cache_lock:
        _cache[key] = (stamp, text)
        _cache.move_to_end(key)
        while sum(sys.getsizeof(t) for _, t in _cache.values()) > _CACHE_BYTES and len(_cache) > 1:
            _cache.popitem(last=False)
    return text


def _unread_message(source, why: str) -> str:
    return f"archive '{source.archive}' of source '{source.id}' {why}; its quotes are not checked"


def check_quotes(timeline: Timeline, base_dir: Path) -> list[ProvenanceIssue]:
    """Every quote not found in its source's archive, and every archive that is not read (and why).

    A source without `archive` cannot be checked and is not reported; an unknown source id is the
    loader's business (a reference error), not provenance. Archives are read one at a time, at most
    `READ_BUDGET_BYTES` in all, and searched for at most `SCAN_BUDGET_CHARS` in all; what is left
    over is reported at its source as not checked.
    """
    issues: list[ProvenanceIssue] = []
    quotes: dict[str, list[tuple[str, int, Quote]]] = {}
    for event in timeline.events:
        for index, quote in enumerate(event.quotes):
            quotes.setdefault(quote.source, []).append((event.id, index, quote))
    read, scan = READ_BUDGET_BYTES, SCAN_BUDGET_CHARS
    for source in timeline.sources:
        if not source.archive:
            continue
        try:
            size = _checked_stat(resolve_archive(source.archive, base_dir)).st_size
            if size > read:
                raise ArchiveError(f"was not read: the archives before it came to the {READ_BUDGET_BYTES // 1024**2} "
                                   "MiB one check reads")
            read -= size
            archived = archive_text(source.archive, base_dir)
            if source.sha256 is not None:
                changed = _digest_changed(source, base_dir, quotes.get(source.id, ()))
                if changed is not None:
                    issues.append(changed)
        except ArchiveError as exc:
            issues.append(ProvenanceIssue(_unread_message(source, str(exc)), source.id))
            continue
        try:
            issues.extend(_misplaced(source, base_dir, quotes.get(source.id, ())))
        except ArchiveError as exc:  # replaced or removed since it was read a moment ago
            issues.append(ProvenanceIssue(_unread_message(source, str(exc)), source.id))
            continue
        found: dict[str, bool] = {}
        unchecked = 0
        for event_id, index, quote in quotes.get(source.id, ()):
            text = fold(quote.text)
            if text not in found:
                if scan < len(archived):
                    unchecked += 1
                    continue
                scan -= len(archived)
                found[text] = text in archived
            if not found[text]:
                issues.append(ProvenanceIssue(
                    f"quote not found verbatim in the archive of source '{source.id}' ({source.archive}): "
                    f"\"{_clip(text)}\"", source.id, event_id, index))
        if unchecked:
            issues.append(ProvenanceIssue(
                f"{unchecked:,} quote{'s' if unchecked != 1 else ''} of source '{source.id}' not checked: the "
                "file has more quotes and archived text than one check searches", source.id))
    return issues


def _digest_changed(source, base_dir: Path, quoted) -> ProvenanceIssue | None:  # noqa: ANN001
    """A warning when the archive's bytes no longer have the SHA-256 recorded when it was captured,
    naming the quotes that were checked against the text as it was."""
    _, data = read_archive_bytes(source.archive, base_dir)
    if hashlib.sha256(data).hexdigest() == source.sha256:
        return None
    names = sorted({f"{event_id} #{index + 1}" for event_id, index, _ in quoted},
                   key=lambda n: (n.rsplit(" #", 1)[0], int(n.rsplit(" #", 1)[1])))
    if names:
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        were = "quote was" if len(names) == 1 else "quotes were"
        checked = f"; {len(names)} {were} checked against the old text: {shown}"
    else:
        checked = "; no quote cites it"
    return ProvenanceIssue(
        f"archive '{source.archive}' of source '{source.id}' has changed since it was captured (its SHA-256 is not "
        f"the one recorded){checked}", source.id, key="sha256")


def _misplaced(source, base_dir: Path, quoted) -> list[ProvenanceIssue]:  # noqa: ANN001
    """Quotes with an `offset:` whose words do not start there in the archive's text."""
    from desktop.core.quoting import match_at, nearest

    placed = [(event_id, index, quote) for event_id, index, quote in quoted if quote.offset is not None]
    if not placed:
        return []
    _, raw = read_archive(source.archive, base_dir)
    issues = []
    for event_id, index, quote in placed:
        if match_at(raw, quote.offset, quote.text) is not None:
            continue
        elsewhere = nearest(raw, quote.text, quote.offset)
        if elsewhere is None:
            continue  # not in the archive at all: the verbatim check says so
        issues.append(ProvenanceIssue(
            f"quote \"{_clip(fold(quote.text))}\" is not at offset {quote.offset} of the archive of source "
            f"'{source.id}' ({source.archive}): it starts at offset {elsewhere}", source.id, event_id, index))
    return issues


def quote_found(timeline: Timeline, quote: Quote, base_dir: Path) -> bool:
    """For the per-quote badge: True only when the source has a readable archive that holds the quote."""
    source = timeline.source(quote.source)
    if source is None or not source.archive:
        return False
    try:
        return fold(quote.text) in archive_text(source.archive, base_dir)
    except ArchiveError:
        return False


def find_quotes(wanted: list[tuple[str, str]], base_dir: Path) -> dict[tuple[str, str], bool | str]:
    """For the quotes panel, off the GUI thread: each (archive, quote text) -> True (found), False
    (not found) or why the archive is not read."""
    found: dict[tuple[str, str], bool | str] = {}
    for archive, text in wanted:
        try:
            found[(archive, text)] = fold(text) in archive_text(archive, base_dir)
        except ArchiveError as exc:
            found[(archive, text)] = str(exc)
    return found


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def copy_archives(timeline, old_dir: Path, new_dir: Path) -> list[Path]:
    """Copy the archived texts a timeline refers to (and the originals they were captured from) from
    `old_dir` to `new_dir` (same relative paths).

    Save As into another folder keeps the file and its sources together, so quotes stay checkable.
    Only archives that `read_archive_bytes` reads (inside `old_dir`) are copied, each to the same
    relative path inside `new_dir`; a file already there (or a link) is left alone and nothing is
    written through a link out of `new_dir`. Returns the files written; OSError if one cannot be.
    """
    copied: list[Path] = []
    old_dir, new_dir = Path(os.path.realpath(old_dir)), Path(os.path.realpath(new_dir))
    if old_dir == new_dir:
        return copied
    kept = [name for source in timeline.sources for name in (source.archive, source.original) if name]
    for name in kept:
        try:
            _, data = read_archive_bytes(name, old_dir)
            relative = os.path.normpath(name)
            dst = new_dir / relative
            if os.path.lexists(dst):
                continue
            resolve_archive(relative, new_dir)  # no '..' and no link out of the new folder
        except ArchiveError:
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            resolve_archive(relative, new_dir)  # the folders just made: still inside
        except ArchiveError:
            continue
        write_new_file(dst, data)
        copied.append(dst)
    return copied


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (never over a file, never through a link) holding `data`, synced; on any failure
    (a full disk) the part written is removed, so a later try does not take a truncated file as done."""
    with open(path, "xb") as out:
        try:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            out.close()
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
