"""TimelineJS3 JSON out and in: what a journalist publishes comes back with titles, dates and groups."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from samples import rich_timeline

from desktop.core.dates import Precision
from desktop.core.model import EventKind, Rating
from desktop.formats.timelinejs import TimelineJSError, export_notes, read_timelinejs, to_timelinejs, write_timelinejs

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


def _storage_round_trip(timeline):
    """The imported timeline must be a valid file of ours: dump it and load it back strictly enough."""
    from desktop import storage

    return storage.loads(storage.dump(timeline), "imported.yaml").timeline


def test_export_is_timelinejs3_shape(tmp_path):
    path = write_timelinejs(rich_timeline(), tmp_path / "t.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "Tameside children's services"
    first = data["events"][0]
    assert first["start_date"] == {"year": 2016}  # year only: no month or day invented
    assert first["text"]["headline"] == "Ofsted rates children's services inadequate"
    assert first["group"] == "Inspection"
    assert first["media"]["credit"] == "Tameside Reporter, 19 Oct 2017"
    assert "Widespread and serious failures" in first["text"]["text"]
    plan = next(e for e in data["events"] if e["unique_id"] == "improvement-plan")
    assert plan["start_date"] == {"year": 2018, "month": 3, "display_date": "c. Mar 2018"}
    assert plan["end_date"] == {"year": 2020, "month": 12}


def test_export_then_import_keeps_titles_dates_and_groups(tmp_path):
    original = rich_timeline()
    result = read_timelinejs(write_timelinejs(original, tmp_path / "t.json"))
    back = result.timeline
    assert back.title == original.title
    assert back.description == original.description
    by_id = {e.id: e for e in back.events}
    assert set(by_id) == {e.id for e in original.events}
    for e in original.events:
        got = by_id[e.id]
        assert got.title == e.title
        assert got.date == e.date  # same year/month/day presence, same approx flag
        assert got.date.precision == e.date.precision
        assert got.end == e.end
        assert got.kind == e.kind  # the group is the kind
        assert got.rating == e.rating
        assert got.summary == e.summary  # line breaks kept
    assert by_id["improvement-plan"].date.approx
    tenures = {(t.person, t.post): t for t in back.tenures}
    assert tenures[("alison-gwynne", "dcs")].end.iso() == "2018-09-30"
    assert tenures[("ged-cooney", "leader")].end is None
    assert back.person("ged-cooney").name == "Ged Cooney"
    assert back.post("dcs").name == "Director of Children's Services"
    assert any("quote" in m for m in result.messages)  # quotes cannot travel as quotes: said so
    _storage_round_trip(back)


def test_import_knightlab_file_maps_what_fits_and_reports_the_rest():
    result = read_timelinejs(FIXTURES / "knightlab-style.json")
    t = result.timeline
    assert t.title == "Children's services a decade"
    assert t.description == "Made with TimelineJS."
    titles = [e.title for e in t.events]
    assert titles == ["Inspection: inadequate", "Monitoring visit", "Council budget debate", "Unsourced"]
    inspection, visit, debate, unsourced = t.events
    assert inspection.date.precision is Precision.YEAR and inspection.kind is EventKind.INSPECTION
    assert inspection.summary == "Rated inadequate.\n\nSecond paragraph."
    assert visit.date.iso() == "2017-10-19" and visit.end.iso() == "2017-10-20"
    assert visit.kind is EventKind.MONITORING_VISIT and visit.id == "visit-4"
    assert visit.summary == "Progress \u201ctoo slow\u201d"
    assert debate.date.iso() == "2019-03" and debate.date.approx  # "Early 2019"
    assert debate.kind is EventKind.STATEMENT and "TimelineJS group: Politics" in debate.note
    # media credit -> one shared source; a non-http url is not kept
    assert inspection.sources == visit.sources and len(t.sources) == 2 and unsourced.sources == []
    assert t.sources[0].outlet == "Tameside Reporter" and t.sources[0].url == "https://example.org/a"
    assert t.source(debate.sources[0]).outlet == "Council minutes" and t.source(debate.sources[0]).url is None
    text = "\n".join(result.messages)
    for expected in ("era 'Special measures'", "'Politics' is not an event kind", "time of day",
                     "Feb 2020 has 29 days", "has no 'start_date'", "title slide media", "background",
                     "no media credit"):
        assert expected in text, expected
    _storage_round_trip(t)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("malformed-json.json", "malformed-json.json:1:"),
        ("events-not-list.json", "no 'events' list"),
        ("timelinejs2.json", "TimelineJS 2"),
        ("no-year.json", "has no year"),
    ],
)
def test_malformed_file_gets_a_clear_error(name, expected):
    with pytest.raises(TimelineJSError) as info:
        read_timelinejs(FIXTURES / name)
    assert expected in str(info.value)
    assert name in str(info.value)


def test_non_utf8_file_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"events": [], "title": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(TimelineJSError, match="not UTF-8"):
        read_timelinejs(path)


def test_export_only_the_chosen_events():
    t = rich_timeline()
    data = to_timelinejs(t, events=[t.events[1]], tenures=[])
    assert [e["unique_id"] for e in data["events"]] == ["monitoring-2017-10"]
    assert Rating.INADEQUATE.label not in json.dumps(data)


def test_export_says_which_tenures_it_cannot_carry():
    t = rich_timeline()
    assert export_notes(t) == []
    t.tenures[0].start = None  # Ged Cooney, start unknown: TimelineJS needs a start
    assert len(to_timelinejs(t)["events"]) == 4 + 1
    (note,) = export_notes(t)
    assert note.startswith("1 tenure(s) with an unknown start") and "Ged Cooney" in note


# -- markup in the timeline's own text -------------------------------------------------------
# TimelineJS inserts these fields into the page as HTML (recent releases pass the first five through
# an HTML sanitiser and strip tags from `group`; older ones insert them as they are), so a title must
# travel as escaped text, never as markup, and come back from import as the same title.
SCRIPT = "<img src=x onerror=alert(1)>"
LINK = '<a href="file:///etc/passwd">passwd</a>'
HTML_FIELDS = (("text", "headline"), ("group",), ("media", "caption"), ("media", "credit"))


def _hostile_sample():
    t = rich_timeline()
    t.title = f"Timeline {SCRIPT}"
    t.events[0].title = f"Inspection {SCRIPT} & <b>bold</b>"
    t.events[1].title = LINK
    t.person("ged-cooney").name = f"Ged {SCRIPT}"
    t.post("leader").name = f"<b>Leader</b> {LINK}"
    t.sources[0].outlet = f"<i>Reporter</i> {SCRIPT}"
    t.sources[0].title = f"Headline {LINK}"
    t.sources[0].url = "https://example.org/iframe?q=\"><img src=x onerror=alert(1)>"
    return t


class _Tags(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def _field(obj: dict, path: tuple[str, ...]):
    for key in path:
        obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def test_export_writes_file_text_as_escaped_text_not_markup(tmp_path):
    t = _hostile_sample()
    data = json.loads(write_timelinejs(t, tmp_path / "t.json").read_text(encoding="utf-8"))
    headline = data["title"]["text"]["headline"]
    assert _Tags(headline).tags == [] and _Tags(headline).text == t.title
    seen = {}
    for slide in data["events"]:
        for path in HTML_FIELDS:
            value = _field(slide, path)
            if value is None:
                continue
            parsed = _Tags(value)
            assert parsed.tags == [], f"{slide['unique_id']} {'.'.join(path)} carries markup: {value!r}"
            seen.setdefault(path, []).append(parsed.text)
        body = _Tags(slide["text"]["text"])
        assert {tag for tag, _ in body.tags} <= {"p", "strong", "blockquote", "cite", "br"}
        assert all(name == "class" for _, attrs in body.tags for name, _ in attrs)
        url = _field(slide, ("media", "url")) or ""
        assert not set(url) & set("<>\"' "), url
    # what a reader of the published page sees is the text as typed
    assert t.events[0].title in seen[("text", "headline")]
    assert LINK in seen[("text", "headline")]
    assert f"Ged {SCRIPT}" in seen[("text", "headline")]
    assert f"<b>Leader</b> {LINK}" in seen[("group",)]
    assert f"Headline {LINK}" in seen[("media", "caption")]
    assert any(f"<i>Reporter</i> {SCRIPT}" in credit for credit in seen[("media", "credit")])


def test_escaped_export_imports_back_to_the_same_text(tmp_path):
    t = _hostile_sample()
    back = read_timelinejs(write_timelinejs(t, tmp_path / "t.json")).timeline
    assert back.title == t.title
    titles = {e.id: e.title for e in back.events}
    assert titles["ofsted-2016-inadequate"] == t.events[0].title
    assert titles["monitoring-2017-10"] == LINK
    assert back.person("ged-cooney").name == f"Ged {SCRIPT}"
    assert back.post("leader").name == f"<b>Leader</b> {LINK}"
    source = back.source(back.event("ofsted-2016-inadequate").sources[0])
    assert source.title == f"Headline {LINK}"
    assert source.outlet.startswith(f"<i>Reporter</i> {SCRIPT}")
    assert source.url.startswith("https://example.org/iframe?q=%22%3E%3Cimg")
    _storage_round_trip(back)
