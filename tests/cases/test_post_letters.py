"""Letters to post, as an officer meets them: a resident who asked for post gets every letter as
a letter to post (recorded once); the "Letters to print" queue with its count in the case
queues' navigation; a printable A4 PDF per letter (the council's address, the resident's
address where a DL window shows it, date, reference, text, page numbers when it runs over),
all waiting letters as one PDF; and "Mark as posted" (who, when, audited, on the timeline)."""
import datetime
import re
import shutil
import subprocess

import pytest

from app.audit.models import AuditEvent
from app.cases import letters, services, stages, timeline
from app.cases.post.models import PostalLetter
from app.mail.models import OutboxMessage
from tests.cases.pages import page, signed_in
from tests.factories import create_feedback, create_person_by_post
from tests.html import main_text

RECEIVED = datetime.datetime(2026, 3, 2, 10, 0)
MM = 72 / 25.4  # points in a millimetre
WINDOW = {"x": 20 * MM, "y": 45 * MM, "W": 85 * MM, "H": 36 * MM}  # the DL window, from the top left


@pytest.fixture
def poppler():
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils is not installed (tools/ensure-test-deps.sh installs it)")


@pytest.fixture
def officer_client(app):
    return signed_in(app, name="Olive Officer")


def post_case(name="Pat Post", **person):
    resident = create_person_by_post(name=name, **person)
    return services.case_of(create_feedback(person=resident, received_at=RECEIVED))


def pdf_text(tmp_path, data, *crop, layout=False):
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    area = [arg for name, value in crop for arg in (f"-{name}", str(int(value)))]
    command = ["pdftotext", *(["-layout"] if layout else []), *area, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pages_of(tmp_path, data):
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def test_every_letter_to_a_post_resident_is_a_letter_to_post_recorded_once(app, officer_client):
    case = post_case()
    officer = officer_client.user
    stages.acknowledge(case, understanding="The pothole on Mill Lane", actor=officer, at=RECEIVED)
    for _ in range(2):
        letters.holding(case, "We have asked the contractor.", actor=officer, at=RECEIVED)
    assert OutboxMessage.select().count() == 0
    first, second = PostalLetter.select().order_by(PostalLetter.id)
    assert (first.case_id, first.template, first.name) == (case.id, "case_acknowledgement", "Acknowledgement")
    assert (second.template, second.name) == ("case_holding", "Holding letter")
    assert first.key == f"case:{case.id}:stage1:acknowledgement" and first.waiting
    assert first.recipient_name == "Pat Post"
    assert first.address_lines == ["12 Mill Lane", "Upper Town", "Banbury", "OX16 5AB"]
    assert "The pothole on Mill Lane" in first.text and case.reference in first.text
    assert "write to us or phone us" in first.text and "reply to this email" not in first.text
    assert "/track" not in first.text  # no email or phone: /track cannot find it for them
    events = timeline.events(case, ["email_out"])
    assert [e.id for e in events] == [first.event_id, second.event_id]
    assert events[0].summary.startswith("Letter to post: Acknowledgement")
    assert letters.send(case, "case_acknowledgement", {}, key="stage1:acknowledgement").id == first.event_id
    assert PostalLetter.select().count() == 2


def test_the_queue_lists_waiting_letters_with_a_count_in_the_navigation(app, officer_client):
    case = post_case()
    stages.acknowledge(case, actor=officer_client.user, at=RECEIVED)
    html = officer_client.get("/staff/cases?queue=all").get_data(as_text=True)
    assert "Letters to print (1)" in main_text(html)
    html = officer_client.get("/staff/cases/letters").get_data(as_text=True)
    text = main_text(html)
    assert "1 letter waiting to be printed" in text
    assert f"{case.reference} Acknowledgement Pat Post OX16 5AB" in text
    letter = PostalLetter.get()
    assert f'href="/staff/cases/letters/{letter.id}.pdf"' in html
    assert 'aria-current="page">Letters to print' in html and "Print the waiting letter (PDF)" in text


def test_service_leads_do_not_print_letters(app):
    post_case()
    lead = signed_in(app, role="service_lead", services=["highways"])
    assert lead.get("/staff/cases/letters").status_code == 403
    assert "Letters to print" not in lead.get("/staff/cases").get_data(as_text=True)


def test_a_letter_prints_for_a_dl_window_envelope(app, officer_client, poppler, tmp_path):
    app.config["HEARD"] = app.config["HEARD"].with_overrides(
        council_address="Town Hall\nBridge Street\nBanbury\nOX16 5QB")
    case = post_case()
    stages.acknowledge(case, understanding="The pothole on Mill Lane", actor=officer_client.user,
                       at=RECEIVED)
    letter = PostalLetter.get()
    response = officer_client.get(f"/staff/cases/letters/{letter.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert pages_of(tmp_path, response.data) == 1
    text = " ".join(pdf_text(tmp_path, response.data).split())
    for words in ("Testshire County Council Town Hall Bridge Street Banbury OX16 5QB",
                  f"Our reference: {case.reference}", "Date: 2 March 2026",
                  "What we understand your complaint to be The pothole on Mill Lane"):
        assert words in text, words
    assert "page 1 of" not in text  # one page: no page numbers
    window = pdf_text(tmp_path, response.data, *WINDOW.items())
    lines = [line.strip() for line in window.splitlines() if line.strip()]
    assert lines[0].startswith("If undelivered, return to: Testshire County Council")
    assert lines[1:] == ["Pat Post", "12 Mill Lane", "Upper Town", "Banbury", "OX16 5AB"]
    assert AuditEvent.select().where(AuditEvent.action == "case.viewed",
                                     AuditEvent.object_id == str(case.id)).count() == 1


def test_a_long_letter_has_page_numbers(app, officer_client, poppler, tmp_path):
    case = post_case()
    message = "\n\n".join(f"Paragraph {n}: " + "we are still checking the repair records. " * 8
                          for n in range(30))
    letters.holding(case, message, actor=officer_client.user)
    response = officer_client.get(f"/staff/cases/letters/{PostalLetter.get().id}.pdf")
    pages = pages_of(tmp_path, response.data)
    text = " ".join(pdf_text(tmp_path, response.data).split())
    assert pages >= 2 and f"Reference {case.reference} – page {pages} of {pages}" in text
    assert "Paragraph 0:" in text and "Paragraph 29:" in text


def test_all_waiting_letters_print_as_one_pdf(app, officer_client, poppler, tmp_path):
    first, second = post_case("Pat Post"), post_case("Sam Sender")
    for case in (first, second):
        stages.acknowledge(case, actor=officer_client.user, at=RECEIVED)
    response = officer_client.get("/staff/cases/letters/print.pdf")
    assert response.status_code == 200 and pages_of(tmp_path, response.data) == 2
    text = " ".join(pdf_text(tmp_path, response.data).split())
    assert text.index(first.reference) < text.index(second.reference)
    assert "Pat Post" in text and "Sam Sender" in text
    assert AuditEvent.get(AuditEvent.action == "case.letters_printed").details  # which letters


def test_nothing_to_print_says_so(app, officer_client):
    response = officer_client.get("/staff/cases/letters/print.pdf")
    assert response.status_code == 302
    html = officer_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "No letters are waiting to be printed" in main_text(html)
    assert officer_client.get("/staff/cases/letters/99999.pdf").status_code == 404
    assert officer_client.get("/staff/cases/letters/99999999999999.pdf").status_code == 404


def _post_form(client, url, data):
    from tests.web import csrf_token

    return client.post(url, data=dict(data, csrf_token=csrf_token(client, "/staff/cases/letters")))


def test_marking_letters_as_posted_from_the_queue(app, officer_client):
    first, second = post_case("Pat Post"), post_case("Sam Sender")
    for case in (first, second):
        stages.acknowledge(case, actor=officer_client.user, at=RECEIVED)
    one, two = PostalLetter.select().order_by(PostalLetter.id)
    response = _post_form(officer_client, "/staff/cases/letters/posted", {"letter": [str(one.id)]})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/cases/letters")
    html = officer_client.get("/staff/cases/letters").get_data(as_text=True)
    assert "1 letter marked as posted." in main_text(html) and "Letters to print (1)" in main_text(html)
    one, two = PostalLetter.get_by_id(one.id), PostalLetter.get_by_id(two.id)
    assert one.posted_at is not None and one.posted_by_id == officer_client.user.id and two.waiting
    [event] = timeline.events(first, ["letter_posted"])
    assert event.summary == "Letter posted: Acknowledgement" and event.actor_id == officer_client.user.id
    audit = AuditEvent.get(AuditEvent.action == "case.letter_posted")
    assert audit.object_id == str(first.id) and audit.actor_id == officer_client.user.id
    _post_form(officer_client, "/staff/cases/letters/posted", {"letter": [str(one.id)]})  # again
    assert len(timeline.events(first, ["letter_posted"])) == 1


def test_marking_nothing_is_a_clear_error(app, officer_client):
    post_case()
    response = _post_form(officer_client, "/staff/cases/letters/posted", {"letter": ["x"]})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "Select the letters you have posted" in html
    assert 'href="#letter"' in html


def test_the_case_page_shows_its_letters_to_post_and_marks_one_posted(app, officer_client):
    case = post_case()
    stages.acknowledge(case, actor=officer_client.user, at=RECEIVED)
    letter = PostalLetter.get()
    html = page(officer_client, case)
    text = main_text(html)
    assert "Letters to post" in text and "Acknowledgement" in text and "Waiting to be printed" in text
    assert "Pat Post 12 Mill Lane Upper Town Banbury OX16 5AB Prefers: post" in text  # where it goes
    assert re.search(r"Letter to post: Acknowledgement \(.*?\) Letter to post \d", text)  # timeline tag
    assert html.count(f'href="/staff/cases/letters/{letter.id}.pdf"') == 2  # the table, the timeline
    assert "Read the letter" in text
    response = _post_form(officer_client, "/staff/cases/letters/posted",
                          {"letter": str(letter.id), "back": str(case.id)})
    assert response.headers["Location"].endswith(f"/staff/cases/{case.id}#letters")
    text = main_text(page(officer_client, case))
    assert "Posted" in text and "by Olive Officer" in text and "Waiting to be printed" not in text
