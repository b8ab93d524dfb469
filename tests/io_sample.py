"""Timeline files written as YAML text for the cache, loader and background-save tests.

Plain text rather than `storage.dump` so these tests read what a person would have on disk.
"""

from __future__ import annotations

from pathlib import Path

QUOTE = "Progress is too slow."


def timeline_yaml(title: str = "Sample council", events: int = 2, quote: str = QUOTE) -> str:
    """A valid timeline with `events` events; the first quotes `quote` from an archived article."""
    lines = [
        "format: council-timeline/1",
        f"title: {title}",
        "sources:",
        "  - id: reporter-2017",
        "    outlet: Tameside Reporter",
        "    title: Ofsted warns progress too slow",
        "    author: null",
        "    published: 2017-10-19",
        "    url: null",
        "    archive: sources/reporter-2017.txt",
        "people: []",
        "posts: []",
        "tenures: []",
        "events:",
    ]
    for i in range(events):
        lines += [
            f"  - id: event-{i}",
            f"    date: {2000 + i % 25}-{1 + i % 12:02d}",
            "    approx: false",
            "    kind: statement",
            f"    title: Event number {i}",
            "    people: []",
            "    sources: [reporter-2017]",
        ]
        if i == 0:
            lines += ["    quotes:", "      - speaker: Ofsted", f"        text: {quote}",
                      "        source: reporter-2017"]
    return "\n".join(lines) + "\n"


def write_timeline(folder: Path, name: str = "timeline.yaml", archive: str | None = "Ofsted said: Progress is "
                   "too slow. The council disagreed.", **kwargs) -> Path:
    """Write a timeline file and, unless `archive` is None, the article text its quote comes from."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    if archive is not None:
        (folder / "sources" / "reporter-2017.txt").write_text(archive, encoding="utf-8")
    path = folder / name
    path.write_text(timeline_yaml(**kwargs), encoding="utf-8")
    return path
