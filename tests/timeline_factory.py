"""A small, realistic timeline built in code for the window and panel tests (no loader needed)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.dates import PartialDate
from desktop.core.model import Event, EventKind, Person, Post, Quote, Rating, Source, Tenure, Timeline

ARCHIVE_TEXT = (
    "Inspectors found that\n  services for children remain inadequate and that leaders\n"
    "had not acted quickly enough.\nThe council said it accepted the findings.\n"
)
HTML_QUOTE = "We will fix this <b>now</b> <img src=x onerror=alert(1)> & more"


def sample_timeline() -> Timeline:
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


def open_sample(document, folder: Path) -> Timeline:
    """Put the sample timeline in `document` as if loaded from folder/sample.yaml."""
    write_archive(folder)
    timeline = sample_timeline()
    document.set_timeline(timeline, folder / "sample.yaml")
    return timeline
