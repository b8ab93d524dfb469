"""A folder whose disk is full, for testing that nothing is reported written that was not.

`full_disk(tmp_path)` mounts a small tmpfs (needs root; where that is refused, the write failure is
made at the OS boundary instead: `os.write` raises ENOSPC, as it does on a full disk) and fills it
with a filler file, after `prepare(folder)` has put the files that should survive there.
`kind` says which was used ("tmpfs" or "os.write").
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path
from typing import Callable, Iterator

FILLER = "filler.bin"


def _mount(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True)
    return run.returncode == 0


def _fill(folder: Path) -> None:
    with open(folder / FILLER, "wb", buffering=0) as f:
        chunk = b"\0" * 4096
        try:
            while True:
                f.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with contextlib.suppress(OSError):  # and the last few bytes of a partial block
        with open(folder / FILLER, "ab", buffering=0) as f:
            while True:
                f.write(b"\0")


@contextlib.contextmanager
def full_disk(tmp_path: Path, prepare: Callable[[Path], None], monkeypatch) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if _mount(folder):
        try:
            prepare(folder)
            _fill(folder)
            yield folder, "tmpfs"
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    prepare(folder)
    (folder / FILLER).write_bytes(b"")  # the same folder contents as on the tmpfs

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    try:
        yield folder, "os.write"
    finally:
        monkeypatch.undo()
