"""Unsaved research and parsed copies stay the user's own, and the parse cache never runs planted code.

Recovery files (autosaved unsaved edits) were 0644 in a 0755 folder, readable by every local user;
the parse cache unpickled any entry whose header checksum matched, a checksum anyone can compute.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import struct
from pathlib import Path

import pytest
from samples import rich_timeline

from desktop.storage.cache import ParseCache, open_timeline
from desktop.document.recovery import RecoveryStore
from samples import write_timeline


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)  # the usual desktop umask: new files 0644, folders 0755
    yield
    os.umask(old)


def test_recovery_files_are_private(tmp_path, usual_umask):
    store = RecoveryStore(tmp_path / "data" / "recovery")
    written = store.write(rich_timeline(), tmp_path / "mine.yaml")
    assert _mode(store.folder) == 0o700
    files = sorted(store.folder.iterdir())
    assert [p.suffix for p in files] == [".json", ".yaml"] and written in files
    assert all(_mode(p) == 0o600 for p in files)
    store.folder.chmod(0o755)  # an older version's folder is made private again at the next autosave
    store.write(rich_timeline(), tmp_path / "mine.yaml")
    assert _mode(store.folder) == 0o700 and all(_mode(p) == 0o600 for p in store.folder.iterdir())


def test_parse_cache_files_are_private(tmp_path, usual_umask):
    cache = ParseCache(tmp_path / "cache" / "parsed-timelines")
    open_timeline(write_timeline(tmp_path), cache)
    assert _mode(cache.folder) == 0o700
    assert cache.entries() and all(_mode(p) == 0o600 for p in cache.folder.iterdir())


class _Touch:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        import pathlib

        return pathlib.Path.touch, (pathlib.Path(self.path),)


def _forge(blob: bytes, payload: bytes) -> bytes:
    """What someone who can write to the cache folder (but not read the user's files) can make of a
    real entry: the same header with the payload swapped and every checksum and length in it fixed."""
    start = blob.index(b'{"')
    header, end = json.JSONDecoder().raw_decode(blob[start:].decode("utf-8", "replace"))
    header["payload_size"] = len(payload)
    if "payload_sha256" in header:
        header["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    head = json.dumps(header).encode("utf-8")
    return blob[: start - 4] + struct.pack(">I", len(head)) + head + payload


def test_a_planted_cache_entry_never_runs_and_is_rebuilt(tmp_path):
    cache = ParseCache(tmp_path / "cache")
    path = write_timeline(tmp_path)
    good, _ = open_timeline(path, cache)
    [entry] = cache.entries()
    marker = tmp_path / "pwned"
    entry.write_bytes(_forge(entry.read_bytes(), pickle.dumps(_Touch(str(marker)))))
    result, hit = open_timeline(path, ParseCache(cache.folder))  # a later start of the app
    assert not marker.exists(), "the planted pickle ran"
    assert not hit and result.timeline == good.timeline
    assert open_timeline(path, ParseCache(cache.folder))[1] is True  # a good entry was written in its place


def test_a_cache_key_not_private_to_the_user_is_not_trusted(tmp_path):
    cache = ParseCache(tmp_path / "cache")
    path = write_timeline(tmp_path)
    open_timeline(path, cache)
    keys = [p for p in cache.folder.iterdir() if p not in cache.entries()]
    assert len(keys) == 1 and _mode(keys[0]) == 0o600
    keys[0].chmod(0o644)  # others could have read it, so they could have signed an entry with it
    assert open_timeline(path, ParseCache(cache.folder))[1] is False
    assert _mode(keys[0]) == 0o600 and open_timeline(path, ParseCache(cache.folder))[1] is True
