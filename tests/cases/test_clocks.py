"""The complaint clocks (app.cases.clocks) against dates worked out by hand on a calendar.

Every expected date is written out literally with the days counted, so a mistake in the
code cannot hide in a mistake in the test. England and Wales unless a row says Scotland.
Times are naive UTC at 10:00 (11:00 in summer), so each is that London day.
"""
import datetime
from types import SimpleNamespace

import pytest

from app import workdays
from app.cases import clocks
from app.cases.clocks import Deadline

D = datetime.date
EW, SCOT = workdays.calendar("england-and-wales"), workdays.calendar("scotland")


def utc(y, m, d, hour=10, minute=0):
    return datetime.datetime(y, m, d, hour, minute)


def stage(number=1, started=None, acknowledged=None, responded=None, extension=0):
    return SimpleNamespace(number=number, started_at=started, acknowledged_at=acknowledged,
                           responded_at=responded, extension_days=extension)


def pause(started, ended=None, number=1):
    return SimpleNamespace(stage=number, started_at=started, ended_at=ended)


def due(stages, pauses=(), cal=EW, today=D(2030, 1, 1)):
    """{(stage, what): due date} for the given rows."""
    found = clocks.deadlines_for(stages, pauses, calendar=cal, today=today)
    return {(d.stage, d.what): d.due_on for d in found}


# (why, the stage rows, the pauses, calendar, {(stage, what): due date})
TABLE = [
    ("Fri 19 Dec 2025 + 5: 22, 23, 24 Dec, (25, 26 bank hols, 27-28 weekend), 29, 30 -> Tue 30 Dec",
     [stage(started=utc(2025, 12, 19))], (), EW, {(1, "acknowledge"): D(2025, 12, 30)}),
    ("acknowledged Mon 22 Dec 2025 + 10: 23, 24, 29, 30, 31 Dec, (1 Jan), 2, 5, 6, 7, 8 Jan "
     "-> Thu 8 Jan 2026",
     [stage(started=utc(2025, 12, 19), acknowledged=utc(2025, 12, 22))], (), EW,
     {(1, "acknowledge"): D(2025, 12, 30), (1, "respond"): D(2026, 1, 8)}),
    ("the same in Scotland: 2 Jan is a holiday too, so 23, 24, 29, 30, 31, 5, 6, 7, 8, 9 "
     "-> Fri 9 Jan 2026",
     [stage(started=utc(2025, 12, 19), acknowledged=utc(2025, 12, 22))], (), SCOT,
     {(1, "acknowledge"): D(2025, 12, 30), (1, "respond"): D(2026, 1, 9)}),
    ("New Year's Eve 2025 + 5: (1 Jan), Fri 2, Mon 5, 6, 7, Thu 8 Jan 2026",
     [stage(started=utc(2025, 12, 31))], (), EW, {(1, "acknowledge"): D(2026, 1, 8)}),
    ("Scotland, New Year's Eve 2025 + 5: (1, 2 Jan), Mon 5, 6, 7, 8, Fri 9 Jan 2026",
     [stage(started=utc(2025, 12, 31))], (), SCOT, {(1, "acknowledge"): D(2026, 1, 9)}),
    ("Easter: Wed 1 Apr 2026 + 5: Thu 2, (Good Friday 3, weekend, Easter Monday 6), Tue 7, 8, 9, "
     "Fri 10 Apr",
     [stage(started=utc(2026, 4, 1))], (), EW, {(1, "acknowledge"): D(2026, 4, 10)}),
    ("received 23:30 UTC Tue 31 Mar 2026 = 00:30 Wed 1 Apr in London (BST): the same Fri 10 Apr "
     "(counting from 31 Mar would give Thu 9 Apr)",
     [stage(started=utc(2026, 3, 31, 23, 30))], (), EW, {(1, "acknowledge"): D(2026, 4, 10)}),
    ("Easter in Scotland (no Easter Monday): Wed 1 Apr 2026 + 5: Thu 2, (Good Friday 3), Mon 6, "
     "7, 8, Thu 9 Apr",
     [stage(started=utc(2026, 4, 1))], (), SCOT, {(1, "acknowledge"): D(2026, 4, 9)}),
    ("early May bank holiday: Thu 30 Apr 2026 + 5: Fri 1 May, (Mon 4 May), Tue 5, 6, 7, Fri 8 May",
     [stage(started=utc(2026, 4, 30))], (), EW, {(1, "acknowledge"): D(2026, 5, 8)}),
    ("spring bank holiday: received Mon 18 May 2026 + 5: 19, 20, 21, 22, (Mon 25 May), Tue 26 May; "
     "acknowledged Wed 20 May + 10: 21, 22, (25), 26, 27, 28, 29 May, Mon 1, 2, 3, Thu 4 Jun",
     [stage(started=utc(2026, 5, 18), acknowledged=utc(2026, 5, 20))], (), EW,
     {(1, "acknowledge"): D(2026, 5, 26), (1, "respond"): D(2026, 6, 4)}),
    ("received on a Saturday (7 Mar 2026) counts like Friday: Mon 9, 10, 11, 12, Fri 13 Mar",
     [stage(started=utc(2026, 3, 7))], (), EW, {(1, "acknowledge"): D(2026, 3, 13)}),
    ("received on Friday 6 Mar 2026: Mon 9, 10, 11, 12, Fri 13 Mar",
     [stage(started=utc(2026, 3, 6))], (), EW, {(1, "acknowledge"): D(2026, 3, 13)}),
    ("received on Christmas Day 2025 (a bank holiday): Mon 29, 30, 31 Dec, (1 Jan), 2, Mon 5 Jan",
     [stage(started=utc(2025, 12, 25))], (), EW, {(1, "acknowledge"): D(2026, 1, 5)}),
    ("extension of 10 around Easter: acknowledged Mon 23 Mar 2026 + 10 = 24, 25, 26, 27, 30, 31 "
     "Mar, 1, 2, (3, 6 Easter), 7, Wed 8 Apr; + 10 more: 9, 10, 13, 14, 15, 16, 17, 20, 21, "
     "Wed 22 Apr",
     [stage(started=utc(2026, 3, 20), acknowledged=utc(2026, 3, 23), extension=10)], (), EW,
     {(1, "acknowledge"): D(2026, 3, 27), (1, "respond"): D(2026, 4, 22)}),
    ("stage 1: received Mon 2 Nov 2026 + 5 = 3, 4, 5, 6, Mon 9 Nov; acknowledged Tue 3 Nov + 10 = "
     "4, 5, 6, 9, 10, 11, 12, 13, 16, Tue 17 Nov. Stage 2 requested Fri 4 Dec 2026 + 5: "
     "Mon 7, 8, 9, 10, Fri 11 Dec; acknowledged Mon 7 Dec "
     "+ 20: 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, (Fri 25, Mon 28 Boxing Day "
     "substitute), 29, 30, 31, (1 Jan), Mon 4, 5, 6, Thu 7 Jan 2027",
     [stage(started=utc(2026, 11, 2), acknowledged=utc(2026, 11, 3), responded=utc(2026, 11, 16)),
      stage(2, started=utc(2026, 12, 4), acknowledged=utc(2026, 12, 7))], (), EW,
     {(1, "acknowledge"): D(2026, 11, 9), (1, "respond"): D(2026, 11, 17),
      (2, "acknowledge"): D(2026, 12, 11), (2, "respond"): D(2027, 1, 7)}),
    ("the same stage 2 in Scotland: 2 Jan 2027 is a Saturday, so Mon 4 Jan is its substitute: "
     "... 29, 30, 31, (1, 4 Jan), 5, 6, 7, Fri 8 Jan 2027",
     [stage(2, started=utc(2026, 12, 4), acknowledged=utc(2026, 12, 7))], (), SCOT,
     {(2, "acknowledge"): D(2026, 12, 11), (2, "respond"): D(2027, 1, 8)}),
    ("paused Fri 6 Mar 2026 across the weekend, restarted Mon 9 Mar: [6, 9) holds Fri 6 only, so "
     "received Mon 2 Mar + 5 (3, 4, 5, 6, Mon 9) moves one day to Tue 10 Mar",
     [stage(started=utc(2026, 3, 2))], [pause(utc(2026, 3, 6, 15), utc(2026, 3, 9, 9))], EW,
     {(1, "acknowledge"): D(2026, 3, 10)}),
    ("paused Thu 12 Mar 2026, restarted Tue 17 Mar: [12, 17) = 12, 13, 16, three days; "
     "acknowledged Wed 4 Mar + 10 = Wed 18 Mar moves to 19, 20, Mon 23 Mar",
     [stage(started=utc(2026, 3, 2), acknowledged=utc(2026, 3, 4))],
     [pause(utc(2026, 3, 12), utc(2026, 3, 17))], EW,
     {(1, "acknowledge"): D(2026, 3, 9), (1, "respond"): D(2026, 3, 23)}),
]


@pytest.mark.parametrize("why, stages, pauses, cal, expected", TABLE,
                         ids=[row[0][:40] for row in TABLE])
def test_deadlines_match_the_hand_computed_table(why, stages, pauses, cal, expected):
    assert due(stages, pauses, cal) == expected, why


def test_before_acknowledgement_only_the_acknowledgement_is_due():
    found = clocks.deadlines_for([stage(started=utc(2025, 12, 19))], calendar=EW)
    assert found == [Deadline(1, "acknowledge", D(2025, 12, 30))]


def test_met_dates_are_london_dates_and_lateness_shows():
    found = clocks.deadlines_for([stage(started=utc(2025, 12, 19), acknowledged=utc(2025, 12, 31),
                                        responded=utc(2026, 1, 7, 23, 59))], calendar=EW)
    acknowledge, respond = found
    assert acknowledge.met_on == D(2025, 12, 31) and acknowledge.late  # due Tue 30 Dec
    # 31 Dec + 10: 2, 5, 6, 7, 8, 9, 12, 13, 14, Thu 15 Jan 2026
    assert respond.due_on == D(2026, 1, 15) and respond.met_on == D(2026, 1, 7)
    assert not respond.late and respond.met


def test_a_response_without_an_acknowledgement_meets_both():
    found = clocks.deadlines_for([stage(started=utc(2026, 3, 2), responded=utc(2026, 3, 5))],
                                 calendar=EW)
    assert [(d.what, d.met_on) for d in found] == [("acknowledge", D(2026, 3, 5)),
                                                   ("respond", D(2026, 3, 5))]


def test_an_open_pause_is_counted_as_if_the_clock_restarted_today():
    stages = [stage(started=utc(2026, 3, 2), acknowledged=utc(2026, 3, 4))]
    held = [pause(utc(2026, 3, 12))]
    # today Mon 16 Mar: [12, 16) = Thu 12, Fri 13: Wed 18 Mar + 2 = Fri 20 Mar, and it is paused
    respond = clocks.deadlines_for(stages, held, calendar=EW, today=D(2026, 3, 16))[-1]
    assert respond == Deadline(1, "respond", D(2026, 3, 20), None, paused=True)
    # on the day it started nothing has moved yet
    same_day = clocks.deadlines_for(stages, held, calendar=EW, today=D(2026, 3, 12))[-1]
    assert same_day.due_on == D(2026, 3, 18) and same_day.paused


def test_a_pause_holds_the_deadline_that_was_running_when_it_started():
    stages = [stage(started=utc(2026, 3, 2), acknowledged=utc(2026, 3, 4, 12))]
    # paused at 09:00 on the day of acknowledgement (before it): the acknowledgement was held
    early = [pause(utc(2026, 3, 4, 9), utc(2026, 3, 6))]  # [4, 6) = Wed 4, Thu 5
    assert due(stages, early) == {(1, "acknowledge"): D(2026, 3, 11), (1, "respond"): D(2026, 3, 18)}
    # paused at 15:00 the same day (after it): the response was held
    late = [pause(utc(2026, 3, 4, 15), utc(2026, 3, 6))]
    assert due(stages, late) == {(1, "acknowledge"): D(2026, 3, 9), (1, "respond"): D(2026, 3, 20)}
    # a pause of the other stage changes nothing here
    assert due(stages, [pause(utc(2026, 3, 4, 15), utc(2026, 3, 6), number=2)])[(1, "respond")] \
        == D(2026, 3, 18)


def test_two_pauses_add_up():
    stages = [stage(started=utc(2026, 3, 2), acknowledged=utc(2026, 3, 4))]
    held = [pause(utc(2026, 3, 5), utc(2026, 3, 6)), pause(utc(2026, 3, 12), utc(2026, 3, 17))]
    # 1 (Thu 5) + 3 (12, 13, 16): Wed 4 Mar + 14 = 5, 6, 9, ..., 18, 19, 20, 23, Tue 24 Mar
    assert due(stages, held)[(1, "respond")] == D(2026, 3, 24)


def test_service_requests_are_off_the_clock():
    assert clocks.deadlines_for([stage(started=utc(2026, 3, 2))], kind="service_request") == []


def _case(stages, pauses=(), kind="complaint", status="open", received=None):
    return SimpleNamespace(stages=stages, pauses=list(pauses), kind=kind, status=status,
                           received_at=received, on_clock=kind == "complaint" and status == "open")


def test_current_is_the_first_unmet_deadline_of_the_latest_stage(app):
    first = stage(started=utc(2025, 12, 19))
    assert clocks.current(_case([first])) == Deadline(1, "acknowledge", D(2025, 12, 30))
    first.acknowledged_at = utc(2025, 12, 22)
    assert clocks.current(_case([first])).due_on == D(2026, 1, 8)
    first.responded_at = utc(2026, 1, 6)
    assert clocks.current(_case([first])) is None
    second = stage(2, started=utc(2026, 1, 20))  # Tue 20 Jan + 5: 21, 22, 23, 26, Tue 27 Jan
    assert clocks.current(_case([second, first])) == Deadline(2, "acknowledge", D(2026, 1, 27))
    assert clocks.current(_case([second, first], status="closed")) is None
    assert clocks.current(_case([second, first], kind="service_request")) is None


def test_a_case_without_stage_rows_counts_from_its_receipt(app):
    case = _case([], received=utc(2026, 4, 30))
    assert clocks.current(case) == Deadline(1, "acknowledge", D(2026, 5, 8))


# Words -------------------------------------------------------------------------------------

@pytest.mark.parametrize("due_on, today, words, state", [
    (D(2025, 12, 30), D(2025, 12, 19), "due in 5 working days", "ok"),  # 22 23 24 29 30
    (D(2025, 12, 30), D(2025, 12, 22), "due in 4 working days", "ok"),  # 23 24 29 30
    (D(2025, 12, 29), D(2025, 12, 22), "due in 3 working days", "ok"),  # 23 24 29
    (D(2025, 12, 30), D(2025, 12, 24), "due in 2 working days", "due_soon"),  # 29 30
    (D(2026, 1, 2), D(2025, 12, 31), "due in 1 working day", "due_soon"),  # (1 Jan) 2 Jan
    (D(2025, 12, 30), D(2025, 12, 30), "due today", "due_soon"),
    (D(2025, 12, 24), D(2025, 12, 27), "1 working day overdue", "overdue"),  # a Saturday
    (D(2025, 12, 24), D(2025, 12, 29), "1 working day overdue", "overdue"),  # 29
    (D(2025, 12, 24), D(2026, 1, 2), "4 working days overdue", "overdue"),  # 29 30 31 2
    (datetime.datetime(2025, 12, 30), D(2025, 12, 24), "due in 2 working days", "due_soon"),
    (None, D(2025, 12, 24), "", "ok"),
])
def test_describe_and_status(app, due_on, today, words, state):
    assert clocks.describe(due_on, today=today) == words
    assert clocks.status(due_on, today=today) == state


def test_describe_a_paused_clock(app):
    assert clocks.describe(D(2025, 12, 30), today=D(2025, 12, 19), paused=True) == "paused"


def test_due_soon_until_is_the_last_day_within_two_working_days(app):
    # Wed 24 Dec 2025: 29 and 30 Dec are the next two working days
    assert clocks.due_soon_until(D(2025, 12, 24)) == D(2025, 12, 30)
    # Thu 18 Dec 2025: Fri 19 and Mon 22 Dec; Tue 23 would be the third working day
    assert clocks.due_soon_until(D(2025, 12, 18)) == D(2025, 12, 22)
    assert clocks.due_soon_until(D(2025, 12, 19)) == D(2025, 12, 23)


def test_today_is_the_london_date(app, monkeypatch):
    monkeypatch.setattr(clocks, "utcnow", lambda: datetime.datetime(2026, 6, 30, 23, 30))
    assert clocks.today() == D(2026, 7, 1)  # 00:30 BST
    monkeypatch.setattr(clocks, "utcnow", lambda: datetime.datetime(2026, 12, 31, 23, 30))
    assert clocks.today() == D(2026, 12, 31)  # GMT


# Saving the clock on a case (real rows) ------------------------------------------------------

def test_refresh_saves_only_the_clock_fields_of_a_case(app):
    from app.cases.models import Case, CaseStage, ClockPause

    case = Case.create(reference="HRD-2025-900001", received_at=utc(2025, 12, 19), title="Bins")
    first = CaseStage.create(case=case, number=1, started_at=utc(2025, 12, 19))

    def saved():
        return Case.get_by_id(case.id)

    clocks.refresh(case, today=D(2025, 12, 19))
    row = saved()  # Fri 19 Dec 2025 + 5 -> Tue 30 Dec, stored as that date at 00:00
    assert (row.next_due_on, row.next_due_what, row.paused) == (
        datetime.datetime(2025, 12, 30), "acknowledge", False)
    assert [d.what for d in clocks.deadlines(row)] == ["acknowledge"]

    first.acknowledged_at = utc(2025, 12, 22)
    first.save()
    case.title = "changed in memory only"
    clocks.refresh(case, today=D(2025, 12, 22))
    row = saved()  # acknowledged Mon 22 Dec + 10 -> Thu 8 Jan 2026
    assert (row.next_due_on, row.next_due_what, row.title) == (
        datetime.datetime(2026, 1, 8), "respond", "Bins")

    pause = ClockPause.create(case=case, stage=1, started_at=utc(2025, 12, 23), reason="photos")
    clocks.refresh(case, today=D(2025, 12, 23))
    row = saved()
    assert row.paused and row.next_due_on == datetime.datetime(2026, 1, 8)
    assert clocks.describe(row.next_due_on, D(2025, 12, 23), paused=row.paused) == "paused"

    pause.ended_at = utc(2025, 12, 29)
    pause.save()
    clocks.refresh(case, today=D(2025, 12, 29))
    row = saved()  # [23 Dec, 29 Dec) = 23, 24: Thu 8 Jan + 2 = Fri 9, Mon 12 Jan 2026
    assert (row.next_due_on, row.paused) == (datetime.datetime(2026, 1, 12), False)
    assert clocks.describe(row.next_due_on, D(2026, 1, 8)) == "due in 2 working days"

    first.responded_at = utc(2026, 1, 9)
    first.save()
    clocks.refresh(case)
    row = saved()
    assert (row.next_due_on, row.next_due_what, row.paused) == (None, "", False)
    assert [d.met_on for d in clocks.deadlines(row)] == [D(2025, 12, 22), D(2026, 1, 9)]


def test_refresh_takes_service_requests_and_closed_cases_off_the_clock(app):
    from app.cases.models import Case, CaseStage

    request = Case.create(reference="HRD-2026-900002", kind="service_request",
                          received_at=utc(2026, 3, 2))
    closed = Case.create(reference="HRD-2026-900003", status="closed", received_at=utc(2026, 3, 2))
    for case in (request, closed):
        CaseStage.create(case=case, number=1, started_at=utc(2026, 3, 2))
        case.next_due_on, case.next_due_what = datetime.datetime(2026, 3, 9), "acknowledge"
        case.save()
        clocks.refresh(case)
        row = Case.get_by_id(case.id)
        assert (row.next_due_on, row.next_due_what, row.paused) == (None, "", False)
    assert clocks.deadlines(request) == [] and len(clocks.deadlines(closed)) == 1
