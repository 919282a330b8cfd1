"""The urgent case queue: most severe safeguarding flag first (risk to life or to a child, then
abuse or domestic violence, then homelessness, neglect or vulnerability; cases marked urgent at
triage without a flag last), then oldest first, with the severity in words."""
import datetime
from html.parser import HTMLParser

from app.cases import queue_queries, services
from app.cases.models import Case
from app.learning import signals
from tests.cases.pages import PASSWORD
from tests.cases.queue_helpers import WEDNESDAY, make_case
from tests.factories import create_feedback, create_user
from tests.web import sign_in

HOUSING = "We are being evicted on Friday and have nowhere to go."
ABUSE = "My partner hits me when he drinks and I am scared to go home."
CHILD = "The kids next door are left alone all night with no adults there."


def flagged_case(text, days_ago):
    case = make_case(text=text, received_at=datetime.datetime(2026, 3, 11) - datetime.timedelta(days=days_ago))
    assert signals.assess_safeguarding(case.item) is not None  # the casework hook marks the case urgent
    return Case.get_by_id(case.id)


class QueueRows(HTMLParser):
    """The case references in the queue table, in order, and each row's severity words."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_link, self._in_severity = [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "/staff/cases/" in (attrs.get("href") or "") and "heard-nowrap" in (attrs.get("class") or ""):
            self._in_link = True
        if tag == "span" and "heard-severity" in (attrs.get("class") or ""):
            self._in_severity = True

    def handle_endtag(self, tag):
        self._in_link = self._in_severity = False

    def handle_data(self, data):
        if self._in_link:
            self.rows.append([data.strip(), ""])
        elif self._in_severity and self.rows:
            self.rows[-1][1] = data.strip()


def test_urgent_cases_come_most_severe_first_then_oldest(app):
    officer = create_user("complaints_officer", password=PASSWORD, services=["highways"])
    cases = {
        "housing_oldest": flagged_case(HOUSING, days_ago=30),
        "child_newest": flagged_case(CHILD, days_ago=1),
        "abuse": flagged_case(ABUSE, days_ago=10),
        "child_older": flagged_case(CHILD + " Again.", days_ago=5),
        "triage_only": make_case(urgent=True, received_at=datetime.datetime(2026, 1, 5)),
    }
    assert [cases[k].severity for k in ("housing_oldest", "child_newest", "abuse")] == [3, 1, 2]
    order = [c.id for c in queue_queries.cases(officer, "urgent", today=WEDNESDAY)]
    assert order == [cases[k].id for k in ("child_older", "child_newest", "abuse", "housing_oldest", "triage_only")]

    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    page = QueueRows()
    page.feed(client.get("/staff/cases?queue=urgent").get_data(as_text=True))
    assert page.rows == [[cases["child_older"].reference, "Risk to life or to a child"],
                         [cases["child_newest"].reference, "Risk to life or to a child"],
                         [cases["abuse"].reference, "Abuse or domestic violence"],
                         [cases["housing_oldest"].reference, "Homelessness, neglect or vulnerability"],
                         [cases["triage_only"].reference, ""]]


def test_a_case_keeps_its_most_severe_flag_and_merging_keeps_the_worse(app):
    housing = flagged_case(HOUSING, days_ago=3)
    item = create_feedback(text=ABUSE, person=housing.person)  # joins the resident's open case
    assert services.case_of(item).id == housing.id and signals.assess_safeguarding(item) is not None
    assert Case.get_by_id(housing.id).severity == 2
    child = flagged_case(CHILD, days_ago=2)
    services.merge(Case.get_by_id(housing.id), Case.get_by_id(child.id), reason="Same family")
    assert Case.get_by_id(child.id).severity == 1
