"""Run a test's case as an unprivileged user when the tests run as root (CI and containers do).

Root reads and writes files whatever their mode, so a case such as "an unreadable file is refused"
cannot happen to root. Where the machine allows it, the case runs in a child process as `nobody`
(util-linux's setpriv, installed by `make test`); only where it does not is the test skipped, and
under `make test` (COUNCIL_TIMELINE_MAKE) that is a failure, since make installs what it needs.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534  # nobody and nogroup on Debian and Ubuntu


def as_nobody(argv: list[str]) -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all", "--", *argv]


@functools.lru_cache(maxsize=1)
def _unavailable() -> str | None:
    """Why the cases cannot run as nobody here, or None when they can."""
    if shutil.which("setpriv") is None:
        return "setpriv (util-linux) is not installed"
    probe = subprocess.run(as_nobody([sys.executable, "-c", "import os, desktop; print(os.geteuid())"]),
                           capture_output=True, text=True, env=child_env(Path(tempfile.gettempdir())), timeout=60)
    if probe.returncode != 0 or probe.stdout.strip() != str(NOBODY):
        return f"this machine does not let nobody run the tests' Python: {probe.stderr.strip()[-300:]}"
    return None


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_"))}
    env.update(PYTHONPATH=str(ROOT), HOME=str(home), QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(home))
    return env


def require_nobody() -> None:
    """Skip (or, under make test, fail) when the case cannot run as nobody on this machine."""
    reason = _unavailable()
    if reason is None:
        return
    if os.environ.get("COUNCIL_TIMELINE_MAKE"):
        pytest.fail(f"{reason}; make test installs setpriv and needs it to run this case as nobody")
    pytest.skip(reason)


def nobody_folder() -> Path:
    """A fresh folder in the system temp folder that nobody can enter and owns (pytest's tmp_path is 0700 root)."""
    folder = Path(tempfile.mkdtemp(prefix="council-timeline-nobody-"))
    os.chown(folder, NOBODY, NOBODY)
    folder.chmod(0o755)
    return folder


def run_as_nobody(argv: list[str], home: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(as_nobody(argv), capture_output=True, text=True, env=child_env(home), cwd=home,
                          timeout=120, **kwargs)


def call_as_nobody(module: str, function: str, argument: Path, home: Path):
    """`module.function(Path(argument))` run as nobody in a child process (the tests folder on its
    path); returns what it returned, which must be JSON."""
    script = (f"import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); import {module} as m; "
              f"print(json.dumps(m.{function}(Path(sys.argv[1]))))")
    run = run_as_nobody([sys.executable, "-c", script, str(argument), str(ROOT / "tests")], home=home)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])
