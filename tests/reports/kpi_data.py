"""A small fixed data set whose figures are worked out by hand in tests/reports/test_kpis*.py.

Surveys (Libraries), March 2026: four responses; February 2026: one.
Contacts (Highways and Parking, comments and service requests) for first contact resolution.
Complaints (Parking), March and April 2026, worked through the real casework services.
"""
import datetime

import pytest

from app.cases import services as case_services
from app.cases import stages
from app.cases.closing import close
from tests.factories import create_feedback, create_person, create_user, service


@pytest.fixture
def settings_overrides(settings_overrides):
    """Casework intake connected as in the running app: a complaint opens its case."""
    return dict(settings_overrides, intake_listeners=("cases",))


@pytest.fixture(autouse=True)
def fresh_app(app):
    """Every test gets the fresh app and database, even one that only calls the query layer."""
    yield app


def at(month, day, hour=11, year=2026):
    return datetime.datetime(year, month, day, hour)


SURVEY_QUESTIONS = [dict(kind="csat", text="How satisfied were you?"),
                    dict(kind="nps", text="How likely are you to recommend us?"),
                    dict(kind="ces", text="How easy was it?"),
                    dict(kind="fcr", text="Was it sorted the first time you contacted us?")]
MARCH_ANSWERS = [(5, 10, 7, "yes"), (4, 9, 5, "no"), (2, 6, 2, "yes"), (3, 8, 4, None)]
FEBRUARY_ANSWERS = [(5, 0, 3, "no")]


def answer_surveys(touchpoint=None):
    from surveys import services, versions
    from surveys.responses import record_response
    from tests.surveys.helpers import create_survey

    survey = create_survey(questions=SURVEY_QUESTIONS)
    version = services.live_version(survey)
    questions = {q.kind: q for q in versions.questions(version)}
    for when, rows in ((at(3, 4), MARCH_ANSWERS), (at(2, 12), FEBRUARY_ANSWERS)):
        for n, row in enumerate(rows):
            answers = {questions[kind].id: (value if kind != "fcr" else None, str(value) if kind != "fcr" else value)
                       for kind, value in zip(("csat", "nps", "ces", "fcr"), row) if value is not None}
            record_response(version, list(questions.values()), answers, touchpoint=touchpoint,
                            now=when + datetime.timedelta(days=n))
    return survey


def contacts():
    """March 2026: 7 contacts, 1 repeat (A's on 2 March, followed on 10 March); February: 1
    contact, a repeat (D's on 28 February, followed on 3 March)."""
    a, b, c, d = (create_person() for _ in range(4))
    rows = [(a, "comment", "highways", at(3, 2)), (a, "comment", "highways", at(3, 10)),
            (a, "service_request", "highways", at(3, 30)),  # 20 days after: not a repeat
            (b, "service_request", "highways", at(3, 5)), (b, "comment", "parking", at(3, 20)),
            (c, "compliment", "highways", at(3, 6)), (c, "comment", "highways", at(3, 8)),
            (d, "comment", "highways", at(2, 28)), (d, "comment", "highways", at(3, 3))]
    for person, kind, slug, when in rows:
        create_feedback(kind=kind, person=person, service_slug=slug, received_at=when,
                        text="About the service")
    create_feedback(kind="comment", anonymous=True, received_at=at(3, 2), text="No name given")


POINT = [{"point": "The permit was late", "decision": "upheld", "reasons": "It was late."}]
NOT_UPHELD = [{"point": "The permit was late", "decision": "not_upheld", "reasons": "It was on time."}]


def _complaint(received):
    item = create_feedback(kind="complaint", service_slug="parking", received_at=received,
                           text="My parking permit did not arrive")
    return case_services.case_of(item)


def complaints():
    """Six Parking complaints (see test_kpis.py for what each counts towards)."""
    officer = create_user(role="complaints_officer", services=[service("parking")])
    reviewer = create_user(role="complaints_officer", services=[service("parking")])
    one = _complaint(at(3, 2, 10))  # in time throughout, upheld
    stages.acknowledge(one, actor=officer, at=at(3, 3))
    stages.respond(one, POINT, actor=officer, at=at(3, 10))
    close(one, "upheld", root_cause="process", actor=officer, at=at(3, 11))
    two = _complaint(at(3, 2, 10))  # acknowledged late; response in time thanks to an extension
    stages.acknowledge(two, actor=officer, at=at(3, 10))
    stages.extend(two, 3, "Waiting for the contractor's records", actor=officer, at=at(3, 20))
    stages.respond(two, NOT_UPHELD, actor=officer, at=at(3, 26))
    close(two, "not_upheld", root_cause="process", actor=officer, at=at(3, 27))
    three = _complaint(at(3, 2, 10))  # response in time thanks to a pause; stage 2; Ombudsman
    stages.acknowledge(three, actor=officer, at=at(3, 3))
    stages.pause(three, "Waiting for the permit number", actor=officer, at=at(3, 4))
    stages.resume(three, actor=officer, at=at(3, 9))
    stages.respond(three, NOT_UPHELD, actor=officer, at=at(3, 19))
    stages.request_stage2(three, "I still have no permit", at=at(3, 23))
    stages.acknowledge(three, actor=reviewer, at=at(3, 31))
    stages.respond(three, NOT_UPHELD, actor=reviewer, at=at(4, 1))
    stages.refer_to_ombudsman(three, "lgsco", actor=officer, at=at(4, 2))
    _complaint(at(3, 9, 10))  # never acknowledged: late since 16 March
    five = _complaint(at(3, 2, 10))  # withdrawn
    stages.acknowledge(five, actor=officer, at=at(3, 3))
    close(five, "withdrawn", actor=officer, at=at(3, 5))
    six = _complaint(at(3, 2, 10))  # response late, partly upheld
    stages.acknowledge(six, actor=officer, at=at(3, 3))
    stages.respond(six, POINT, actor=officer, at=at(3, 18))
    close(six, "partly_upheld", root_cause="delay", actor=officer, at=at(3, 19))
