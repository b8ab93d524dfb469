"""A new timeline file on disk: `NAME.yaml` with an empty `sources/` folder beside it. No Qt.

Never overwrites: the file is created exclusively, so a file that exists (or appears meanwhile)
is refused rather than replaced, and a folder that cannot be written is refused before anything
is made. On failure nothing is left behind that was not there before.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.model import Timeline
from desktop.core.provenance import write_new_file
from desktop.storage.writer import dump

__all__ = ["CannotCreate", "SOURCES_FOLDER", "create_timeline"]

#: the folder beside a timeline file that holds its sources' texts (`archive: sources/ID.txt`)
SOURCES_FOLDER = "sources"


class CannotCreate(Exception):
    """Why a new timeline file is not made, in words for the user (names the file or folder)."""


def _check_name(name: str) -> None:
    if not name.strip():
        raise CannotCreate("Give the file a name.")
    if name != os.path.basename(name) or "/" in name or "\\" in name or name in (".", ".."):
        raise CannotCreate(f"'{name}' is not a plain file name: choose the folder separately.")
    if name.startswith("."):
        raise CannotCreate(f"'{name}' would be a hidden file: choose a name that does not start with a dot.")
    if not name.lower().endswith((".yaml", ".yml")):
        raise CannotCreate(f"'{name}' must end with .yaml (timeline files are YAML).")


def create_timeline(timeline: Timeline, folder: Path, name: str) -> Path:
    """Write `timeline` as `folder/name` with `folder/sources/`; the new file's path, or CannotCreate."""
    _check_name(name)
    folder = Path(folder)
    if not folder.is_dir():
        raise CannotCreate(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CannotCreate(f"The folder {folder} cannot be written to: choose another folder.")
    path = folder / name
    if os.path.lexists(path):
        raise CannotCreate(f"{path} already exists: choose another name (an existing file is never replaced).")
    sources = folder / SOURCES_FOLDER
    if os.path.lexists(sources) and not sources.is_dir():
        raise CannotCreate(f"{sources} exists and is not a folder: the timeline's sources go in a folder of that name.")
    made_sources = not os.path.lexists(sources)
    data = dump(timeline).encode("utf-8")
    try:
        if made_sources:
            sources.mkdir()
        write_new_file(path, data)  # exclusive: never over a file that appeared meanwhile; whole or removed
    except FileExistsError:
        raise CannotCreate(f"{path} already exists: choose another name (an existing file is never replaced).") \
            from None
    except OSError as exc:
        if made_sources:
            try:
                sources.rmdir()
            except OSError:
                pass
        raise CannotCreate(f"{path} could not be written ({exc.strerror or exc}).") from None
    return path
