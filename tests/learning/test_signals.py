"""Emerging issues (the demo's flooding cluster) and one resident's repeated complaint."""
import datetime

from app.db import utcnow
from app.demo.scenarios import FLOODING, REPEAT, REPEAT_PERSON
from app.learning.models import DuplicateLink, EmergingIssue
from app.learning.tasks import detect_emerging
from tests.factories import create_feedback, create_person


def test_six_similar_items_in_a_week_raise_one_emerging_issue(signed_in):
    now = utcnow()
    items = [create_feedback(text=spec["text"], service_slug=spec["service"],
                             received_at=now - datetime.timedelta(days=spec["days_ago"] - 4))
             for spec in FLOODING]
    detect_emerging()
    detect_emerging()  # the same cluster is never raised twice
    issue = EmergingIssue.get()
    assert EmergingIssue.select().count() == 1
    assert set(issue.id_list) == {i.id for i in items} and issue.size == 6
    client, _ = signed_in("complaints_officer")
    html = client.get("/staff/learning/emerging").get_data(as_text=True)
    assert items[0].reference in html
    from tests.web import csrf_token

    token = csrf_token(client, "/staff/learning/emerging")
    client.post(f"/staff/learning/emerging/{issue.id}/acknowledge", data={"csrf_token": token})
    assert EmergingIssue.get_by_id(issue.id).status == "acknowledged"
    assert f"/emerging/{issue.id}/" not in client.get("/staff/learning/emerging").get_data(as_text=True)


def test_one_residents_repeated_complaint_is_linked(signed_in):
    person = create_person(name=REPEAT_PERSON["name"], email=REPEAT_PERSON["email"])
    now = utcnow()
    items = [create_feedback(text=spec["text"], service_slug=spec["service"], person=person,
                             received_at=now - datetime.timedelta(days=spec["days_ago"]))
             for spec in REPEAT]
    other = create_feedback(text="The street light outside the school is broken.")
    linked = {(l.item_a_id, l.item_b_id) for l in DuplicateLink.select()}
    assert (items[0].id, items[1].id) in linked or (items[1].id, items[2].id) in linked
    assert all(other.id not in pair for pair in linked)
    client, _ = signed_in("complaints_officer")
    html = client.get(f"/staff/feedback/{items[2].id}").get_data(as_text=True)
    assert "The same resident said something similar" in html
