"""`council-timeline export`: headless, exit codes 0/1/2, a reason instead of a traceback."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from samples import rich_timeline

from desktop import storage
from desktop.app import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def timeline_file(tmp_path) -> Path:
    path = tmp_path / "tameside.yaml"
    storage.save(rich_timeline(), path)
    return path


def test_csv_and_timelinejs_from_the_command_line(timeline_file, tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["export", str(timeline_file), "--format", "csv", "-o", str(out), "--from", "2017"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out), str(tmp_path / "events-quotes.csv"), str(tmp_path / "events-tenures.csv")]
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert [r["id"] for r in csv.DictReader(f)] == ["monitoring-2017-10", "improvement-plan", "leader-statement-2022"]
    js = tmp_path / "web.json"
    assert main(["export", str(timeline_file), "-o", str(js)]) == 0  # the format from the suffix
    assert len(json.loads(js.read_text(encoding="utf-8"))["events"]) == 4 + 2  # events and tenures


def test_png_with_size_and_range(timeline_file, tmp_path, qapp):
    from PySide6.QtGui import QImage

    out = tmp_path / "t.png"
    code = main(["export", str(timeline_file), "--format", "png", "-o", str(out), "--width", "640", "--height",
                 "360", "--dpi", "200", "--from", "2016", "--to", "2018-06"])
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height(), round(image.dotsPerMeterX() * 0.0254)) == (640, 360, 200)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "gif"], 2, "invalid choice"),
        (["--format", "png", "--from", "2016-13"], 2, "month 13 does not exist"),
        (["--format", "png", "--from", "2018", "--to", "2016"], 2, "--to must not be before --from"),
        (["--format", "csv", "--handout"], 2, "--handout goes with --format pdf"),
        (["--format", "png", "--width", "0"], 2, "--width and --height"),
    ],
)
def test_usage_errors_exit_2_with_a_reason(timeline_file, tmp_path, capsys, args, code, message):
    assert main(["export", str(timeline_file), "-o", str(tmp_path / "x.png"), *args]) == code
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_unreadable_input_and_unwritable_output_exit_1(timeline_file, tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: council-timeline/1\ntitle: x\nevents: 3\n", encoding="utf-8")
    assert main(["export", str(broken), "-o", str(tmp_path / "x.csv")]) == 1
    assert "is not a valid timeline" in capsys.readouterr().err
    assert main(["export", str(timeline_file), "-o", str(tmp_path / "no-such-dir" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_headless_without_a_display_in_a_fresh_process(timeline_file, tmp_path):
    """No DISPLAY, no QT_QPA_PLATFORM: export still works (offscreen) and prints no traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "t.svg"
    run = subprocess.run([sys.executable, "-m", "desktop", "export", str(timeline_file), "-o", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_paper_and_pages_belong_to_pdf(timeline_file, tmp_path, capsys):
    assert main(["export", str(timeline_file), "-o", str(tmp_path / "x.png"), "--pages", "2"]) == 2
    assert "--pages goes with --format pdf" in capsys.readouterr().err
    assert main(["export", str(timeline_file), "-o", str(tmp_path / "x.png"), "--paper", "A3"]) == 2
    assert "--paper goes with --format pdf (or --handout)" in capsys.readouterr().err
    assert main(["export", str(timeline_file), "-o", str(tmp_path / "x.pdf"), "--width", "800"]) == 2
    assert "a PDF is on paper" in capsys.readouterr().err


def _media_boxes(path: Path) -> list[tuple[int, ...]]:
    import re

    boxes = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", path.read_bytes())
    return [tuple(round(float(v)) for v in box.split()) for box in boxes]


def test_pdf_is_a4_landscape_unless_told_and_the_handout_takes_paper(timeline_file, tmp_path, qapp):
    plain, letter, handout = tmp_path / "plain.pdf", tmp_path / "letter.pdf", tmp_path / "handout.pdf"
    assert main(["export", str(timeline_file), "-o", str(plain)]) == 0
    assert _media_boxes(plain) == [(0, 0, 842, 595)]  # A4 landscape, not a 1440x810 pt screen
    assert main(["export", str(timeline_file), "-o", str(letter), "--paper", "Letter"]) == 0
    assert _media_boxes(letter) == [(0, 0, 792, 612)]
    assert main(["export", str(timeline_file), "-o", str(handout), "--handout", "--format", "pdf",
                 "--paper", "A3"]) == 0
    boxes = _media_boxes(handout)
    assert boxes[0] == (0, 0, 1191, 842) and set(boxes[1:]) == {(0, 0, 842, 1191)}  # A3: landscape, then portrait


@pytest.mark.parametrize("command", ["export", "add-source"])
def test_a_bug_inside_a_sub_command_is_one_line_and_exit_1_not_a_traceback(command, timeline_file, tmp_path, capsys,
                                                                             monkeypatch):
    import desktop.cli as cli

    def broken(*_args, **_kwargs):
        raise KeyError("something the code did not expect")

    monkeypatch.setattr(cli.storage, "load", broken)
    source = tmp_path / "article.txt"
    source.write_text("Words.", encoding="utf-8")
    args = {"export": ["export", str(timeline_file), "--format", "csv", "-o", str(tmp_path / "out.csv")],
            "add-source": ["add-source", str(timeline_file), str(source)]}[command]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
