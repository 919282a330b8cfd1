"""Panel surveys: a facilitator sends a published survey from the survey builder to every
current member of their panel; nobody is invited twice; the survey's own page links here."""
import pytest

from app.mail.models import OutboxMessage
from panels.models import Membership
from panels.proposals.models import SurveySend
from surveys.models import Invitation
from tests.factories import create_member, create_panel
from tests.html import parse
from tests.surveys.helpers import create_survey, signed_in
from tests.web import submit


@pytest.fixture
def facilitator(app):
    return signed_in(app, "panel_facilitator")


@pytest.fixture
def panel(facilitator):
    return create_panel(facilitators=[facilitator.user])


def url(panel):
    return f"/staff/panels/{panel.id}/surveys"


def invited_emails(survey):
    return sorted(i.email for i in Invitation.select().where(Invitation.survey == survey))


def test_every_current_member_is_invited_once(app, facilitator, panel):
    from app.db import utcnow

    survey = create_survey(title="Library visit survey")
    ana = create_member(panel, email="ana@resident.invalid")
    ben = create_member(panel, email="ben@resident.invalid")
    gone = create_member(panel, email="gone@resident.invalid")
    Membership.update(left_at=utcnow()).where(Membership.member == gone).execute()
    create_member(create_panel("Accessibility Panel"), email="other@resident.invalid")

    response = submit(facilitator, url(panel), {"survey": str(survey.id)})
    assert response.status_code == 302
    page = parse(facilitator.get(url(panel)).get_data(as_text=True))
    assert "“Library visit survey” sent to 2 members" in page.find("div", cls="govuk-notification-banner").text
    assert invited_emails(survey) == ["ana@resident.invalid", "ben@resident.invalid"]
    memberships = {m.id for m in Membership.select().where(Membership.member.in_([ana, ben]))}
    assert {int(i.related_id) for i in Invitation.select()} == memberships
    assert {i.related_type for i in Invitation.select()} == {"panel_membership"}
    sent = list(OutboxMessage.select().where(OutboxMessage.template == "survey_invitation"))
    assert len(sent) == 2
    assert all(m.subject == "A survey for our customer panel members" for m in sent)
    assert all("As a member of one of our customer panels" in m.text_body and "recently in touch" not in m.text_body
               for m in sent)

    create_member(panel, email="carl@resident.invalid")  # joins later
    submit(facilitator, url(panel), {"survey": str(survey.id)})
    page = parse(facilitator.get(url(panel)).get_data(as_text=True))
    assert "sent to 1 member; 2 already invited" in page.find("div", cls="govuk-notification-banner").text
    assert invited_emails(survey) == ["ana@resident.invalid", "ben@resident.invalid", "carl@resident.invalid"]
    assert [s.invited for s in SurveySend.select().order_by(SurveySend.id)] == [2, 1]
    rows = page.by_id("survey-sends").find_all("tr")[1:]
    assert len(rows) == 2 and all("Library visit survey" in row.text for row in rows)



def test_a_member_on_two_panels_is_invited_once(app, facilitator, panel):
    survey = create_survey()
    member = create_member(panel, email="both@resident.invalid")
    second = create_panel("Accessibility Panel", facilitators=[facilitator.user])
    Membership.create(panel=second, member=member)
    submit(facilitator, url(panel), {"survey": str(survey.id)})
    submit(facilitator, url(second), {"survey": str(survey.id)})
    assert invited_emails(survey) == ["both@resident.invalid"]


def test_only_published_open_surveys_can_be_sent(app, facilitator, panel):
    create_member(panel)
    draft = create_survey(title="Draft survey", publish=False)
    create_survey(title="Live survey")
    page = parse(facilitator.get(url(panel)).get_data(as_text=True))
    options = [o.text for o in page.by_id("survey").find_all("option")]
    assert options == ["Choose a survey", "Live survey (Libraries)"]
    response = submit(facilitator, url(panel), {"survey": ""})
    page = parse(response.get_data(as_text=True))
    assert page.find("title").text.startswith("Error: ")
    assert page.find("div", cls="govuk-error-summary").link("Choose the survey to send").href == "#survey"
    response = submit(facilitator, url(panel), {"survey": str(draft.id)})
    assert "Choose a survey that is published and open" in parse(response.get_data(as_text=True)).by_id("survey-error").text
    assert submit(facilitator, url(panel), {"survey": "abc"}).status_code == 200
    assert not Invitation.select().exists() and not SurveySend.select().exists()



def test_who_may_send(app, panel):
    other = signed_in(app, "panel_facilitator")
    assert other.get(url(panel)).status_code == 404
    assert signed_in(app, "administrator").get(url(panel)).status_code == 200
    for role in ("service_lead", "analyst", "complaints_officer"):
        assert signed_in(app, role).get(url(panel)).status_code == 403
    assert signed_in(app, "administrator").get("/staff/panels/99999999999/surveys").status_code == 404


def test_the_survey_page_links_to_sending_it_to_a_panel(app, panel):
    survey = create_survey(title="Library visit survey")
    admin = signed_in(app, "administrator")
    page = parse(admin.get(f"/staff/surveys/{survey.id}").get_data(as_text=True))
    choose = page.link("Send to a customer panel").href
    assert choose == f"/staff/panels/surveys/{survey.id}"
    chooser = parse(admin.get(choose).get_data(as_text=True))
    assert chooser.link(panel.name).href == f"/staff/panels/{panel.id}/surveys?survey={survey.id}"
    form = parse(admin.get(chooser.link(panel.name).href).get_data(as_text=True))
    selected = form.by_id("survey").find("option", where=lambda e: "selected" in e.attrs)
    assert selected.attrs["value"] == str(survey.id)
    lead = signed_in(app, "service_lead", services=["libraries"])
    assert "Send to a customer panel" not in lead.get(f"/staff/surveys/{survey.id}").get_data(as_text=True)
