"""The parse cache: reopening an unchanged file skips parsing; anything changed or damaged is parsed again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from desktop.storage import cache as cache_mod
from desktop import storage
from desktop.storage.cache import ParseCache, open_timeline
from samples import QUOTE, write_timeline


@pytest.fixture
def cache(tmp_path) -> ParseCache:
    return ParseCache(tmp_path / "cache")


@pytest.fixture
def no_parsing(monkeypatch):
    """Make any YAML parse fail loudly: what is returned then can only come from the cache."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the file was parsed")

    def arm():
        monkeypatch.setattr(storage, "loads", refuse)

    return arm


def test_miss_then_hit_returns_the_same_timeline_without_parsing(tmp_path, cache, no_parsing):
    path = write_timeline(tmp_path, archive="An unrelated article.")
    first, hit = open_timeline(path, cache)
    assert not hit
    assert [w.message for w in first.warnings if "not found verbatim" in w.message]
    no_parsing()
    again, hit = open_timeline(path, cache)
    assert hit
    assert again.timeline == first.timeline
    assert again.warnings == first.warnings
    assert again.has_comments == first.has_comments


def test_changed_file_is_parsed_again(tmp_path, cache):
    path = write_timeline(tmp_path, title="Before")
    open_timeline(path, cache)
    write_timeline(tmp_path, title="After")
    result, hit = open_timeline(path, cache)
    assert not hit
    assert result.timeline.title == "After"


def test_another_app_version_does_not_read_the_old_entry(tmp_path, cache, monkeypatch):
    path = write_timeline(tmp_path)
    open_timeline(path, cache)
    monkeypatch.setattr(cache_mod, "__version__", "99.0")
    assert open_timeline(path, cache)[1] is False


def test_changed_archive_text_rechecks_provenance(tmp_path, cache):
    path = write_timeline(tmp_path, archive="Nothing quoted here.")
    before, _ = open_timeline(path, cache)
    assert [w.message for w in before.warnings if "not found verbatim" in w.message]
    write_timeline(tmp_path, archive=f"Ofsted: {QUOTE}")  # the article now holds the quote
    after, hit = open_timeline(path, cache)
    assert not hit
    assert after.warnings == []


@pytest.mark.parametrize("damage", ["truncate", "flip-payload-byte", "garbage", "empty"])
def test_corrupt_entry_falls_back_to_parsing_and_is_replaced(tmp_path, cache, damage):
    path = write_timeline(tmp_path)
    good, _ = open_timeline(path, cache)
    [entry] = cache.entries()
    blob = entry.read_bytes()
    entry.write_bytes({
        "truncate": blob[: len(blob) // 2],
        "flip-payload-byte": blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:],
        "garbage": b"\x80\x04not a cache entry at all",
        "empty": b"",
    }[damage])
    result, hit = open_timeline(path, cache)
    assert not hit
    assert result.timeline == good.timeline
    assert open_timeline(path, cache)[1] is True  # a good entry was written in its place


def test_foreign_pickle_is_never_unpickled(tmp_path, cache):
    """An entry whose payload does not match its header checksum is refused before pickle runs it."""
    path = write_timeline(tmp_path)
    open_timeline(path, cache)
    [entry] = cache.entries()
    blob = entry.read_bytes()
    marker = tmp_path / "pwned"
    evil = pickle.dumps(_Touch(str(marker)))
    header = blob[: len(blob) - cache_mod.ParseCache._read_header(blob)["payload_size"]]
    entry.write_bytes(header + evil)
    result, hit = open_timeline(path, cache)
    assert not hit and not marker.exists()
    assert result.timeline.title == "Sample council"


class _Touch:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        import pathlib

        return pathlib.Path.touch, (pathlib.Path(self.path),)


def test_clear_empties_the_cache(tmp_path, cache):
    for name in ("a.yaml", "b.yaml"):
        open_timeline(write_timeline(tmp_path, name=name), cache)
    assert len(cache.entries()) == 2
    assert cache.clear() == 2
    assert cache.entries() == [] and cache.size() == 0
    assert open_timeline(tmp_path / "a.yaml", cache)[1] is False


def test_cache_is_kept_under_its_size_bound_dropping_the_oldest(tmp_path):
    small = ParseCache(tmp_path / "cache")
    open_timeline(write_timeline(tmp_path, name="old.yaml"), small)
    [old] = small.entries()
    os.utime(old, ns=(1_000_000_000, 1_000_000_000))  # last used long ago
    small.max_bytes = small.size() * 2 - 1  # room for one entry, not two
    open_timeline(write_timeline(tmp_path, name="new.yaml"), small)
    assert len(small.entries()) == 1
    assert open_timeline(tmp_path / "new.yaml", small)[1] is True
    assert open_timeline(tmp_path / "old.yaml", small)[1] is False


def test_unwritable_cache_folder_still_opens_the_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    result, hit = open_timeline(write_timeline(tmp_path), ParseCache(blocker / "cache"))
    assert not hit and result.timeline.title == "Sample council"


def test_bad_file_is_not_cached_and_still_reports_its_problems(tmp_path, cache):
    path = tmp_path / "bad.yaml"
    path.write_text("format: council-timeline/1\ntitel: typo\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(storage.LoadError) as err:
            open_timeline(path, cache)
        assert any(p.line == 2 for p in err.value.problems)
    assert cache.entries() == []


def test_the_code_fingerprint_changes_with_the_core_modules_that_build_the_cache(tmp_path, monkeypatch):
    """A change to the model, dates, provenance or quoting code must not reuse entries made before it."""
    import shutil

    from desktop.core import model
    from desktop.storage import cache

    copy = tmp_path / "desktop"
    real = Path(model.__file__).parent.parent
    shutil.copytree(real / "core", copy / "core")
    shutil.copytree(real / "storage", copy / "storage")
    monkeypatch.setattr(model, "__file__", str(copy / "core" / "model.py"))
    fingerprint = cache._code_fingerprint.__wrapped__  # computed once per run in the app
    before = fingerprint()
    for name in ("model.py", "dates.py", "provenance.py", "quoting.py"):
        path = copy / "core" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        after = fingerprint()
        assert after != before, name
        before = after
