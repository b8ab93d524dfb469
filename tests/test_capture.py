"""Capturing a plain-text source: Sources > Add from file / from clipboard in the real window, and
`council-timeline add-source`. The text is kept as sources/ID.txt, the original in
sources/originals/, both SHA-256 in the YAML; refusals say why and write nothing."""

from __future__ import annotations

import codecs
import hashlib
import os

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import storage
from desktop.cli import add_source_main
from desktop.core.templates import new_timeline
from desktop.storage.creating import create_timeline
from samples import editor_timeline

REPORT = "Ofsted inspection of Tameside children's services\n\nInspectors found that services remain inadequate.\r\n"


@pytest.fixture
def timeline_file(tmp_path):
    path = tmp_path / "t.yaml"
    storage.save(editor_timeline(), path)
    return path


@pytest.fixture
def boxes(monkeypatch):
    """Every message box is answered OK; its text is kept."""
    shown = []

    def press(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    return shown


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_add_from_file_keeps_the_text_and_the_original_as_one_undoable_step(open_window, timeline_file, tmp_path,
                                                                             monkeypatch, boxes):
    outside = tmp_path / "downloads"
    outside.mkdir()
    original = outside / "Ofsted report 2016.txt"
    original.write_bytes(REPORT.encode("utf-8"))
    window = open_window(timeline_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(original), ""))
    before = len(window.document.timeline.sources)
    window.capture.add_file.trigger()
    assert boxes == []
    source = window.document.timeline.sources[-1]
    assert len(window.document.timeline.sources) == before + 1
    assert source.id == "ofsted-report-2016"
    assert source.title == "Ofsted inspection of Tameside children's services"
    assert source.archive == "sources/ofsted-report-2016.txt"
    kept = (tmp_path / source.archive).read_bytes()
    assert kept == REPORT.replace("\r\n", "\n").encode("utf-8")
    assert (tmp_path / source.original).read_bytes() == original.read_bytes()
    assert source.original == "sources/originals/Ofsted report 2016.txt"
    assert source.sha256 == _sha(kept) and source.original_sha256 == _sha(original.read_bytes())
    assert window.document.undo_stack.undoText() == "Add source 'ofsted-report-2016'"
    window.document.undo_stack.undo()
    assert len(window.document.timeline.sources) == before
    window.document.undo_stack.redo()
    assert window.save()
    window.files.saver.wait()
    loaded = storage.load(timeline_file, strict=True).timeline
    assert loaded.source("ofsted-report-2016") == source


def test_a_second_file_of_the_same_name_gets_a_new_id_and_overwrites_nothing(open_window, timeline_file, tmp_path,
                                                                             boxes):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text("someone else's\n", encoding="utf-8")
    original = tmp_path / "elsewhere" / "report.txt"
    original.parent.mkdir()
    original.write_text("Council leader resigns\nMore text.\n", encoding="utf-8")
    window = open_window(timeline_file)
    assert window.capture.add_path(original)
    assert window.capture.add_path(original)
    ids = [s.id for s in window.document.timeline.sources[-2:]]
    assert ids == ["report-2", "report-3"]
    assert (tmp_path / "sources" / "report.txt").read_text(encoding="utf-8") == "someone else's\n"
    assert sorted(os.listdir(tmp_path / "sources" / "originals")) == ["report-2.txt", "report.txt"]


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_a_byte_order_mark_says_how_to_read_the_text(open_window, timeline_file, tmp_path, boxes, bom, codec):
    original = tmp_path / "statement.txt"
    original.write_bytes(bom + "Déclaration du conseil – “we accept”\n".encode(codec))
    window = open_window(timeline_file)
    assert window.capture.add_path(original), boxes
    source = window.document.timeline.sources[-1]
    assert (tmp_path / source.archive).read_text(encoding="utf-8") == "Déclaration du conseil – “we accept”\n"
    assert (tmp_path / source.original).read_bytes() == original.read_bytes()


@pytest.mark.parametrize("name,data,reason", [
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ("latin.txt", "Caf\u00e9 society\n".encode("latin-1"), "not UTF-8"),
    ("page.html", b"<html><body>Hello</body></html>", "saved web pages are not supported yet"),
    ("report.pdf", b"%PDF-1.7\n", "PDF files are not supported yet"),
    ("renamed.txt", b"%PDF-1.7\n", "PDF files are not supported yet"),
    ("notes.docx", b"PK\x03\x04", "only plain-text .txt files"),
    ("empty.txt", b"  \n", "holds no text"),
])
def test_a_file_that_cannot_be_used_is_refused_with_the_reason(open_window, timeline_file, tmp_path, boxes,
                                                                name, data, reason):
    original = tmp_path / "in" / name
    original.parent.mkdir()
    original.write_bytes(data)
    window = open_window(timeline_file)
    before = list(window.document.timeline.sources)
    assert not window.capture.add_path(original)
    assert len(boxes) == 1 and reason in boxes[0] and name in boxes[0]
    assert window.document.timeline.sources == before and window.document.undo_stack.count() == 0
    assert not (tmp_path / "sources").exists()


def test_a_file_over_the_archive_limit_is_refused(open_window, timeline_file, tmp_path, boxes):
    big = tmp_path / "big.txt"
    with open(big, "wb") as out:
        out.truncate(16 * 1024 * 1024 + 1)
    window = open_window(timeline_file)
    assert not window.capture.add_path(big)
    assert "larger than 16 MiB" in boxes[0] and "big.txt" in boxes[0]
    assert not (tmp_path / "sources").exists()


def test_add_from_clipboard(open_window, timeline_file, tmp_path, boxes):
    window = open_window(timeline_file)
    QGuiApplication.clipboard().setText("Leader quits after damning report\nThe leader said: 'I take responsibility.'")
    window.capture.add_clipboard.trigger()
    source = window.document.timeline.sources[-1]
    assert source.id == "pasted-text" and source.title == "Leader quits after damning report"
    assert source.original is None and source.original_sha256 is None
    assert (tmp_path / source.archive).read_text(encoding="utf-8").endswith("'I take responsibility.'")
    QGuiApplication.clipboard().setText("")
    window.capture.add_clipboard.trigger()
    assert "clipboard holds no text" in boxes[-1]


def test_an_unsaved_timeline_is_asked_to_be_saved_first(open_window, tmp_path, boxes):
    original = tmp_path / "a.txt"
    original.write_text("Text\n", encoding="utf-8")
    window = open_window()
    assert not window.capture.add_path(original)
    assert "Save the timeline" in boxes[0]


def test_the_command_line_adds_a_source_and_prints_its_id(tmp_path, capsys):
    path = create_timeline(new_timeline("Rochdale"), tmp_path, "rochdale.yaml")
    report = tmp_path / "report.txt"
    report.write_text("Children's services judged good\nBody.\n", encoding="utf-8")
    assert add_source_main([str(path), str(report), "--id", "ofsted-2019"]) == 0
    assert capsys.readouterr().out == "ofsted-2019\n"
    assert add_source_main([str(path), str(report)]) == 0
    assert capsys.readouterr().out == "report\n"
    result = storage.load(path, strict=True)
    sources = result.timeline.sources
    assert [s.id for s in sources] == ["ofsted-2019", "report"]
    assert sources[0].title == "Children's services judged good"
    assert sources[0].sha256 == _sha((tmp_path / "sources" / "ofsted-2019.txt").read_bytes())
    assert result.warnings == []


def test_the_command_line_writes_nothing_for_a_file_it_cannot_use(tmp_path, capsys):
    path = create_timeline(new_timeline("Rochdale"), tmp_path, "rochdale.yaml")
    before = path.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Caf\u00e9\n".encode("latin-1"))
    assert add_source_main([str(path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt is not UTF-8" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert _files(tmp_path) == ["bad.txt", "rochdale.yaml"]
    assert add_source_main([str(path), str(tmp_path / "page.html")]) == 1
    assert "not supported yet" in capsys.readouterr().err


def test_a_sources_folder_linked_out_of_the_timeline_folder_gets_nothing(open_window, tmp_path, boxes):
    project = tmp_path / "project"
    outside = tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "sources").symlink_to(outside, target_is_directory=True)
    path = project / "t.yaml"
    storage.save(editor_timeline(), path)
    original = tmp_path / "a.txt"
    original.write_text("Text\n", encoding="utf-8")
    window = open_window(path)
    assert not window.capture.add_path(original)
    assert "outside the timeline's folder" in boxes[0]
    assert list(outside.iterdir()) == []


def test_add_source_is_a_sub_command_of_the_program(tmp_path, capsys):
    from desktop.app import main

    path = create_timeline(new_timeline("Rochdale"), tmp_path, "rochdale.yaml")
    report = tmp_path / "Leader statement.txt"
    report.write_text("Statement\n", encoding="utf-8")
    assert main(["add-source", str(path), str(report)]) == 0
    assert capsys.readouterr().out == "leader-statement\n"
    assert main(["--help"]) == 0
    assert "add-source TIMELINE.yaml FILE" in capsys.readouterr().out


def test_save_as_into_another_folder_takes_the_text_and_the_original_along(open_window, timeline_file, tmp_path,
                                                                          monkeypatch, boxes):
    original = tmp_path / "in" / "report.txt"
    original.parent.mkdir()
    original.write_bytes(REPORT.encode("utf-8"))
    window = open_window(timeline_file)
    assert window.capture.add_path(original)
    source = window.document.timeline.sources[-1]
    moved = tmp_path / "moved"
    moved.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(moved / "t.yaml"), ""))
    assert window.files.save_as(wait=True)
    window.files.saver.wait()
    assert (moved / source.archive).read_bytes() == (tmp_path / source.archive).read_bytes()
    assert (moved / source.original).read_bytes() == original.read_bytes()
    assert storage.load(moved / "t.yaml", strict=True).timeline.source("report") == source
