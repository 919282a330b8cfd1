"""A complaint received on Monday 2 March 2026 and answered at stage 1 in March: the dates and
steps the stage, closing letter and /track tests share."""
import datetime

from app.cases import services, stages
from app.cases.models import Case
from tests.factories import create_feedback, create_person

RECEIVED = datetime.datetime(2026, 3, 2, 10, 0)  # Monday 2 March 2026


def on(day, hour=11):
    """`hour` o'clock on that day of March 2026."""
    return datetime.datetime(2026, 3, day, hour)


def complaint_case(person=None, email="rita@example.com"):
    """Rita Resident's complaint (or `person`'s), received at RECEIVED: the case the casework
    intake opened for it."""
    person = person or create_person(email=email, name="Rita Resident")
    return services.case_of(create_feedback(person=person, received_at=RECEIVED))


def responded(case, officer, points, **remedy):
    """Acknowledged on 3 March and answered with `points` on 10 March; the case as stored now."""
    stages.acknowledge(case, actor=officer, at=on(3))
    stages.respond(case, points, actor=officer, at=on(10), **remedy)
    return Case.get_by_id(case.id)
