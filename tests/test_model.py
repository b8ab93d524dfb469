"""The model: lookups by id, speakers that are people or free text, events in date order."""

from __future__ import annotations

from desktop.core.dates import PartialDate
from desktop.core.model import FORMAT, INSPECTION_KINDS, Event, EventKind, Person, Quote, Rating, Timeline


def _timeline() -> Timeline:
    return Timeline(
        title="T",
        people=[Person("ann", "Ann Example")],
        events=[
            Event("late", PartialDate(2020, 5), EventKind.STATEMENT, "Late",
                  quotes=[Quote("ann", "Words.", "src"), Quote("Ofsted", "More words.", "src")]),
            Event("early", PartialDate(2016, approx=True), EventKind.INSPECTION, "Early", rating=Rating.INADEQUATE),
            Event("same-year", PartialDate(2016, 3), EventKind.PLAN, "Same year"),
        ],
    )


def test_lookups_by_id_return_the_entry_or_none():
    t = _timeline()
    assert t.event("early").title == "Early" and t.event("nope") is None
    assert t.person("ann").name == "Ann Example" and t.person("bob") is None
    assert t.source("src") is None and t.post("x") is None
    assert t.format == FORMAT


def test_speaker_is_a_person_by_id_or_free_text():
    t = _timeline()
    assert t.speaker_name("ann") == "Ann Example"
    assert t.speaker_name("Ofsted") == "Ofsted"
    assert [(e.id, q.text) for e, q in t.quotes_by("ann")] == [("late", "Words.")]


def test_events_in_date_order_keep_a_year_before_its_months():
    assert [e.id for e in _timeline().events_in_order()] == ["early", "same-year", "late"]


def test_event_approx_is_its_dates_flag_and_kinds_have_labels():
    t = _timeline()
    assert t.event("early").approx and not t.event("late").approx
    assert EventKind.MONITORING_VISIT.label == "Monitoring visit"
    assert Rating.REQUIRES_IMPROVEMENT.label == "Requires improvement"
    assert EventKind.INSPECTION in INSPECTION_KINDS and EventKind.STATEMENT not in INSPECTION_KINDS
