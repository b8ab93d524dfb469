"""A parse cache, so reopening an unchanged timeline skips YAML parsing. No Qt here.

Why: libyaml reads ~4,000 events a second, so a 100k-event file takes half a minute to parse,
but unpickling the parsed model takes under half a second, and people reopen the same files.

Validity, never stale data:
- An entry's name is a hash of the file's bytes (sha256), its resolved path (warnings quote
  it), the format version, the app version and a hash of the source of the modules that build
  the model (so a development change to the loader cannot serve old results either).
- The entry's header lists the sha256 of every `archive` text the provenance check read; if
  one changed (or appeared, or vanished) the entry is not used and the file is parsed again,
  so provenance warnings are re-checked.
- A corrupt, truncated, foreign or forged entry is rejected before anything is unpickled, then
  deleted; the caller parses instead and stores a good entry in its place.

Format choice: the payload is a pickle of the `LoadResult`. Pickle runs code named in its
input, so an entry is unpickled only after its HMAC-SHA256 checks out: the MAC covers the whole
entry (header and payload) and is keyed by 32 random bytes kept in the cache folder (`KEY_NAME`,
0600, owned by the user, never followed through a symlink; the folder is 0700). Someone who can
drop a file in the folder but cannot read the key cannot make an entry that is unpickled; a
header's own checksum would not stop them, as they can compute it. It is the fastest way back to
the model measured here: 0.43 s for 100k events against 2.4 s for plain pickle and ~25 s for YAML.
Two things make it that fast: the cyclic garbage collector is paused while ~1M objects are
created (it otherwise rescans them again and again; the YAML parse gets the same treatment,
2.5x faster), and partial dates, which are immutable and repeat, are rebuilt through an
interning cache instead of dataclass `__setstate__` in Python.

Entries are written to a temporary file and renamed into place (atomic); the folder is kept
under `max_bytes` by deleting the least recently used entries.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import gc
import hashlib
import hmac
import io
import json
import os
import pickle
import secrets
import stat
import struct
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from desktop import __version__, storage
from desktop.core import model, provenance
from desktop.core.dates import PartialDate
from desktop.storage.atomic import make_private_folder

__all__ = ["ParseCache", "open_timeline", "paused_gc"]

MAGIC = b"CTLCACHE2\n"  # bump the digit when the entry layout changes
KEY_NAME = ".hmac-key"  # the cache's secret, beside the entries
_KEY_BYTES = 32
_MAC_LEN = hashlib.sha256().digest_size
SUFFIX = ".ctcache"
_PARTIAL = ".part"  # an entry being written
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_HEADER_LEN = struct.Struct(">I")


@contextlib.contextmanager
def paused_gc(keep: bool = False) -> Iterator[None]:
    """Pause the cyclic GC while building many objects at once (it is process-wide; restored after).

    With `keep` (a timeline just loaded: long-lived and free of reference cycles) everything alive
    is then moved to the collector's permanent generation (`gc.freeze`), so the first collection
    after the load does not rescan a million objects while holding the GIL (0.2 s at 10k events,
    seconds at 100k, a visible freeze). Freed objects are still reclaimed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


# Partial dates are frozen and repeat thousands of times: share one object per value.
_partial_date = functools.lru_cache(maxsize=1 << 16)(PartialDate)
_partial_date.__module__, _partial_date.__qualname__ = __name__, "_partial_date"


def _reduce_partial_date(d: PartialDate):
    return _partial_date, (d.year, d.month, d.day, d.approx)


class _Pickler(pickle.Pickler):
    dispatch_table = {**copyreg.dispatch_table, PartialDate: _reduce_partial_date}


def dumps(obj: object) -> bytes:
    """Pickle `obj` (a LoadResult or Timeline) the way this module reads it back fast."""
    buffer = io.BytesIO()
    with paused_gc():
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()


def loads(payload: bytes) -> object:
    """Unpickle trusted bytes written by `dumps` (see the module docstring on trust)."""
    with paused_gc(keep=True):
        return pickle.loads(payload)


@functools.cache
def _code_fingerprint() -> str:
    """Hash of the source that builds what is cached: model, dates, provenance (with quoting) and the
    storage package.

    In a checkout this catches a loader change made without a version bump; in the bundle the
    sources are not there and the app version (also in the key) covers it.
    """
    package = Path(model.__file__).parent.parent  # desktop/
    digest = hashlib.sha256()
    core = package / "core"
    for path in [core / "model.py", core / "dates.py", core / "provenance.py", core / "quoting.py",
                 *sorted((package / "storage").glob("*.py"))]:
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _archive_stamp(name: str, base_dir: Path) -> str:
    """The sha256 of an archive as the provenance check reads it, or why it is not read: a change to
    either (edited, appeared, vanished, linked elsewhere) invalidates the entry."""
    try:
        return hashlib.sha256(provenance.read_archive_bytes(name, base_dir)[1]).hexdigest()
    except provenance.ArchiveError as exc:
        return f"not read: {exc}"


def _archive_names(timeline: model.Timeline) -> list[str]:
    """The `archive` texts the provenance check reads, as written (relative to the timeline file)."""
    return sorted({s.archive for s in timeline.sources if s.archive})


class ParseCache:
    """Parsed timelines stored by content hash in `folder` (the app passes its user cache folder)."""

    def __init__(self, folder: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._key: bytes | None = None

    # -- the secret -------------------------------------------------------------------------
    def _secret(self, create: bool) -> bytes | None:
        """The HMAC key (made on first use when `create`); None when there is none to trust."""
        if self._key is None:
            self._key = _read_key(self.folder / KEY_NAME)
        if self._key is None and create:
            make_private_folder(self.folder)
            self._key = _new_key(self.folder / KEY_NAME)
        return self._key

    def _mac(self, key: bytes, data: memoryview | bytes) -> bytes:
        return hmac.new(key, data, hashlib.sha256).digest()

    # -- keys -------------------------------------------------------------------------------
    def key(self, data: bytes, path: Path) -> str:
        parts = [hashlib.sha256(data).hexdigest(), str(path), model.FORMAT, __version__, _code_fingerprint()]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key[:40]}{SUFFIX}"

    # -- reading ----------------------------------------------------------------------------
    def get(self, data: bytes, path: Path) -> storage.LoadResult | None:
        """The cached result for these exact bytes at `path`, or None (a miss, or an entry not to trust)."""
        key = self.key(data, path)
        entry = self._entry(key)
        try:
            blob = entry.read_bytes()
        except OSError:
            return None
        secret = self._secret(create=False)
        result = self._decode(blob, key, path.parent, secret) if secret is not None else None
        if result is None:
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # least recently used goes first
        return result

    def _decode(self, blob: bytes, key: str, base_dir: Path, secret: bytes) -> storage.LoadResult | None:
        signed = len(MAGIC) + _MAC_LEN
        if len(blob) < signed or not blob.startswith(MAGIC):
            return None
        if not hmac.compare_digest(blob[len(MAGIC):signed], self._mac(secret, memoryview(blob)[signed:])):
            return None  # damaged, or not written by this app for this user: never unpickled
        header = self._read_header(blob)
        if header is None or header.get("key") != key:
            return None
        payload = memoryview(blob)[header["_offset"]:]
        if len(payload) != header.get("payload_size"):
            return None
        for name, sha in header.get("archives", []):
            if _archive_stamp(name, base_dir) != sha:
                return None  # an archive text changed: provenance must be checked again
        try:
            result = loads(payload)
        except Exception:  # a damaged pickle raises almost anything; the caller parses instead
            return None
        return result if isinstance(result, storage.LoadResult) else None

    @staticmethod
    def _read_header(blob: bytes) -> dict | None:
        """The JSON header of an entry laid out as MAGIC, MAC, header length, header, payload."""
        start = len(MAGIC) + _MAC_LEN + _HEADER_LEN.size
        if len(blob) < start or not blob.startswith(MAGIC):
            return None
        (size,) = _HEADER_LEN.unpack_from(blob, len(MAGIC) + _MAC_LEN)
        try:
            header = json.loads(blob[start:start + size].decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(header, dict):
            return None
        header["_offset"] = start + size
        return header

    # -- writing ----------------------------------------------------------------------------
    def put(self, data: bytes, path: Path, result: storage.LoadResult, parse_started_ns: int) -> bool:
        """Store `result`, parsed from `data` at `path`; False when it was not stored.

        `parse_started_ns` (time.time_ns() before parsing) guards against an archive text that
        changed during the parse: its warnings might describe either version, so nothing is stored.
        """
        archives = []
        for name in _archive_names(result.timeline):
            try:
                # Changed during the parse: the warnings may describe either text. (A change in
                # the first tick of a coarse file-system clock can slip through; the next edit heals it.)
                if provenance.resolve_archive(name, path.parent).stat().st_mtime_ns >= parse_started_ns:
                    return False
            except (OSError, provenance.ArchiveError):
                pass  # missing or not read: recorded as such, so a change invalidates the entry
            archives.append((name, _archive_stamp(name, path.parent)))
        payload = dumps(result)
        header = {
            "key": self.key(data, path),
            "file": str(path),
            "payload_size": len(payload),
            "archives": archives,
        }
        head = json.dumps(header).encode("utf-8")
        try:
            make_private_folder(self.folder)
            secret = self._secret(create=True)
            if secret is None:
                return False
            signed = [_HEADER_LEN.pack(len(head)), head, payload]
            mac = hmac.new(secret, digestmod=hashlib.sha256)
            for chunk in signed:
                mac.update(chunk)
            self._write_atomically(self._entry(header["key"]), [MAGIC, mac.digest(), *signed])
        except OSError:
            return False  # a full or read-only cache folder costs speed, never the open
        self._evict()
        return True

    def _write_atomically(self, target: Path, chunks: list[bytes]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=_PARTIAL)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            os.replace(tmp, target)  # no fsync: a torn entry after a crash fails its checksum
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    # -- housekeeping -----------------------------------------------------------------------
    def entries(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.name.endswith(SUFFIX)]
        except OSError:
            return []

    def size(self) -> int:
        return sum(_size(p) for p in self.entries())

    def _evict(self) -> None:
        stats = []
        for entry in self.entries():
            with contextlib.suppress(OSError):
                st = entry.stat()
                stats.append((st.st_mtime_ns, st.st_size, entry))
        total = sum(size for _, size, _ in stats)
        for _, size, entry in sorted(stats, key=lambda s: s[0]):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                entry.unlink()
                total -= size

    def clear(self) -> int:
        """Delete every entry (and stray temporary files); return how many entries went."""
        removed = 0
        for entry in self.entries():
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
        with contextlib.suppress(OSError):
            for partial in self.folder.glob(f".tmp-*{_PARTIAL}"):
                with contextlib.suppress(OSError):
                    partial.unlink()
        return removed


def _read_key(path: Path) -> bytes | None:
    """The key if it is a regular file of the right size, owned by this user and private to them."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != _KEY_BYTES:
            return None
        if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o077):
            return None
        key = os.read(fd, _KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == _KEY_BYTES else None


def _new_key(path: Path) -> bytes | None:
    """Replace whatever is at `path` by a new random key, 0600; None when it cannot be written."""
    key = secrets.token_bytes(_KEY_BYTES)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a key not to trust: entries made with it are rejected and rebuilt
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:  # another window made one just now: use that
        return _read_key(path)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return _read_key(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def open_timeline(
    path: str | Path,
    cache: ParseCache | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    data: bytes | None = None,
) -> tuple[storage.LoadResult, bool]:
    """Load `path` through the cache: (result, True) on a hit, else parse, store and (result, False).

    The bytes hashed are the bytes parsed (read once, or given as `data` by a caller that also
    needs their hash), so a file changing while it is opened can never put one version's model
    under the other version's key. Raises what
    `storage.load` raises: OSError, `storage.LoadError`, `storage.LoadCancelled`.
    """
    path = Path(path).resolve()
    data = path.read_bytes() if data is None else data
    if cache is not None:
        result = cache.get(data, path)
        if result is not None:
            return result, True
    started = time.time_ns()
    with paused_gc(keep=True):  # 2.5x faster at 10k events, and no GC pause holding the GIL (bench_io)
        result = storage.loads(data, str(path), base_dir=path.parent, progress=progress, cancelled=cancelled)
    if cache is not None:
        cache.put(data, path, result, started)
    return result, False
