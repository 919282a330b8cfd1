"""Case emails and letters in the resident's language: a Welsh resident's complaint, from the
acknowledgement through the stage 1 response to the closing letter, by email and as a letter to
post (its PDF read back with pdftotext); an English resident's stays English. What the officer
wrote stays as written; the outcome, the remedy and the Ombudsman are translated."""
import shutil
import subprocess

import pytest

from app.cases import closing, letters, stages
from app.cases.models import EXCLUSIONS, OMBUDSMEN, OTHER_OUTCOMES, OUTCOMES, Case
from app.cases.post.models import PostalLetter
from app.mail.models import OutboxMessage
from app.people.models import Person
from tests.cases.pages import signed_in
from tests.cases.stage_helpers import complaint_case, on
from tests.factories import create_person, create_person_by_post
from tests.i18n.test_journey import english_sentences

POINTS = [{"point": "Ni chasglwyd y bin", "decision": "upheld", "reasons": "Methodd y criw y ffordd"},
          {"point": "Roedd y gyrrwr yn anghwrtais", "decision": "not_upheld",
           "reasons": "Mae’r camera’n dangos fel arall"}]


@pytest.fixture
def settings_overrides(settings_overrides):
    """Casework intake connected, as in tests/cases (a complaint opens its case)."""
    return dict(settings_overrides, intake_listeners=("cases",))


def welsh(person):
    Person.update(language="cy").where(Person.id == person.id).execute()
    return Person.get_by_id(person.id)


def mail(purpose):
    return list(OutboxMessage.select().where(OutboxMessage.purpose == purpose).order_by(OutboxMessage.id))


def english_in(text):
    flat = " ".join(text.split())
    return sorted(sentence for sentence in english_sentences() if sentence in flat)


def run_complaint(person, officer):
    case = complaint_case(person)
    stages.acknowledge(case, understanding="Ni chasglwyd y bin", actor=officer, at=on(3))
    stages.respond(Case.get_by_id(case.id), POINTS, remedy_apology=True, remedy_financial_pence=2500,
                   outstanding_actions="Byddwn yn gwagio’r bin ddydd Llun", actor=officer, at=on(10))
    case = Case.get_by_id(case.id)
    closing.close(case, "partly_upheld", root_cause="process", actions=["Ychwanegu’r ffordd at lwybr y criw"],
                  actor=officer, at=on(12))
    return Case.get_by_id(case.id)


def test_a_welsh_residents_case_emails_are_in_welsh(app):
    officer = signed_in(app, name="Olive Officer").user
    case = run_complaint(welsh(create_person(email="rhian@example.com", name="Rhian")), officer)
    [ack] = mail("case_acknowledgement")
    [response], [closed] = mail("case_stage1_response"), mail("case_closing")
    assert ack.subject == f"Rydym yn ymchwilio i’ch cwyn – cyfeirnod {case.reference}"
    assert response.subject == f"Ein hymateb cam 1 i’ch cwyn – cyfeirnod {case.reference}"
    assert closed.subject == f"Mae eich cwyn wedi’i chau – cyfeirnod {case.reference}"
    ack_text = " ".join(ack.text_body.split())
    assert "Helo Rhian," in ack_text and "erbyn Dydd Mawrth 17 Mawrth 2026" in ack_text
    response_text = " ".join(response.text_body.split())
    for words in ("rydym wedi penderfynu bod eich cwyn wedi’i chadarnhau’n rhannol.",
                  "Ein penderfyniad: Wedi’i chadarnhau", "Ein penderfyniad: Heb ei chadarnhau",
                  "Pam: Methodd y criw y ffordd", "Byddwn yn talu £25 i chi.",
                  "Byddwn yn gwagio’r bin ddydd Llun", "/complaint/escalate/"):
        assert words in response_text, words
    closed_text = " ".join(closed.text_body.split())
    for words in ("Yng ngham 1, roedd eich cwyn wedi’i chadarnhau’n rhannol.",
                  "Gwnaethom ymddiheuro am yr hyn aeth o’i le.", "Rydym yn talu £25 i chi.",
                  "- Ychwanegu’r ffordd at lwybr y criw",
                  "ymateb cam 1 dyddiedig Dydd Mawrth 10 Mawrth 2026"):
        assert words in closed_text, words
    for message in (ack, response, closed):
        assert not english_in(message.text_body), (message.purpose, english_in(message.text_body))
        assert not english_in(message.html_body), (message.purpose, english_in(message.html_body))
        assert '<html lang="cy">' in message.html_body
    assert "<strong>hymateb cam 1</strong>" in response.html_body
    assert "<strong>wedi’i chadarnhau’n rhannol</strong>" in response.html_body


def test_an_english_residents_case_emails_stay_in_english(app):
    officer = signed_in(app, name="Olive Officer").user
    case = run_complaint(create_person(email="rita@example.com", name="Rita"), officer)
    [response], [closed] = mail("case_stage1_response"), mail("case_closing")
    assert response.subject == f"Our stage 1 response to your complaint – reference {case.reference}"
    assert "we have decided that your complaint is partly upheld." in " ".join(response.text_body.split())
    assert "Your complaint was partly upheld at stage 1." in " ".join(closed.text_body.split())
    assert "We apologised for what went wrong." in closed.text_body and "Helo" not in closed.text_body


@pytest.fixture
def poppler():
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (tools/ensure-test-deps.sh installs it)")


def test_a_welsh_residents_letter_to_post_prints_in_welsh(app, poppler, tmp_path):
    officer_client = signed_in(app, name="Olive Officer")
    run_complaint(welsh(create_person_by_post(name="Rhian Post")), officer_client.user)
    found = {letter.template: letter for letter in PostalLetter.select()}
    assert set(found) >= {"case_acknowledgement", "case_stage1_response", "case_closing"}
    assert not OutboxMessage.select().where(OutboxMessage.purpose.startswith("case_")).count()
    response = officer_client.get(f"/staff/cases/letters/{found['case_stage1_response'].id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for words in ("Dyddiad:", "Ein cyfeirnod:", "Mawrth 2026", "Os na ellir ei ddosbarthu, dychweler i:",
                  "Ein hymateb cam 1 i’ch cwyn", "Ein penderfyniad", "wedi’i chadarnhau’n rhannol",
                  "Neu ysgrifennwch atom, gan nodi eich cyfeirnod", "Rhian Post"):
        assert words in text, words
    for english in ("Our reference", "If undelivered", "Our decision", "reply to this email"):
        assert english not in text, english
    # Printed later, after the resident asked for English: the letter is printed as it was written.
    Person.update(language="en").where(Person.name == "Rhian Post").execute()
    later = officer_client.get(f"/staff/cases/letters/{found['case_stage1_response'].id}.pdf")
    path.write_bytes(later.data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Ein cyfeirnod:" in text and "Our reference" not in text


def test_the_labels_residents_read_are_all_in_the_catalogue():
    shown = {*OUTCOMES.values(), *OTHER_OUTCOMES.values(), *OMBUDSMEN.values(), *EXCLUSIONS.values()}
    assert shown <= set(letters.RESIDENT_LABELS)


def test_track_shows_a_welsh_residents_decision_in_welsh(app, client):
    from tests.web import submit

    officer = signed_in(app, name="Olive Officer").user
    case = complaint_case(welsh(create_person(email="rhian@example.com", name="Rhian")))
    stages.acknowledge(case, actor=officer, at=on(3))
    stages.respond(Case.get_by_id(case.id), POINTS, remedy_apology=True, remedy_financial_pence=2500,
                   actor=officer, at=on(10))
    closing.close(Case.get_by_id(case.id), "partly_upheld", root_cause="process", actor=officer, at=on(12))
    response = submit(client, "/track", {"reference": case.reference, "contact": "rhian@example.com"})
    assert response.status_code == 302
    text = " ".join(client.get("/track/status").get_data(as_text=True).split())
    for words in ("Wedi’i chadarnhau’n rhannol", "Gwnaethom ymddiheuro am yr hyn aeth o’i le.",
                  "Rydym yn talu £25 i chi.", "Ein penderfyniad: Heb ei chadarnhau"):
        assert words in text, words


def test_a_welsh_residents_stage_2_letters_name_the_ombudsman_in_welsh(app):
    officer = signed_in(app, name="Olive Officer").user
    reviewer = signed_in(app, name="Rob Reviewer").user
    case = complaint_case(welsh(create_person(email="rhian@example.com", name="Rhian")))
    stages.acknowledge(case, actor=officer, at=on(3))
    stages.respond(Case.get_by_id(case.id), POINTS, actor=officer, at=on(10))
    stages.request_stage2(Case.get_by_id(case.id), "Ni wrandawodd neb", at=on(11))
    case = Case.get_by_id(case.id)
    stages.set_reviewer(case, reviewer, actor=officer, at=on(11))
    stages.acknowledge(case, actor=reviewer, at=on(12))
    stages.respond(Case.get_by_id(case.id), POINTS, actor=reviewer, at=on(16))
    [ack] = mail("case_stage2_acknowledgement")
    assert ack.subject.startswith("Eich cais am adolygiad cam 2 – cyfeirnod")
    [response] = mail("case_stage2_response")
    text = " ".join(response.text_body.split())
    for words in ("gallwch ofyn i’r Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol edrych ar eich cwyn.",
                  "Gwefan: https://www.lgo.org.uk/make-a-complaint", "Ffôn: 0300 061 0614",
                  "Rhowch eich cyfeirnod iddynt"):
        assert words in text, words
    for message in (ack, response):
        assert not english_in(message.text_body) and not english_in(message.html_body), message.purpose
