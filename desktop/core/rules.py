"""What the editor refuses to commit, in words a researcher understands. No Qt.

Each check takes the typed value and returns None when it is fine or a short message shown next
to the field. The rules mirror the loader's, so anything the editor commits saves to a file that
loads again.
"""

from __future__ import annotations

import re

from desktop.core.dates import DateError, PartialDate
from desktop.core.model import MAX_ID, MAX_TEXT

__all__ = ["Invalid", "parse_text", "parse_date", "parse_id", "parse_id_list", "parse_url",
           "unique_id", "not_before", "ID_RE", "too_long", "MAX_TEXT", "MAX_ID"]

ID_RE = re.compile(rf"^\S{{1,{MAX_ID}}}$")  # the loader's rule: no spaces, at most MAX_ID characters


class Invalid(ValueError):
    """Typed text that cannot become a model value; the message is shown next to the field."""


def too_long(length: int, limit: int = MAX_TEXT) -> str | None:
    """The message for a value of `length` characters over the file format's `limit` (the loader's)."""
    if length <= limit:
        return None
    return f"too long: {length:,} characters; a timeline file holds at most {limit:,} here"


def parse_text(text: str, required: bool) -> str | None:
    value = text.strip()
    if not value:
        if required:
            raise Invalid("required")
        return None
    return value


def parse_date(text: str, approx: bool, required: bool) -> PartialDate | None:
    value = text.strip()
    if not value:
        if required:
            raise Invalid("required: YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    try:
        return PartialDate.parse(value, approx)
    except DateError as exc:
        raise Invalid(str(exc)) from None


def parse_id(text: str) -> str:
    value = text.strip()
    if not value:
        raise Invalid("required")
    if not ID_RE.match(value):
        raise Invalid(f"no spaces, at most {MAX_ID} characters; use a slug such as ofsted-2016")
    return value


def parse_id_list(text: str, known: set[str], what: str) -> list[str]:
    """Comma-separated ids, each of which must exist ("unknown person 'x'")."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise Invalid(f"unknown {what} {', '.join(repr(u) for u in unknown)}")
    if len(set(ids)) != len(ids):
        raise Invalid("listed twice")
    return ids


def parse_url(text: str) -> str | None:
    value = text.strip()
    if value and not re.match(r"^https?://\S+$", value):
        raise Invalid("a web address starting with http:// or https://")
    return value or None


def unique_id(value: str, entry: object, entries: list) -> str | None:
    """The id must not be used by another entry of the same kind."""
    if any(other is not entry and other.id == value for other in entries):
        return f"'{value}' is already used"
    return None


def not_before(start: PartialDate | None, end: PartialDate | None) -> str | None:
    """An end that lies wholly before its start is refused (same-period partial dates are fine)."""
    if start is not None and end is not None and end.last < start.start:
        return f"ends ({end.display()}) before it starts ({start.display()})"
    return None
