"""Staff post a proposal to a panel: the form, its errors, the feedback that led to it (themes,
the complaints count for the evidence period from the query layer, actions), and opening it
for views, which notifies every current member."""
import datetime

from app.audit.models import AuditEvent
from app.learning.models import ItemTopic, Topic
from panels.proposals.models import Notification, Proposal, ProposalAction, ProposalTopic
from reports.queries import refresh
from tests.cases.pages import signed_in
from tests.factories import create_action, create_feedback, create_member, create_panel, create_proposal, service
from tests.html import parse
from tests.panels.proposals.helpers import date_fields, get, proposal_form
from tests.web import submit

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def complaints_about(theme, count, day, service_slug="libraries"):
    for _ in range(count):
        item = create_feedback(kind="complaint", service_slug=service_slug, text="Closed again.",
                               received_at=datetime.datetime.combine(day, datetime.time(12)))
        ItemTopic.create(item=item, topic=Topic.get(Topic.key == theme), source="officer", head="theme")


def test_a_facilitator_posts_a_draft_with_themes_counts_actions_and_questions(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    complaints_about("delay", 3, datetime.date(2026, 3, 10))
    complaints_about("delay", 1, datetime.date(2026, 4, 10))  # outside the period
    complaints_about("delay", 2, datetime.date(2026, 3, 12), service_slug="highways")  # another service
    refresh(full=True)
    action = create_action(title="Extend Saturday hours", service_slug="libraries",
                           public_summary="We opened libraries for longer on Saturdays.")
    delay = Topic.get(Topic.key == "delay")
    url = f"/staff/panels/{panel.id}/proposals/new"
    get(facilitator, url)
    data = proposal_form(service("libraries").id, topics=[str(delay.id)], actions=[str(action.id)],
                         question_2="What else should we know?",
                         **date_fields("evidence_start", MARCH[0]), **date_fields("evidence_end", MARCH[1]))
    response = submit(facilitator, url, data)
    proposal = Proposal.get(Proposal.title == "Open Oakhurst library on Sundays")
    assert response.headers["Location"].endswith(f"/staff/panels/proposals/{proposal.id}")
    assert proposal.status == "draft" and proposal.panel_id == panel.id
    assert [q.text for q in proposal.questions] == ["Which hours suit you?", "What else should we know?"]
    assert ProposalTopic.get(ProposalTopic.proposal == proposal).topic_id == delay.id
    assert ProposalAction.get(ProposalAction.proposal == proposal).action_id == action.id
    page = parse(get(facilitator, f"/staff/panels/proposals/{proposal.id}"))
    row = page.by_id("evidence-counts").find("tbody").find("tr")
    assert row.text.startswith(delay.name) and row.find_all("td")[0].text == "3"
    assert "Extend Saturday hours" in page.by_id("evidence-actions").text
    assert AuditEvent.select().where(AuditEvent.action == "panels.proposal_created").count() == 1


def test_the_closing_date_must_be_a_real_date_in_the_future_and_nothing_typed_is_lost(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    url = f"/staff/panels/{panel.id}/proposals/new"
    today = datetime.date.today()
    for closes, message in ((today, "The closing date must be in the future"),
                            (today - datetime.timedelta(days=3), "The closing date must be in the future")):
        response = submit(facilitator, url, proposal_form(service("libraries").id, **date_fields("closes_on", closes)))
        html = response.get_data(as_text=True)
        page = parse(html)
        assert response.status_code == 200 and "<title>Error:" in html
        assert page.find("div", cls="govuk-error-summary").link(message).href == "#closes_on_day"
        assert page.by_id("what_would_change").text == "Oakhurst library would open 1pm to 4pm."
    response = submit(facilitator, url, proposal_form(service("libraries").id, closes_on_day="31", closes_on_month="2"))
    assert "The closing date must be a real date" in response.get_data(as_text=True)
    response = submit(facilitator, url, proposal_form(service("libraries").id, title=""))
    assert parse(response.get_data(as_text=True)).by_id("title-error").text == "Error: Enter a title for the proposal"
    assert Proposal.select().count() == 0


def test_service_leads_post_for_their_own_services_only_and_others_get_404(app):
    lead = signed_in(app, "service_lead", services=["libraries"])
    panel = create_panel()
    url = f"/staff/panels/{panel.id}/proposals/new"
    response = submit(lead, url, proposal_form(service("highways").id))
    assert "Choose a service you look after" in response.get_data(as_text=True)
    assert submit(lead, url, proposal_form(service("libraries").id)).status_code == 302
    theirs = create_proposal(panel, service=service("highways"))
    assert lead.get(f"/staff/panels/proposals/{theirs.id}").status_code == 404
    outsider = signed_in(app, "panel_facilitator")  # not named on this panel
    assert outsider.get(url).status_code == 404
    assert outsider.get(f"/staff/panels/proposals/{theirs.id}").status_code == 404
    assert signed_in(app, "complaints_officer").get(url).status_code == 403


def test_opening_for_views_notifies_every_current_member_once(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    staying, leaving = create_member(panel), create_member(panel)
    from panels.models import Membership
    Membership.update(left_at=datetime.datetime(2026, 1, 1)).where(Membership.member == leaving).execute()
    other_panel_member = create_member(create_panel(name="Accessibility Panel"))
    proposal = create_proposal(panel, status="draft", service=service("libraries"))
    url = f"/staff/panels/proposals/{proposal.id}"
    assert parse(get(facilitator, url)).find("button", where=lambda b: b.text == "Open for views") is not None
    response = submit(facilitator, f"{url}/open", {})
    assert response.status_code == 302
    assert Proposal.get_by_id(proposal.id).status == "open"
    notified = [n.member_id for n in Notification.select().where(Notification.kind == "proposal")]
    assert notified == [staying.id]
    assert other_panel_member.id not in notified
    submit(facilitator, f"{url}/open", {})  # a second press changes nothing
    assert Notification.select().count() == 1


def test_an_open_proposal_can_be_changed_but_its_questions_stay_and_a_decided_one_cannot(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    proposal = create_proposal(panel, service=service("libraries"), questions=("Which hours suit you?",))
    url = f"/staff/panels/proposals/{proposal.id}/edit"
    page = parse(get(facilitator, url))
    assert page.by_id("title").attrs["value"] == proposal.title
    assert page.by_id("closes_on_day").attrs["value"] == str(proposal.closes_on.day)
    assert "The questions cannot change once the proposal is open." in page.text
    later = proposal.closes_on + datetime.timedelta(days=7)
    response = submit(facilitator, url, proposal_form(service("libraries").id, title="Sunday opening at Oakhurst",
                                                      question_1="Sneaky new question",
                                                      **date_fields("closes_on", later)))
    assert response.status_code == 302
    changed = Proposal.get_by_id(proposal.id)
    assert (changed.title, changed.closes_on) == ("Sunday opening at Oakhurst", later)
    assert [q.text for q in changed.questions] == ["Which hours suit you?"]
    decided = create_proposal(panel, status="decided", service=service("libraries"))
    assert facilitator.get(f"/staff/panels/proposals/{decided.id}/edit").status_code == 404


def test_pages_link_to_the_results_and_the_outcome(app):
    from tests.panels.proposals.helpers import member_client

    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    member = create_member(panel)
    decided = create_proposal(panel, status="decided", service=service("libraries"), decision="We will open.")
    still_open = create_proposal(panel, service=service("libraries"))
    staff_page = parse(get(facilitator, f"/staff/panels/proposals/{decided.id}"))
    assert staff_page.link("Results and decision").href == f"/staff/panels/proposals/{decided.id}/results"
    member_page = parse(get(member_client(app, member), f"/panel/proposals/{decided.id}"))
    assert member_page.by_id("outcome-link").href == f"/panel/proposals/{decided.id}/outcome"
    assert member_page.find("textarea") is None
    open_page = parse(get(member_client(app, member), f"/panel/proposals/{still_open.id}"))
    assert open_page.find(id="outcome-link") is None
