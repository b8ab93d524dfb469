"""Exports on a full disk: never success over a bad file, and the old export stays whole.

Every format, from the command line and from File > Export. The disk is really full where the test
may mount a small tmpfs (root), else `os.write` fails with ENOSPC (see tests/full_disk.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import rich_timeline
from full_disk import FILLER, full_disk
from PySide6.QtCore import Qt

from desktop import storage
from desktop.app import main
from desktop.document import Document
from desktop.formats.csv_tables import quotes_path_for, tenures_path_for

OUTPUTS = {"png": "t.png", "svg": "t.svg", "pdf": "t.pdf", "handout": "t.pdf", "csv": "t.csv", "timelinejs": "t.json",
           "slides": "talk.pdf"}
OLD = b"the previous export, which must survive\n" * 20


@pytest.fixture
def timeline_file(tmp_path) -> Path:
    path = tmp_path / "tameside.yaml"
    storage.save(rich_timeline(), path)
    return path


def _targets(folder: Path, fmt: str) -> list[Path]:
    out = folder / OUTPUTS[fmt]
    return [out, quotes_path_for(out), tenures_path_for(out)] if fmt == "csv" else [out]


def _old_files(fmt: str):
    def prepare(folder: Path) -> None:
        for path in _targets(folder, fmt):
            path.write_bytes(OLD)
    return prepare


@pytest.mark.parametrize("fmt", list(OUTPUTS))
def test_command_line_export_on_a_full_disk_fails_and_keeps_the_old_file(
        fmt, timeline_file, tmp_path, capsys, monkeypatch, qapp):
    with full_disk(tmp_path, _old_files(fmt), monkeypatch) as (folder, _kind):
        out = folder / OUTPUTS[fmt]
        code = main(["export", str(timeline_file), "--format", fmt, "-o", str(out)])
        err = capsys.readouterr().err
        assert code == 1, err
        assert f"cannot write {out}" in err and "No space left on device" in err
        for path in _targets(folder, fmt):
            assert path.read_bytes() == OLD  # not truncated, not replaced
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted([FILLER, *(p.name for p in _targets(folder, fmt))])  # no temporary file left


def test_export_dialog_on_a_full_disk_says_why_and_stays_open(qtbot, tmp_path, monkeypatch):
    document = Document()
    document.set_timeline(rich_timeline(), None)
    from desktop.window.export_dialog import ExportDialog

    with full_disk(tmp_path, _old_files("pdf"), monkeypatch) as (folder, _kind):
        dialog = ExportDialog(document)
        qtbot.addWidget(dialog)
        dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
        dialog.output.setText(str(folder / "t.pdf"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.result() != dialog.DialogCode.Accepted and dialog.written == []
        assert "No space left on device" in dialog.error.text()
        assert (folder / "t.pdf").read_bytes() == OLD
