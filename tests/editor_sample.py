"""A small, fully cross-referenced Timeline for the editor, command, document and recovery tests."""

from __future__ import annotations

from desktop.core.dates import PartialDate
from desktop.core.model import (
    Event, EventKind, Person, Post, Presentation, PresentationStep, Quote, Rating, Source, Tenure, Timeline,
)


def sample_timeline() -> Timeline:
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
