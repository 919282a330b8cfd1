"""The periods officers choose from, as pages name them."""
import datetime
from app.timefmt import utc_bounds


from reports.yswd import period

D = datetime.date


def test_periods_parse_and_read_as_people_say_them():
    assert period.parse("2026-03") == (D(2026, 3, 1), D(2026, 3, 31))
    assert period.parse("2024-02") == (D(2024, 2, 1), D(2024, 2, 29))
    assert period.parse("2026-Q4") == (D(2026, 10, 1), D(2026, 12, 31))
    assert period.parse("2025") == (D(2025, 1, 1), D(2025, 12, 31))
    for junk in ("", "2026-13", "2026-Q5", "20261", "x", "2026-3", None, "2026-\x00"):
        assert period.parse(junk) is None, junk
    assert period.words(*period.parse("2026-03")) == "March 2026"
    assert period.words(*period.parse("2026-Q1")) == "January to March 2026"
    assert period.words(*period.parse("2025")) == "2025"
    assert period.words(D(2025, 12, 1), D(2026, 1, 31)) == "December 2025 to January 2026"


def test_the_choices_start_with_this_month_and_every_value_parses():
    choices = period.choices(today=D(2026, 2, 10))
    assert choices[0] == ("2026-02", "February 2026") and ("2025-Q4", "October to December 2025") in choices
    assert all(period.parse(value) for value, _ in choices)


def test_bounds_are_london_days_in_utc():
    low, high = utc_bounds(D(2026, 6, 1), D(2026, 6, 30))  # British Summer Time
    assert (low, high) == (datetime.datetime(2026, 5, 31, 23), datetime.datetime(2026, 6, 30, 23))
