"""Complaint timeliness per stage, escalation, upheld rate and Ombudsman referrals against
figures worked out by hand on kpi_data.complaints() (working days: no bank holiday in March
2026; Good Friday 3 April and Easter Monday 6 April)."""
import pytest

from reports.queries import refresh
from reports.queries.complaints import complaints as complaint_figures
from reports.queries.filters import month
from tests.factories import service
from tests.reports.kpi_data import complaints, fresh_app, settings_overrides  # noqa: F401


@pytest.fixture
def march():
    complaints()
    refresh()
    return complaint_figures(month(2026, 3))


def test_stage_1_acknowledged_in_time(march):
    # Due Monday 9 March (received Monday 2nd): one, three, five and six acknowledged on the
    # 3rd; two on the 10th (late). Four, received on the 9th, was due on the 16th and never
    # acknowledged: late. 4 of 6.
    assert march.ack1.base == 6 and march.ack1.value == pytest.approx(400 / 6)


def test_stage_1_responded_in_time_with_an_extension_and_a_pause(march):
    # One: acknowledged 3rd, due 17th, answered 10th. Two: acknowledged 10th, due 24th + 3
    # working days' extension = 27th, answered 26th (in time only with the extension). Three:
    # paused Wed 4th to Mon 9th (3 working days), due 17th + 3 = 20th, answered 19th (in time
    # only with the pause). Six: due 17th, answered 18th (late). Five was withdrawn before its
    # response was due: not counted. 3 of 4.
    assert (march.resp1.value, march.resp1.base) == (75.0, 4)


def test_stage_2_acknowledged_and_responded_in_time(march):
    # Three asked for stage 2 on Monday 23 March: acknowledge by Monday 30th; acknowledged 31st.
    assert (march.ack2.value, march.ack2.base) == (0.0, 1)
    assert march.resp2.base == 0 and march.resp2.value is None
    # Answered 1 April, due 20 working days after 31 March (Easter skipped): Thursday 30 April.
    april = complaint_figures(month(2026, 4))
    assert (april.resp2.value, april.resp2.base) == (100.0, 1)


def test_escalation_rate(march):
    # Stage 1 responses in March: one, two, three, six; three went to stage 2.
    assert (march.escalation.value, march.escalation.base) == (25.0, 4)


def test_upheld_rate_leaves_out_withdrawn(march):
    # Closed in March: one upheld, six partly upheld, two not upheld; five withdrawn (left out).
    assert march.upheld.base == 3 and march.upheld.value == pytest.approx(200 / 3)


def test_ombudsman_referrals_and_the_previous_period(march):
    assert march.ombudsman.value == 0
    april = complaint_figures(month(2026, 4))
    assert (april.ombudsman.value, april.ombudsman.previous) == (1, 0)
    assert april.escalation.value is None and april.escalation.previous == 25.0
    assert april.ack1.previous == pytest.approx(400 / 6)


def test_an_empty_period_and_another_service(march):
    empty = complaint_figures(month(2025, 3))
    assert all(f.value in (None, 0) and f.base == 0 for f in empty.all())
    highways = complaint_figures(month(2026, 3, services=(service("highways").id,)))
    assert all(f.base == 0 for f in highways.all())


def test_a_period_with_exactly_one_deadline(march):
    # 16 to 22 March: only complaint four's acknowledgement fell due (on the 16th), unmet.
    import datetime

    from reports.queries.filters import Filters

    week = complaint_figures(Filters(start=datetime.date(2026, 3, 16), end=datetime.date(2026, 3, 22)))
    assert (week.ack1.value, week.ack1.base) == (0.0, 1)
    # The week before: 9 March, five acknowledgements due, four in time.
    assert (week.ack1.previous, week.ack1.previous_base) == (80.0, 5)
