"""A small timeline built in code for the export, TimelineJS and presentation tests.

It has every date precision, an approximate date, a lasting event, ratings, quotes by a person
and by a body, commas, newlines and curly quotes in text, and tenures (one still in post).
"""

from __future__ import annotations

from desktop.core.dates import PartialDate as D
from desktop.core.model import (
    Event, EventKind, Person, Post, Presentation, PresentationStep, Quote, Rating, Source, Tenure, Timeline,
)


def sample_timeline() -> Timeline:
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
