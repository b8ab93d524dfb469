"""The main window's file life cycle: open (now, or in the background with progress and Cancel),
save, save as, the unsaved-changes prompt, recent files and dropped files.

Kept out of `window/mainwindow.py` so the window stays a thin assembly of parts. Every open goes
through the parse cache (`desktop.storage.cache`), so reopening an unchanged file skips YAML parsing.
A failed open never touches the Document: the previous timeline stays open and the problems
(`FILE:LINE:COL: message`) are shown in `LoadErrorDialog`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from desktop.panels.editor.prompts import choose
from desktop.core import paths, provenance
from desktop import storage
from desktop.storage.cache import ParseCache, open_timeline
from desktop.document import FileChangedOnDisk, read_with_digest
from desktop.document.opening import BackgroundOpener, Opened, load_messages
from desktop.panels.load_progress import LoadProgress
from desktop.panels.load_error import LoadErrorDialog
from desktop.document.saving import BackgroundSaver
from desktop.storage.atomic import is_read_only
from desktop.panels.plaintext import tell

YAML_SUFFIXES = (".yaml", ".yml")
FILE_FILTER = "Timeline files (*.yaml *.yml);;All files (*)"


def default_cache() -> ParseCache:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return ParseCache(Path(base) / "parsed-timelines")


def dropped_timeline(mime: QMimeData) -> Path | None:
    """The first local .yaml/.yml file among dropped URLs, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in YAML_SUFFIXES:
            return Path(url.toLocalFile())
    return None


class WindowFiles(QObject):
    def __init__(self, window, cache: ParseCache | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.settings = window.settings
        self.cache = cache if cache is not None else default_cache()
        self.opener = BackgroundOpener(self.document, self.cache, self)
        self.progress = LoadProgress(self.opener)
        self.opener.opened.connect(self._on_opened)
        self.opener.confirm_replace = lambda: self.maybe_save("opening another file")
        self.opener.failed.connect(lambda path, messages: self.report_failure(path, messages, True))
        self.saver = BackgroundSaver(self.document, self)  # large timelines are written off the GUI thread
        self.saver.writing.connect(lambda path: self.window.statusBar().showMessage(f"Saving {path}\u2026"))
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_save_failed)
        self._read_only_agreed: Path | None = None  # the read-only file the user chose to replace

    # -- opening ---------------------------------------------------------------------------
    def open_now(self, path: Path, interactive: bool = True, ask_to_save: bool | None = None) -> bool:
        """Open on this thread (start-up, tests, a new timeline); True when the Document took it.
        `ask_to_save` (default: `interactive`) is False when the caller has asked already."""
        if (interactive if ask_to_save is None else ask_to_save) and not self.maybe_save("opening another file"):
            return False
        started = time.perf_counter()
        try:
            data, digest = read_with_digest(Path(path).resolve())
            result, hit = open_timeline(path, self.cache, data=data)
        except (storage.LoadError, OSError) as exc:
            self.report_failure(path, load_messages(path, exc), interactive)
            return False
        self.document.set_timeline(result.timeline, path, result.warnings, has_comments=result.has_comments,
                                   digest=digest)
        self.document.load_seconds = time.perf_counter() - started
        self._on_opened(Opened(path, result, self.document.load_seconds, hit))
        return True

    def open_later(self, path: Path) -> None:
        """Open in the background (menus, recent files, drops): the window stays usable."""
        if self.maybe_save("opening another file"):
            self.opener.open(path)

    def reload_later(self, path: Path) -> None:
        """Read the open file again in the background (the answer "Reload" for a large file).

        No Save prompt: the user chose to drop the edits. Cancel, or a file that no longer
        loads, keeps the version in the window (still marked as differing from the disk).
        """
        self.opener.open(path)

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Open timeline", start, FILE_FILTER)
        if name:
            self.open_later(Path(name))

    def _on_opened(self, opened: Opened) -> None:
        self.settings.add_recent_file(opened.path)
        cached = " (from cache)" if opened.from_cache else ""
        self.window.statusBar().showMessage(f"Opened {opened.path}{cached}", 5000)

    def report_failure(self, path: Path, messages: list[str], interactive: bool) -> None:
        if interactive:
            LoadErrorDialog(path, messages, self.window).exec()
        else:
            print("\n".join(messages), file=sys.stderr)

    def shutdown(self) -> None:
        """Stop a load in progress before the window goes."""
        self.opener.cancel()
        self.opener.wait()
        self.saver.wait()

    def clear_cache(self) -> None:
        """File > Clear parse cache: the next open of every file parses it again."""
        removed = self.cache.clear()
        self.window.statusBar().showMessage(f"Parse cache cleared ({removed} parsed file(s) removed)", 5000)

    # -- saving ----------------------------------------------------------------------------
    def ready_to_save(self) -> bool:
        """Replaced by the editor: False when fields hold typing that cannot be saved (it has asked)."""
        return True

    def save(self, wait: bool = False) -> bool:
        if not self.ready_to_save():
            return False
        if self.document.path is None or paths.is_bundled(self.document.path):
            return self.save_as(wait)  # the bundled timeline is the program's: save a copy elsewhere
        return self._save_to(None, wait)

    def save_as(self, wait: bool = False) -> bool:
        if not self.ready_to_save():
            return False
        name = self.document.path.name if self.document.path else "timeline.yaml"
        start = str(self.document.path) if self.document.path else name
        if self.document.path is not None and paths.is_bundled(self.document.path):
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            start = str(Path(documents or Path.home()) / name)
        name, _ = QFileDialog.getSaveFileName(self.window, "Save timeline as", start, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        return self._save_to(path if path.suffix.lower() in YAML_SUFFIXES else path.with_suffix(".yaml"), wait)

    def _save_to(self, path: Path | None, wait: bool = False) -> bool:
        """Save now, or for a large timeline in the background (`wait`: behind a modal dialog, for
        "save before closing"); True when written or started, False when it failed (reported)."""
        if not self._comments_may_go(path):
            return False
        overwrite = self._read_only_answer(Path(path).resolve() if path is not None else self.document.path)
        if overwrite == "save as":
            return self.save_as(wait)
        if overwrite == "cancel":
            return False
        old = self.document.path
        if path is not None and old is not None and Path(path).resolve() != old:
            try:  # the sources travel with the file, so its quotes stay checkable
                copied = provenance.copy_archives(self.document.timeline, old.parent, Path(path).parent)
            except OSError as exc:
                self._on_save_failed(Path(path), exc)
                return False
            if copied:
                self.window.statusBar().showMessage(f"Copied {len(copied)} archived source text(s) beside it", 5000)
        return self.saver.save(path, wait=wait, parent=self.window, overwrite_read_only=overwrite == "replace")

    def _read_only_answer(self, target: Path | None) -> str:
        """"write" for a writable target; for a read-only one (0444: someone meant it not to change, and
        the atomic rename would replace it regardless) ask: "save as", "replace" (kept read-only), "cancel".
        Once agreed, later saves to the same file in this session do not ask again."""
        if target is None or not is_read_only(target):
            return "write"
        if target == self._read_only_agreed:
            return "replace"
        answer = choose(self.window, "The file is read-only",
                        f"{target.name} is read-only: it has been marked so that it does not change.\n\n"
                        "Save your timeline under another name, or replace the read-only file anyway "
                        "(it stays read-only, and its previous version is kept as .bak)?",
                        ["Save As\u2026", "Replace", "Cancel"], default="Save As\u2026")
        if answer == "Replace":
            self._read_only_agreed = target
        return {"Save As\u2026": "save as", "Replace": "replace"}.get(answer, "cancel")

    def _comments_may_go(self, path: Path | None) -> bool:
        """Saving over a file with `#` comments drops them (the writer is canonical): ask once per file."""
        doc = self.document
        if not doc.has_comments or (path is not None and doc.path and Path(path).resolve() != doc.path):
            return True
        answer = choose(self.window, "Comments will not be kept",
                        f"{doc.display_name} has # comments. Saving writes the timeline in its canonical form, "
                        "which does not keep comments (put notes in note: fields instead). The file as it is now "
                        f"is kept as {doc.display_name}.bak.\n\nSave anyway?", ["Save", "Cancel"], default="Cancel")
        if answer != "Save":
            return False
        doc.has_comments = False
        return True

    def _on_saved(self, saved: Path) -> None:
        self.settings.add_recent_file(saved)
        self.window.statusBar().showMessage(f"Saved {saved}", 5000)

    def _on_save_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, FileChangedOnDisk):  # someone changed it since we read it: never overwrite blindly
            if self.window.editor.file_changed_on_disk(path) == "Keep mine":
                # the user chose their version over the one on disk; retry once the failed save has unwound
                QTimer.singleShot(0, lambda: self._save_to(path))
            return
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        tell(self.window, QMessageBox.Icon.Critical, "Could not save", f"{path}: {reason}\n"
             "Your changes are still open; try another folder with Save As.")

    def maybe_save(self, doing: str = "closing") -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        if not self.document.is_dirty:
            return True
        answer = choose(self.window, "Unsaved changes",
                        f"{self.document.display_name} has unsaved changes. Save them before {doing}?",
                        ["Save", "Discard", "Cancel"], default="Save")
        if answer == "Save":
            return self.save(wait=True)
        return answer == "Discard"

    # -- recent files ----------------------------------------------------------------------
    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        files = self.settings.recent_files()
        for number, name in enumerate(files, start=1):
            path = Path(name)
            action = QAction(f"&{number % 10} {path.name}", menu)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _checked=False, p=path: self.open_later(p))
            menu.addAction(action)
        if not files:
            menu.addAction("No recent files").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("Clear list", self.settings.clear_recent_files)
