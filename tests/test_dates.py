"""Partial dates: parsing, real-calendar checks, ordering, the interval covered, and display."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.dates import DateError, PartialDate, Precision, parse_date


@pytest.mark.parametrize("value,expected", [
    (2016, PartialDate(2016)),
    ("2016", PartialDate(2016)),
    ("2023-08", PartialDate(2023, 8)),
    ("2017-10-19", PartialDate(2017, 10, 19)),
    (dt.date(2017, 10, 19), PartialDate(2017, 10, 19)),
])
def test_parse_accepts_the_three_precisions(value, expected):
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize("value,words", [
    ("2023-02-30", "not a real date"),
    ("2024-02-30", "Feb 2024 has 29 days"),
    ("2023-13", "month 13 does not exist"),
    ("30/01/2023", "not a partial ISO date"),
    (99999, "out of range"),
    (True, "expected a date"),
    (dt.datetime(2020, 1, 2, 10, 30), "without a time of day"),
    (2016.5, "expected a date"),
])
def test_parse_refuses_what_is_not_a_real_partial_date(value, words):
    with pytest.raises(DateError, match=words):
        PartialDate.parse(value)


def test_leap_day_is_real_only_in_leap_years():
    assert parse_date("2024-02-29").day == 29
    with pytest.raises(DateError):
        parse_date("2023-02-29")


def test_precision_and_approx():
    assert [PartialDate.parse(v).precision for v in ("2016", "2016-05", "2016-05-17")] == [
        Precision.YEAR, Precision.MONTH, Precision.DAY]
    assert parse_date("2016", approx=True).approx and not parse_date("2016").approx
    assert PartialDate(2016).with_approx(True) == PartialDate(2016, approx=True)


def test_interval_covers_the_whole_year_or_month_never_just_1_january():
    assert PartialDate(2016).interval() == (dt.date(2016, 1, 1), dt.date(2017, 1, 1))
    assert PartialDate(2024, 2).interval() == (dt.date(2024, 2, 1), dt.date(2024, 3, 1))
    assert PartialDate(2023, 12).interval() == (dt.date(2023, 12, 1), dt.date(2024, 1, 1))
    assert PartialDate(2017, 10, 19).interval() == (dt.date(2017, 10, 19), dt.date(2017, 10, 20))
    assert PartialDate(2016).contains(dt.date(2016, 12, 31)) and not PartialDate(2016).contains(dt.date(2017, 1, 1))
    assert PartialDate(2016, 2).midpoint() == dt.date(2016, 2, 15)


def test_ordering_is_chronological_with_the_wider_date_first():
    dates = [PartialDate(2017, 10, 19), PartialDate(2016), PartialDate(2017, 10), PartialDate(2017),
             PartialDate(2016, 3, approx=True), PartialDate(2016, 3)]
    assert [d.iso() for d in sorted(dates)] == ["2016", "2016-03", "2016-03", "2017", "2017-10", "2017-10-19"]
    assert sorted(dates)[1].approx is False  # exact before approximate on the same date
    assert PartialDate(2016) < PartialDate(2016, 1) <= PartialDate(2016, 1, 1) < PartialDate(2016, 1, 2)
    assert PartialDate(2020) > PartialDate(2019, 12, 31) >= PartialDate(2019, 12)


@pytest.mark.parametrize("date,shown", [
    (PartialDate(2016), "2016"),
    (PartialDate(2023, 8), "Aug 2023"),
    (PartialDate(2023, 8, approx=True), "c. Aug 2023"),
    (PartialDate(2017, 10, 19), "19 Oct 2017"),
    (PartialDate(2017, 10, 9), "9 Oct 2017"),
])
def test_display_for_people(date, shown):
    assert date.display() == shown == str(date)


def test_iso_is_the_stored_form_and_describe_says_the_precision():
    assert [d.iso() for d in (PartialDate(16), PartialDate(2023, 8), PartialDate(2017, 1, 9))] == [
        "0016", "2023-08", "2017-01-09"]
    assert PartialDate(2016).describe() == "2016 (year only)"
    assert PartialDate(2023, 8).describe() == "Aug 2023 (month only)"
    assert PartialDate(2017, 10, 19).describe() == "19 Oct 2017"


def test_timestamps_are_utc_midnights_of_the_interval():
    start, end = PartialDate(1970, 1, 2).timestamps()
    assert (start, end) == (86400.0, 172800.0)


@pytest.mark.parametrize("date,first,days", [
    (PartialDate(9999), dt.date(9999, 1, 1), 365),
    (PartialDate(9999, 12), dt.date(9999, 12, 1), 31),
    (PartialDate(9999, 12, 31), dt.date(9999, 12, 31), 1),
    (PartialDate(1, 1, 1), dt.date(1, 1, 1), 1),
])
def test_the_calendars_first_and_last_days_have_exact_spans(date, first, days):
    """9999-12-31 is a valid date: its day, month and year are whole, with no overflow past the calendar."""
    start, end = date.timestamps()
    assert start == (first - dt.date(1970, 1, 1)).days * 86400.0
    assert end - start == days * 86400.0
    assert date.start == first and (date.last - first).days == days - 1
    assert date.contains(date.last) and date.contains(first)
    assert date.midpoint() == first + dt.timedelta(days=days // 2)


def test_timestamps_past_the_calendar_give_its_first_or_last_day():
    """A canvas scrolled beyond year 9999 (or before year 1) asks for a day there: it gets the nearest real one."""
    from desktop.core.dates import timestamp_to_date

    last = PartialDate(9999, 12, 31).timestamps()[1]
    assert timestamp_to_date(last) == dt.date.max
    assert timestamp_to_date(last + 86400 * 1e6) == dt.date.max
    assert timestamp_to_date(-1e15) == dt.date.min
    assert timestamp_to_date(float("inf")) == dt.date.max
