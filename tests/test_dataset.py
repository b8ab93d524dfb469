"""The bundled Tameside timeline: it loads strictly, says what the articles say, and quotes them verbatim.

A researcher presents this file at council meetings, so these tests pin the facts most likely to be
shown (the judgements, who held which post when, a known quote) and the rules that make it
checkable: every event has a source, every quote is found word for word in its archived article.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.core import provenance
from desktop import storage
from desktop.core.model import EventKind, Rating

DATA = Path(__file__).resolve().parent.parent / "data" / "tameside.yaml"

SOURCES_2017 = "progress-too-slow-2017"
SOURCES_2022 = ("devastating-report-2022", "mp-urges-intervention-2022")
SOURCE_2023 = "all-change-2023"
SOURCE_2024 = "brilliant-at-basics-2024"


@pytest.fixture(scope="module")
def loaded():
    return storage.load(DATA, strict=True)


@pytest.fixture(scope="module")
def timeline(loaded):
    return loaded.timeline


def _event(timeline, event_id):
    event = timeline.event(event_id)
    assert event is not None, f"no event {event_id}"
    return event


def _tenure(timeline, person, post):
    found = [t for t in timeline.tenures if t.person == person and t.post == post]
    assert len(found) == 1, f"{person} in {post}: {found}"
    return found[0]


def _iso(date):
    return None if date is None else date.iso()


def test_loads_strictly_without_warnings(loaded):
    assert loaded.warnings == []


def test_counts(timeline):
    quotes = sum(len(e.quotes) for e in timeline.events)
    assert (len(timeline.sources), len(timeline.people), len(timeline.posts)) == (5, 22, 7)
    assert (len(timeline.tenures), len(timeline.events), quotes) == (16, 22, 101)


def test_2016_inadequate_judgement_and_special_measures(timeline):
    judgement = _event(timeline, "ofsted-2016-inadequate")
    assert (judgement.kind, judgement.rating, judgement.date.iso()) == (EventKind.INSPECTION, Rating.INADEQUATE, "2016")
    assert SOURCES_2017 in judgement.sources
    special = _event(timeline, "special-measures-2016")
    assert (special.kind, special.date.iso(), special.approx) == (EventKind.INTERVENTION, "2016-12", False)


def test_june_2022_focused_visit_letter(timeline):
    letter = _event(timeline, "focused-visit-letter-2022-06")
    assert (letter.kind, letter.date.iso(), letter.rating) == (EventKind.FOCUSED_VISIT, "2022-06", None)
    assert set(letter.sources) == {*SOURCES_2022, SOURCE_2023}
    visit = _event(timeline, "focused-visit-2022-04")
    assert visit.date < letter.date


def test_february_2024_inadequate_rating(timeline):
    report = _event(timeline, "ofsted-2024-02-inadequate")
    assert (report.kind, report.rating, report.date.iso(), report.approx) == (
        EventKind.INSPECTION,
        Rating.INADEQUATE,
        "2024-02",
        False,
    )
    assert report.sources == [SOURCE_2024]


def test_who_held_the_childrens_portfolio_when(timeline):
    gwynne = _tenure(timeline, "alison-gwynne", "exec-member-children")
    assert (_iso(gwynne.start), gwynne.start.approx, _iso(gwynne.end)) == ("2010", True, "2016")
    assert "Allison Gwynne" in timeline.person("alison-gwynne").aliases  # the other spelling is kept
    robinson = _tenure(timeline, "peter-robinson", "exec-member-children")
    assert (_iso(robinson.start), _iso(robinson.end), robinson.end.approx) == ("2016", "2017-10", True)
    fitzpatrick = _tenure(timeline, "jim-fitzpatrick", "exec-member-children")
    assert (_iso(fitzpatrick.start), fitzpatrick.end) == ("2017-10", None)
    fairfoull = _tenure(timeline, "bill-fairfoull", "exec-member-children")
    assert {*SOURCES_2022, SOURCE_2023, SOURCE_2024} <= set(fairfoull.sources)


def test_who_led_the_council_and_directed_childrens_services(timeline):
    cooney = _tenure(timeline, "ged-cooney", "council-leader")
    assert set(cooney.sources) == {"devastating-report-2022", SOURCE_2024}
    director = _tenure(timeline, "ali-stathers-tracey", "director-children")
    assert (_iso(director.start), _iso(director.end), director.end.approx) == ("2022-02", "2023-08", True)
    interim = _tenure(timeline, "james-thomas", "director-children")
    assert _iso(interim.start) == "2017-10"


def test_known_quote_is_verbatim_with_curly_apostrophes(timeline):
    letter = _event(timeline, "focused-visit-letter-2022-06")
    expected = "That report is devastating, we’ve got to accept that but we have to talk about how we move forward."
    matches = [q for q in letter.quotes if q.text == expected]
    assert len(matches) == 1
    quote = matches[0]
    assert (quote.speaker, quote.role, quote.source) == ("ged-cooney", "council leader", "devastating-report-2022")
    assert timeline.speaker_name(quote.speaker) == "Ged Cooney"


def test_every_quote_is_verbatim_in_its_archive(timeline):
    assert provenance.check_quotes(timeline, DATA.parent) == []


def test_a_straightened_apostrophe_is_caught(timeline):
    """The verbatim check is not vacuous: one typographic change in one quote is reported."""
    changed = dataclasses.replace(timeline, events=list(timeline.events))
    letter = _event(timeline, "focused-visit-letter-2022-06")
    quotes = [dataclasses.replace(q, text=q.text.replace("’", "'")) if q.speaker == "ged-cooney" else q for q in letter.quotes]
    changed.events[changed.events.index(letter)] = dataclasses.replace(letter, quotes=quotes)
    assert provenance.check_quotes(changed, DATA.parent) != []


def test_every_event_is_sourced_and_quotes_cite_one_of_its_sources(timeline):
    for event in timeline.events:
        assert event.sources, event.id
        for quote in event.quotes:
            assert quote.source in event.sources, (event.id, quote.text[:40])


def test_every_archive_exists_and_is_used(timeline):
    archived = {s.archive for s in timeline.sources}
    assert all((DATA.parent / a).is_file() for a in archived)
    assert {f"sources/{p.name}" for p in (DATA.parent / "sources").glob("*.txt")} == archived


def test_file_is_canonical(timeline):
    """Opening and saving the bundled file unchanged must not rewrite it (clean diffs for editors)."""
    assert storage.dump(timeline) == DATA.read_text(encoding="utf-8")
