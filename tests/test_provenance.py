"""Provenance: a quote must be found verbatim (white space folded) in its source's archived text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop import storage
from desktop.core.provenance import check_quotes, fold, quote_found

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the canonical fixture and its archive, to edit freely."""
    shutil.copy(FIXTURES / "canonical.yaml", tmp_path / "t.yaml")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path


def test_fold_collapses_runs_of_white_space():
    assert fold("  We accept\n the\t\tfindings \r\n") == "We accept the findings"


def test_quotes_found_across_line_breaks_give_no_issue(folder):
    timeline = storage.load(folder / "t.yaml").timeline
    assert check_quotes(timeline, folder) == []
    assert quote_found(timeline, timeline.events[0].quotes[0], folder)  # broken over two lines in the archive


def test_a_changed_quote_is_reported_with_its_event_and_index(folder):
    timeline = storage.load(folder / "t.yaml").timeline
    timeline.events[0].quotes[1].text = "the pace of change was far too slow"
    (issue,) = check_quotes(timeline, folder)
    assert (issue.event_id, issue.quote_index, issue.source_id) == ("ofsted-2016-inadequate", 1, "gazette-2017")
    assert "not found verbatim" in issue.message
    assert not quote_found(timeline, timeline.events[0].quotes[1], folder)


def test_a_missing_archive_is_one_issue_for_the_source(folder):
    (folder / "sources" / "gazette-2017.txt").unlink()
    timeline = storage.load(folder / "t.yaml").timeline
    (issue,) = check_quotes(timeline, folder)
    assert (issue.source_id, issue.event_id) == ("gazette-2017", None) and "cannot be read" in issue.message


def test_a_source_without_archive_cannot_back_a_quote(folder):
    timeline = storage.load(folder / "t.yaml").timeline
    quote = timeline.events[0].quotes[0]
    quote.source = "radio-2022"  # archive: null
    assert check_quotes(timeline, folder) == []
    assert not quote_found(timeline, quote, folder)


def test_edited_archive_is_read_again(folder):
    timeline = storage.load(folder / "t.yaml").timeline
    quote = timeline.events[0].quotes[1]
    assert quote_found(timeline, quote, folder)
    (folder / "sources" / "gazette-2017.txt").write_text("Nothing quoted here any more.\n", encoding="utf-8")
    assert not quote_found(timeline, quote, folder)


def _break_second_quote(folder: Path) -> None:
    path = folder / "t.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "text: the pace of change was too slow", "text: the pace was too slow"), encoding="utf-8")


def test_loader_warns_at_the_quote_and_strict_makes_it_an_error(folder):
    _break_second_quote(folder)
    (warning,) = storage.load(folder / "t.yaml").warnings
    assert (warning.line, warning.column, warning.severity) == (67, 15, "warning")
    assert warning.ref == ("event", "ofsted-2016-inadequate")
    with pytest.raises(storage.LoadError) as info:
        storage.load(folder / "t.yaml", strict=True)
    (error,) = info.value.problems
    assert (error.line, error.column, error.severity) == (67, 15, "error")


def test_missing_archive_warning_points_at_the_archive_key(folder):
    (folder / "sources" / "gazette-2017.txt").unlink()
    (warning,) = storage.load(folder / "t.yaml").warnings
    assert (warning.line, warning.column) == (12, 14) and warning.ref == ("source", "gazette-2017")
