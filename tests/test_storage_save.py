"""Saving: canonical text that round-trips byte for byte, diffs that touch only what changed, atomic writes."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from desktop import storage
from desktop.core.dates import PartialDate
from desktop.core.model import Event, EventKind, Quote

CANONICAL = Path(__file__).parent / "fixtures" / "canonical.yaml"


def test_load_then_save_of_a_canonical_file_is_byte_identical(tmp_path):
    original = CANONICAL.read_bytes()
    target = tmp_path / "copy.yaml"
    storage.save(storage.load(CANONICAL).timeline, target)
    assert target.read_bytes() == original


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_editing_one_event_changes_only_that_events_lines():
    before = CANONICAL.read_text(encoding="utf-8")
    timeline = storage.loads(before, "c.yaml").timeline
    timeline.event("statement-2022").title = "The leader sets children first"
    timeline.event("statement-2022").date = PartialDate(2022, 7)
    assert _diff(before, storage.dump(timeline)) == [
        "-    date: 2022-06",
        "-    approx: true",
        "+    date: 2022-07",
        "+    approx: false",
        '-    title: "The leader: #1 priority is children"',
        "+    title: The leader sets children first",
    ]


def test_a_short_label_is_written_after_the_title_and_reads_back():
    before = CANONICAL.read_text(encoding="utf-8")
    timeline = storage.loads(before, "c.yaml").timeline
    timeline.event("statement-2022").label = "Leader: children first"
    after = storage.dump(timeline)
    assert _diff(before, after) == ['+    label: "Leader: children first"']
    assert after.index('+    label: "Leader'[1:]) > after.index('title: "The leader: #1 priority is children"')
    assert storage.loads(after, "c.yaml").timeline == timeline


def test_adding_an_event_only_adds_lines():
    before = CANONICAL.read_text(encoding="utf-8")
    timeline = storage.loads(before, "c.yaml").timeline
    timeline.events.append(Event("new-1", PartialDate(2024), EventKind.DECISION, "A decision", sources=["radio-2022"]))
    changed = _diff(before, storage.dump(timeline))
    assert changed and all(line.startswith("+") for line in changed)
    assert "+  - id: new-1" in changed


def test_long_text_is_folded_near_a_hundred_columns_and_reads_back_the_same():
    timeline = storage.load(CANONICAL).timeline
    summary = " ".join(["a sentence of ordinary words that goes on"] * 12)
    timeline.events[2].summary = summary
    text = storage.dump(timeline)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert storage.loads(text, "c.yaml").timeline.events[2].summary == summary


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=240), speaker=st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_text_survives_a_save_and_load(text, speaker):
    """Colons, hashes, quotes, backslashes, leading spaces, line breaks, control characters, unicode."""
    timeline = storage.load(CANONICAL).timeline
    event = timeline.events[2]
    event.summary = text
    event.quotes = [Quote(speaker=speaker, text="Words.", source="radio-2022", note=text or None)]
    loaded = storage.loads(storage.dump(timeline), "c.yaml").timeline.events[2]
    assert loaded.summary == text
    assert loaded.quotes[0].speaker == speaker and loaded.quotes[0].note == (text or None)


def test_save_keeps_the_files_mode_and_can_keep_a_backup(tmp_path):
    target = tmp_path / "t.yaml"
    target.write_text("old contents\n", encoding="utf-8")
    target.chmod(0o640)
    storage.save(storage.load(CANONICAL).timeline, target, backup=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert (tmp_path / "t.yaml.bak").read_text(encoding="utf-8") == "old contents\n"
    assert target.read_bytes() == CANONICAL.read_bytes()


def test_save_creates_a_new_file_readable_by_others_per_umask(tmp_path):
    target = tmp_path / "new.yaml"
    storage.save(storage.load(CANONICAL).timeline, target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


@pytest.mark.parametrize("backup", [False, True])
@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failure_mid_save_leaves_the_old_file_whole_and_no_temp_file(tmp_path, monkeypatch, failing, backup):
    target = tmp_path / "t.yaml"
    target.write_bytes(CANONICAL.read_bytes())
    timeline = storage.load(target).timeline
    timeline.title = "Changed"

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError):
        storage.save(timeline, target, backup=backup)
    monkeypatch.undo()
    assert target.read_bytes() == CANONICAL.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]


@pytest.mark.parametrize("alias", ["0:?", "a:", "b:[c]", "x: y", "?:", "a:b"])
def test_an_alias_with_a_colon_is_quoted_in_its_flow_list_and_reads_back(alias):
    """In a flow list `[0:?]` is a YAML syntax error and `[a:]` a mapping: the writer quotes them
    (found by tests/test_properties.py)."""
    from desktop.core.model import Person, Timeline

    timeline = Timeline(title="t", people=[Person("p", "Someone", aliases=[alias])])
    text = storage.dump(timeline)
    assert storage.loads(text, "t.yaml").timeline.people[0].aliases == [alias]
