"""The staff side of applications: facilitators decide with a reason, the applicant is
emailed the decision and the reason, approving makes them a member (reusing a member with
the same address) with their consented demographics; who may see which panel."""
from app.audit.models import AuditEvent
from app.mail.models import OutboxMessage
from panels.models import Application, Demographics, Member, Membership, Panel, PanelFacilitator
from tests.cases.pages import signed_in
from tests.factories import create_member, create_panel, create_proposal
from tests.html import parse
from tests.web import csrf_token, get_page, submit


def get(client, url, status=200):
    return parse(get_page(client, url, status))


def create_application(panel, email="sam@example.com", consent=True, **fields):
    values = {"age_band": "65-74", "sex": "male", "ethnicity": "white", "disability": "limited_a_lot",
              "area": ""} if consent else {}
    return Application.create(panel=panel, name=fields.pop("name", "Sam Jones"), email=email,
                              reason="I care about buses.", support_needs=fields.pop("support_needs", ""),
                              demographics_consent=consent, **values, **fields)


def decision_mail(application):
    return list(OutboxMessage.select().where(OutboxMessage.template == "panel_application_decision",
                                             OutboxMessage.related_id == application.id))


def test_approving_makes_a_member_and_emails_how_to_sign_in(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel("Transport Panel", facilitators=[facilitator.user])
    application = create_application(panel, support_needs="Step-free venue")
    page = get(facilitator, f"/staff/panels/applications/{application.id}")
    assert "I care about buses." in page.text and "Step-free venue" in page.text
    assert "65-74" not in page.text and "limited_a_lot" not in page.text  # special category: aggregate only
    response = submit(facilitator, f"/staff/panels/applications/{application.id}",
                      {"decision": "approved", "reason": "You bring experience of rural buses."})
    assert response.status_code == 302
    application = Application.get_by_id(application.id)
    assert application.status == "approved" and application.decided_by_id == facilitator.user.id
    member = Member.get(Member.email == "sam@example.com")
    assert application.member_id == member.id and member.support_needs == "Step-free venue"
    assert Membership.get(Membership.member == member).panel_id == panel.id
    demographics = Demographics.get(Demographics.member == member)
    assert (demographics.age_band, demographics.disability) == ("65-74", "limited_a_lot")
    [mail] = decision_mail(application)
    assert mail.to_address == "sam@example.com" and "Welcome to the Transport Panel" in mail.subject
    assert "You bring experience of rural buses." in mail.text_body
    assert "http://127.0.0.1:5000/panel/sign-in" in mail.text_body and "/panel/sign-in" in mail.html_body
    event = AuditEvent.get(AuditEvent.action == "panel.application_decided")
    assert "sam@example.com" not in event.summary + event.details and "rural" not in event.details
    # Decided once: the page shows the decision and no form; posting again changes nothing.
    page = get(facilitator, f"/staff/panels/applications/{application.id}")
    assert page.find(id="decision") is None and "Reason given" in page.text
    submit(facilitator, f"/staff/panels/applications/{application.id}", {"decision": "declined", "reason": "x"})
    assert Application.get_by_id(application.id).status == "approved" and len(decision_mail(application)) == 1


def test_approval_reuses_the_member_with_that_address_and_rejoins(app):
    admin = signed_in(app, "administrator")
    first = create_panel("Transport Panel")
    second = create_panel("Libraries Panel")
    member = create_member(first, email="sam@example.com", name="Sam Jones")
    application = create_application(second, email="sam@example.com", consent=False)
    submit(admin, f"/staff/panels/applications/{application.id}", {"decision": "approved", "reason": "Welcome"})
    assert Member.select().count() == 1
    assert {m.panel_id for m in Membership.select().where(Membership.member == member)} == {first.id, second.id}
    assert Demographics.select().count() == 0  # no consent: nothing copied


def test_decline_and_waitlist_email_the_reason_and_waitlisted_can_be_decided_again(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    declined, waiting = create_application(panel, email="a@example.com"), create_application(panel, email="b@example.com")
    submit(facilitator, f"/staff/panels/applications/{declined.id}",
           {"decision": "declined", "reason": "The panel is for residents of Testshire."})
    [mail] = decision_mail(declined)
    assert "cannot offer you a place" in mail.text_body and "residents of Testshire" in mail.text_body
    assert "/panel/sign-in" not in mail.text_body
    assert Member.select().count() == 0
    submit(facilitator, f"/staff/panels/applications/{waiting.id}", {"decision": "waitlisted", "reason": "The panel is full."})
    assert "waiting list" in decision_mail(waiting)[0].subject
    queue = get(facilitator, "/staff/panels/applications")
    assert queue.link("Sam Jones").href == f"/staff/panels/applications/{waiting.id}"  # still waiting
    submit(facilitator, f"/staff/panels/applications/{waiting.id}", {"decision": "approved", "reason": "A place came up."})
    assert [m.subject.split(" ")[0] for m in decision_mail(waiting)] == ["You", "Welcome"]


def test_a_decision_needs_a_choice_and_a_reason_and_keeps_what_was_typed(app):
    admin = signed_in(app, "administrator")
    application = create_application(create_panel())
    url = f"/staff/panels/applications/{application.id}"
    page = parse(submit(admin, url, {"decision": "", "reason": "Half a thought"}).get_data(as_text=True))
    summary = page.find("div", cls="govuk-error-summary")
    assert summary.link("Select approve, decline or put on the waiting list").href == "#decision"
    assert page.by_id("reason").text == "Half a thought"
    page = parse(submit(admin, url, {"decision": "approved", "reason": "   "}).get_data(as_text=True))
    assert page.by_id("reason-error").text == "Error: Enter the reason for your decision"
    page = parse(submit(admin, url, {"decision": "promote", "reason": "x\x00"}).get_data(as_text=True))
    assert page.find("div", cls="govuk-error-summary") is not None
    assert Application.get_by_id(application.id).status == "pending" and not decision_mail(application)


def test_another_facilitators_panel_is_a_404_and_other_roles_are_refused(app):
    mine = signed_in(app, "panel_facilitator")
    other = signed_in(app, "panel_facilitator")
    panel = create_panel("Transport Panel", facilitators=[other.user])
    application = create_application(panel)
    for url in (f"/staff/panels/{panel.id}", f"/staff/panels/{panel.id}/edit",
                f"/staff/panels/{panel.id}/representativeness", f"/staff/panels/applications/{application.id}",
                "/staff/panels/99999999", "/staff/panels/applications/2147483647"):
        assert mine.get(url).status_code == 404, url
    token = csrf_token(mine, "/staff/panels/applications")
    response = mine.post(f"/staff/panels/applications/{application.id}",
                         data={"decision": "approved", "reason": "x", "csrf_token": token})
    assert response.status_code == 404 and Application.get_by_id(application.id).status == "pending"
    listing = get(mine, "/staff/panels/applications")
    assert "Sam Jones" not in listing.text and "Transport Panel" not in get(mine, "/staff/panels").text
    for role in ("complaints_officer", "service_lead", "analyst"):
        client = signed_in(app, role)
        for url in ("/staff/panels", "/staff/panels/applications", f"/staff/panels/{panel.id}",
                    "/staff/panels/population", f"/staff/panels/applications/{application.id}"):
            assert client.get(url).status_code == 403, (role, url)
    assert app.test_client().get("/staff/panels").status_code == 302  # sign in first


def test_a_panel_member_cannot_reach_staff_panel_pages(app):
    from tests.panels.members import sign_in_member

    panel = create_panel()
    client = app.test_client()
    sign_in_member(client, create_member(panel))
    assert client.get(f"/staff/panels/{panel.id}").status_code == 302
    assert "/staff/login" in client.get("/staff/panels").headers["Location"]


def test_creating_and_editing_a_panel_names_its_facilitators(app):
    facilitator = signed_in(app, "panel_facilitator")
    colleague = signed_in(app, "panel_facilitator")
    response = submit(facilitator, "/staff/panels/new", {
        "name": "Accessibility Panel", "summary": "Residents who test our services.",
        "how_to_join": "Anyone can apply.", "accepting": "yes", "facilitators": [str(colleague.user.id)]})
    assert response.status_code == 302
    panel = Panel.get(Panel.name == "Accessibility Panel")
    assert panel.slug == "accessibility-panel" and panel.accepting_applications
    named = {row.user_id for row in PanelFacilitator.select().where(PanelFacilitator.panel == panel)}
    assert named == {facilitator.user.id, colleague.user.id}  # the creator always runs it
    assert get(colleague, f"/staff/panels/{panel.id}").find("h1").text == "Accessibility Panel"
    url = f"/staff/panels/{panel.id}/edit"
    edit = get(facilitator, url)
    assert edit.by_id("name").attrs["value"] == "Accessibility Panel"
    submit(facilitator, url, {"name": "Access Panel", "summary": "New words.", "how_to_join": "Apply online.",
                              "accepting": "no", "facilitators": [str(facilitator.user.id)]})
    panel = Panel.get_by_id(panel.id)
    assert (panel.name, panel.slug, panel.accepting_applications) == ("Access Panel", "accessibility-panel", False)
    assert colleague.get(f"/staff/panels/{panel.id}").status_code == 404
    page = parse(submit(facilitator, url, {"name": "", "summary": "Kept words", "how_to_join": "x",
                                            "accepting": "yes", "facilitators": ["999", "abc"]}).get_data(as_text=True))
    assert page.by_id("name-error") is not None and page.by_id("summary").text == "Kept words"
    refused = parse(submit(facilitator, url, {"name": "Access Panel", "summary": "a", "how_to_join": "b",
                                              "accepting": "yes", "facilitators": []}).get_data(as_text=True))
    assert "You cannot remove yourself" in refused.find("div", cls="govuk-error-summary").text


def test_the_panel_page_shows_members_waiting_applications_and_proposals(app):
    admin = signed_in(app, "administrator")
    panel = create_panel("Transport Panel")
    create_member(panel, name="Priya Shah", support_needs="Hearing loop")
    left = create_member(panel, name="Former Person")
    Membership.update(left_at=left.created_at).where(Membership.member == left).execute()
    application = create_application(panel, name="Jo Bloggs")
    create_proposal(panel, title="Move the 42 bus stop")
    page = get(admin, f"/staff/panels/{panel.id}")
    assert "Priya Shah" in page.text and "Hearing loop" in page.text and "Former Person" not in page.text
    assert page.link("Jo Bloggs").href == f"/staff/panels/applications/{application.id}"
    assert "Move the 42 bus stop" in page.text
    home = get(admin, "/staff/")
    assert home.link("Customer panels: applications, members, proposals and how well each panel reflects residents")
