"""Working days (app.workdays): property tests over 2020-2030 for England and Wales and
for Scotland, the bank holidays that trip people up, and the setting that picks the nation.
The calendar tests need no app or database."""
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import workdays
from app.workdays import WorkingCalendar

D = datetime.date
ONE = datetime.timedelta(days=1)
NATIONS = ("england-and-wales", "scotland")
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
nations = st.sampled_from(NATIONS)
steps = st.integers(min_value=0, max_value=60)


def brute_working_days(cal, start, end):
    """Working days after `start` up to and including `end`, one day at a time."""
    if end < start:
        return -brute_working_days(cal, end, start)
    day, total = start, 0
    while day < end:
        day += ONE
        total += cal.is_working_day(day)
    return total


@settings(max_examples=300, deadline=None)
@given(nations, dates, steps)
def test_adding_then_counting_round_trips(nation, day, n):
    cal = WorkingCalendar(nation)
    assert cal.between(day, cal.add(day, n)) == n


@settings(max_examples=300, deadline=None)
@given(nations, dates, st.integers(min_value=1, max_value=60))
def test_adding_never_lands_on_a_weekend_or_bank_holiday(nation, day, n):
    cal = WorkingCalendar(nation)
    landed = cal.add(day, n)
    assert landed > day and landed.weekday() < 5 and cal.holiday(landed) is None
    assert cal.is_working_day(landed)


@settings(max_examples=300, deadline=None)
@given(nations, dates, dates, steps, steps)
def test_adding_is_monotonic(nation, first, second, n, m):
    cal = WorkingCalendar(nation)
    early, late = sorted((first, second))
    assert cal.add(early, n) <= cal.add(late, n)
    if n < m:
        assert cal.add(first, n) < cal.add(first, m)


@settings(max_examples=300, deadline=None)
@given(nations, dates, steps, steps)
def test_adding_in_two_goes_is_adding_once(nation, day, n, m):
    cal = WorkingCalendar(nation)
    assert cal.add(cal.add(day, n), m) == cal.add(day, n + m)


@settings(max_examples=300, deadline=None)
@given(nations, dates, dates)
def test_counting_agrees_with_walking_day_by_day(nation, start, end):
    cal = WorkingCalendar(nation)
    assert cal.between(start, end) == brute_working_days(cal, start, end)
    assert cal.between(end, start) == -cal.between(start, end)


@settings(max_examples=300, deadline=None)
@given(nations, dates, dates, dates)
def test_counting_adds_up_across_a_middle_date(nation, a, b, c):
    cal = WorkingCalendar(nation)
    assert cal.between(a, b) + cal.between(b, c) == cal.between(a, c)


@settings(max_examples=300, deadline=None)
@given(nations, dates, dates)
def test_counting_to_a_working_day_then_adding_finds_it_again(nation, start, end):
    cal = WorkingCalendar(nation)
    end = cal.next_working_day(end)
    if end > start:
        assert cal.add(start, cal.between(start, end)) == end


@settings(max_examples=300, deadline=None)
@given(nations, dates, steps)
def test_going_back_undoes_going_forward_from_a_working_day(nation, day, n):
    cal = WorkingCalendar(nation)
    day = cal.next_working_day(day)
    assert cal.add(cal.add(day, n), -n) == day
    assert cal.between(day, cal.add(day, -n)) == -n


@settings(max_examples=300, deadline=None)
@given(nations, dates, st.integers(min_value=0, max_value=90))
def test_a_pause_counts_the_working_days_from_its_start_up_to_the_restart(nation, start, length):
    cal = WorkingCalendar(nation)
    end = start + datetime.timedelta(days=length)
    walked = sum(cal.is_working_day(start + datetime.timedelta(days=i)) for i in range(length))
    assert cal.count(start, end) == walked
    assert cal.count(end, start) == 0 or length == 0


@settings(max_examples=200, deadline=None)
@given(dates)
def test_a_weekday_is_a_working_day_unless_it_is_a_bank_holiday(day):
    for nation in NATIONS:
        cal = WorkingCalendar(nation)
        assert cal.is_working_day(day) == (day.weekday() < 5 and cal.holiday(day) is None)


def test_every_year_has_its_usual_bank_holidays_on_weekdays():
    for year in range(2020, 2031):
        for nation, usual in (("england-and-wales", 8), ("scotland", 9)):
            cal = WorkingCalendar(nation)
            off = [d for d in _year(year) if d.weekday() < 5 and not cal.is_working_day(d)]
            # 8 (England and Wales) / 9 (Scotland) a year, plus the odd royal or special day
            assert usual <= len(off) <= usual + 2, (nation, year, off)


def _year(year):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE


@pytest.mark.parametrize("nation", NATIONS)
@pytest.mark.parametrize("day, why", [
    (D(2020, 12, 25), "Christmas Day, a Friday"),
    (D(2020, 12, 28), "Boxing Day fell on Saturday 26 Dec 2020: Monday 28 is the substitute"),
    (D(2021, 12, 27), "Christmas Day 2021 was a Saturday: substitute Monday 27"),
    (D(2021, 12, 28), "Boxing Day 2021 was a Sunday: substitute Tuesday 28"),
    (D(2022, 12, 26), "Boxing Day 2022, a Monday"),
    (D(2022, 12, 27), "Christmas Day 2022 was a Sunday: substitute Tuesday 27"),
    (D(2026, 12, 28), "Boxing Day 2026 is a Saturday: substitute Monday 28"),
    (D(2027, 12, 27), "Christmas Day 2027 is a Saturday: substitute Monday 27"),
    (D(2027, 12, 28), "Boxing Day 2027 is a Sunday: substitute Tuesday 28"),
    (D(2022, 1, 3), "New Year's Day 2022 was a Saturday: substitute Monday 3"),
    (D(2025, 4, 18), "Good Friday 2025"),
    (D(2020, 5, 8), "the early May bank holiday 2020 moved to Friday 8 May (VE Day 75)"),
    (D(2022, 6, 2), "spring bank holiday 2022 moved to Thursday 2 June"),
    (D(2022, 6, 3), "the Platinum Jubilee, Friday 3 June 2022"),
    (D(2022, 9, 19), "the State Funeral of Queen Elizabeth II"),
    (D(2023, 5, 8), "the Coronation of King Charles III"),
    (D(2026, 5, 4), "early May bank holiday 2026"),
    (D(2026, 5, 25), "spring bank holiday 2026"),
])
def test_bank_holidays_everyone_in_great_britain_has(nation, day, why):
    assert day.weekday() < 5, why
    assert not WorkingCalendar(nation).is_working_day(day), why


@pytest.mark.parametrize("day, england, scotland, why", [
    (D(2026, 1, 2), True, False, "2 January is a bank holiday in Scotland only"),
    (D(2027, 1, 4), True, False, "2 Jan 2027 is a Saturday: Scotland's substitute is Monday 4"),
    (D(2026, 11, 30), True, False, "St Andrew's Day, Monday 30 November 2026"),
    (D(2025, 12, 1), True, False, "St Andrew's Day 2025 was a Sunday: substitute Monday 1 Dec"),
    (D(2026, 4, 6), False, True, "Easter Monday is not a bank holiday in Scotland"),
    (D(2026, 8, 3), True, False, "Scotland's summer holiday is the first Monday in August"),
    (D(2026, 8, 31), False, True, "England and Wales have the last Monday in August"),
])
def test_scotland_differs_from_england_and_wales(day, england, scotland, why):
    assert WorkingCalendar("england-and-wales").is_working_day(day) is england, why
    assert WorkingCalendar("scotland").is_working_day(day) is scotland, why


def test_northern_ireland_has_st_patricks_day_and_the_twelfth():
    cal = WorkingCalendar("northern-ireland")
    assert not cal.is_working_day(D(2026, 3, 17)) and not cal.is_working_day(D(2026, 7, 13))
    assert WorkingCalendar("england-and-wales").is_working_day(D(2026, 3, 17))


def test_counting_over_christmas_and_new_year():
    cal = WorkingCalendar("england-and-wales")
    # Fri 19 Dec 2025 + 5: Mon 22, Tue 23, Wed 24, (Thu 25, Fri 26 bank holidays), Mon 29, Tue 30
    assert cal.add(D(2025, 12, 19), 5) == D(2025, 12, 30)
    # Wed 23 Dec 2026 + 5: Thu 24, (Fri 25, Mon 28 Boxing Day substitute), Tue 29, Wed 30, Thu 31,
    # (Fri 1 Jan), Mon 4 Jan 2027
    assert cal.add(D(2026, 12, 23), 5) == D(2027, 1, 4)
    # after Fri 19 Dec 2025 up to Fri 2 Jan 2026: 22, 23, 24, 29, 30, 31 Dec and 2 Jan = 7 ...
    assert cal.between(D(2025, 12, 19), D(2026, 1, 2)) == 7
    # ... and 6 in Scotland, where 2 January is a bank holiday too
    assert WorkingCalendar("scotland").between(D(2025, 12, 19), D(2026, 1, 2)) == 6


def test_going_back_and_adding_nothing():
    cal = WorkingCalendar("england-and-wales")
    assert cal.add(D(2026, 1, 5), -1) == D(2026, 1, 2)  # Monday - 1: Friday (1 Jan is a holiday)
    assert cal.add(D(2026, 1, 3), 0) == D(2026, 1, 3)
    assert cal.between(D(2026, 1, 3), D(2026, 1, 3)) == 0
    assert cal.next_working_day(D(2025, 12, 25)) == D(2025, 12, 29)


def test_an_unknown_nation_is_refused():
    with pytest.raises(ValueError):
        WorkingCalendar("wessex")
    with pytest.raises(KeyError):
        workdays.bank_holidays("wessex", 2026)


def test_the_module_functions_use_the_calendar_they_are_given():
    assert workdays.add_working_days(D(2026, 1, 1), 1, "scotland") == D(2026, 1, 5)
    assert workdays.add_working_days(D(2026, 1, 1), 1, "england-and-wales") == D(2026, 1, 2)
    assert workdays.is_working_day(D(2026, 4, 6), "scotland")
    assert workdays.working_days_between(D(2026, 1, 1), D(2026, 1, 5), "scotland") == 1
    assert workdays.calendar("scotland") is workdays.calendar("scotland")


def test_the_nation_setting_is_read_checked_and_tidied(tmp_path):
    from app.config import Settings

    env = {"HEARD_INSTANCE_PATH": str(tmp_path)}
    assert Settings.from_env(env).bank_holiday_nation == "england-and-wales"
    scots = Settings.from_env({**env, "HEARD_BANK_HOLIDAY_NATION": " Scotland "})
    assert scots.bank_holiday_nation == "scotland"
    ni = Settings.from_env({**env, "HEARD_BANK_HOLIDAY_NATION": "Northern Ireland"})
    assert ni.bank_holiday_nation == "northern-ireland"
    with pytest.raises(ValueError, match="HEARD_BANK_HOLIDAY_NATION"):
        Settings.from_env({**env, "HEARD_BANK_HOLIDAY_NATION": "wales"})
    with pytest.raises(ValueError, match="HEARD_BANK_HOLIDAY_NATION"):
        scots.with_overrides(bank_holiday_nation="Scotland")


def test_the_app_and_its_emails_count_with_the_nation_set(settings_overrides):
    from app import create_app
    from app.mail.rendering import working_days_after

    for nation, first_working_day_of_2026 in (("scotland", D(2026, 1, 5)),
                                              ("england-and-wales", D(2026, 1, 2))):
        app = create_app({**settings_overrides, "bank_holiday_nation": nation})
        with app.app_context():
            assert workdays.nation() == nation and workdays.calendar().nation == nation
            assert working_days_after(D(2026, 1, 1), 1) == first_working_day_of_2026
            # a naive-UTC time counts from its London date: 23:30 UTC on 31 Mar 2026 is 1 Apr (BST)
            # Wed 1 Apr + 2: Thu 2, (Good Friday 3 Apr, weekend), Mon 6 Apr in Scotland; Easter Monday
            # is a bank holiday in England and Wales, so there it is Tue 7 Apr
            late = datetime.datetime(2026, 3, 31, 23, 30)
            expected = D(2026, 4, 6) if nation == "scotland" else D(2026, 4, 7)
            assert working_days_after(late, 2) == expected
