"""CSAT, NPS, CES and first contact resolution against figures worked out by hand on the
fixed data set in kpi_data.py (March 2026 beside February 2026, and empty periods)."""
import pytest

from reports.queries import refresh, satisfaction
from reports.queries.filters import Filters, month
from tests.factories import service
from tests.reports.kpi_data import (answer_surveys, contacts, fresh_app,  # noqa: F401
                                     settings_overrides)


@pytest.fixture
def surveyed():
    answer_surveys()
    refresh()


def test_csat_is_the_share_of_4s_and_5s(surveyed):
    # March: 5, 4, 2, 3 -> two of four satisfied. February: one answer, a 5.
    figure = satisfaction.csat(month(2026, 3))
    assert (figure.value, figure.base) == (50.0, 4)
    assert (figure.previous, figure.previous_base) == (100.0, 1)
    assert figure.change == -50.0


def test_nps_is_promoters_minus_detractors(surveyed):
    # March: 10 and 9 promote, 8 is passive, 6 detracts: (2 - 1) / 4. February: a single 0.
    figure = satisfaction.nps(month(2026, 3))
    assert (figure.value, figure.base) == (25.0, 4)
    assert (figure.previous, figure.previous_base) == (-100.0, 1)


def test_customer_effort_is_the_mean_where_higher_is_easier(surveyed):
    # March: (7 + 5 + 2 + 4) / 4. February: 3.
    figure = satisfaction.ces(month(2026, 3))
    assert (figure.value, figure.base) == (4.5, 4)
    assert figure.previous == 3.0


def test_first_contact_resolution_from_the_survey_question(surveyed):
    # March: yes, no, yes (the fourth response skipped it). February: one no.
    figure = satisfaction.fcr_survey(month(2026, 3))
    assert figure.value == pytest.approx(200 / 3) and figure.base == 3
    assert (figure.previous, figure.previous_base) == (0.0, 1)


def test_an_empty_period_has_no_figures(surveyed):
    for compute in (satisfaction.csat, satisfaction.nps, satisfaction.ces, satisfaction.fcr_survey,
                    satisfaction.fcr_repeat):
        figure = compute(month(2025, 6))
        assert figure.value is None and figure.base == 0 and figure.change is None


def test_survey_figures_follow_the_service_filter(surveyed):
    libraries = satisfaction.csat(month(2026, 3, services=(service("libraries").id,)))
    highways = satisfaction.csat(month(2026, 3, services=(service("highways").id,)))
    assert libraries.base == 4 and highways.base == 0


def test_first_contact_resolution_from_repeat_contact():
    contacts()
    refresh()
    # March: 7 contacts (the compliment and the anonymous comment are not contacts); A's on
    # 2 March was followed about Highways on 10 March. February: D's one contact was followed.
    figure = satisfaction.fcr_repeat(month(2026, 3))
    assert figure.base == 7 and figure.value == pytest.approx(600 / 7)
    assert (figure.previous, figure.previous_base) == (0.0, 1)
    parking = satisfaction.fcr_repeat(month(2026, 3, services=(service("parking").id,)))
    assert (parking.value, parking.base) == (100.0, 1)


def test_a_custom_period_of_days_reads_the_same_as_its_month(surveyed):
    import datetime

    custom = Filters(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 5))
    # Responses on 4 and 5 March only; the previous five days hold none.
    figure = satisfaction.csat(custom)
    assert (figure.value, figure.base) == (100.0, 2) and figure.previous is None
