"""The demo council's surveys: published, placed at touchpoints with posters, the complaint
survey chosen to follow closed complaints, and every demo survey answer one of theirs."""
import datetime
import shutil
import subprocess

import pytest

from app.cases import closing
from app.cases.models import Case, CaseEvent
from app.demo.seed import seed_demo
from app.feedback.models import FeedbackItem
from surveys import services
from surveys.models import Answer, Invitation, Response, Survey, Touchpoint
from tests.demo.test_seed import TODAY
from tests.web import sign_in


@pytest.mark.seeded
def test_every_demo_survey_answer_belongs_to_a_published_survey(app, seeded):
    result = seeded
    surveys = list(Survey.select().order_by(Survey.id))
    assert result.surveys == len(surveys) == 5 and all(s.is_demo for s in surveys)
    assert all(services.availability(s) == "open" for s in surveys)
    assert {s.title for s in surveys} >= {"Your library visit 📚", "How did we handle your complaint?"}
    answers = FeedbackItem.select().where(FeedbackItem.kind == "survey_answer")
    assert answers.count() >= 30
    for item in answers:
        answer = Answer.get(Answer.feedback_item == item)
        assert answer.response.version.status == "live" and answer.response.version.published_at
        assert item.is_demo and item.received_at == answer.response.submitted_at
    # Touchpoint surveys were answered at their places, across the months they were open.
    placed = Response.select().where(Response.touchpoint.is_null(False))
    assert placed.count() >= 100 and Touchpoint.select().count() == 10
    months = {r.submitted_at.strftime("%Y-%m") for r in placed}
    assert len(months) >= 10 and max(r.submitted_at for r in placed).date() < TODAY
    assert {r.touchpoint.survey_id for r in placed} == {s.id for s in surveys if not s.after_complaints}
    assert all(r.service_id == r.touchpoint.service_id for r in placed)


@pytest.mark.seeded
def test_the_complaint_survey_follows_closed_complaints(app, seeded):
    survey = closing.complaint_survey()
    assert survey is not None and survey.title == "How did we handle your complaint?"
    invitations = list(Invitation.select().where(Invitation.survey == survey))
    assert len(invitations) >= 40
    for invitation in invitations:  # sent as the case closed; not reminded again today
        case = Case.get_by_id(int(invitation.related_id))
        emailed = CaseEvent.get(CaseEvent.case == case, CaseEvent.summary == "Satisfaction survey invitation emailed")
        assert invitation.created_at == emailed.at
        due = invitation.created_at.date() <= TODAY - datetime.timedelta(days=6)
        assert (invitation.reminded_at is not None) == due
    answered = [i for i in invitations if i.responded_at]
    responses = Response.select().where(Response.survey == survey)
    assert 10 <= len(answered) == responses.count()
    assert all(r.channel == "invitation" and r.person is None for r in responses)


@pytest.mark.seeded
def test_staff_see_the_surveys_results_and_posters(app, tmp_path, seeded):
    client = app.test_client()
    assert sign_in(client, "admin@demo.heard.invalid", "heard-demo-administrator").status_code == 302
    page = client.get("/staff/surveys/").get_data(as_text=True)
    assert "Your library visit 📚" in page and "Sent when complaints close" in page
    library = Survey.get(Survey.title == "Your library visit 📚")
    results = client.get(f"/staff/surveys/{library.id}/results").get_data(as_text=True)
    assert "Ashcombe Library front desk" in results and "Satisfied (4 or 5)" in results
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    touchpoint = Touchpoint.get(Touchpoint.survey == library)
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(client.get(f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf").data)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Your library visit 📚" in text and "4 questions, about 2 minutes" in text
    assert "How was your visit to the library today?" in text
    recycling = Touchpoint.get(Touchpoint.name == "Kettleby recycling centre")
    pdf.write_bytes(client.get(f"/staff/surveys/touchpoints/{recycling.id}/poster.pdf").data)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "3 questions, about 1 minute" in text  # a shorter survey says so


@pytest.mark.seeded
def test_seeding_again_replaces_the_demo_surveys(app, seeded):
    counts = (Survey.select().count(), Response.select().count(), Invitation.select().count())
    seed_demo(force=True, today=TODAY)
    assert (Survey.select().count(), Response.select().count(), Invitation.select().count()) == counts
    assert Survey.select().where(Survey.after_complaints == True).count() == 1  # noqa: E712
