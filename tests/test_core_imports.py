"""At run time too, the core and storage import no Qt, so `validate` runs without a display.

import-linter (tests/test_layers.py) reads the imports written in the code; this imports every module
of desktop.core and desktop.storage, and the validate command, in a fresh interpreter, loads and dumps
a file, and looks at what was actually imported (an import made at run time counts here too).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_and_storage_import_no_qt_at_run_time():
    code = (
        "import importlib, pkgutil, sys\n"
        "import desktop.core, desktop.storage, desktop.cli\n"
        "names = [m.name for p in (desktop.core, desktop.storage) for m in pkgutil.iter_modules(p.__path__, p.__name__ + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "from desktop import storage\n"
        "storage.loads(storage.dump(storage.load(__import__('pathlib').Path('tests/fixtures/canonical.yaml')).timeline))\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(len(names), qt)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    count, qt = proc.stdout.strip().split(" ", 1)
    assert int(count) >= 15 and qt == "[]"
