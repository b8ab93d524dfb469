"""Atomic save: the old file is either replaced whole by the new one or left untouched.

Temp file in the same folder (so the rename cannot cross file systems), written with `os.write`
(every short write and error seen), fsync, keep the old file's permission bits, `os.replace`, then
fsync the folder so the rename itself survives a power cut. The optional FILE.bak is replaced the
same way, so a crash never leaves a half-written backup either. Timelines, recovery files and
every export go through `save_files`, so they all behave alike:

- several files (a CSV export's two tables) are all written and synced before the first rename,
  so a full disk leaves every old file as it was;
- a file without any write permission is not replaced unless the caller says the user agreed
  (`ReadOnlyFile`; a rename needs only the folder's permission, so it would otherwise go silently);
- `private` files (recovery copies of unsaved work) are 0600 whatever the umask;
- temporary files this module left behind (a save killed half way) are removed from the folder at
  the next save there once they are a day old; only names of our own pattern, owned by the user.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable

__all__ = ["save_text", "save_bytes", "save_files", "ReadOnlyFile", "is_read_only", "remove_stale_temps",
           "STALE_SECONDS", "make_private_folder"]

#: temporary files older than this are a save that was killed, not one in progress
STALE_SECONDS = 24 * 3600
#: `.NAME.` + mkstemp's 8 random characters + `.tmp` (or `.bak.tmp` for the backup being staged)
_OUR_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}(?:\.bak)?\.tmp$")
_CHUNK = 1 << 20


class ReadOnlyFile(PermissionError):
    """The target exists and is read-only; replacing it needs the user's say-so (`overwrite_read_only`)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, "the file is read-only", str(path))


def is_read_only(path: Path) -> bool:
    """True for an existing file nobody may write to (0444), or that this user may not write to."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK))


def save_text(text: str, path: Path, *, backup: bool = False, private: bool = False,
              overwrite_read_only: bool = False) -> None:
    """Write `text` (UTF-8, LF) to `path` atomically; with `backup`, keep the previous file as FILE.bak."""
    save_files([(Path(path), text.encode("utf-8"))], backup=backup, private=private,
               overwrite_read_only=overwrite_read_only)


def save_bytes(data: bytes, path: Path, *, private: bool = False, overwrite_read_only: bool = False) -> None:
    """Write `data` to `path` atomically (an export: the old file stays whole if anything fails)."""
    save_files([(Path(path), data)], private=private, overwrite_read_only=overwrite_read_only)


def save_files(files: Iterable[tuple[Path, bytes]], *, backup: bool = False, private: bool = False,
               overwrite_read_only: bool = False) -> None:
    """Write every (path, bytes) atomically; raise OSError (or `ReadOnlyFile`) with the old files intact.

    All temporary files are written and synced before any is renamed into place.
    """
    files = [(Path(path), bytes(data)) for path, data in files]
    if not overwrite_read_only:
        for path, _ in files:
            if is_read_only(path):
                raise ReadOnlyFile(path)
    folders = list(dict.fromkeys(_folder(path) for path, _ in files))
    for folder in folders:
        remove_stale_temps(folder)
    staged: list[tuple[Path, Path, bool]] = []
    try:
        for path, data in files:
            staged.append(_stage(path, data, private))
        for path, tmp, existed in staged:
            if backup and existed:
                _keep_backup(path, _folder(path))
            os.replace(tmp, path)
    except BaseException:
        for _, tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for folder in folders:
        _fsync_dir(folder)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _stage(path: Path, data: bytes, private: bool) -> tuple[Path, Path, bool]:
    """Write `data` to a synced temporary file beside `path` with the final mode; (path, temp, existed)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=_folder(path))
    tmp = Path(tmp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view[:_CHUNK])
                if written <= 0:  # not expected from a regular file; never loop forever on it
                    raise OSError(errno.EIO, "the disk accepted nothing", str(path))
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if private:
            os.chmod(tmp, 0o600)
        elif mode is not None:
            os.chmod(tmp, mode)
        else:  # a new file: the usual mode for the user's umask, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path, tmp, mode is not None


def remove_stale_temps(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove this module's temporary files in `folder` left by saves killed over `older_than` seconds ago.

    Only regular files named as `_stage` names them and owned by this user; anything else is left alone.
    Returns what was removed; a folder that cannot be listed is skipped (the save itself will say why).
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMP.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_mtime > cutoff or (uid is not None and st.st_uid != uid):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) and make it 0700: what is in it is the user's alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != 0o700:
        os.chmod(folder, 0o700)


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
