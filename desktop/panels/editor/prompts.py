"""The editor's questions to the user, as one small function over QMessageBox.

Callers get back the text of the button pressed, so their logic never compares toolkit enums;
tests patch `QMessageBox.exec` to press a button by its text, so the real box is still built.
The texts name entries by their titles, so the box shows them as plain text (`plainqt`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.panels.plaintext import message_box

__all__ = ["choose", "confirm_delete"]

_ROLES = {
    "Cancel": QMessageBox.ButtonRole.RejectRole,
    "Discard": QMessageBox.ButtonRole.DestructiveRole,
    "Delete": QMessageBox.ButtonRole.DestructiveRole,
}


def choose(parent: QWidget | None, title: str, text: str, buttons: list[str], default: str,
           informative: str = "", detail: str = "", icon=QMessageBox.Icon.Warning, escape: str = "") -> str:
    """Ask and return the pressed button's text; Esc or closing the box counts as `escape`
    (default: the last button), which callers choose so that it never loses anything."""
    box = message_box(parent, icon, title, text, informative=informative, detail=detail)
    box.setObjectName("editor-prompt")
    made = {}
    for label in buttons:
        made[label] = box.addButton(label, _ROLES.get(label, QMessageBox.ButtonRole.AcceptRole))
    box.setDefaultButton(made[default])
    escape = escape or buttons[-1]
    box.setEscapeButton(made[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((label for label, button in made.items() if button is clicked), escape)


def confirm_delete(parent: QWidget | None, what: str, referrers: list[str]) -> bool:
    """Ask before deleting; the warning lists everything that refers to the entry."""
    if referrers:
        shown = "\n".join(f"• {line}" for line in referrers[:12])
        more = f"\n… and {len(referrers) - 12} more" if len(referrers) > 12 else ""
        informative = f"These refer to it:\n{shown}{more}\n\nYou can undo this."
    else:
        informative = "Nothing refers to it. You can undo this."
    return choose(parent, "Delete", f"Delete {what}?", ["Delete", "Cancel"], "Cancel", informative) == "Delete"
