"""Atomic save: the old file is either replaced whole by the new one or left untouched.

Temp file in the same folder (so the rename cannot cross file systems), flush + fsync, keep the old
file's permission bits, `os.replace`, then fsync the folder so the rename itself survives a power cut.
The optional FILE.bak is replaced the same way, so a crash never leaves a half-written backup either.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

__all__ = ["save_text"]


def save_text(text: str, path: Path, *, backup: bool = False) -> None:
    """Write `text` (UTF-8, LF) to `path` atomically; with `backup`, keep the previous file as FILE.bak."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:  # a new file: the usual mode for the user's umask, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if backup and mode is not None:
            _keep_backup(path, folder)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _keep_backup(path: Path, folder: Path) -> None:
    """Make FILE.bak the previous version, itself atomically: a hard link to the old file (no copy,
    and it stays the old version once FILE is replaced), or a synced copy where links are not allowed."""
    fd, staging_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak.tmp", dir=folder)
    os.close(fd)
    staging = Path(staging_name)
    try:
        staging.unlink()
        try:
            os.link(path, staging)
        except OSError:  # FAT, some network shares
            shutil.copy2(path, staging)
            with open(staging, "rb+") as f:
                os.fsync(f.fileno())
        os.replace(staging, path.with_name(path.name + ".bak"))
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows): the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
