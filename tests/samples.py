"""The sample timelines every test builds on, in one place.

- `editor_timeline()`: small and fully cross-referenced (editor, commands, document, recovery);
- `panel_timeline()`, `open_panel_sample()`: realistic, with an archived source (window and panels);
- `rich_timeline()`, `with_presentation()`: every date precision and awkward text (exports, slides);
- `timeline_yaml()`, `write_timeline()`: YAML text as a person would have it on disk (cache, loader, saving);
- `BASE`: one valid file as text, edited line by line by the loader tests.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.dates import PartialDate
from desktop.core.dates import PartialDate as D
from desktop.core.model import (
    Event, EventKind, Person, Post, Presentation, PresentationStep, Quote, Rating, Source, Tenure, Timeline,
)


# -- A small, fully cross-referenced timeline for the editor, command, document and recovery tests.

def editor_timeline() -> Timeline:
    return Timeline(
        title="Sample council",
        description="Two inspections and who was in charge.",
        sources=[
            Source("reporter-2017", "Tameside Reporter", "Ofsted warns progress too slow", "Nigel Pivaro",
                   PartialDate(2017, 10, 19), None, None),
            Source("mel-2022", "Manchester Evening News", "Council leader steps down", None,
                   PartialDate(2022, 6), "https://example.org/a", None),
        ],
        people=[
            Person("ged-cooney", "Ged Cooney", ["Coun Ged Cooney"]),
            Person("alison-gwynne", "Alison Gwynne"),
        ],
        posts=[Post("leader", "Council leader")],
        tenures=[Tenure("ged-cooney", "leader", PartialDate(2021), PartialDate(2022, 6), ["mel-2022"])],
        events=[
            Event("ofsted-2016", PartialDate(2016), EventKind.INSPECTION, "Ofsted rates services inadequate",
                  summary="The first judgement.", rating=Rating.INADEQUATE, people=["alison-gwynne"],
                  sources=["reporter-2017"],
                  quotes=[Quote("Ofsted", "Progress is too slow.", "reporter-2017"),
                          Quote("alison-gwynne", "We accept the findings.", "reporter-2017", role="Director")]),
            Event("leader-resigns", PartialDate(2022, 6, 1, approx=True), EventKind.LEADERSHIP,
                  "Council leader resigns", people=["ged-cooney"], sources=["mel-2022"],
                  quotes=[Quote("ged-cooney", "That report is devastating.", "mel-2022", role="Council leader")]),
        ],
        presentation=Presentation("Sample", None, [PresentationStep("ofsted-2016", 1),
                                                   PresentationStep("leader-resigns", 0)]),
    )


# -- A small, realistic timeline for the window and panel tests, with an archive (`open_panel_sample`).

ARCHIVE_TEXT = (
    "Inspectors found that\n  services for children remain inadequate and that leaders\n"
    "had not acted quickly enough.\nThe council said it accepted the findings.\n"
)
HTML_QUOTE = "We will fix this <b>now</b> <img src=x onerror=alert(1)> & more"


def panel_timeline() -> Timeline:
    d = PartialDate.parse
    return Timeline(
        title="Sample council",
        sources=[
            Source("reporter-2017", "Tameside Reporter", "Ofsted warns progress too slow", "Nigel Pivaro",
                   d("2017-10-19"), None, "sources/reporter-2017.txt"),
            Source("men-2023", "Manchester Evening News", "Council leader speaks", None, d("2023-08"),
                   "https://example.org/news/leader", None),
            Source("leaflet", "Council leaflet", "A <i>bold</i> plan", None, None, "javascript:alert(1)", None),
        ],
        people=[Person("ged-cooney", "Ged Cooney"), Person("alison-gwynne", "Alison Gwynne")],
        posts=[Post("leader", "Leader of the council")],
        tenures=[Tenure("ged-cooney", "leader", d("2021-05"), d("2024"))],
        events=[
            Event("statement-2023", d("2023-08", approx=True), EventKind.STATEMENT, "Leader promises change",
                  "The leader spoke to the press.", people=["ged-cooney"], sources=["men-2023"],
                  quotes=[Quote("ged-cooney", HTML_QUOTE, "men-2023", role="Council leader")]),
            Event("ofsted-2016", d("2016"), EventKind.INSPECTION, "Ofsted rates services inadequate",
                  "Children's services judged inadequate.", rating=Rating.INADEQUATE,
                  people=["alison-gwynne"], sources=["reporter-2017"],
                  quotes=[Quote("Ofsted", "services for children remain inadequate and that leaders had",
                                "reporter-2017", role="inspectorate"),
                          Quote("alison-gwynne", "We will never give up on these children", "reporter-2017",
                                role="Executive member")]),
            Event("visit-2017", d("2017-10-19"), EventKind.MONITORING_VISIT, "Progress too slow, says Ofsted",
                  "A monitoring visit found slow progress.", people=[], sources=["reporter-2017"]),
            Event("plan-2019", d("2019-03"), EventKind.PLAN, "Improvement plan agreed",
                  "A plan with the Department for Education.", end=d("2020-03"), sources=["leaflet"],
                  quotes=[Quote("ged-cooney", "The plan is working", "leaflet")]),
        ],
    )


def write_archive(folder: Path) -> None:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "reporter-2017.txt").write_text(ARCHIVE_TEXT, encoding="utf-8")


def open_panel_sample(document, folder: Path) -> Timeline:
    """Put the sample timeline in `document` as if loaded from folder/sample.yaml."""
    write_archive(folder)
    timeline = panel_timeline()
    document.set_timeline(timeline, folder / "sample.yaml")
    return timeline


# -- Every date precision, an approximate date, a lasting event, ratings, quotes by a person and by a body, commas, newlines and curly quotes, and tenures (one still in post): for the export, TimelineJS and presentation tests.

def rich_timeline() -> Timeline:
    sources = [
        Source("reporter-2017-10-19", "Tameside Reporter", "Ofsted warns progress too slow", "Nigel Pivaro",
               D(2017, 10, 19), "https://example.org/reporter", None),
        Source("correspondent-2022-06", "Tameside Correspondent", "Council leader on the report", None, D(2022, 6)),
    ]
    people = [Person("ged-cooney", "Ged Cooney"), Person("alison-gwynne", "Alison Gwynne")]
    posts = [Post("leader", "Leader of the Council"), Post("dcs", "Director of Children's Services")]
    tenures = [
        Tenure("ged-cooney", "leader", D(2021), None, ["correspondent-2022-06"]),
        Tenure("alison-gwynne", "dcs", D(2015, 3), D(2018, 9, 30), ["reporter-2017-10-19"]),
    ]
    events = [
        Event("ofsted-2016-inadequate", D(2016), EventKind.INSPECTION, "Ofsted rates children's services inadequate",
              summary="Services were judged inadequate, in every area.", rating=Rating.INADEQUATE,
              people=["alison-gwynne"], sources=["reporter-2017-10-19"],
              quotes=[Quote("Ofsted", "Widespread and serious failures", "reporter-2017-10-19")]),
        Event("monitoring-2017-10", D(2017, 10, 19), EventKind.MONITORING_VISIT, "Ofsted: progress too slow",
              summary="A monitoring visit, the fourth.\nProgress \u201ctoo slow\u201d.",
              sources=["reporter-2017-10-19"],
              quotes=[
                  Quote("Ofsted", "Progress has been too slow", "reporter-2017-10-19"),
                  Quote("alison-gwynne", "We accept the findings, \u201cin full\u201d", "reporter-2017-10-19",
                        role="Director of Children's Services"),
              ]),
        Event("improvement-plan", D(2018, 3, approx=True), EventKind.PLAN, "Improvement plan agreed",
              end=D(2020, 12), sources=["reporter-2017-10-19"]),
        Event("leader-statement-2022", D(2022, 6, 2), EventKind.STATEMENT, "Leader calls the report devastating",
              people=["ged-cooney"], sources=["correspondent-2022-06"],
              quotes=[Quote("ged-cooney", "That report is devastating, we\u2019ve got to accept that",
                            "correspondent-2022-06", role="Council leader")]),
    ]
    return Timeline(
        title="Tameside children's services", description="Ofsted judgements and leadership.",
        sources=sources, people=people, posts=posts, tenures=tenures, events=events,
    )


def with_presentation(timeline: Timeline) -> Timeline:
    """The sample with a prepared talk: two steps, the second showing its second quote."""
    timeline.presentation = Presentation(
        title="A prepared talk", subtitle="Two slides",
        steps=[PresentationStep("leader-statement-2022", 0), PresentationStep("monitoring-2017-10", 1)],
    )
    return timeline


# -- Timeline files written as YAML text (what a person would have on disk) for the cache, loader and background-save tests.

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


# -- One valid timeline as YAML text, edited line by line by the loader tests.

BASE = """\
format: council-timeline/1
title: Base
sources:
  - id: src
    outlet: Example Gazette
    title: An article
    author: null
    published: 2020-01-02
    url: null
    archive: null
people:
  - id: ann
    name: Ann Example
posts:
  - id: leader
    name: Council leader
tenures:
  - person: ann
    post: leader
    start: 2019
    end: 2021
    sources: [src]
events:
  - id: ev1
    date: 2020-01-02
    approx: false
    kind: inspection
    rating: good
    title: An inspection
    people: [ann]
    sources: [src]
    quotes:
      - speaker: ann
        text: Some words.
        source: src
"""
