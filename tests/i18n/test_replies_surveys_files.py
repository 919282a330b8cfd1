"""The email auto-reply and survey invitations and reminders in the language kept for the
person (English when we do not know them: the council's first language), and the files page's
refusals in the page's language."""
import datetime
import re

from app.attachments import content
from app.mail.models import OutboxMessage
from app.people.models import Person
from tests.attachments.test_upload import start, upload
from tests.factories import create_person
from tests.i18n.test_journey import english_sentences
from tests.inbox.conftest import FIXTURES


def english_in(text):
    flat = " ".join(text.split())
    return sorted(sentence for sentence in english_sentences() if sentence in flat)


def sent(purpose):
    return list(OutboxMessage.select().where(OutboxMessage.purpose == purpose).order_by(OutboxMessage.id))


def import_mail(app, tmp_path, sender):
    message = (FIXTURES / "complaint.eml").read_text().replace("morgan.reid@example.com", sender)
    path = tmp_path / "complaint.eml"
    path.write_text(message)
    result = app.test_cli_runner().invoke(args=["email", "import", str(path)])
    assert result.exit_code == 0, result.output


def test_the_auto_reply_is_in_the_senders_kept_language(app, tmp_path):
    Person.update(language="cy").where(
        Person.id == create_person(email="morgan.reid@example.com", name="Morgan Reid").id).execute()
    import_mail(app, tmp_path, "morgan.reid@example.com")
    [reply] = sent("acknowledgement")
    assert reply.subject.startswith("Re: Formal complaint about my council tax bill [HRD-")
    text = " ".join(reply.text_body.split())
    for words in ("Helo Morgan Reid,", "Diolch am eich e-bost.", "Ateb awtomatig yw hwn.",
                  "bydd swyddog cwynion yn cysylltu â chi erbyn"):
        assert words in text, words
    assert not english_in(reply.text_body) and not english_in(reply.html_body)


def test_the_auto_reply_to_a_stranger_is_in_the_councils_first_language(app, tmp_path):
    import_mail(app, tmp_path, "new.sender@example.com")
    [reply] = sent("acknowledgement")
    assert "Thank you for your email. We have received it" in reply.text_body
    assert "This is an automatic reply." in reply.text_body


def test_survey_invitations_and_reminders_follow_the_persons_language(app):
    from surveys import invitations
    from tests.surveys.helpers import create_survey

    Person.update(language="cy").where(Person.id == create_person(email="rhian@example.com").id).execute()
    survey = create_survey(title="Arolwg y llyfrgell")
    with app.app_context():
        welsh = invitations.invite(survey, "Rhian@Example.com")
        invitations.invite(survey, "stranger@example.com")
        later = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(days=6)
        assert invitations.send_reminder(welsh.id, now=later)
    first, second, reminder = sent("survey_invitation")
    assert first.subject == "Dywedwch wrthym sut aeth pethau: Libraries"
    text = " ".join(first.text_body.split())
    assert 'drwy ateb ein harolwg byr, "Arolwg y llyfrgell".' in text and "munud:" in text
    assert not english_in(first.text_body) and not english_in(first.html_body)
    assert second.subject == "Tell us how we did: Libraries" and "It takes about" in second.text_body
    assert reminder.subject == "Nodyn atgoffa: dywedwch wrthym sut aeth pethau: Libraries"
    assert "Dyma’r unig nodyn atgoffa y byddwn yn ei anfon." in reminder.text_body
    assert not english_in(reminder.text_body) and not english_in(reminder.html_body)
    # The links open the form in the email's language.
    for message in (first, reminder):
        [link] = re.findall(r"https?://\S+/s/i/\S+", message.text_body)
        assert link.endswith("?lang=cy")
        assert f'href="{link}"' in message.html_body
    [english_link] = re.findall(r"https?://\S+/s/i/\S+", second.text_body)
    assert "lang=" not in english_link
    [welsh_link] = re.findall(r"https?://\S+/s/i/\S+", first.text_body)
    page = app.test_client().get("/" + welsh_link.split("://", 1)[1].split("/", 1)[1])
    assert page.status_code == 200 and 'lang="cy"' in page.get_data(as_text=True)


def test_file_refusals_are_in_the_pages_language(client):
    client.get("/?lang=cy")
    start(client)
    html = upload(client, ("gwag.pdf", b""), ("tudalen.html", b"<html><script></script></html>")).get_data(
        as_text=True)
    assert "gwag.pdf: Mae’r ffeil a ddewiswyd yn wag" in html
    assert ("tudalen.html: Mae’n rhaid i’r ffeil a ddewiswyd fod yn ddogfen JPG, PNG, GIF, WEBP, PDF neu "
            "Word") in html
    assert "The selected file" not in html
    client.get("/?lang=en")
    html = upload(client, ("empty.pdf", b"")).get_data(as_text=True)
    assert "empty.pdf: The selected file is empty" in html
    assert str(content.too_large_message(2 * 1024 * 1024)) == "The selected file must be smaller than 2MB"
