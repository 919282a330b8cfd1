"""Replies by post in the 3Cs journey, and wording that is true for what the resident gave: a
complaint with only a postal address, postcodes checked by shape, the address kept on the
resident, "Do not contact me" after giving a way to reply, and the confirmation page."""
from app.feedback.journey.models import FeedbackDraft
from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from app.people.models import Person
from tests.feedback.journey import COMPLAINT, COMPLIMENT, answer, fill, reference_in, send
from tests.html import main_text
from tests.web import h1_count, submit, title_starts_with_h1

ADDRESS = {"name": "Pat Post", "address_line_1": "12 Mill Lane", "address_line_2": "Upper Town",
           "address_town": "Banbury", "address_postcode": "ox16 5ab"}
BY_POST = dict(ADDRESS, preferred_contact="post")
PHONE_ONLY = {"name": "Phil Phone", "phone": "07700 900982", "preferred_contact": "phone"}
EMAIL_WORDS = "email address you gave us"


def page_text(html):
    return main_text(html)


def item_of(html):
    return FeedbackItem.get(FeedbackItem.reference == reference_in(html))


def test_a_complaint_with_only_a_postal_address_is_sent_and_the_address_kept(client):
    html = send(client, COMPLAINT, contact=BY_POST)
    item = item_of(html)
    person = item.person
    assert (person.name, person.email, person.phone) == ("Pat Post", None, None)
    assert person.postal_address == "12 Mill Lane\nUpper Town\nBanbury\nOX16 5AB"  # postcode by shape
    assert person.preferred_contact == "post" and item.preferred_contact == "post"
    assert "postal_address" in Person._meta.personal_data
    assert OutboxMessage.select().count() == 0  # nothing to email
    text = page_text(html)
    assert "Complaint sent" in text and "will write to you within 5 working days" in text
    assert "We will write to you by post at the address you gave us" in text
    assert EMAIL_WORDS not in text and "confirmation email" not in text


def test_the_check_page_shows_the_address_as_a_letter_would(client):
    fill(client, COMPLAINT, contact=BY_POST)
    text = page_text(client.get("/feedback/check").get_data(as_text=True))
    assert "Pat Post 12 Mill Lane Upper Town Banbury OX16 5AB" in text
    assert "How to contact you Post" in text


def test_an_address_without_a_preference_is_enough_for_a_complaint(client):
    contact = {key: value for key, value in BY_POST.items() if key != "preferred_contact"}
    html = send(client, COMPLAINT, contact=contact)
    assert item_of(html).person.postal_address.endswith("OX16 5AB")
    assert "by post" in page_text(html)


def test_a_half_given_address_keeps_everything_typed(client):
    answer(client, "kind", {"kind": "complaint"})
    response = answer(client, "contact", dict(BY_POST, address_postcode="not a postcode",
                                              address_town=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and title_starts_with_h1(html)[1].startswith("Error: ")
    assert 'href="#address_town"' in html and 'href="#address_postcode"' in html
    assert "Enter a full UK postcode, like AA3 1AB" in html and "Enter town or city" in html
    for value in ("Pat Post", "12 Mill Lane", "Upper Town", "not a postcode"):
        assert f'value="{value}"' in html, value
    assert 'autocomplete="postal-code"' in html and 'autocomplete="address-line1"' in html


def test_a_newer_address_and_choice_replace_the_old_ones(client):
    send(client, COMPLAINT)  # Ann, by email
    ann = Person.get(Person.email == "ann@example.com")
    assert ann.preferred_contact == "email" and ann.postal_address == ""
    send(client, COMPLAINT, contact=dict(COMPLAINT["contact"], **ADDRESS, preferred_contact="post"))
    ann = Person.get_by_id(ann.id)
    assert ann.preferred_contact == "post" and ann.postal_address.startswith("12 Mill Lane")
    assert Person.select().count() == 1


def test_an_anonymous_compliment_is_not_told_to_use_an_email_address(client):
    text = page_text(send(client, COMPLIMENT))
    assert EMAIL_WORDS not in text and "phone number you gave us" not in text
    assert "Keep your reference number and quote it if you contact us about this" in text
    assert "you cannot see its progress online and we cannot reply to you" in text


def test_a_phone_only_complaint_is_told_about_its_phone_number(client):
    text = page_text(send(client, COMPLAINT, contact=PHONE_ONLY))
    assert "use it with the phone number you gave us" in text
    assert EMAIL_WORDS not in text and "email address or phone number" not in text


def test_the_acknowledgement_names_only_the_address_it_was_sent_to(client):
    send(client, COMPLAINT)
    message = OutboxMessage.get(OutboxMessage.purpose == "acknowledgement")
    assert "your reference number and this email address" in message.text_body
    assert "or phone number you gave us" not in message.text_body


def _no_reply_page(client, contact):
    fill_to = dict(COMPLAINT)
    for slug in ("kind", "service", "what-happened", "put-right", "when", "files"):
        assert answer(client, slug, fill_to[slug]).status_code == 302
    response = answer(client, "contact", contact)
    assert response.headers["Location"].endswith("/feedback/no-contact")
    return client.get("/feedback/no-contact").get_data(as_text=True)


def test_do_not_contact_me_after_giving_an_address_asks_if_they_are_sure(client):
    html = _no_reply_page(client, dict(ADDRESS, preferred_contact="none"))
    assert h1_count(html) == 1 and "Are you sure you do not want us to contact you?" in html
    assert ("You gave us your address but asked us not to contact you. We will not be able to tell "
            "you what we decide") in page_text(html)
    assert "No, write to me by post" in html and "No, email me" not in html
    refused = answer(client, "no-contact", {})
    assert refused.status_code == 200
    assert "Select whether we may contact you" in refused.get_data(as_text=True)
    assert answer(client, "no-contact", {"choice": "none"}).headers["Location"].endswith("/feedback/support")
    answer(client, "support", {})
    answer(client, "privacy", {})
    check = page_text(client.get("/feedback/check").get_data(as_text=True))
    assert "12 Mill Lane" in check and "Do not contact me" in check  # nothing typed was lost
    response = submit(client, "/feedback/check", {})
    text = page_text(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "You asked us not to contact you, so we will not be able to tell you what we decide" in text
    assert "We will write to you" not in text


def test_choosing_a_way_to_reply_on_the_question_changes_how_we_reply(client):
    html = _no_reply_page(client, dict(ADDRESS, email="pat@example.com", preferred_contact="none"))
    text = page_text(html)
    assert "You gave us your address and email address but asked us not to contact you" in text
    assert "No, email me" in html and "No, write to me by post" in html
    answer(client, "no-contact", {"choice": "post"})
    answer(client, "support", {})
    answer(client, "privacy", {})
    assert "How to contact you Post" in page_text(client.get("/feedback/check").get_data(as_text=True))
    submit(client, "/feedback/check", {})
    item = FeedbackItem.select().order_by(FeedbackItem.id.desc()).get()
    assert item.person.preferred_contact == "post" and item.preferred_contact == "post"


def test_new_contact_details_ask_the_question_again(client):
    _no_reply_page(client, dict(ADDRESS, preferred_contact="none"))
    answer(client, "no-contact", {"choice": "none"})
    response = submit(client, "/feedback/contact?change=1", dict(ADDRESS, phone="07700 900982",
                                                                 preferred_contact="none"))
    assert response.status_code == 302
    assert client.get("/feedback/check").headers["Location"].endswith("/feedback/no-contact?change=1")
    assert FeedbackDraft.select().count() == 1


def test_do_not_contact_me_sends_no_acknowledgement_even_with_an_email_address(client):
    contact = dict(COMPLAINT["contact"], preferred_contact="none")
    _no_reply_page(client, contact)
    answer(client, "no-contact", {"choice": "none"})
    answer(client, "support", {})
    answer(client, "privacy", {})
    submit(client, "/feedback/check", {})
    assert OutboxMessage.select().count() == 0
    text = page_text(client.get("/feedback/sent").get_data(as_text=True))
    assert "confirmation email" not in text
    assert "You can use it with the email address or phone number you gave us" in text  # /track works


def test_a_comment_that_asks_for_no_reply_is_not_asked_again(client):
    answer(client, "kind", {"kind": "comment"})
    response = answer(client, "contact", dict(ADDRESS, preferred_contact="none"))
    assert response.headers["Location"].endswith("/feedback/support")


def test_an_address_typed_in_one_box_before_is_offered_in_parts():
    from app.feedback.contact_forms import ContactForm

    old = {"postal_address": "12 Mill Lane\nUpper Town\nBanbury\nOX16 5AB", "name": "Pat"}
    assert ContactForm.initial(old) == {
        "name": "Pat", "email": None, "phone": None, "preferred_contact": None,
        "address_line_1": "12 Mill Lane", "address_line_2": "Upper Town", "address_town": "Banbury",
        "address_postcode": "OX16 5AB"}
    assert ContactForm.initial({"postal_address": "Flat 2"})["address_line_1"] == "Flat 2"
