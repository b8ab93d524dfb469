"""What a new timeline starts with: blank, or a template's posts. No Qt.

File > New timeline asks for a title and a template; `new_timeline` builds the `Timeline` and
`file_name_for` suggests the file's name from the title (the dialog lets the user change it).
"""

from __future__ import annotations

import re
import unicodedata

from desktop.core.model import Post, Timeline

__all__ = ["TEMPLATES", "COUNCIL_POSTS", "slugify", "file_name_for", "new_timeline"]

#: the usual posts of a council's children's services, in the order of the chain of command
COUNCIL_POSTS = (
    Post("leader", "Leader of the council"),
    Post("deputy-leader", "Deputy leader of the council"),
    Post("executive-member-childrens-services", "Executive member for children's services"),
    Post("chief-executive", "Chief executive"),
    Post("director-childrens-services", "Director of children's services"),
    Post("assistant-director", "Assistant director of children's services"),
)

#: template key -> what the dialog calls it
TEMPLATES = {
    "blank": "Blank",
    "council-childrens-services": "Council children's services (the usual posts)",
}


def slugify(text: str, fallback: str = "timeline", limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens ("Tameside's children" -> "tamesides-children")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug[:limit].rstrip("-") or fallback


def file_name_for(title: str) -> str:
    return slugify(title) + ".yaml"


def new_timeline(title: str, template: str = "blank") -> Timeline:
    """A timeline with `title` and what `template` (a key of TEMPLATES) brings; ValueError otherwise."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown template '{template}'; one of: {', '.join(TEMPLATES)}")
    timeline = Timeline(title=title.strip())
    if template == "council-childrens-services":
        timeline.posts = [Post(p.id, p.name, p.note) for p in COUNCIL_POSTS]
    return timeline
