"""The core (model, dates, storage, provenance, validate CLI, slide choice) imports no Qt, so it runs without a display."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_modules_import_no_qt():
    code = (
        "import sys\n"
        "import desktop.model, desktop.dates, desktop.storage, desktop.provenance, desktop.cli\n"
        "import desktop.present_slides\n"
        "from desktop import storage\n"
        "storage.loads(storage.dump(storage.load(__import__('pathlib').Path('tests/fixtures/canonical.yaml')).timeline))\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(qt)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
