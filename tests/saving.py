"""Save a Document the way the app does (`desktop.document.saving`), for tests that save between steps."""

from __future__ import annotations

from pathlib import Path

from desktop.document.saving import BackgroundSaver


def save(document, path: str | Path | None = None) -> Path:
    """Write `document` to `path` (default: its own file) through the app's saver and wait for it;
    raise what the saver reports as the failure (`FileChangedOnDisk`, an OSError)."""
    saver = BackgroundSaver(document)
    errors: list[BaseException] = []
    saver.failed.connect(lambda _target, exc: errors.append(exc))
    if not saver.save(path, wait=True):
        raise errors[0] if errors else OSError("the save failed")
    return document.path
