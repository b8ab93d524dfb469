"""Starting the app where there is no screen: a clear message, not Qt's core dump; pictures still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.app import _no_display

ROOT = Path(__file__).resolve().parent.parent


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_without_a_display_the_app_says_so_and_exits_1(tmp_path):
    out = subprocess.run([sys.executable, "-m", "desktop", "--settings", str(tmp_path / "s.ini")], cwd=tmp_path,
                         env=_headless_env(), capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stderr  # not Qt's abort (-6) with "could not connect to display"
    assert "no display to open the window on" in out.stderr and "--screenshot" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_screenshot_needs_no_display(tmp_path):
    picture = tmp_path / "window.png"
    out = subprocess.run([sys.executable, "-m", "desktop", "--screenshot", str(picture), "--size", "1280x720",
                          "--settings", str(tmp_path / "s.ini")], cwd=tmp_path, env=_headless_env(),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1280, 720)


def test_a_screenshot_leaves_the_users_settings_alone(tmp_path):
    """Taken twice without --settings: the same default-sized picture, and nothing written to the
    user's settings (no remembered window size, no Recent files entry)."""
    env = _headless_env()
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # where QSettings keeps the user's settings here
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    sizes = []
    for k in range(2):
        picture = tmp_path / f"window{k}.png"
        out = subprocess.run([sys.executable, "-m", "desktop", "--screenshot", str(picture)], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        image = QImage(str(picture))
        sizes.append((image.width(), image.height()))
    assert sizes[0] == sizes[1]  # the default size (1440x900), fitted to the offscreen 800x800 screen
    assert sizes[0][0] <= 800 and sizes[0][1] <= 800
    assert not (tmp_path / "config").exists() or not any((tmp_path / "config").rglob("*.conf"))
    assert not any((tmp_path / "tmp").iterdir())  # its throw-away settings are gone too


def test_a_display_or_a_chosen_platform_is_left_alone():
    assert _no_display(False, {"DISPLAY": ":0"}, "linux") is None
    assert _no_display(False, {"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert _no_display(False, {"QT_QPA_PLATFORM": "vnc"}, "linux") is None
    assert _no_display(False, {}, "win32") is None and _no_display(False, {}, "darwin") is None
    env: dict[str, str] = {}
    assert _no_display(True, env, "linux") is None and env == {"QT_QPA_PLATFORM": "offscreen"}
    assert "no display" in _no_display(False, {}, "linux")
