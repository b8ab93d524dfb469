"""Capture a plain-text source into the timeline's folder. No Qt.

A researcher adds a source from a `.txt` file (or pasted text): its text is kept as
`sources/ID.txt` (UTF-8, newlines as `\\n`) beside the timeline file, the file it came from is kept
unchanged in `sources/originals/`, and the SHA-256 of both goes in the source's entry, so a later
change to either is noticed. Nothing is ever written over an existing file, nothing outside the
timeline's folder (a `sources` folder that is a link out of it is refused), and a file that cannot
be used is refused with the reason before anything is written.

The chosen file is read with `provenance.read_archive_bytes` (a regular file of at most 16 MiB,
opened without blocking); the texts written stay within that limit so they read back as archives.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import MAX_ID, Source, Timeline
from desktop.core.provenance import MAX_ARCHIVE_BYTES, ArchiveError, read_archive_bytes, resolve_archive, write_new_file
from desktop.core.templates import slugify

__all__ = ["CaptureError", "Captured", "SOURCES", "ORIGINALS", "NOT_YET", "decode_text", "read_text_file",
           "from_clipboard", "title_from", "unique_id", "write_capture", "sha256"]

SOURCES = "sources"
ORIGINALS = "sources/originals"
#: kinds of file a later version captures (they need text extraction), and why not now
NOT_YET = {
    ".html": "saved web pages", ".htm": "saved web pages", ".xhtml": "saved web pages", ".mhtml": "saved web pages",
    ".pdf": "PDF files",
}
_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_TITLE_MAX = 150


class CaptureError(Exception):
    """Why a file or text is not captured, in words for the user (names the file)."""


@dataclass
class Captured:
    """Text ready to be kept: what it is called, its text, and the original bytes (None when pasted)."""

    name: str  # the file's name, or "clipboard"
    text: str
    original: bytes | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _looks_binary(text: str) -> bool:
    """NUL, or more than 1 in 100 characters being control characters other than tab and line breaks."""
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls * 100 > min(len(text), 65536)


def decode_text(data: bytes, name: str) -> str:
    """The text of a plain-text file: UTF-8, or the encoding its byte-order mark declares; newlines
    become `\\n`. CaptureError for a binary file or text in another encoding."""
    if data.startswith(b"%PDF-"):
        raise CaptureError(f"{name} is a PDF file with a .txt name: PDF files are not supported yet.")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise CaptureError(f"{name} starts with a {label} byte-order mark but is not {label} text "
                                   f"(bad bytes at byte {exc.start + len(bom)}).") from None
            break
    else:
        if b"\x00" in data:
            raise CaptureError(f"{name} is not a text file (it holds binary data, such as a picture or a "
                               "document renamed .txt).")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise CaptureError(f"{name} is not UTF-8 text (line {line}, byte {exc.start}) and has no byte-order "
                               "mark saying what it is: save it as UTF-8 in a text editor and add it again.") from None
    if _looks_binary(text):
        raise CaptureError(f"{name} is not a text file (it holds binary data, such as a picture or a document "
                           "renamed .txt).")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError(f"{name} holds no text.")
    return text


def read_text_file(path: Path) -> Captured:
    """Read a `.txt` file for capture (see `decode_text`); CaptureError for any other kind of file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in NOT_YET:
        raise CaptureError(f"{path.name}: {NOT_YET[suffix]} are not supported yet. Save the text as a .txt "
                           "file (UTF-8) and add that.")
    if suffix != ".txt":
        raise CaptureError(f"{path.name}: only plain-text .txt files can be added as sources for now.")
    real = Path(os.path.realpath(path))
    try:
        _, data = read_archive_bytes(real.name, real.parent)
    except ArchiveError as exc:
        raise CaptureError(f"{path.name} {exc}.") from None
    return Captured(path.name, decode_text(data, path.name), data)


def from_clipboard(text: str) -> Captured:
    """Pasted text, checked as a file's would be."""
    if not text.strip():
        raise CaptureError("The clipboard holds no text.")
    data = text.encode("utf-8", errors="replace")
    if len(data) > MAX_ARCHIVE_BYTES:
        raise CaptureError(f"The clipboard's text is larger than {MAX_ARCHIVE_BYTES // 1024**2} MiB, the most an "
                           "archived source may be.")
    return Captured("clipboard", decode_text(data, "The clipboard's text"), None)


def title_from(text: str, fallback: str) -> str:
    """The first line when it reads as a title (not too long, has letters), else `fallback`."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= _TITLE_MAX and any(ch.isalpha() for ch in line):
                return line
            break
    return fallback


def unique_id(wanted: str, taken: set[str], folder: Path) -> str:
    """`wanted` made a slug, with -2, -3... until no source has it and no `sources/ID.txt` exists."""
    base = slugify(wanted, "source", limit=min(60, MAX_ID - 8))
    ident, n = base, 1
    while ident in taken or os.path.lexists(folder / SOURCES / f"{ident}.txt"):
        n += 1
        ident = f"{base}-{n}"
    return ident


def _free_name(folder: Path, relative_dir: str, name: str) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 1
    while os.path.lexists(folder / relative_dir / candidate):
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return f"{relative_dir}/{candidate}"


def _write_new(folder: Path, relative: str, data: bytes) -> None:
    """Write `folder/relative`, which must not exist and must stay inside `folder` (no link out)."""
    try:
        resolve_archive(relative, folder)
    except ArchiveError as exc:
        raise CaptureError(f"{relative} {exc}: nothing was written.") from None
    try:
        write_new_file(folder / relative, data)  # removed again if it cannot be written whole
    except FileExistsError:
        raise CaptureError(f"{relative} already exists: nothing was written over it.") from None


def _make_folders(folder: Path, relative: str) -> None:
    try:
        resolve_archive(relative, folder)
    except ArchiveError as exc:
        raise CaptureError(f"the folder {relative} {exc}: nothing was written.") from None
    try:
        (folder / relative).mkdir(parents=True, exist_ok=True)
        resolve_archive(relative, folder)  # the folders just made: still inside
    except ArchiveError as exc:
        raise CaptureError(f"the folder {relative} {exc}: nothing was written.") from None
    except OSError as exc:
        raise CaptureError(f"the folder {folder / relative} cannot be made ({exc.strerror or exc}).") from None


def write_capture(timeline: Timeline, folder: Path, captured: Captured, ident: str | None = None) -> Source:
    """Keep `captured` in `folder` (the timeline file's folder) and return its new Source (not yet added).

    `ident` is the id wanted (default: from the file's name), made unique. CaptureError (nothing
    written, or what was written removed) when it cannot be kept.
    """
    folder = Path(os.path.realpath(folder))
    stem = os.path.splitext(captured.name)[0] if captured.original is not None else "pasted-text"
    ident = unique_id(ident or stem, {s.id for s in timeline.sources}, folder)
    text_bytes = captured.text.encode("utf-8")
    if len(text_bytes) > MAX_ARCHIVE_BYTES:
        raise CaptureError(f"{captured.name}: its text as UTF-8 is larger than {MAX_ARCHIVE_BYTES // 1024**2} MiB, "
                           "the most an archived source may be.")
    _make_folders(folder, ORIGINALS if captured.original is not None else SOURCES)
    archive = f"{SOURCES}/{ident}.txt"
    written: list[Path] = []
    try:
        _write_new(folder, archive, text_bytes)
        written.append(folder / archive)
        original = None
        if captured.original is not None:
            original = _free_name(folder, ORIGINALS, captured.name)
            _write_new(folder, original, captured.original)
            written.append(folder / original)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise CaptureError(f"{captured.name} could not be kept in {folder / SOURCES} ({exc.strerror or exc}).") \
            from None
    except CaptureError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    title = title_from(captured.text, stem if captured.original is not None else "Pasted text")
    return Source(ident, "Outlet not recorded yet", title, archive=archive, sha256=sha256(text_bytes),
                  original=original, original_sha256=sha256(captured.original) if captured.original else None)
