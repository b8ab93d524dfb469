"""The app makes no network request of its own: it starts, renders and exports with the network cut off.

Two independent checks: a Python audit hook that stops the process on any internet socket use, and, where
the machine allows it (root or user namespaces), a run inside a network namespace with no interfaces.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

AUDITED_MAIN = r"""
import os, socket, sys

def hook(event, args):
    if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
        pass
    elif event not in ("socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        return
    sys.stderr.write(f"NETWORK USED: {event} {args!r}\n")
    sys.stderr.flush()
    os._exit(99)

sys.addaudithook(hook)
from desktop.app import main
raise SystemExit(main(sys.argv[1:]))
"""


def _can_unshare_net() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def _run(args: list[str], isolate: bool) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", AUDITED_MAIN, *args]
    if isolate:
        cmd = ["unshare", "-n", *cmd]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("isolate", [False, True], ids=["audit-hook", "no-network-namespace"])
def test_app_runs_offline(tmp_path, isolate):
    if isolate and not _can_unshare_net():
        pytest.skip("cannot create a network namespace here (needs root or user namespaces)")
    shot = tmp_path / "shot.png"
    result = _run(["--screenshot", str(shot), "--settings", str(tmp_path / "s.ini")], isolate)
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 10_000
    pdf = tmp_path / "t.pdf"
    result = _run(["export", str(ROOT / "data" / "tameside.yaml"), "--format", "pdf", "-o", str(pdf)], isolate)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    result = _run(["validate", "--strict", str(ROOT / "data" / "tameside.yaml")], isolate)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_audit_hook_would_catch_a_request(tmp_path):
    """The check above can fail: code that opens a connection is stopped with exit 99."""
    code = AUDITED_MAIN.replace(
        "from desktop.app import main",
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\nfrom desktop.app import main",
    )
    result = subprocess.run([sys.executable, "-c", code, "--version"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 99
    assert "NETWORK USED" in result.stderr
