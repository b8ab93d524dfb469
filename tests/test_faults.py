"""Faults during saving: a process killed mid-save leaves the old or the new file, whole and valid."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import storage
from tests.benchmarks.generate import make_timeline

ROOT = Path(__file__).resolve().parent.parent

SAVER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from desktop import storage
from tests.benchmarks.generate import make_timeline

path = Path(sys.argv[1])
a, b = make_timeline(3000, seed=1), make_timeline(3000, seed=2)
sys.stdout.write("ready\n")
sys.stdout.flush()
i = 0
while True:  # saves A and B in turn, as fast as it can, until it is killed
    storage.save(b if i % 2 else a, path, backup=(i % 3 == 0))
    i += 1
"""


@pytest.mark.slow
def test_save_killed_at_random_points_leaves_old_or_new_file(tmp_path):
    path = tmp_path / "timeline.yaml"
    old, new = storage.dump(make_timeline(3000, seed=1)), storage.dump(make_timeline(3000, seed=2))
    path.write_text(old, encoding="utf-8")
    rng = random.Random(20261123)
    seen = set()
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(ROOT)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.35))  # a save takes ~0.1 s: this lands anywhere inside one
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        text = path.read_text(encoding="utf-8")
        assert text in (old, new), "a killed save left a half-written file"
        seen.add(text == new)
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            assert backup.read_text(encoding="utf-8") in (old, new), "a killed save left a half-written backup"
    assert storage.load(path).timeline in (make_timeline(3000, seed=1), make_timeline(3000, seed=2))
    # temp files a SIGKILL leaves behind never replace the timeline and are named so they are easy to spot
    for leftover in tmp_path.iterdir():
        assert leftover.name in {"timeline.yaml", "timeline.yaml.bak"} or leftover.name.endswith(".tmp")


def test_full_disk_during_save_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "t.yaml"
    old = make_timeline(20, seed=3)
    storage.save(old, path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError) as info:
        storage.save(make_timeline(40, seed=4), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]
