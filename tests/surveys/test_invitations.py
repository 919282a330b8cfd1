"""Email invitations: single-use links, anonymity, the after-interaction hook, one reminder."""
import datetime
import re

import pytest

from app.db import utcnow
from app.mail.models import OutboxMessage
from surveys import invitations, tasks
from surveys.models import Invitation, Response
from tests.factories import create_feedback, service
from tests.surveys.helpers import create_survey, good_answers, signed_in
from tests.web import submit

LINK = re.compile(r"http://127\.0\.0\.1:5000(/s/i/[A-Za-z0-9_-]+)")


def _link(message):
    return LINK.search(message.text_body).group(1)


def _invite(app, survey, email="resident@example.com", **kwargs):
    with app.app_context():
        return invitations.invite(survey, email, **kwargs)


def test_staff_invite_a_pasted_list_and_see_the_bad_lines(app):
    survey = create_survey()
    client = signed_in(app)
    pasted = "one@example.com\nnot an address\n\nTWO@example.com\none@example.com\n<b>@x\n"
    response = submit(client, f"/staff/surveys/{survey.id}/invite", {"addresses": pasted,
                                                                     "expires_in_days": "14"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 invitations sent" in html
    assert "Line 2 (not an address) is not an email address" in html
    assert "Line 5 (one@example.com) is a repeat of an earlier line" in html
    assert "Line 6 (&lt;b&gt;@x) is not an email address" in html
    sent = list(OutboxMessage.select().where(OutboxMessage.template == "survey_invitation"))
    assert sorted(m.to_address for m in sent) == ["one@example.com", "two@example.com"]
    assert all(m.purpose == "survey_invitation" and m.related_type == "survey_invitation" for m in sent)
    assert all(survey.title in m.text_body and _link(m) for m in sent)
    # Only hashes are stored, never the link's token.
    tokens = {_link(m).rsplit("/", 1)[1] for m in sent}
    hashes = {i.token_hash for i in Invitation.select()}
    assert hashes == {invitations.token_hash(t) for t in tokens} and not tokens & hashes
    assert all(i.expires_at is not None for i in Invitation.select())
    # Sending the same list again mails nobody twice.
    response = submit(client, f"/staff/surveys/{survey.id}/invite", {"addresses": "one@example.com"})
    assert response.status_code == 302 and OutboxMessage.select().count() == 2


def test_more_than_500_addresses_are_refused(app):
    survey = create_survey()
    client = signed_in(app)
    pasted = "\n".join(f"person{n}@example.com" for n in range(501))
    html = submit(client, f"/staff/surveys/{survey.id}/invite", {"addresses": pasted}).get_data(as_text=True)
    assert "Enter 500 addresses or fewer" in html and Invitation.select().count() == 0


def test_an_anonymous_invitation_is_marked_answered_but_not_linked(app, client):
    survey = create_survey()
    invitation = _invite(app, survey)
    link = _link(OutboxMessage.get())
    response = submit(client, link, good_answers(survey))
    assert response.status_code == 302

    saved = Response.get()
    assert saved.person is None and saved.touchpoint is None and saved.channel == "invitation"
    assert not hasattr(saved, "invitation_id")
    assert Invitation.get_by_id(invitation.id).responded_at is not None
    # Kept to the day only, so the clock cannot match the two up.
    assert saved.submitted_at.time() == datetime.time() == Invitation.get_by_id(invitation.id).responded_at.time()
    from app.feedback.models import FeedbackItem

    assert {i.channel for i in FeedbackItem.select()} == {"web"}
    assert all(i.person is None for i in FeedbackItem.select())


def test_an_invitation_works_once(app, client):
    survey = create_survey()
    _invite(app, survey)
    link = _link(OutboxMessage.get())
    submit(client, link, good_answers(survey))
    again = client.get(link).get_data(as_text=True)
    assert "You have already answered this survey, thank you" in again
    # A form opened before the first answer and sent afterwards is refused too.
    response = client.post(link, data=good_answers(survey))
    assert "You have already answered this survey" in response.get_data(as_text=True)
    assert Response.select().count() == 1


def test_a_race_between_two_tabs_records_one_response(app):
    from surveys import responses, services, versions

    survey = create_survey(questions=[dict(kind="yes_no", text="OK?")])
    invitation = _invite(app, survey)
    version = services.live_version(survey)
    questions = versions.questions(version)
    stale = Invitation.get_by_id(invitation.id)
    responses.record_response(version, questions, {}, invitation=invitation)
    with pytest.raises(responses.AlreadyAnswered):
        responses.record_response(version, questions, {}, invitation=stale)
    assert Response.select().count() == 1


def test_bad_and_expired_links(app, client):
    survey = create_survey()
    assert client.get("/s/i/not-a-real-token").status_code == 404
    invitation = _invite(app, survey, expires_in_days=1)
    Invitation.update(expires_at=utcnow() - datetime.timedelta(minutes=1)).where(
        Invitation.id == invitation.id).execute()
    html = client.get(_link(OutboxMessage.get())).get_data(as_text=True)
    assert "This link has expired" in html


def test_after_interaction_hook_invites_once_per_related_object(app):
    survey = create_survey()
    item = create_feedback()
    with app.app_context():
        first = invitations.invite_after_interaction(survey, "who@example.com", service("highways"), related=item)
        again = invitations.invite_after_interaction(survey, "who@example.com", service("highways"), related=item)
        assert invitations.invite_after_interaction(survey, "not-an-email", service("highways")) is None
        closed = create_survey(publish=False)
        assert invitations.invite_after_interaction(closed, "who@example.com", service("highways")) is None
    assert first.id == again.id and first.related_type == "feedback_item" and first.related_id == str(item.id)
    assert OutboxMessage.select().count() == 1
    assert "Highways" in OutboxMessage.get().subject


def test_one_reminder_after_five_days_and_its_link_works(app, client):
    survey = create_survey()
    due = _invite(app, survey, "due@example.com")
    _invite(app, survey, "recent@example.com")
    answered = _invite(app, survey, "answered@example.com")
    Invitation.update(created_at=utcnow() - datetime.timedelta(days=6)).where(
        Invitation.id.in_([due.id, answered.id])).execute()
    Invitation.update(responded_at=utcnow()).where(Invitation.id == answered.id).execute()

    assert tasks.send_reminders.call_local() == 1
    assert tasks.send_reminders.call_local() == 0
    tasks.send_reminder.call_local(due.id)  # a duplicate run of the task changes nothing
    reminders = list(OutboxMessage.select().where(OutboxMessage.template == "survey_reminder"))
    assert [m.to_address for m in reminders] == ["due@example.com"]
    assert reminders[0].idempotency_key == f"survey-reminder:{due.id}"
    assert Invitation.get_by_id(due.id).reminded_at is not None

    response = submit(client, _link(reminders[0]), good_answers(survey))
    assert response.status_code == 302 and Invitation.get_by_id(due.id).responded_at is not None
