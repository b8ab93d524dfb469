"""Temporary files of saves that were killed are cleared away at the next save to that folder.

A save killed half way (power cut, SIGKILL) leaves its hidden temporary file, a partial copy of the
data: twenty killed saves of a 100k-event file left 286 MB. Only our own names, only a day old.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from samples import rich_timeline

from desktop import storage
from desktop.formats.csv_tables import write_csv

DAY = 24 * 3600


def _leftover(folder: Path, name: str, age: float, suffix: str = ".tmp") -> Path:
    """A temporary file named as an interrupted save names it, last written `age` seconds ago."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=folder)
    os.write(fd, b"format: council-timeline/1\ntitle: half a copy of the data")
    os.close(fd)
    then = time.time() - age
    os.utime(tmp, (then, then))
    return Path(tmp)


def _aged(path: Path, age: float) -> Path:
    path.write_text("someone else's file\n", encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_a_save_removes_our_day_old_temporary_files_and_nothing_else(tmp_path):
    target = tmp_path / "t.yaml"
    stale = [_leftover(tmp_path, "t.yaml", 2 * DAY), _leftover(tmp_path, "other.yaml", 3 * DAY),
             _leftover(tmp_path, "t.yaml", 2 * DAY, ".bak.tmp")]
    recent = _leftover(tmp_path, "t.yaml", 60)  # perhaps another window saving right now
    others = [_aged(tmp_path / ".t.yaml.tmp", 5 * DAY), _aged(tmp_path / "notes.abcdefgh.tmp", 5 * DAY),
              _aged(tmp_path / ".cache.abcdefgh.tmp.keep", 5 * DAY)]
    link = tmp_path / ".x.yaml.abcdefgh.tmp"
    link.symlink_to(others[0])
    os.utime(link, (time.time() - 5 * DAY,) * 2, follow_symlinks=False)
    storage.save(rich_timeline(), target)
    left = set(tmp_path.iterdir())
    assert not any(p in left for p in stale)
    assert {recent, *others, link, target} == left


def test_an_export_clears_them_too(tmp_path):
    stale = _leftover(tmp_path, "t.csv", 2 * DAY)
    write_csv(rich_timeline(), tmp_path / "t.csv")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t-quotes.csv", "t-tenures.csv", "t.csv"]
