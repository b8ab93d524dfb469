"""The layers of desktop/ hold: import-linter's contracts (pyproject.toml) pass on the code, and fail
when a core module imports Qt or a lower layer imports a higher one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    if not LINT.exists():
        pytest.fail(f"{LINT} is missing: import-linter is in the test extra and the lock")
    env = {**os.environ, "PYTHONPATH": str(root)}  # the tree under test, not the installed one
    return subprocess.run([str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_layer_contracts_are_kept():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


@pytest.fixture(scope="module")
def copy_of_the_tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "desktop", root / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root)
    return root


@pytest.mark.parametrize("module,line,contract", [
    ("core/dates.py", "from PySide6.QtCore import QDate", "No Qt in the core and storage BROKEN"),
    ("storage/writer.py", "import pyqtgraph", "No Qt in the core and storage BROKEN"),
    ("storage/cache.py", "from desktop.document import Document", "Layers: a package never imports one above it BROKEN"),
    ("timeline/hit.py", "from desktop.panels import quotes", "Layers: a package never imports one above it BROKEN"),
    ("core/model.py", "import desktop.storage.problems", "Layers: a package never imports one above it BROKEN"),
])
def test_a_broken_layer_fails_the_contracts(copy_of_the_tree, module, line, contract):
    path = copy_of_the_tree / "desktop" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{line}  # noqa\n", encoding="utf-8")
    try:
        run = _lint(copy_of_the_tree)
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.returncode != 0
    assert contract in run.stdout, run.stdout[-2000:]
    assert module.replace("/", ".").removesuffix(".py") in run.stdout


def test_paths_find_the_bundled_files_from_the_core_package():
    from desktop.core import paths

    assert paths.base_dir() == ROOT
    assert paths.default_timeline().is_file() and paths.default_timeline().parent == ROOT / "data"
    assert all(p.is_file() for p in paths.app_icon_files())
