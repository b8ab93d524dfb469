"""Archives of a timeline from someone else: nothing outside its folder is read, nothing hangs.

A source's `archive:` names a text file for the provenance check. A hostile file may name a file
elsewhere (`/etc/passwd`, `../..`, `~`, a link out of the folder), whose contents `validate --strict`
would then confirm or deny word by word, or a device, a pipe or a huge file that never ends. Each
is refused with a warning at the `archive:` key, and its quotes are not checked.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core import provenance
from desktop import storage
from archive_helpers import (
    ARCHIVE_COLUMN, ARCHIVE_LINE, CORPUS, SECOND_SOURCE, SECRET, downloaded_pack, corpus_cases, secret_outside, write_with_archive,
)
from samples import BASE

ROOT = Path(__file__).resolve().parent.parent
def only_archive_warning(path: Path) -> str:
    """The one warning of loading `path`: at the archive key, never a verdict on the quote."""
    result = storage.load(path)
    assert [(w.line, w.column) for w in result.warnings] == [(ARCHIVE_LINE, ARCHIVE_COLUMN)], result.warnings
    message = result.warnings[0].message
    assert "not checked" in message and "not found verbatim" not in message
    with pytest.raises(storage.LoadError):  # --strict: the quote is not confirmed either
        storage.load(path, strict=True)
    quote = result.timeline.events[0].quotes[0]
    assert not provenance.quote_found(result.timeline, quote, path.parent)
    return message


# -- paths that lead out of the folder --------------------------------------------------------------

def test_an_absolute_archive_path_is_not_read(tmp_path):
    secret = secret_outside(tmp_path)
    message = only_archive_warning(write_with_archive(tmp_path / "shared", str(secret)))
    assert "absolute" in message


def test_an_archive_path_climbing_out_with_dot_dot_is_not_read(tmp_path):
    secret_outside(tmp_path)
    (tmp_path / "shared" / "sources").mkdir(parents=True)
    message = only_archive_warning(write_with_archive(tmp_path / "shared", "sources/../../private/secret.txt"))
    assert "outside the timeline's folder" in message


def test_a_home_folder_archive_path_is_not_expanded(tmp_path, _isolated_home):
    (_isolated_home / ".bashrc").write_text(f"# {SECRET}\n", encoding="utf-8")
    message = only_archive_warning(write_with_archive(tmp_path / "shared", "~/.bashrc"))
    assert "'~'" in message


def test_a_link_in_sources_pointing_out_of_the_folder_is_not_followed(tmp_path):
    secret = secret_outside(tmp_path)
    folder = tmp_path / "shared"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "real.txt").write_text(f"He said {SECRET}.", encoding="utf-8")
    (folder / "sources" / "inside.txt").symlink_to("real.txt")
    assert storage.load(write_with_archive(folder, "sources/./inside.txt"), strict=True).warnings == []  # followed
    (folder / "sources" / "article.txt").symlink_to(secret)
    message = only_archive_warning(write_with_archive(folder, "sources/article.txt"))
    assert "outside the timeline's folder" in message


# -- files that never end or never answer ------------------------------------------------------------

def run_validate(path: Path, *extra: str) -> tuple[int, str]:
    return run_cli("validate", *extra, str(path))


def run_cli(*args: str, mem_bytes: int = 500 * 1024**2) -> tuple[int, str]:
    """The command line in a child under a 500 MB address-space limit; a hang fails at the timeout."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    proc = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, preexec_fn=limit, stdin=subprocess.PIPE,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return proc.returncode, proc.stdout + proc.stderr


def assert_warned_at_archive(path: Path, archive_words: str) -> None:
    code, text = run_validate(path)
    assert code == 0, text
    assert f"{path}:{ARCHIVE_LINE}:{ARCHIVE_COLUMN}: " in text and archive_words in text, text
    assert "not checked" in text and "Traceback" not in text and "MemoryError" not in text
    code, text = run_validate(path, "--strict")
    assert code == 1 and f"{path}:{ARCHIVE_LINE}:{ARCHIVE_COLUMN}: " in text, text


def test_an_archive_on_dev_zero_is_refused_without_reading(tmp_path):
    assert_warned_at_archive(write_with_archive(tmp_path, "/dev/zero"), "absolute")


def test_a_link_in_sources_to_a_device_is_refused_without_reading(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").symlink_to("/dev/zero")
    assert_warned_at_archive(write_with_archive(tmp_path, "sources/article.txt"), "outside the timeline's folder")


def test_an_archive_on_dev_stdin_is_refused_without_waiting(tmp_path):
    assert_warned_at_archive(write_with_archive(tmp_path, "/dev/stdin"), "absolute")


def test_a_fifo_in_sources_is_refused_without_waiting(tmp_path):
    (tmp_path / "sources").mkdir()
    os.mkfifo(tmp_path / "sources" / "article.txt")
    assert_warned_at_archive(write_with_archive(tmp_path, "sources/article.txt"), "not a regular file")


def test_a_three_gigabyte_archive_is_refused_without_reading(tmp_path):
    (tmp_path / "sources").mkdir()
    big = tmp_path / "sources" / "article.txt"
    with big.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: takes no disk
    assert_warned_at_archive(write_with_archive(tmp_path, "sources/article.txt"), "larger than 16 MiB")


def test_export_of_a_timeline_with_a_fifo_archive_finishes(tmp_path):
    (tmp_path / "sources").mkdir()
    os.mkfifo(tmp_path / "sources" / "article.txt")
    path = write_with_archive(tmp_path, "sources/article.txt")
    out = tmp_path / "out.csv"
    code, text = run_cli("export", str(path), "--format", "csv", "-o", str(out))
    assert code == 0, text
    assert "An inspection" in out.read_text(encoding="utf-8")


def test_an_archive_of_the_largest_size_allowed_is_read(tmp_path):
    (tmp_path / "sources").mkdir()
    article = tmp_path / "sources" / "article.txt"
    padding = b"x " * ((provenance.MAX_ARCHIVE_BYTES - 100) // 2)
    article.write_bytes(padding + f"{SECRET}.\n".encode())
    assert article.stat().st_size <= provenance.MAX_ARCHIVE_BYTES
    assert storage.load(write_with_archive(tmp_path, "sources/article.txt"), strict=True).warnings == []
    with article.open("ab") as f:
        f.write(b"x" * 200)  # now a few bytes over
    assert "larger than 16 MiB" in only_archive_warning(tmp_path / "t.yaml")


def test_too_many_quotes_against_a_large_archive_are_left_unchecked(tmp_path, monkeypatch):
    """100,000 quotes searched in 16 MiB would take minutes: the search stops at a budget and says so."""
    (tmp_path / "sources").mkdir()
    article = "words " * 1000 + SECRET
    (tmp_path / "sources" / "article.txt").write_text(article, encoding="utf-8")
    monkeypatch.setattr(provenance, "SCAN_BUDGET_CHARS", 3 * len(article))  # three searches of this archive
    quotes = "".join(f"      - speaker: ann\n        text: quote number {n}\n        source: src\n" for n in range(10))
    text = BASE.replace("    archive: null", "    archive: sources/article.txt").replace(
        "      - speaker: ann\n        text: Some words.\n        source: src\n", quotes)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    warnings = storage.load(tmp_path / "t.yaml").warnings
    assert sum("not found verbatim" in w.message for w in warnings) == 3
    (unchecked,) = [w for w in warnings if "not checked" in w.message]
    assert (unchecked.line, unchecked.column) == (ARCHIVE_LINE, ARCHIVE_COLUMN)
    assert unchecked.message.startswith("7 quotes of source 'src' not checked")


def test_forty_archives_of_the_largest_size_stay_within_memory_and_time(tmp_path):
    """A download of a few kilobytes can unpack into forty 16 MiB files: they are read up to a
    bound, one at a time, and the rest are reported as not checked."""
    (tmp_path / "sources").mkdir()
    sources, quotes = "", ""
    for n in range(40):
        with (tmp_path / "sources" / f"a{n}.txt").open("wb") as f:
            f.truncate(provenance.MAX_ARCHIVE_BYTES)
        sources += SECOND_SOURCE.replace("id: real", f"id: s{n}").replace("sources/real.txt", f"sources/a{n}.txt")
        quotes += f"      - speaker: ann\n        text: quote {n}\n        source: s{n}\n"
    text = BASE.replace("people:\n", sources + "people:\n", 1).replace(
        "      - speaker: ann\n        text: Some words.\n        source: src\n", quotes)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    code, out = run_validate(tmp_path / "t.yaml")
    assert code == 0 and "Traceback" not in out and "MemoryError" not in out, out[-2000:]
    assert out.count("MiB one check reads; its quotes are not checked") == 40 - 4, out[-2000:]


# -- Save As: copies stay inside both folders ---------------------------------------------------------

def test_save_as_copies_only_archives_inside_the_old_folder_into_the_new_one(tmp_path):
    """A downloaded timeline naming `../.config/autostart/evil.desktop`, shipped beside it in the archive
    it came in, must not plant that file in the home folder when saved as Documents/t.yaml; its own
    sources still travel with it."""
    home = tmp_path / "home"
    path = downloaded_pack(home)
    (home / "Documents").mkdir()
    timeline = storage.load(path).timeline
    copied = provenance.copy_archives(timeline, path.parent, home / "Documents")
    assert copied == [home / "Documents" / "sources" / "real.txt"]
    assert not (home / ".config").exists()


def test_save_as_does_not_write_through_a_link_in_the_new_folder(tmp_path):
    old, new, elsewhere = tmp_path / "old", tmp_path / "new", tmp_path / "elsewhere"
    (old / "sources").mkdir(parents=True)
    (old / "sources" / "a.txt").write_text(SECRET, encoding="utf-8")
    elsewhere.mkdir()
    new.mkdir()
    (new / "sources").symlink_to(elsewhere)
    timeline = storage.load(write_with_archive(old, "sources/a.txt")).timeline
    assert provenance.copy_archives(timeline, old, new) == []
    assert list(elsewhere.iterdir()) == []


# -- the hostile-archive corpus (tests/corpus/archives) -------------------------------------------------



@pytest.mark.parametrize("name,line,words", corpus_cases(), ids=[c[0] for c in corpus_cases()])
def test_corpus_archive_is_a_warning_and_strict_refuses_it(name, line, words):
    path = CORPUS / name
    code, text = run_validate(path)
    assert code == 0 and "Traceback" not in text, text
    assert text.startswith(f"{path}:{line}:{ARCHIVE_COLUMN}: warning: archive "), text
    assert "not checked" in text and any(w in text.lower() for w in words), text
    code, text = run_validate(path, "--strict")
    assert code == 1 and text.startswith(f"{path}:{line}:{ARCHIVE_COLUMN}: archive "), text


def test_a_source_copy_that_fails_half_way_is_not_left_to_pass_for_the_archive(tmp_path, monkeypatch):
    """Save As on a disk that fills up: the part-written copy is removed, so the next try copies it whole
    (a truncated copy left behind was skipped as "already there" and then failed every quote check)."""
    path = write_with_archive(tmp_path / "old", "sources/a.txt", quote="said")
    (path.parent / "sources").mkdir()
    (path.parent / "sources" / "a.txt").write_text("He said so. " * 1000, encoding="utf-8")
    timeline = storage.load(path).timeline
    new = tmp_path / "new"
    new.mkdir()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        provenance.copy_archives(timeline, path.parent, new)
    assert not (new / "sources" / "a.txt").exists()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert provenance.copy_archives(timeline, path.parent, new) == [new / "sources" / "a.txt"]
    assert (new / "sources" / "a.txt").read_bytes() == (path.parent / "sources" / "a.txt").read_bytes()
