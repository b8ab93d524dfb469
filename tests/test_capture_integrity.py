"""validate warns at the `sha256:` key when a captured archive's bytes change, naming the quotes
that were checked against the old text."""

from __future__ import annotations

import hashlib

from desktop import storage
from desktop.cli import validate_main
from desktop.core.dates import PartialDate
from desktop.core.model import Event, EventKind, Quote, Source, Timeline

TEXT = "Inspectors found that services remain inadequate.\nThe council accepted the findings.\n"


def _timeline_with_capture(folder, text: str = TEXT):
    (folder / "sources").mkdir()
    (folder / "sources" / "report.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    timeline = Timeline("T", sources=[
        Source("report", "Ofsted", "Report", archive="sources/report.txt", sha256=digest),
        Source("other", "Paper", "Other")])
    timeline.events = [
        Event("ofsted-2016", PartialDate(2016), EventKind.INSPECTION, "Inadequate", sources=["report"],
              quotes=[Quote("Ofsted", "services remain inadequate", "report"),
                      Quote("Ofsted", "accepted the findings", "report")]),
        Event("later", PartialDate(2017), EventKind.STATEMENT, "Statement", sources=["other"],
              quotes=[Quote("Ofsted", "something else", "other"), Quote("Ofsted", "services remain", "report")]),
    ]
    path = folder / "t.yaml"
    storage.save(timeline, path)
    return path


def _position(path, key: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(f"{key}:"):
            return number, line.index(f"{key}:") + len(key) + 3
    raise AssertionError(key)


def test_unchanged_archive_gives_no_warning(tmp_path):
    path = _timeline_with_capture(tmp_path)
    assert storage.load(path, strict=True).warnings == []


def test_changed_bytes_are_warned_at_the_sha256_key_with_the_quotes_checked(tmp_path, capsys):
    path = _timeline_with_capture(tmp_path)
    # the same words, so every quote is still found: only the recorded digest tells
    (tmp_path / "sources" / "report.txt").write_text(TEXT + "Edited later.\n", encoding="utf-8")
    warnings = storage.load(path).warnings
    assert len(warnings) == 1
    line, column = _position(path, "sha256")
    assert (warnings[0].line, warnings[0].column) == (line, column)
    message = warnings[0].message
    assert "sources/report.txt" in message and "'report'" in message and "changed since it was captured" in message
    assert "3 quotes were checked against the old text: later #2, ofsted-2016 #1, ofsted-2016 #2" in message
    assert validate_main([str(path)]) == 0
    assert f"{path}:{line}:{column}:" in capsys.readouterr().out
    assert validate_main([str(path), "--strict"]) == 1


def test_a_bad_sha256_value_is_an_error_at_its_place(tmp_path):
    path = _timeline_with_capture(tmp_path)
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    path.write_text(text.replace(digest, "ABC123"), encoding="utf-8")
    try:
        storage.load(path)
    except storage.LoadError as exc:
        (problem,) = exc.problems
        assert "sha256 must be a SHA-256" in problem.message
        assert (problem.line, problem.column) == _position(path, "sha256")
    else:
        raise AssertionError("a malformed sha256 loaded")
