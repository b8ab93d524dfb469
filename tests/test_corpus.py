"""Hostile and broken files: every one is refused cleanly, with a position, by the CLI and the GUI.

The corpus lives in tests/corpus/ (regenerate with tests/corpus/_generate.py); MANIFEST.tsv says which line
the first problem must be reported on and which words its message must use. The few hostile files that are
valid (line `ok`: markup in every text, dates on the calendar's last day) must be accepted and exported.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import main
from unprivileged import nobody_folder, require_nobody, run_as_nobody

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
PWNED = Path("/tmp/council-timeline-pwned")


def _manifest() -> list[tuple[str, list[str], list[str]]]:
    rows = []
    for raw in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        name, line, words = raw.split("\t")
        rows.append((name, [] if line == "-" else line.split("|"), words.split("|")))
    return rows


ROWS = _manifest()
CASES = [row for row in ROWS if row[1] != ["ok"]]  # refused
ACCEPTED = [name for name, lines, _ in ROWS if lines == ["ok"]]


def test_corpus_is_big_enough():
    files = sorted(CORPUS.glob("*.yaml"))
    assert len(CASES) >= 40 and len(ACCEPTED) >= 2
    assert {f.name for f in files} == {name for name, _, _ in ROWS}


@pytest.mark.parametrize("name", ACCEPTED)
def test_hostile_but_valid_files_are_accepted_and_exported(name, tmp_path, capsys, qapp):
    from desktop.formats.export import FORMATS, SUFFIXES

    assert main(["validate", str(CORPUS / name)]) == 0, capsys.readouterr()
    for fmt in FORMATS:
        out = tmp_path / f"out{SUFFIXES[fmt]}"
        assert main(["export", str(CORPUS / name), "--format", fmt, "-o", str(out)]) == 0, (fmt, capsys.readouterr())
        assert out.stat().st_size > 0
        if fmt == "timelinejs":  # a web page shows these fields as HTML: the file's markup arrives as text
            published = out.read_text(encoding="utf-8")
            assert not any(tag in published for tag in ("<img", "<b>bold", '<a href="file:')), published
    text = capsys.readouterr()
    assert "Traceback" not in text.out + text.err


@pytest.mark.parametrize("name,lines,words", CASES, ids=[c[0] for c in CASES])
def test_validate_refuses_with_position(name, lines, words, capsys):
    PWNED.unlink(missing_ok=True)
    path = CORPUS / name
    code = main(["validate", str(path)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1, text
    assert "Traceback" not in text
    assert not PWNED.exists(), "a tag ran code"
    located = re.findall(re.escape(str(path)) + r":(\d+):(\d+): (.*)", text)
    if lines:
        assert located, f"no FILE:LINE:COL in {text!r}"
        first_line = located[0][0]
        assert first_line in lines, f"first problem on line {first_line}, expected one of {lines}: {text}"
    else:
        assert str(path) in text
    message = text.lower()
    assert any(w in message for w in words), f"none of {words} in {text!r}"


def test_gui_loader_refuses_and_keeps_previous_timeline(qtbot, settings, bundled_timeline_path):
    from desktop.document import Document
    from desktop.window.mainwindow import MainWindow

    document = Document()
    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    assert window.open_path(bundled_timeline_path, interactive=False)
    before = document.timeline
    for name, _, _ in CASES:
        assert window.open_path(CORPUS / name, interactive=False) is False, name
        assert document.timeline is before, name
        assert document.path == bundled_timeline_path.resolve()
    assert not PWNED.exists()
    for name in ACCEPTED:
        assert window.open_path(CORPUS / name, interactive=False), name


def _run_limited(args: list[str], mem_bytes: int = 500 * 1024**2) -> tuple[int, str, float, int]:
    """Run a CLI in a child under an address-space limit; return code, output, CPU seconds, max RSS (KiB)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc.returncode, proc.stdout + proc.stderr, cpu, after.ru_maxrss


HEAVY = [
    "alias-billion-laughs.yaml",
    "nesting-10k-flow-lists.yaml",
    "nesting-10k-flow-maps.yaml",
    "encoding-utf16-le-bom.yaml",
]


# Not a speed test (tests/benchmarks/bench_hostile.py measures the 2 s budget): a guard that an expansion
# bomb or a deep file is refused without expanding it, which would take minutes and gigabytes.
HANG_GUARD_CPU_SECONDS = 15.0


@pytest.mark.parametrize("name", HEAVY)
def test_heavy_inputs_stay_within_bounds(name):
    """Refused under a 500 MB address-space limit (a hard bound), with no traceback and no expansion."""
    code, text, cpu, _ = _run_limited(["validate", str(CORPUS / name)])
    assert code == 1, text
    assert "Traceback" not in text and "MemoryError" not in text
    assert cpu < HANG_GUARD_CPU_SECONDS, f"{name} took {cpu:.2f} s of CPU"


def test_fifty_megabyte_string_is_refused_within_bounds(tmp_path):
    """A 50 MB single string (as a title) is too long to be a title: refused, not loaded into the app."""
    big = tmp_path / "huge-string.yaml"
    with big.open("w", encoding="utf-8") as f:
        f.write("format: council-timeline/1\ntitle: ")
        chunk = "x" * (1024 * 1024)
        for _ in range(50):
            f.write(chunk)
        f.write("\n")
    code, text, cpu, _ = _run_limited(["validate", str(big)])
    assert code == 1, text[:2000]
    assert f"{big}:2:" in text
    assert "Traceback" not in text
    assert cpu < HANG_GUARD_CPU_SECONDS, f"took {cpu:.2f} s of CPU"


def test_directory_and_missing_path_are_usage_errors(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 2
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    text = capsys.readouterr()
    combined = text.out + text.err
    assert str(tmp_path) in combined and "missing.yaml" in combined
    assert "Traceback" not in combined


def test_unreadable_file_is_a_usage_error(tmp_path, capsys):
    """Root reads files whatever their mode, so as root the case runs as nobody (tests/unprivileged.py)."""
    if os.geteuid() != 0:
        f = tmp_path / "secret.yaml"
        f.write_text("format: council-timeline/1\ntitle: x\n", encoding="utf-8")
        f.chmod(0)
        assert main(["validate", str(f)]) == 2
        text = capsys.readouterr()
        output = text.out + text.err
    else:
        require_nobody()
        folder = nobody_folder()
        try:
            f = folder / "secret.yaml"
            f.write_text("format: council-timeline/1\ntitle: x\n", encoding="utf-8")
            f.chmod(0)
            run = run_as_nobody([sys.executable, "-m", "desktop", "validate", str(f)], home=folder)
        finally:
            shutil.rmtree(folder)
        assert run.returncode == 2, run.stderr
        output = run.stdout + run.stderr
    assert "secret.yaml" in output and "Traceback" not in output
