"""Done when: a complaint sent through the public /feedback form goes through acknowledgement,
extension, a pause, the stage 1 response, escalation by the resident's own link (read from the
email in the outbox), the stage 2 response and closure, all through the pages, with every
deadline the case page shows checked against dates worked out by hand.

The dates run over Christmas and New Year 2025 in England: Thursday 25 and Friday 26 December
and Thursday 1 January are bank holidays. Time is set by replacing the clock of the public
form's service (`app.feedback.services.utcnow`, only while the complaint is sent) and the
casework clock (`utcnow` as read by app.cases.rules, which every case service and the case
page use, and by app.cases.clocks). Nothing else is faked: the database, the queue and the
outbox are the real ones.
"""
import datetime
import re

from app.cases.models import Case, CaseActionLink, CaseStage
from app.feedback import services as feedback_services
from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from tests.cases.pages import deadlines_shown, signed_in, text_of
from tests.feedback.journey import COMPLAINT, reference_in, send
from tests.web import h1_count, submit, title_starts_with_h1


def at(day, hour=10):
    """A moment on a London date (GMT in winter, so the same as UTC)."""
    return datetime.datetime(day.year, day.month, day.day, hour, 0)


D = datetime.date
RECEIVED = D(2025, 12, 12)  # Friday

# What the deadline table of the case page must say on each day, worked out by hand.
# (stage, what): (due date, where it is)
STEPS = {
    # Received on Friday 12 December: acknowledge within 5 working days, Mon 15 .. Fri 19.
    "received": (D(2025, 12, 12), {
        (1, "acknowledge"): ("19 December 2025", "due in 5 working days")}),
    "before acknowledging": (D(2025, 12, 17), {
        (1, "acknowledge"): ("19 December 2025", "due in 2 working days")}),
    # Acknowledged on Wednesday 17 December: respond within 10 working days, skipping
    # Christmas Day, Boxing Day and New Year's Day: Thu 18, Fri 19, Mon 22, Tue 23, Wed 24,
    # Mon 29, Tue 30, Wed 31, Fri 2 Jan, Mon 5 Jan.
    "acknowledged": (D(2025, 12, 17), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("5 January 2026", "due in 10 working days")}),
    # Extended by 5 working days on Monday 22 December: Tue 6 .. Mon 12 January.
    # From Mon 22 Dec: 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7, 8, 9, 12 Jan = 12 working days.
    "extended": (D(2025, 12, 22), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("12 January 2026", "due in 12 working days")}),
    # Paused on Tuesday 23 December, waiting for the resident's photos. While it is paused the
    # page says when the response would be due if the clock restarted today: on Monday 29
    # December the clock has stood still on Tue 23 and Wed 24 (25 and 26 are bank holidays),
    # so 12 January + 2 working days = Wednesday 14 January.
    "paused": (D(2025, 12, 29), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("14 January 2026, if the clock restarts today", "paused since 23 December 2025")}),
    # Restarted on Friday 2 January: the clock stood still on the working days from 23 December
    # up to 2 January: 23, 24, 29, 30, 31 December = 5 (25, 26 December and 1 January are bank
    # holidays). 12 January + 5 working days = Monday 19 January; from 2 January that is
    # 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 19 = 11 working days away.
    "restarted": (D(2026, 1, 2), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "due in 11 working days")}),
    "due soon": (D(2026, 1, 16), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "due in 1 working day")}),
    # Stage 1 response sent on Friday 16 January.
    # The resident asks for stage 2 on Monday 19 January: acknowledge by Monday 26 January.
    "escalated": (D(2026, 1, 19), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "met on 16 January 2026"),
        (2, "acknowledge"): ("26 January 2026", "due in 5 working days")}),
    # Not acknowledged by Wednesday 28 January: Tue 27 and Wed 28 late.
    "stage 2 late": (D(2026, 1, 28), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "met on 16 January 2026"),
        (2, "acknowledge"): ("26 January 2026", "2 working days overdue")}),
    # Acknowledged (late) on Wednesday 28 January: respond within 20 working days,
    # Thu 29 January .. Wed 25 February.
    "stage 2 acknowledged": (D(2026, 1, 28), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "met on 16 January 2026"),
        (2, "acknowledge"): ("26 January 2026", "met on 28 January 2026 (late)"),
        (2, "respond"): ("25 February 2026", "due in 20 working days")}),
    # Stage 2 response on Monday 23 February, closed on Tuesday 24 February.
    "closed": (D(2026, 2, 24), {
        (1, "acknowledge"): ("19 December 2025", "met on 17 December 2025"),
        (1, "respond"): ("19 January 2026", "met on 16 January 2026"),
        (2, "acknowledge"): ("26 January 2026", "met on 28 January 2026 (late)"),
        (2, "respond"): ("25 February 2026", "met on 23 February 2026")}),
}


def link(html, text):
    """The href of the link whose text is `text` (as a person would click it)."""
    match = re.search(rf'<a class="govuk-link" href="([^"]+)">{re.escape(text)}</a>', html)
    assert match, f"no link {text!r} on the page"
    return match.group(1)


class CasePage:
    """The officer's view of the case, checked against STEPS at every look."""

    def __init__(self, client, case_id, clock):
        self.client, self.url, self.clock = client, f"/staff/cases/{case_id}", clock

    def check(self, step, client=None):
        day, expected = STEPS[step]
        self.clock(at(day, 17))
        response = (client or self.client).get(self.url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and h1_count(html) == 1 and title_starts_with_h1(html)[0]
        assert deadlines_shown(html) == expected, step
        return html

    def act(self, step_day, link_text, data, client=None, hour=11):
        """Follow the case page's link for an action and send its form on `step_day`."""
        client = client or self.client
        self.clock(at(step_day, hour))
        url = link(client.get(self.url).get_data(as_text=True), link_text)
        response = submit(client, url, data)
        assert response.status_code == 302, (link_text, text_of(response.get_data(as_text=True))[:1500])
        assert response.headers["Location"].endswith(self.url)
        return response


def outbox(purpose):
    return OutboxMessage.select().where(OutboxMessage.purpose == purpose).order_by(OutboxMessage.id.desc()).first()


def test_a_complaint_from_the_web_form_to_closure_with_every_deadline_checked(app, client, clock,
                                                                                monkeypatch):
    # The resident sends a complaint on Friday 12 December 2025 through the public form.
    monkeypatch.setattr(feedback_services, "utcnow", lambda: at(RECEIVED, 14))
    html = send(client, COMPLAINT, when={"day": "1", "month": "12", "year": "2025"})
    monkeypatch.undo()
    reference = reference_in(html)
    item = FeedbackItem.get(FeedbackItem.reference == reference)
    case = Case.get(Case.reference == reference)  # every complaint opens a case
    assert item.received_at == at(RECEIVED, 14) and case.received_at == item.received_at

    officer, reviewer = signed_in(app, name="Olive Officer"), signed_in(app, name="Rita Reviewer")
    officer_user, reviewer_user = officer.user, reviewer.user
    clock(at(RECEIVED, 15))
    queue = officer.get("/staff/cases?queue=unassigned").get_data(as_text=True)
    assert reference in queue
    page = CasePage(officer, case.id, clock)
    html = page.check("received")
    assert html.index("The pothole on Mill Lane is still there.") < html.index('id="deadlines"')

    page.check("before acknowledging")
    page.act(D(2025, 12, 15), "Assign", {"assignee": str(officer_user.id)})
    page.act(D(2025, 12, 17), "Acknowledge the complaint", {"understanding": "The pothole on Mill Lane"})
    page.check("acknowledged")
    assert "Monday 5 January 2026" in outbox("case_acknowledgement").text_body

    page.act(D(2025, 12, 22), "Extend the time to respond",
             {"days": "5", "reason": "The highways contractor is closed over Christmas"})
    page.check("extended")
    assert "Monday 12 January 2026" in outbox("case_extension").text_body

    page.act(D(2025, 12, 23), "Pause the clock", {"reason": "Waiting for photos of the tyre"})
    html = page.check("paused")
    assert "Waiting for the resident" in html
    page.act(D(2026, 1, 2), "Restart the clock", {})
    page.check("restarted")
    page.act(D(2026, 1, 5), "Log a call", {"direction": "in", "text": "Photos are on their way"})
    page.check("due soon")

    page.act(D(2026, 1, 16), "Send the response", {
        "points-0-point": "The pothole was reported twice and not fixed", "points-0-decision": "upheld",
        "points-0-reasons": "Both reports were missed", "points-1-point": "The tyre should be paid for",
        "points-1-decision": "partly_upheld", "points-1-reasons": "We pay half: the hole was marked",
        "points-2-point": "", "points-2-reasons": "", "remedy_apology": "y",
        "remedy_action": "The hole was filled on 14 January", "remedy_financial": "50"})
    response_email = outbox("case_stage1_response")
    assert "stage 1" in response_email.text_body and "Partly upheld" in response_email.text_body

    # The resident follows the link in the stage 1 response email on Monday 19 January.
    escalate = re.search(r"https?://[^/\s]+(/complaint/escalate/\S+)", response_email.text_body).group(1)
    clock(at(D(2026, 1, 19), 9))
    form = client.get(escalate)
    assert form.status_code == 200
    field = re.search(r'<textarea[^>]*name="([^"]+)"', form.get_data(as_text=True)).group(1)
    sent = submit(client, escalate, {field: "The road is fine now but half a tyre is not enough.", "website": ""})
    assert sent.status_code == 302 and "/sent" in sent.headers["Location"], sent.status_code
    assert Case.get_by_id(case.id).stage == 2
    page.check("escalated")
    page.check("stage 2 late")

    page.act(D(2026, 1, 28), "Choose the stage 2 reviewer", {"reviewer": str(reviewer_user.id)}, hour=9)
    page.act(D(2026, 1, 28), "Acknowledge the stage 2 request", {}, client=reviewer)
    page.check("stage 2 acknowledged")
    assert "Wednesday 25 February 2026" in outbox("case_stage2_acknowledgement").text_body

    page.act(D(2026, 2, 23), "Send the final (stage 2) response", {
        "points-0-point": "Half the cost of the tyre is not enough", "points-0-decision": "not_upheld",
        "points-0-reasons": "The hole was marked with cones", "points-1-point": "", "points-1-reasons": "",
        "points-2-point": "", "points-2-reasons": "", "ombudsman": "lgsco"}, client=reviewer)
    final = outbox("case_stage2_response")
    assert "Local Government and Social Care Ombudsman" in final.text_body

    page.act(D(2026, 2, 24), "Close the case", {
        "outcome": "partly_upheld", "remedy_apology": "y", "remedy_action": "Filled the hole",
        "remedy_financial": "£50.00", "root_cause": "delay",
        "lessons_learnt": "Two reports of the same pothole were not joined up",
        "actions": "Join up repeat reports of the same defect"}, client=reviewer)
    html = page.check("closed")
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome, case.root_cause, case.remedy_financial_pence) == (
        "closed", "partly_upheld", "delay", 5000)
    assert case.closed_at == at(D(2026, 2, 24), 11)
    assert [a.description for a in CaseActionLink.select().where(CaseActionLink.case == case)] == [
        "Join up repeat reports of the same defect"]
    stage1, stage2 = CaseStage.select().where(CaseStage.case == case).order_by(CaseStage.number)
    assert stage2.handler_id == reviewer_user.id and stage1.handler_id == officer_user.id
    assert (stage1.extension_days, stage1.acknowledged_at, stage2.started_at) == (
        5, at(D(2025, 12, 17), 11), at(D(2026, 1, 19), 9))

    # The timeline told the whole story, newest first.
    timeline = text_of(html[html.index('id="timeline"'):html.index('id="classification"')])
    story = ["Closed", "Stage 2 response sent", "Stage 2 acknowledged", "Stage 2 reviewer",
             "Stage 2 review requested", "Stage 1 response sent", "Call logged", "Clock restarted",
             "Clock paused", "Stage 1 extended by 5 working days", "Stage 1 acknowledged",
             "Assigned to Olive Officer", "Complaint received by web form"]
    positions = [timeline.index(words) for words in story]
    assert positions == sorted(positions)
