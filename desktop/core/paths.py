"""Where resources/ and data/ live: in a checkout, an installed package, or the PyInstaller bundle.

The only module that knows file locations of bundled things; everything else asks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = [
    "base_dir", "resources_dir", "data_dir", "resource", "default_timeline", "is_frozen", "app_icon_files",
]

APP_ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def base_dir() -> Path:
    """The folder that holds `resources/` and `data/`."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parents[2]  # desktop/core/paths.py -> the checkout


def resources_dir() -> Path:
    return base_dir() / "resources"


def data_dir() -> Path:
    return base_dir() / "data"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_timeline() -> Path:
    """The bundled Tameside timeline, opened when no file is given."""
    return data_dir() / "tameside.yaml"


def is_bundled(path: Path) -> bool:
    """True for a file inside the frozen bundle: read-only in effect (the one-file build unpacks to a
    temporary folder deleted at exit, the folder build is the program itself), so saving goes to Save As."""
    if not is_frozen():
        return False
    try:
        Path(path).resolve().relative_to(base_dir().resolve())
    except ValueError:
        return False
    return True


def app_icon_files() -> list[Path]:
    """The app icon's PNG sizes (rendered from resources/icons/council-timeline.svg), smallest first."""
    return [resource("icons", f"council-timeline-{size}.png") for size in APP_ICON_SIZES]
