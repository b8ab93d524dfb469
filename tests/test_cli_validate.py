"""`council-timeline validate FILE... [--strict]`: exit codes and FILE:LINE:COL messages, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def good(tmp_path) -> Path:
    shutil.copy(FIXTURES / "canonical.yaml", tmp_path / "good.yaml")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path / "good.yaml"


@pytest.fixture
def bad(tmp_path) -> Path:
    text = (FIXTURES / "canonical.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("    kind: plan", "    kind: plna").replace("date: 2022-06", "date: 2022-13"),
                    encoding="utf-8")
    return path


def test_valid_file_exits_0_and_says_so(good, capsys):
    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert f"{good}: valid (3 events, 2 tenures, 0 warnings)" in out.err


def test_invalid_file_exits_1_with_every_problem_located(bad, capsys):
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"{bad}:71:11: date: month 13 does not exist",
        f"{bad}:82:11: kind 'plna' is not one of: inspection, monitoring-visit, focused-visit, intervention, plan, "
        "leadership, decision, statement (did you mean 'plan'?)",
    ]
    assert f"{bad}: not valid (2 problems)" in out.err


def test_provenance_is_a_warning_and_strict_makes_it_fail(good, capsys):
    good.write_text(good.read_text(encoding="utf-8").replace("text: the pace of change", "text: the rate of change"),
                    encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith(f"{good}:67:15: warning: quote not found verbatim")
    assert main(["validate", "--strict", str(good)]) == 1
    out = capsys.readouterr()
    assert out.out.startswith(f"{good}:67:15: quote not found verbatim")


def test_several_files_report_the_worst_outcome(good, bad, tmp_path, capsys):
    assert main(["validate", str(good), str(bad)]) == 1
    assert main(["validate", str(good), str(bad), str(tmp_path / "missing.yaml")]) == 2
    out = capsys.readouterr()
    assert f"{tmp_path / 'missing.yaml'}: no such file" in out.err
    assert f"{bad}:71:11:" in out.out  # the other files are still checked


def test_usage_errors_exit_2_and_help_exits_0(capsys):
    assert main(["validate"]) == 2
    assert "usage: council-timeline validate" in capsys.readouterr().err
    assert main(["validate", "--help"]) == 0
    assert "--strict" in capsys.readouterr().out


def test_python_m_desktop_validate_runs_headless(bad):
    proc = subprocess.run([sys.executable, "-m", "desktop", "validate", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:71:11: date: month 13 does not exist")
    assert "Traceback" not in proc.stderr
